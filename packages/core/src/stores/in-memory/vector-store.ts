import { inScope } from '../../engine/scope.js';
import { StoreError } from '../../errors.js';
import { compileFilter } from '../../filters/compile-filter.js';
import { cacheKeyOf, cacheKeysOf, ScopeCaches } from '../../search/scope-caches.js';
import { embedderChanged, unitVector } from '../../search/scope-index.js';
import type { MemoryRecord, VectorEntry } from '../../spec/memory-record.js';
import type { Scope } from '../../spec/scope.js';
import type { ListPage, ListRequest, VectorQuery, VectorQueryResult, VectorStore } from '../../spec/vector-store.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export interface InMemoryVectorStoreOptions {
  /** Weight of a record's `context` terms relative to its own in the lexical signal. @default 0.7 */
  contextWeight?: number;
}

interface Entry {
  record: MemoryRecord;
  vector: Float32Array;
}

/**
 * The embedded search index, purely in memory (pass `path` to `Memory` for the durable SQLite store): exact dense
 * scoring and BM25 over per-scope indexes built on first use, so a query or a page of `list` costs what its scope
 * holds, not what the store holds.
 */
export function createInMemoryVectorStore(options: InMemoryVectorStoreOptions = {}): VectorStore {
  return new InMemoryVectorStore(options.contextWeight ?? 0.7);
}

class InMemoryVectorStore implements VectorStore {
  readonly name = 'in-memory';
  readonly consistentQueries = true;
  private readonly entries = new Map<string, Entry>();
  /** Ids per cache key (`userId\0alice`, ...): what a scope's index is built from. */
  private readonly idsByKey = new Map<string, Set<string>>();
  private readonly caches: ScopeCaches;
  private dimension = 0;

  constructor(contextWeight: number) {
    this.caches = new ScopeCaches(this.name, contextWeight);
  }

  async upsert(entries: VectorEntry[]): Promise<void> {
    const expected = this.dimension || (entries[0]?.vector.length ?? 0);
    for (const entry of entries) {
      if (entry.record.id.length === 0) throw new StoreError(this.name, 'upsert', 'records need an id');
      if (entry.vector.length !== expected || expected === 0) {
        throw new StoreError(
          this.name,
          'upsert',
          `vector dimension ${entry.vector.length} differs from ${expected}: ${embedderChanged}`,
        );
      }
    }
    this.dimension = expected;
    for (const entry of entries) this.put(copyRecord(entry.record), unitVector(entry.vector));
  }

  async patch(records: MemoryRecord[]): Promise<void> {
    for (const record of records) {
      const existing = this.entries.get(record.id);
      if (existing) this.put(copyRecord(record), existing.vector);
    }
  }

  async fetch(ids: string[], scope?: Scope): Promise<Array<MemoryRecord | undefined>> {
    return ids.map((id) => {
      const record = this.entries.get(id)?.record;
      return record && (!scope || inScope(record, scope)) ? copyRecord(record) : undefined;
    });
  }

  async query(request: VectorQuery): Promise<VectorQueryResult> {
    const result = this.indexOf(request.scope).query({
      scope: request.scope,
      topK: request.topK,
      ...(request.vector ? { vector: request.vector } : {}),
      ...(request.text !== undefined ? { text: request.text } : {}),
      ...(request.filter ? { accepts: compileFilter(request.filter) } : {}),
    });
    const copy = (hits: VectorQueryResult['dense']) => hits.map((hit) => ({ ...hit, record: copyRecord(hit.record) }));
    return { dense: copy(result.dense), ...(result.lexical ? { lexical: copy(result.lexical) } : {}) };
  }

  async list(request: ListRequest): Promise<ListPage> {
    const limit = request.limit ?? 100;
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    const accepts = request.filter ? compileFilter(request.filter) : undefined;
    const records = this.indexOf(request.scope).page(request.scope, accepts, after, limit);
    const page = records.slice(0, limit).map(copyRecord);
    const last = page.at(-1);
    return records.length > limit && last
      ? { records: page, nextCursor: encodeCursor(last.createdAt, last.id) }
      : { records: page };
  }

  async delete(ids: string[]): Promise<void> {
    for (const id of ids) this.remove(id);
  }

  async deleteScope(scope: Scope): Promise<string[]> {
    const ids = this.indexOf(scope)
      .all()
      .filter((record) => inScope(record, scope))
      .map((record) => record.id);
    for (const id of ids) this.remove(id);
    return ids;
  }

  async reset(): Promise<void> {
    this.entries.clear();
    this.idsByKey.clear();
    this.caches.clear();
    this.dimension = 0;
  }

  private indexOf(scope: Scope) {
    return this.caches.get(scope, () => {
      const key = cacheKeyOf(scope);
      const ids = key === '*' ? this.entries.keys() : (this.idsByKey.get(key) ?? []);
      return [...ids].map((id) => this.entries.get(id)!);
    });
  }

  private put(record: MemoryRecord, vector: Float32Array): void {
    const previous = this.entries.get(record.id)?.record;
    if (previous) this.unlink(previous);
    this.entries.set(record.id, { record, vector });
    for (const key of cacheKeysOf(record)) {
      if (key === '*') continue;
      let ids = this.idsByKey.get(key);
      if (!ids) {
        ids = new Set();
        this.idsByKey.set(key, ids);
      }
      ids.add(record.id);
    }
    if (previous) this.caches.remove(record.id, cacheKeysOf(previous));
    this.caches.set(record, vector);
  }

  private remove(id: string): void {
    const previous = this.entries.get(id)?.record;
    if (!previous) return;
    this.unlink(previous);
    this.entries.delete(id);
    this.caches.remove(id, cacheKeysOf(previous));
  }

  private unlink(record: MemoryRecord): void {
    for (const key of cacheKeysOf(record)) {
      const ids = this.idsByKey.get(key);
      ids?.delete(record.id);
      if (ids?.size === 0) this.idsByKey.delete(key);
    }
  }
}

/** Records are plain JSON; a copy keeps callers from changing what the store holds. */
export function copyRecord(record: MemoryRecord): MemoryRecord {
  return { ...record, metadata: structuredClone(record.metadata) };
}
