import { cacheKeysOf } from '../../search/scope-caches.js';
import { encodeTermCounts, type TermCounts, termCountsOf } from '../../search/term-counts.js';
import type { MemoryRecord } from '../../spec/memory-record.js';
import type { Scope } from '../../spec/scope.js';
import type { SqliteDatabase } from './database.js';

/** Scope fields and their columns. */
export const scopeColumns = [
  ['userId', 'user_id'],
  ['agentId', 'agent_id'],
  ['runId', 'run_id'],
  ['appId', 'app_id'],
] as const;

interface ScopeRow {
  user_id: string | null;
  agent_id: string | null;
  run_id: string | null;
  app_id: string | null;
}

function scopeOfRow(row: ScopeRow): Scope {
  const scope: Scope = {};
  for (const [field, column] of scopeColumns) if (row[column] !== null) scope[field] = row[column];
  return scope;
}

/**
 * Inserts or replaces a memory (record, unit-length Float32 vector bytes, and its {@link TermCounts}, computed when
 * not given) and logs the change with the cache keys it had before and has now. Returns those keys. Call inside a
 * write transaction.
 */
export function insertMemory(
  database: SqliteDatabase,
  record: MemoryRecord,
  vector: Uint8Array,
  terms: TermCounts = termCountsOf(record.memory, record.context),
): string[] {
  const keys = changedKeys(database, record.id, record);
  database
    .prepare(
      `INSERT INTO memories (id, user_id, agent_id, run_id, app_id, created_at, record, vector, terms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, agent_id = excluded.agent_id,
         run_id = excluded.run_id, app_id = excluded.app_id, created_at = excluded.created_at,
         record = excluded.record, vector = excluded.vector, terms = excluded.terms`,
    )
    .run(record.id, ...scopeValues(record), record.createdAt, JSON.stringify(record), vector, encodeTermCounts(terms));
  logChange(database, record.id, keys);
  return keys;
}

/**
 * Replaces a stored memory's fields (and its {@link TermCounts}, computed when not given), keeping its vector.
 * Returns the changed keys, or undefined when not stored.
 */
export function patchMemory(
  database: SqliteDatabase,
  record: MemoryRecord,
  terms: TermCounts = termCountsOf(record.memory, record.context),
): string[] | undefined {
  const keys = changedKeys(database, record.id, record);
  const result = database
    .prepare(
      `UPDATE memories SET user_id = ?, agent_id = ?, run_id = ?, app_id = ?, created_at = ?, record = ?, terms = ?
       WHERE id = ?`,
    )
    .run(...scopeValues(record), record.createdAt, JSON.stringify(record), encodeTermCounts(terms), record.id);
  if (Number(result.changes) === 0) return undefined;
  logChange(database, record.id, keys);
  return keys;
}

/** Deletes a memory; returns the keys it had, or undefined when not stored. */
export function deleteMemory(database: SqliteDatabase, id: string): string[] | undefined {
  const row = database
    .prepare('DELETE FROM memories WHERE id = ? RETURNING user_id, agent_id, run_id, app_id')
    .get(id) as ScopeRow | undefined;
  if (!row) return undefined;
  const keys = cacheKeysOf(scopeOfRow(row));
  logChange(database, id, keys);
  return keys;
}

/** The SQL condition and parameters selecting a scope's memories (every field given must be equal). */
export function scopeCondition(scope: Scope): { sql: string; parameters: string[] } {
  const parts: string[] = [];
  const parameters: string[] = [];
  for (const [field, column] of scopeColumns) {
    const value = scope[field];
    if (value === undefined) continue;
    parts.push(`${column} = ?`);
    parameters.push(value);
  }
  return { sql: parts.length === 0 ? '1' : parts.join(' AND '), parameters };
}

/** A stored vector as a Float32Array view (each BLOB comes in its own buffer, so no copy is needed). */
export function vectorOf(blob: Uint8Array): Float32Array {
  return blob.byteOffset % 4 === 0
    ? new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4)
    : new Float32Array(blob.slice().buffer);
}

/** Float32 bytes of a unit-length vector. */
export function bytesOf(vector: Float32Array): Uint8Array {
  return new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
}

function scopeValues(record: MemoryRecord): Array<string | null> {
  return scopeColumns.map(([field]) => record[field] ?? null);
}

function changedKeys(database: SqliteDatabase, id: string, record: MemoryRecord): string[] {
  const keys = cacheKeysOf(record);
  const previous = database.prepare('SELECT user_id, agent_id, run_id, app_id FROM memories WHERE id = ?').get(id) as
    | ScopeRow
    | undefined;
  if (previous) for (const key of cacheKeysOf(scopeOfRow(previous))) if (!keys.includes(key)) keys.push(key);
  return keys;
}

function logChange(database: SqliteDatabase, id: string, keys: string[]): void {
  database.prepare('INSERT INTO changes (memory_id, scope_keys) VALUES (?, ?)').run(id, JSON.stringify(keys));
}
