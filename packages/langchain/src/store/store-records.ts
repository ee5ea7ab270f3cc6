import { getTextAtPath, InvalidNamespaceError, type Item } from '@langchain/langgraph-checkpoint';
import type { FilterInput, MemoryRecord, Scope, ScopeKey } from '@memzero/core';
import { ValidationError } from '@memzero/core';

/**
 * Where a store item lives inside a memory's metadata. Only `langgraph` is a top-level metadata key, so the
 * application's own metadata conventions are untouched:
 * `{ langgraph: { path: 'users:u1', prefixes: ['users', 'users:u1'], namespace: ['users', 'u1'], key, value } }`.
 */
export interface StoreItemMetadata {
  /** The namespace joined with `:` (labels cannot contain `:`). */
  path: string;
  /** Every prefix of the namespace, joined with `:`, for prefix search with the `contains` filter. */
  prefixes: string[];
  namespace: string[];
  key: string;
  value: Record<string, unknown>;
}

/** Positions of namespace labels that are scope fields, e.g. `{ userId: 1 }` for `['memories', '<userId>']`. */
export type NamespaceScope = Partial<Record<ScopeKey, number>>;

export function validateStoreNamespace(namespace: string[]): void {
  if (namespace.some((label) => label.includes(':'))) {
    throw new InvalidNamespaceError("Namespace labels cannot contain colons (':'), Mem0Store's path separator.");
  }
}

/**
 * The scope of a namespace (or of a search prefix): the store's base scope plus every mapped label the namespace
 * reaches. A prefix too short to reach a mapped label leaves that field unconstrained.
 */
export function scopeOfNamespace(base: Scope, mapping: NamespaceScope, namespace: string[]): Scope {
  const scope: Scope = { ...base };
  for (const [field, position] of Object.entries(mapping) as Array<[ScopeKey, number]>) {
    const label = namespace[position];
    if (label !== undefined) scope[field] = label;
  }
  return scope;
}

export function itemMetadata(namespace: string[], key: string, value: Record<string, unknown>): StoreItemMetadata {
  const prefixes = namespace.map((_, index) => namespace.slice(0, index + 1).join(':'));
  return { path: namespace.join(':'), prefixes, namespace, key, value };
}

/** A filter selecting one item. */
export function itemFilter(namespace: string[], key: string): FilterInput {
  return { AND: [{ 'metadata.langgraph.path': namespace.join(':') }, { 'metadata.langgraph.key': key }] };
}

/** A filter selecting the items under a namespace prefix (everything the store wrote, for an empty prefix). */
export function prefixFilter(prefix: string[]): FilterInput {
  if (prefix.length === 0) return { 'metadata.langgraph.path': '*' };
  return { 'metadata.langgraph.prefixes': { contains: prefix.join(':') } };
}

/** A store item from a memory the store wrote, or `undefined` for any other memory. */
export function toItem(record: MemoryRecord): Item | undefined {
  const stored = record.metadata.langgraph as StoreItemMetadata | undefined;
  if (!stored || !Array.isArray(stored.namespace) || typeof stored.key !== 'string') return undefined;
  return {
    namespace: stored.namespace,
    key: stored.key,
    value: stored.value,
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
  };
}

/**
 * The text a value is indexed (embedded and lexically scored) by: the texts at `fields` (LangGraph paths, `$` for
 * the whole value as JSON), one per line. Falls back to the whole value as JSON when the fields hold no text, so
 * every item stays findable.
 */
export function indexText(value: Record<string, unknown>, fields: string[]): string {
  const texts: string[] = [];
  for (const field of fields) {
    texts.push(...(field === '$' ? [JSON.stringify(value)] : getTextAtPath(value, field)));
  }
  const text = texts.filter((part) => part.trim().length > 0).join('\n');
  return text.length > 0 ? text : JSON.stringify(value);
}

const operators: Record<string, string> = {
  $eq: 'eq',
  $ne: 'ne',
  $gt: 'gt',
  $gte: 'gte',
  $lt: 'lt',
  $lte: 'lte',
  $in: 'in',
  $nin: 'nin',
};
const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * LangGraph's store filter (exact match or `$eq $ne $gt $gte $lt $lte $in $nin` on top-level value keys) in Mem0's
 * filter DSL, on `metadata.langgraph.value.<key>`.
 */
export function translateStoreFilter(filter: Record<string, unknown>): FilterInput[] {
  const conditions: FilterInput[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (!identifier.test(key)) {
      throw new ValidationError(`filter.${key}`, 'Mem0Store filters on value keys made of letters, digits and _');
    }
    const field = `metadata.langgraph.value.${key}`;
    const isOperators =
      typeof condition === 'object' &&
      condition !== null &&
      !Array.isArray(condition) &&
      Object.keys(condition).every((name) => name in operators);
    if (isOperators) {
      for (const [name, operand] of Object.entries(condition)) {
        conditions.push({ [field]: { [operators[name] ?? 'eq']: scalarOperand(key, operand, name) } });
      }
    } else {
      conditions.push({ [field]: { eq: scalarOperand(key, condition, '$eq') } });
    }
  }
  return conditions;
}

function scalarOperand(key: string, operand: unknown, operator: string): unknown {
  const isScalar = (value: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof value);
  const valid =
    operator === '$in' || operator === '$nin' ? Array.isArray(operand) && operand.every(isScalar) : isScalar(operand);
  if (!valid) {
    throw new ValidationError(
      `filter.${key}`,
      `Mem0Store compares strings, numbers and booleans${operator.endsWith('in') ? ' (a list of them for $in/$nin)' : ''}`,
    );
  }
  return operand;
}
