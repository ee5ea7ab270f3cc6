import { base64UrlToText, textToBase64Url } from '../../../runtime/base64.js';
import type { MemoryRecord, MemoryStatus, MemoryType } from '../../../spec/memory-record.js';
import { scopeKeys } from '../../../spec/scope.js';

/** Engine string fields stored base64url-encoded, so a compiled filter never quotes caller-controlled text. */
export const encodedFields = ['userId', 'agentId', 'runId', 'appId', 'id', 'hash', 'memoryType', 'status'] as const;
/** Engine date fields stored as epoch milliseconds (numbers), which is how filters compare them. */
export const dateFieldNames = ['createdAt', 'updatedAt', 'expiresAt', 'invalidatedAt', 'eventAt'] as const;
/** Engine number fields. */
export const numberFields: ReadonlySet<string> = new Set(['version', ...dateFieldNames]);
/** A field every stored record has: the layout version (also the always-true / always-false anchor). */
export const layoutField = 'v';

export type StoredMetadata = Record<string, unknown>;

export function encodeText(value: string): string {
  return textToBase64Url(value);
}

function decodeText(value: unknown): string | undefined {
  return typeof value === 'string' ? base64UrlToText(value) : undefined;
}

/**
 * The Upstash metadata of a record: flat, typed, filterable. The text goes to `data` (up to 1 MB, not filterable);
 * the application's metadata is kept verbatim under `metadata` (so `metadata.topic` filters address it directly);
 * ISO dates are kept under `iso` so records read back exactly.
 */
export function toStoredMetadata(record: MemoryRecord): StoredMetadata {
  const stored: StoredMetadata = { [layoutField]: 1 };
  const source = record as unknown as Record<string, unknown>;
  for (const field of encodedFields) {
    const value = source[field];
    if (typeof value === 'string') stored[field] = encodeText(value);
  }
  stored.version = record.version;
  const iso: Record<string, string> = {};
  for (const field of dateFieldNames) {
    const value = source[field];
    if (typeof value !== 'string') continue;
    iso[field] = value;
    const time = Date.parse(value);
    if (Number.isFinite(time)) stored[field] = time;
  }
  stored.iso = iso;
  stored.metadata = record.metadata;
  return stored;
}

/** Reads a record back; `undefined` for vectors that are not memzero records. */
export function fromStored(id: string, metadata: unknown, data: unknown): MemoryRecord | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const stored = metadata as StoredMetadata;
  if (stored[layoutField] !== 1) return undefined;
  const iso = (stored.iso ?? {}) as Record<string, string>;
  const record: MemoryRecord = {
    id: decodeText(stored.id) ?? id,
    memory: typeof data === 'string' ? data : '',
    hash: decodeText(stored.hash) ?? '',
    metadata: (stored.metadata ?? {}) as Record<string, unknown>,
    memoryType: (decodeText(stored.memoryType) ?? 'semantic_memory') as MemoryType,
    status: (decodeText(stored.status) ?? 'active') as MemoryStatus,
    version: typeof stored.version === 'number' ? stored.version : 1,
    createdAt: iso.createdAt ?? new Date(Number(stored.createdAt ?? 0)).toISOString(),
    updatedAt: iso.updatedAt ?? new Date(Number(stored.updatedAt ?? 0)).toISOString(),
  };
  for (const key of scopeKeys) {
    const value = decodeText(stored[key]);
    if (value !== undefined) record[key] = value;
  }
  if (iso.expiresAt !== undefined) record.expiresAt = iso.expiresAt;
  if (iso.invalidatedAt !== undefined) record.invalidatedAt = iso.invalidatedAt;
  if (iso.eventAt !== undefined) record.eventAt = iso.eventAt;
  return record;
}
