import { inScope } from '../engine/scope.js';
import { StoreError } from '../errors.js';
import type { RecordPredicate } from '../filters/compile-filter.js';
import type { MemoryRecord } from '../spec/memory-record.js';
import type { Scope } from '../spec/scope.js';
import type { ScoredRecord, VectorQueryResult } from '../spec/vector-store.js';
import { Bm25Index } from './bm25-index.js';
import type { TermCounts } from './term-counts.js';
import { TopK } from './top-k.js';

/** What a search asks of one scope's index. */
export interface ScopeIndexQuery {
  scope: Scope;
  vector?: number[];
  text?: string;
  accepts?: RecordPredicate;
  topK: number;
}

/**
 * The search index of one scope, held in process: records by slot, their unit-length vectors in one buffer, a BM25 index with this scope's own postings and statistics, and the records in list order
 * (`createdAt`, then `id`) so a page of `list` costs O(log n + page). Everything here is sized by the scope, never
 * by the store, so a query costs what its scope holds.
 */
export class ScopeIndex {
  private readonly records: Array<MemoryRecord | undefined> = [];
  /** `dimension` floats per slot in one buffer, so scoring reads memory in order. */
  private vectors = new Float32Array(0);
  private readonly slotOf = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private readonly lexical = new Bm25Index();
  private readonly ordered: MemoryRecord[] = [];
  private dimension = 0;

  constructor(
    private readonly store: string,
    private readonly contextWeight: number,
  ) {}

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /**
   * Inserts or replaces a record; `vector` must be unit length (it is copied). `terms`, when given, are the
   * record's precomputed {@link TermCounts} (else its text and context are tokenized).
   */
  set(record: MemoryRecord, vector: Float32Array, terms?: TermCounts): void {
    if (this.slotOf.has(record.id)) this.remove(record.id);
    if (this.dimension === 0) this.dimension = vector.length;
    if (vector.length !== this.dimension) {
      throw new StoreError(
        this.store,
        'upsert',
        `vector dimension ${vector.length} differs from ${this.dimension}: ${embedderChanged}`,
      );
    }
    const slot = this.freeSlots.pop() ?? this.records.length;
    if ((slot + 1) * this.dimension > this.vectors.length) {
      const grown = new Float32Array(Math.max(64, (slot + 1) * 2) * this.dimension);
      grown.set(this.vectors);
      this.vectors = grown;
    }
    this.vectors.set(vector, slot * this.dimension);
    this.records[slot] = record;
    this.slotOf.set(record.id, slot);
    if (terms) this.lexical.setCounts(slot, terms, this.contextWeight);
    else this.lexical.set(slot, record.memory, record.context, this.contextWeight);
    const last = this.ordered.at(-1);
    // A build reads records in list order: appending skips the search.
    if (!last || compareOrder(last, record) < 0) this.ordered.push(record);
    else this.ordered.splice(this.orderPosition(record), 0, record);
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const record = this.records[slot]!;
    const position = this.orderPosition(record);
    if (this.ordered[position]?.id === id) this.ordered.splice(position, 1);
    this.lexical.remove(slot);
    this.records[slot] = undefined;
    this.slotOf.delete(id);
    this.freeSlots.push(slot);
  }

  /** Dense and lexical candidates of the records that are in `scope` and pass `accepts`. */
  query(request: ScopeIndexQuery): VectorQueryResult {
    const checkScope = Object.keys(request.scope).length > 1;
    const records = this.records;
    const accepts = request.accepts;
    const allowed = new Uint8Array(records.length);
    const candidates: number[] = [];
    for (let slot = 0; slot < records.length; slot++) {
      const record = records[slot];
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
      result.lexical = best.sorted().map(({ slot, score }) => ({ record: this.records[slot]!, score }));
    }
    return result;
  }

  /**
   * Records after `after` in list order that are in `scope` and pass `accepts`, at most `limit + 1` of them (the
   * extra one says whether another page follows).
   */
  page(
    scope: Scope,
    accepts: RecordPredicate | undefined,
    after: { createdAt: string; id: string } | undefined,
    limit: number,
  ): MemoryRecord[] {
    const page: MemoryRecord[] = [];
    for (let index = after ? this.orderPosition(after, true) : 0; index < this.ordered.length; index++) {
      const record = this.ordered[index]!;
      if (!inScope(record, scope) || (accepts && !accepts(record))) continue;
      page.push(record);
      if (page.length > limit) break;
    }
    return page;
  }

  /** Every record (for scope deletes). */
  all(): MemoryRecord[] {
    return [...this.ordered];
  }

  /** Binary search in list order: the first position at or (with `strictlyAfter`) after `key`. */
  private orderPosition(key: { createdAt: string; id: string }, strictlyAfter = false): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const order = compareOrder(this.ordered[middle]!, key);
      if (order < 0 || (strictlyAfter && order === 0)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Cosine similarity against unit-length stored vectors; a sparse query touches only its non-zeros. */
  private denseTopK(query: number[], candidates: number[], k: number): ScoredRecord[] {
    if (query.length !== this.dimension) {
      throw new StoreError(
        this.store,
        'query',
        `vector dimension ${query.length} differs from stored ${this.dimension}: ${embedderChanged}`,
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
    const best = new TopK(k);
    const { vectors, dimension } = this;
    const count = nonZero.length;
    for (const slot of candidates) {
      const offset = slot * dimension;
      let dot = 0;
      for (let index = 0; index < count; index++) dot += weights[index]! * vectors[offset + nonZero[index]!]!;
      best.offer(slot, dot / norm);
    }
    return best.sorted().map(({ slot, score }) => ({ record: this.records[slot]!, score }));
  }
}

/** Stable list order: `createdAt`, then `id`. */
export function compareOrder(
  left: { createdAt: string; id: string },
  right: { createdAt: string; id: string },
): number {
  if (left.createdAt !== right.createdAt) return left.createdAt < right.createdAt ? -1 : 1;
  return left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
}

/** A unit-length Float32 copy of a vector, so a dot product is the cosine. */
export function unitVector(vector: ArrayLike<number>): Float32Array {
  const array = Float32Array.from(vector);
  let norm = 0;
  for (const value of array) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let index = 0; index < array.length; index++) array[index]! /= norm;
  return array;
}

/** Why dimensions differ, almost always: the memories were stored by another embedder than the one running now. */
export const embedderChanged =
  'the embedder changed since these memories were stored (the default switches from the offline lexical embedder, ' +
  '512 dimensions, to OpenAI when OPENAI_API_KEY is set; see memory.describe()). Configure the same embedder, or ' +
  'use a new store';
