import { join } from 'node:path';
import { inScope } from '../../engine/scope.js';
import { StoreError } from '../../errors.js';
import { evaluateFilter } from '../../filters/evaluate-filter.js';
import { Bm25Index } from '../../search/bm25-index.js';
import { topK } from '../../search/top-k.js';
import type { MemoryRecord, VectorEntry } from '../../spec/memory-record.js';
import { type Scope, scopeKeys } from '../../spec/scope.js';
import type {
  ListPage,
  ListRequest,
  ScoredRecord,
  VectorQuery,
  VectorQueryResult,
  VectorStore,
} from '../../spec/vector-store.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { FileJournal } from './file-journal.js';

export interface InMemoryVectorStoreOptions {
  /**
   * A directory to persist to (`vectors.log` and `vectors.snapshot.json` inside). Without it, data lives only in
   * this process.
   */
  path?: string;
  /** fsync every write. @default true */
  fsync?: boolean;
  /** Weight of a record's `context` terms relative to its own in the lexical signal. @default 0.7 */
  contextWeight?: number;
}

interface StoredEntry {
  record: MemoryRecord;
  vector: Float32Array;
}

type Operation =
  | { kind: 'upsert'; record: MemoryRecord; vector: string }
  | { kind: 'patch'; record: MemoryRecord }
  | { kind: 'delete'; ids: string[] }
  | { kind: 'reset' };

/**
 * The embedded search index: exact (brute-force) dense scoring, an incremental BM25 index for the lexical signal,
 * per-scope indexes so a query only touches its own scope, and optional crash-safe file persistence.
 */
export function createInMemoryVectorStore(options: InMemoryVectorStoreOptions = {}): VectorStore {
  return new InMemoryVectorStore(options);
}

class InMemoryVectorStore implements VectorStore {
  readonly name = 'in-memory';
  private readonly entries = new Map<string, StoredEntry>();
  private readonly scopeIndex = new Map<string, Set<string>>();
  private readonly lexical = new Bm25Index();
  private readonly journal: FileJournal<Array<{ record: MemoryRecord; vector: string }>, Operation> | undefined;
  private readonly contextWeight: number;

  constructor(options: InMemoryVectorStoreOptions) {
    this.contextWeight = options.contextWeight ?? 0.7;
    if (options.path === undefined) return;
    this.journal = new FileJournal(this.name, join(options.path, 'vectors'), { fsync: options.fsync ?? true });
    const { snapshot, operations } = this.journal.load();
    for (const item of snapshot ?? []) this.apply({ kind: 'upsert', ...item });
    for (const operation of operations) this.apply(operation);
  }

  async upsert(entries: VectorEntry[]): Promise<void> {
    const operations = entries.map(
      (entry): Operation => ({ kind: 'upsert', record: entry.record, vector: encodeVector(entry.vector) }),
    );
    this.commit(operations);
  }

  async patch(records: MemoryRecord[]): Promise<void> {
    this.commit(records.filter((record) => this.entries.has(record.id)).map((record) => ({ kind: 'patch', record })));
  }

  async fetch(ids: string[], scope?: Scope): Promise<Array<MemoryRecord | undefined>> {
    return ids.map((id) => {
      const record = this.entries.get(id)?.record;
      return record && (!scope || inScope(record, scope)) ? structuredClone(record) : undefined;
    });
  }

  async query(request: VectorQuery): Promise<VectorQueryResult> {
    const allowed = new Set<string>();
    for (const id of this.candidates(request.scope)) {
      const record = this.entries.get(id)?.record;
      if (record && inScope(record, request.scope) && (!request.filter || evaluateFilter(request.filter, record))) {
        allowed.add(id);
      }
    }
    const dense = request.vector ? this.denseScores(request.vector, allowed, request.topK) : [];
    const result: VectorQueryResult = { dense };
    if (request.text !== undefined) {
      const scores = this.lexical.score(request.text, (id) => allowed.has(id));
      const best = topK(
        [...scores].map(([id, score]) => ({ id, score })),
        request.topK,
      );
      result.lexical = best.map(({ id, score }) => ({ record: structuredClone(this.entries.get(id)!.record), score }));
    }
    return result;
  }

  async list(request: ListRequest): Promise<ListPage> {
    const limit = request.limit ?? 100;
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    const records: MemoryRecord[] = [];
    for (const id of this.candidates(request.scope)) {
      const record = this.entries.get(id)?.record;
      if (!record || !inScope(record, request.scope)) continue;
      if (request.filter && !evaluateFilter(request.filter, record)) continue;
      if (after && compareOrder(record, after) <= 0) continue;
      records.push(record);
    }
    records.sort((left, right) => compareOrder(left, right));
    const page = records.slice(0, limit).map((record) => structuredClone(record));
    const last = page.at(-1);
    return records.length > limit && last
      ? { records: page, nextCursor: encodeCursor(last.createdAt, last.id) }
      : { records: page };
  }

  async delete(ids: string[]): Promise<void> {
    this.commit([{ kind: 'delete', ids: ids.filter((id) => this.entries.has(id)) }]);
  }

  async deleteScope(scope: Scope): Promise<string[]> {
    const ids = [...this.candidates(scope)].filter((id) => {
      const record = this.entries.get(id)?.record;
      return record !== undefined && inScope(record, scope);
    });
    this.commit([{ kind: 'delete', ids }]);
    return ids;
  }

  async reset(): Promise<void> {
    this.commit([{ kind: 'reset' }]);
  }

  async close(): Promise<void> {
    this.journal?.close();
  }

  private commit(operations: Operation[]): void {
    const effective = operations.filter((operation) => operation.kind !== 'delete' || operation.ids.length > 0);
    if (effective.length === 0) return;
    for (const operation of effective) {
      if (operation.kind === 'upsert' && operation.record.id.length === 0) {
        throw new StoreError(this.name, 'upsert', 'records need an id');
      }
    }
    this.journal?.append(effective);
    for (const operation of effective) this.apply(operation);
    if (this.journal?.shouldCompact(this.entries.size)) {
      this.journal.compact(
        [...this.entries.values()].map((entry) => ({ record: entry.record, vector: encodeVector(entry.vector) })),
      );
    }
  }

  private apply(operation: Operation): void {
    switch (operation.kind) {
      case 'upsert':
        this.remove(operation.record.id);
        this.entries.set(operation.record.id, {
          record: structuredClone(operation.record),
          vector: decodeVector(operation.vector),
        });
        this.index(operation.record);
        return;
      case 'patch': {
        const entry = this.entries.get(operation.record.id);
        if (!entry) return;
        this.unindex(entry.record);
        entry.record = structuredClone(operation.record);
        this.index(entry.record);
        return;
      }
      case 'delete':
        for (const id of operation.ids) this.remove(id);
        return;
      case 'reset':
        this.entries.clear();
        this.scopeIndex.clear();
        this.lexical.clear();
    }
  }

  private index(record: MemoryRecord): void {
    for (const key of scopeKeys) {
      const value = record[key];
      if (value === undefined) continue;
      const indexKey = `${key}\u0000${value}`;
      let ids = this.scopeIndex.get(indexKey);
      if (!ids) {
        ids = new Set();
        this.scopeIndex.set(indexKey, ids);
      }
      ids.add(record.id);
    }
    this.lexical.set(record.id, record.memory, record.context, this.contextWeight);
  }

  private unindex(record: MemoryRecord): void {
    for (const key of scopeKeys) {
      const value = record[key];
      if (value === undefined) continue;
      const indexKey = `${key}\u0000${value}`;
      this.scopeIndex.get(indexKey)?.delete(record.id);
      if (this.scopeIndex.get(indexKey)?.size === 0) this.scopeIndex.delete(indexKey);
    }
    this.lexical.remove(record.id);
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.unindex(entry.record);
    this.entries.delete(id);
  }

  /** Ids of the smallest per-scope index among the scope's fields (all ids for an empty scope). */
  private candidates(scope: Scope): Iterable<string> {
    let smallest: Set<string> | undefined;
    for (const key of scopeKeys) {
      const value = scope[key];
      if (value === undefined) continue;
      const ids = this.scopeIndex.get(`${key}\u0000${value}`) ?? new Set<string>();
      if (!smallest || ids.size < smallest.size) smallest = ids;
    }
    return smallest ?? this.entries.keys();
  }

  /** Cosine similarity (vectors are compared after normalisation); sparse queries touch only their non-zeros. */
  private denseScores(query: number[], allowed: Set<string>, k: number): ScoredRecord[] {
    const nonZero: number[] = [];
    let queryNorm = 0;
    query.forEach((value, index) => {
      if (value !== 0) nonZero.push(index);
      queryNorm += value * value;
    });
    queryNorm = Math.sqrt(queryNorm) || 1;
    const sparse = nonZero.length < query.length / 2;
    const scored: Array<{ id: string; score: number }> = [];
    for (const id of allowed) {
      const vector = this.entries.get(id)!.vector;
      if (vector.length !== query.length) {
        throw new StoreError(
          this.name,
          'query',
          `vector dimension ${query.length} differs from stored ${vector.length}`,
        );
      }
      let dot = 0;
      if (sparse) for (const index of nonZero) dot += query[index]! * vector[index]!;
      else for (let index = 0; index < vector.length; index++) dot += query[index]! * vector[index]!;
      scored.push({ id, score: dot / queryNorm });
    }
    return topK(scored, k).map(({ id, score }) => ({ record: structuredClone(this.entries.get(id)!.record), score }));
  }
}

function compareOrder(left: { createdAt: string; id: string }, right: { createdAt: string; id: string }): number {
  if (left.createdAt !== right.createdAt) return left.createdAt < right.createdAt ? -1 : 1;
  return left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
}

/** Vectors are kept unit-length, so a dot product is the cosine. */
function decodeVector(encoded: string): Float32Array {
  const bytes = Buffer.from(encoded, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice();
}

function encodeVector(vector: ArrayLike<number>): string {
  const array = Float32Array.from(vector);
  let norm = 0;
  for (const value of array) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let index = 0; index < array.length; index++) array[index]! /= norm;
  return Buffer.from(array.buffer).toString('base64');
}
