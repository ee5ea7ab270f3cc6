import { join } from 'node:path';
import { inScope } from '../../engine/scope.js';
import { StoreError } from '../../errors.js';
import { compileFilter } from '../../filters/compile-filter.js';
import { Bm25Index } from '../../search/bm25-index.js';
import { TopK } from '../../search/top-k.js';
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
  readonly consistentQueries = true;
  /** Records by slot; a slot is reused after its record is removed. */
  private readonly records: Array<MemoryRecord | undefined> = [];
  private readonly slotOf = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  /** Unit-length vectors, `dimension` floats per slot, in one buffer: scoring reads memory in order. */
  private vectors = new Float32Array(0);
  private dimension = 0;
  private readonly scopeIndex = new Map<string, Set<number>>();
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
    for (const entry of entries) {
      if (entry.record.id.length === 0) throw new StoreError(this.name, 'upsert', 'records need an id');
      const expected = this.dimension || entries[0]!.vector.length;
      if (entry.vector.length !== expected || expected === 0) {
        throw new StoreError(this.name, 'upsert', `vector dimension ${entry.vector.length} differs from ${expected}`);
      }
    }
    this.commit(entries.map((entry) => ({ kind: 'upsert', record: entry.record, vector: encodeVector(entry.vector) })));
  }

  async patch(records: MemoryRecord[]): Promise<void> {
    this.commit(records.filter((record) => this.slotOf.has(record.id)).map((record) => ({ kind: 'patch', record })));
  }

  async fetch(ids: string[], scope?: Scope): Promise<Array<MemoryRecord | undefined>> {
    return ids.map((id) => {
      const record = this.recordOf(id);
      return record && (!scope || inScope(record, scope)) ? copyRecord(record) : undefined;
    });
  }

  async query(request: VectorQuery): Promise<VectorQueryResult> {
    const accepts = request.filter ? compileFilter(request.filter) : undefined;
    const checkScope = Object.keys(request.scope).length > 1;
    const allowed = new Uint8Array(this.records.length);
    const candidates: number[] = [];
    for (const slot of this.candidates(request.scope)) {
      const record = this.records[slot];
      if (!record || (checkScope && !inScope(record, request.scope)) || (accepts && !accepts(record))) continue;
      allowed[slot] = 1;
      candidates.push(slot);
    }
    const result: VectorQueryResult = {
      dense: request.vector && candidates.length > 0 ? this.denseTopK(request.vector, candidates, request.topK) : [],
    };
    if (request.text !== undefined) {
      const { slots, scores } = this.lexical.score(request.text, allowed);
      const best = new TopK(request.topK);
      for (const slot of slots) best.offer(slot, scores[slot]!);
      result.lexical = best.sorted().map(({ slot, score }) => ({ record: copyRecord(this.records[slot]!), score }));
    }
    return result;
  }

  async list(request: ListRequest): Promise<ListPage> {
    const limit = request.limit ?? 100;
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    const accepts = request.filter ? compileFilter(request.filter) : undefined;
    const records: MemoryRecord[] = [];
    for (const slot of this.candidates(request.scope)) {
      const record = this.records[slot];
      if (!record || !inScope(record, request.scope) || (accepts && !accepts(record))) continue;
      if (after && compareOrder(record, after) <= 0) continue;
      records.push(record);
    }
    records.sort((left, right) => compareOrder(left, right));
    const page = records.slice(0, limit).map(copyRecord);
    const last = page.at(-1);
    return records.length > limit && last
      ? { records: page, nextCursor: encodeCursor(last.createdAt, last.id) }
      : { records: page };
  }

  async delete(ids: string[]): Promise<void> {
    this.commit([{ kind: 'delete', ids: ids.filter((id) => this.slotOf.has(id)) }]);
  }

  async deleteScope(scope: Scope): Promise<string[]> {
    const ids: string[] = [];
    for (const slot of this.candidates(scope)) {
      const record = this.records[slot];
      if (record && inScope(record, scope)) ids.push(record.id);
    }
    this.commit([{ kind: 'delete', ids }]);
    return ids;
  }

  async reset(): Promise<void> {
    this.commit([{ kind: 'reset' }]);
  }

  async close(): Promise<void> {
    this.journal?.close();
  }

  private recordOf(id: string): MemoryRecord | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.records[slot];
  }

  private commit(operations: Operation[]): void {
    const effective = operations.filter((operation) => operation.kind !== 'delete' || operation.ids.length > 0);
    if (effective.length === 0) return;
    this.journal?.append(effective);
    for (const operation of effective) this.apply(operation);
    if (this.journal?.shouldCompact(this.slotOf.size)) {
      this.journal.compact(
        [...this.slotOf.values()].map((slot) => ({
          record: this.records[slot]!,
          vector: encodeVector(this.vectors.subarray(slot * this.dimension, (slot + 1) * this.dimension)),
        })),
      );
    }
  }

  private apply(operation: Operation): void {
    switch (operation.kind) {
      case 'upsert': {
        this.remove(operation.record.id);
        const vector = decodeVector(operation.vector);
        const slot = this.allocate(vector.length);
        this.vectors.set(vector, slot * this.dimension);
        this.records[slot] = copyRecord(operation.record);
        this.slotOf.set(operation.record.id, slot);
        this.index(slot, this.records[slot]!);
        return;
      }
      case 'patch': {
        const slot = this.slotOf.get(operation.record.id);
        if (slot === undefined) return;
        this.unindex(slot, this.records[slot]!);
        this.records[slot] = copyRecord(operation.record);
        this.index(slot, this.records[slot]!);
        return;
      }
      case 'delete':
        for (const id of operation.ids) this.remove(id);
        return;
      case 'reset':
        this.records.length = 0;
        this.slotOf.clear();
        this.freeSlots.length = 0;
        this.vectors = new Float32Array(0);
        this.dimension = 0;
        this.scopeIndex.clear();
        this.lexical.clear();
    }
  }

  private allocate(dimension: number): number {
    if (this.dimension === 0) this.dimension = dimension;
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    const slot = this.records.length;
    this.records.push(undefined);
    if ((slot + 1) * this.dimension > this.vectors.length) {
      const grown = new Float32Array(Math.max(64, (slot + 1) * 2) * this.dimension);
      grown.set(this.vectors);
      this.vectors = grown;
    }
    return slot;
  }

  private index(slot: number, record: MemoryRecord): void {
    for (const key of scopeKeys) {
      const value = record[key];
      if (value === undefined) continue;
      const indexKey = `${key}\u0000${value}`;
      let slots = this.scopeIndex.get(indexKey);
      if (!slots) {
        slots = new Set();
        this.scopeIndex.set(indexKey, slots);
      }
      slots.add(slot);
    }
    this.lexical.set(slot, record.memory, record.context, this.contextWeight);
  }

  private unindex(slot: number, record: MemoryRecord): void {
    for (const key of scopeKeys) {
      const value = record[key];
      if (value === undefined) continue;
      const indexKey = `${key}\u0000${value}`;
      this.scopeIndex.get(indexKey)?.delete(slot);
      if (this.scopeIndex.get(indexKey)?.size === 0) this.scopeIndex.delete(indexKey);
    }
    this.lexical.remove(slot);
  }

  private remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.unindex(slot, this.records[slot]!);
    this.records[slot] = undefined;
    this.slotOf.delete(id);
    this.freeSlots.push(slot);
  }

  /** Slots of the smallest per-scope index among the scope's fields (every slot for an empty scope). */
  private candidates(scope: Scope): Iterable<number> {
    let smallest: Set<number> | undefined;
    for (const key of scopeKeys) {
      const value = scope[key];
      if (value === undefined) continue;
      const slots = this.scopeIndex.get(`${key}\u0000${value}`) ?? new Set<number>();
      if (!smallest || slots.size < smallest.size) smallest = slots;
    }
    return smallest ?? this.slotOf.values();
  }

  /** Cosine similarity against unit-length stored vectors; a sparse query touches only its non-zeros. */
  private denseTopK(query: number[], candidates: number[], k: number): ScoredRecord[] {
    if (query.length !== this.dimension) {
      throw new StoreError(
        this.name,
        'query',
        `vector dimension ${query.length} differs from stored ${this.dimension}`,
      );
    }
    const nonZero: number[] = [];
    const weights: number[] = [];
    let norm = 0;
    query.forEach((value, index) => {
      norm += value * value;
      if (value !== 0) {
        nonZero.push(index);
        weights.push(value);
      }
    });
    norm = Math.sqrt(norm) || 1;
    const { vectors, dimension } = this;
    const best = new TopK(k);
    for (const slot of candidates) {
      const offset = slot * dimension;
      let dot = 0;
      for (let index = 0; index < nonZero.length; index++) dot += weights[index]! * vectors[offset + nonZero[index]!]!;
      best.offer(slot, dot / norm);
    }
    return best.sorted().map(({ slot, score }) => ({ record: copyRecord(this.records[slot]!), score }));
  }
}

/** Records are plain JSON; a copy keeps callers from changing what the store holds. */
function copyRecord(record: MemoryRecord): MemoryRecord {
  return { ...record, metadata: structuredClone(record.metadata) };
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
