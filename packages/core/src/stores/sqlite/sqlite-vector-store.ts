import { randomUUID } from 'node:crypto';
import { inScope } from '../../engine/scope.js';
import { StoreError } from '../../errors.js';
import { compileFilter } from '../../filters/compile-filter.js';
import { cacheKeyOf, ScopeCaches } from '../../search/scope-caches.js';
import type { ScopeIndex } from '../../search/scope-index.js';
import { embedderChanged, unitVector } from '../../search/scope-index.js';
import { decodeTermCounts, encodeTermCounts, type TermCounts, termCountsOf } from '../../search/term-counts.js';
import type { MemoryRecord, VectorEntry } from '../../spec/memory-record.js';
import type { Scope } from '../../spec/scope.js';
import type {
  ListPage,
  ListRequest,
  ScoredRecord,
  VectorQuery,
  VectorQueryResult,
  VectorStore,
} from '../../spec/vector-store.js';
import { decodeCursor, encodeCursor } from '../in-memory/cursor.js';
import { copyRecord } from '../in-memory/vector-store.js';
import type { SqliteDatabase } from './database.js';
import {
  bytesOf,
  deleteMemory,
  insertMemory,
  patchMemory,
  scopeColumns,
  scopeCondition,
  vectorOf,
} from './memory-rows.js';

/** Changes kept for other connections to catch up from; one that falls further behind rebuilds its caches. */
const keptChanges = 100_000;
const idChunk = 500;

/**
 * The vector store on SQLite. SQLite is the source of truth; searches run on per-scope in-process indexes
 * ({@link ScopeCaches}) built on first use and brought up to date, before each search, from the `changes` table when
 * `PRAGMA data_version` says another connection (another process, or another `Memory` on the same path) committed.
 * `fetch` and `list` read SQLite directly (`list` seeks by `(created_at, id)`, so a page costs O(page)).
 */
export class SqliteVectorStore implements VectorStore {
  readonly name = 'sqlite';
  /** Every query first catches up with all connections' commits (see the class comment). */
  readonly consistentQueries = true;
  private readonly caches: ScopeCaches;
  private seenVersion: number;
  private lastSeq: number;
  private epoch: string;
  private writes = 0;
  /** Rows read without stored terms (written before schema 2) while building an index: `[id, record, terms]`. */
  private missingTerms: Array<[string, string, string]> = [];

  constructor(private readonly database: SqliteDatabase) {
    database.retain();
    this.caches = new ScopeCaches(this.name, database.options.contextWeight ?? 0.7, database.options.cacheSize ?? 1e6);
    this.seenVersion = database.run('open', () => database.dataVersion());
    this.lastSeq = this.maxSeq();
    this.epoch = database.meta('epoch') ?? '';
  }

  async upsert(entries: VectorEntry[]): Promise<void> {
    if (entries.length === 0) return;
    for (const entry of entries) {
      if (entry.record.id.length === 0) throw new StoreError(this.name, 'upsert', 'records need an id');
    }
    const vectors = entries.map((entry) => unitVector(entry.vector));
    const terms = entries.map(({ record }) => termCountsOf(record.memory, record.context));
    const changed = this.write('upsert', () => {
      const stored = this.database.prepare('SELECT length(vector) AS bytes FROM memories LIMIT 1').get() as
        | { bytes: number }
        | undefined;
      const expected = stored ? stored.bytes / 4 : vectors[0]!.length;
      for (const vector of vectors) {
        if (vector.length !== expected || expected === 0) {
          throw new StoreError(
            this.name,
            'upsert',
            `vector dimension ${vector.length} differs from ${expected}: ${embedderChanged}`,
          );
        }
      }
      return entries.map((entry, index) =>
        insertMemory(this.database, entry.record, bytesOf(vectors[index]!), terms[index]),
      );
    });
    entries.forEach((entry, index) => {
      this.caches.remove(entry.record.id, changed[index]!);
      this.caches.set(copyRecord(entry.record), vectors[index]!, terms[index]);
    });
  }

  async patch(records: MemoryRecord[]): Promise<void> {
    if (records.length === 0) return;
    const changed = this.write('patch', () => records.map((record) => patchMemory(this.database, record)));
    records.forEach((record, index) => {
      const keys = changed[index];
      if (keys && this.caches.holdsAny(keys)) this.refresh(record.id, keys);
    });
  }

  async fetch(ids: string[], scope?: Scope): Promise<Array<MemoryRecord | undefined>> {
    const found = new Map<string, MemoryRecord>();
    this.database.run('fetch', () => {
      for (let start = 0; start < ids.length; start += idChunk) {
        const chunk = ids.slice(start, start + idChunk);
        const rows = this.database
          .prepare(`SELECT record FROM memories WHERE id IN (${chunk.map(() => '?').join(', ')})`)
          .all(...chunk) as Array<{ record: string }>;
        for (const row of rows) {
          const record = JSON.parse(row.record) as MemoryRecord;
          found.set(record.id, record);
        }
      }
    });
    return ids.map((id) => {
      const record = found.get(id);
      return record && (!scope || inScope(record, scope)) ? record : undefined;
    });
  }

  async query(request: VectorQuery): Promise<VectorQueryResult> {
    const index = this.database.run('query', () => {
      this.sync();
      return this.indexOf(request.scope);
    });
    if (this.missingTerms.length > 0) this.storeMissingTerms();
    const result = index.query({
      scope: request.scope,
      topK: request.topK,
      ...(request.vector ? { vector: request.vector } : {}),
      ...(request.text !== undefined ? { text: request.text } : {}),
      ...(request.filter ? { accepts: compileFilter(request.filter) } : {}),
    });
    const copy = (hits: ScoredRecord[]): ScoredRecord[] =>
      hits.map((hit) => ({ ...hit, record: copyRecord(hit.record) }));
    return { dense: copy(result.dense), ...(result.lexical ? { lexical: copy(result.lexical) } : {}) };
  }

  async list(request: ListRequest): Promise<ListPage> {
    const limit = request.limit ?? 100;
    let after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    const accepts = request.filter ? compileFilter(request.filter) : undefined;
    const { sql, parameters } = scopeCondition(request.scope);
    const batch = Math.max(limit + 1, 64);
    const records: MemoryRecord[] = [];
    this.database.run('list', () => {
      for (;;) {
        const rows = (
          after
            ? this.database
                .prepare(
                  `SELECT record FROM memories WHERE ${sql} AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?`,
                )
                .all(...parameters, after.createdAt, after.id, batch)
            : this.database
                .prepare(`SELECT record FROM memories WHERE ${sql} ORDER BY created_at, id LIMIT ?`)
                .all(...parameters, batch)
        ) as Array<{ record: string }>;
        for (const row of rows) {
          const record = JSON.parse(row.record) as MemoryRecord;
          after = record;
          if (!accepts || accepts(record)) records.push(record);
          if (records.length > limit) return;
        }
        if (rows.length < batch) return;
      }
    });
    const page = records.slice(0, limit);
    const last = page.at(-1);
    return records.length > limit && last
      ? { records: page, nextCursor: encodeCursor(last.createdAt, last.id) }
      : { records: page };
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const changed = this.write('delete', () => ids.map((id) => deleteMemory(this.database, id)));
    ids.forEach((id, index) => {
      const keys = changed[index];
      if (keys) this.caches.remove(id, keys);
    });
  }

  async deleteScope(scope: Scope): Promise<string[]> {
    const { sql, parameters } = scopeCondition(scope);
    const removed = this.write('deleteScope', () => {
      const rows = this.database
        .prepare(`SELECT id FROM memories WHERE ${sql} ORDER BY created_at, id`)
        .all(...parameters) as Array<{ id: string }>;
      return rows.map((row) => ({ id: row.id, keys: deleteMemory(this.database, row.id)! }));
    });
    for (const { id, keys } of removed) this.caches.remove(id, keys);
    return removed.map((item) => item.id);
  }

  async reset(): Promise<void> {
    const epoch = randomUUID();
    this.write(
      'reset',
      () => {
        this.database.connection.exec('DELETE FROM memories; DELETE FROM changes;');
        this.database.setMeta('epoch', epoch);
      },
      true,
    );
    this.caches.clear();
    this.epoch = epoch;
  }

  async close(): Promise<void> {
    this.caches.clear();
    this.database.release();
  }

  /**
   * A write transaction that first catches up with other connections' commits (none can land while it runs), so
   * afterwards the caches are exactly SQLite's state plus this write.
   */
  private write<T>(operation: string, body: () => T, durable = false): T {
    let last = this.lastSeq;
    const result = this.database.write(
      operation,
      () => {
        this.seenVersion = this.database.dataVersion();
        this.catchUp();
        const value = body();
        last = this.maxSeq();
        this.writes += 1;
        if (this.writes % 1_000 === 0 && last > keptChanges) {
          this.database.prepare('DELETE FROM changes WHERE seq <= ?').run(last - keptChanges);
          this.database.setMeta('pruned_through', String(last - keptChanges));
        }
        return value;
      },
      durable,
    );
    this.lastSeq = last;
    return result;
  }

  private sync(): void {
    const version = this.database.dataVersion();
    if (version === this.seenVersion) return;
    this.seenVersion = version;
    this.catchUp();
  }

  /** Applies other connections' changes after `lastSeq` to the held indexes, or drops them when too far behind. */
  private catchUp(): void {
    const epoch = this.database.meta('epoch') ?? '';
    const prunedThrough = Number(this.database.meta('pruned_through') ?? 0);
    if (epoch !== this.epoch || this.lastSeq < prunedThrough || this.caches.isEmpty()) {
      this.caches.clear();
      this.epoch = epoch;
      this.lastSeq = this.maxSeq();
      return;
    }
    const rows = this.database
      .prepare('SELECT seq, memory_id, scope_keys FROM changes WHERE seq > ? ORDER BY seq')
      .all(this.lastSeq) as Array<{ seq: number; memory_id: string; scope_keys: string }>;
    const changed = new Map<string, string[]>();
    for (const row of rows) {
      this.lastSeq = row.seq;
      const keys = JSON.parse(row.scope_keys) as string[];
      changed.set(row.memory_id, [...new Set([...(changed.get(row.memory_id) ?? []), ...keys])]);
    }
    for (const [id, keys] of changed) if (this.caches.holdsAny(keys)) this.refresh(id, keys);
  }

  /** Re-reads one memory into the held indexes under `keys`. */
  private refresh(id: string, keys: string[]): void {
    this.caches.remove(id, keys);
    const row = this.database.prepare('SELECT record, vector, terms FROM memories WHERE id = ?').get(id) as
      | IndexRow
      | undefined;
    if (row) this.caches.set(...indexEntry(row));
  }

  /**
   * The index of `scope`, built on first use from the rows of its first scope field, in list order (so each record
   * is appended) and with their stored terms (so nothing is tokenized but rows written before schema 2).
   */
  private indexOf(scope: Scope): ScopeIndex {
    return this.caches.get(
      scope,
      function* (this: SqliteVectorStore) {
        const key = cacheKeyOf(scope);
        const column = scopeColumns.find(([field]) => key.startsWith(`${field}\u0000`))?.[1];
        const rows = (
          column === undefined
            ? this.database.prepare('SELECT record, vector, terms FROM memories ORDER BY created_at, id').iterate()
            : this.database
                .prepare(`SELECT record, vector, terms FROM memories WHERE ${column} = ? ORDER BY created_at, id`)
                .iterate(key.slice(key.indexOf('\u0000') + 1))
        ) as Iterable<IndexRow>;
        for (const row of rows) {
          const [record, vector, terms] = indexEntry(row);
          if (row.terms === null) this.missingTerms.push([record.id, row.record, encodeTermCounts(terms)]);
          yield { record, vector, terms };
        }
      }.bind(this),
    );
  }

  /**
   * Stores the terms of rows an index build had to tokenize, so the next build (in any process) does not: only where
   * the row still has no terms and the same record (another writer may have changed it meanwhile). Changes no record,
   * so nothing is logged. Best effort: when the database is busy or read-only, the next build tokenizes again.
   */
  private storeMissingTerms(): void {
    const missing = this.missingTerms;
    this.missingTerms = [];
    try {
      this.database.write('storeTerms', () => {
        const update = this.database.prepare(
          'UPDATE memories SET terms = ? WHERE id = ? AND terms IS NULL AND record = ?',
        );
        for (const [id, record, terms] of missing) update.run(terms, id, record);
      });
    } catch {
      // Only a cache of what the record's text says: losing it costs the next build its tokenizing, nothing else.
    }
  }

  private maxSeq(): number {
    return (this.database.prepare('SELECT coalesce(max(seq), 0) AS seq FROM changes').get() as { seq: number }).seq;
  }
}

/** The columns a scope index is built from. */
interface IndexRow {
  record: string;
  vector: Uint8Array;
  terms: string | null;
}

/** A row as what {@link ScopeCaches.set} takes: the record, its vector, and its terms (computed when not stored). */
function indexEntry(row: IndexRow): [MemoryRecord, Float32Array, TermCounts] {
  const record = JSON.parse(row.record) as MemoryRecord;
  const terms =
    (row.terms === null ? undefined : decodeTermCounts(row.terms)) ?? termCountsOf(record.memory, record.context);
  return [record, vectorOf(row.vector), terms];
}
