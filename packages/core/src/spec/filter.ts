/**
 * Mem0's filter DSL, as callers write it:
 * - equality `{ key: value }`, sibling keys ANDed;
 * - operators `{ key: { eq | ne | gt | gte | lt | lte | in | nin | contains | icontains: value } }`;
 * - wildcard `{ key: '*' }` (the field exists);
 * - logic `{ AND: [...] }`, `{ OR: [...] }`, `{ NOT: [...] }` (NOT of a list means none of them).
 * Keys name metadata fields (`topic`, `metadata.topic`), scope fields (`userId` / `user_id`, ...: these can only
 * narrow the call's scope) or engine fields (`createdAt` / `created_at`, `updatedAt`, `memoryType`, `expiresAt`,
 * `eventAt` / `event_at` / `timestamp`). Dates are Dates, epoch milliseconds or ISO 8601 strings; without an offset
 * they are read in the configured `timeZone`, and a bare date (`2026-12-01`) is that whole day there.
 */
export type FilterInput = { [key: string]: unknown };

/** Comparison operators of the DSL. */
export type FilterOperator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'contains' | 'icontains';

/** A scalar a filter compares with. Dates are compared as ISO 8601 strings converted to epoch milliseconds. */
export type FilterValue = string | number | boolean;

/**
 * A field a filter node reads: an engine field of {@link MemoryRecord} (`userId`, `createdAt`, `status`, ...), or a
 * metadata path written `metadata.<key>` where every segment is a {@link isMetadataKey metadata key}.
 */
export type FilterField = string;

/** The parsed filter: what stores evaluate or compile. Built by `parseFilter`, never by hand from user input. */
export type FilterNode =
  | { kind: 'and'; nodes: FilterNode[] }
  | { kind: 'or'; nodes: FilterNode[] }
  | { kind: 'not'; node: FilterNode }
  | { kind: 'compare'; field: FilterField; operator: FilterOperator; value: FilterValue | FilterValue[] }
  | { kind: 'exists'; field: FilterField };

const metadataKeyPattern = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;
/** Names every object inherits (`{}.constructor`, `{}.__proto__`): never a metadata key, so a lookup never finds them. */
const inheritedNames: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Whether `key` can be a metadata key: a letter or `_`, then letters, digits, `_` or `-` (Mem0 accepts hyphenated
 * keys; Upstash's filter language reads them as one identifier), at most 128 characters, and not a name every
 * object inherits (`constructor`, `toString`, `__proto__`, ...). The same rule applies on write and in filters, so
 * every stored key can be filtered and a filter never names a key that cannot be stored.
 */
export function isMetadataKey(key: string): boolean {
  return metadataKeyPattern.test(key) && !inheritedNames.has(key);
}
