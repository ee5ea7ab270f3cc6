import { type TermCounts, termCountsOf } from './term-counts.js';
import { tokenize } from './tokenize.js';

/** BM25 parameters. */
export interface Bm25Options {
  /** Term-frequency saturation. @default 1.2 */
  k1?: number;
  /** Length normalisation. @default 0.75 */
  b?: number;
}

/**
 * One term's postings in parallel typed arrays (appending is cheap, scoring reads memory in order). An entry is
 * current while its generation equals its slot's: removing or re-indexing a document only bumps the slot's
 * generation, and a posting is compacted once its stale entries outnumber the live ones.
 */
interface Posting {
  slots: Int32Array;
  generations: Uint32Array;
  weights: Float32Array;
  length: number;
  live: number;
}

/**
 * An incremental BM25 index over numbered documents (slots), for the in-process store's lexical signal. Scoring
 * accumulates into a typed array, so a query term shared by every document costs one pass over its postings.
 */
export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly postings = new Map<string, Posting>();
  private readonly generations: number[] = [];
  private readonly lengths: number[] = [];
  private readonly terms: Array<string[] | undefined> = [];
  private count = 0;
  private totalLength = 0;

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
  }

  /**
   * Indexes (or re-indexes) a document. Terms of `context` count `contextWeight` times as much as terms of `text`
   * (a two-field BM25F), so surrounding conversation helps find a turn without outranking its own words.
   */
  set(slot: number, text: string, context?: string, contextWeight = 0.5): void {
    this.setCounts(slot, termCountsOf(text, context), contextWeight);
  }

  /** {@link set} from a document's precomputed {@link TermCounts}: no tokenizing. */
  setCounts(slot: number, counts: TermCounts, contextWeight = 0.5): void {
    this.remove(slot);
    const generation = (this.generations[slot] ?? 0) + 1;
    this.generations[slot] = generation;
    const { terms, counts: termCounts } = counts;
    let length = 0;
    for (let index = 0; index < terms.length; index++) {
      const term = terms[index]!;
      const inText = termCounts[2 * index]!;
      const inContext = termCounts[2 * index + 1]!;
      const count = inContext === 0 ? inText : inText + inContext * contextWeight;
      length += count;
      let posting = this.postings.get(term);
      if (!posting) {
        posting = {
          slots: new Int32Array(4),
          generations: new Uint32Array(4),
          weights: new Float32Array(4),
          length: 0,
          live: 0,
        };
        this.postings.set(term, posting);
      }
      if (posting.length === posting.slots.length) grow(posting, posting.length * 2);
      posting.slots[posting.length] = slot;
      posting.generations[posting.length] = generation;
      posting.weights[posting.length] = count;
      posting.length += 1;
      posting.live += 1;
    }
    this.lengths[slot] = length;
    this.terms[slot] = terms;
    this.count += 1;
    this.totalLength += length;
  }

  remove(slot: number): void {
    const terms = this.terms[slot];
    if (!terms) return;
    this.generations[slot] = (this.generations[slot] ?? 0) + 1;
    for (const term of terms) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      posting.live -= 1;
      if (posting.live === 0) this.postings.delete(term);
      else if (posting.length > posting.live * 2) this.compact(posting);
    }
    this.count -= 1;
    this.totalLength -= this.lengths[slot] ?? 0;
    this.terms[slot] = undefined;
  }

  clear(): void {
    this.postings.clear();
    this.generations.length = 0;
    this.lengths.length = 0;
    this.terms.length = 0;
    this.count = 0;
    this.totalLength = 0;
  }

  /**
   * BM25 scores of the allowed documents (`allowed[slot] === 1`) sharing a term with the query: the slots touched
   * and a score per slot (read `scores[slot]` for each touched slot).
   */
  score(query: string, allowed: Uint8Array): { slots: number[]; scores: Float64Array } {
    const scores = new Float64Array(allowed.length);
    const slots: number[] = [];
    if (this.count === 0) return { slots, scores };
    const averageLength = this.totalLength / this.count || 1;
    const { k1, b, generations, lengths } = this;
    for (const term of new Set(tokenize(query))) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = Math.log(1 + (this.count - posting.live + 0.5) / (posting.live + 0.5));
      for (let index = 0; index < posting.length; index++) {
        const slot = posting.slots[index]!;
        if (allowed[slot] !== 1 || posting.generations[index] !== generations[slot]) continue;
        const frequency = posting.weights[index]!;
        const norm = frequency + k1 * (1 - b + (b * (lengths[slot] ?? averageLength)) / averageLength);
        if (scores[slot] === 0) slots.push(slot);
        scores[slot] = (scores[slot] ?? 0) + (idf * frequency * (k1 + 1)) / norm;
      }
    }
    return { slots, scores };
  }

  /** Drops a posting's stale entries. */
  private compact(posting: Posting): void {
    let kept = 0;
    for (let index = 0; index < posting.length; index++) {
      if (posting.generations[index] !== this.generations[posting.slots[index]!]) continue;
      posting.slots[kept] = posting.slots[index]!;
      posting.generations[kept] = posting.generations[index]!;
      posting.weights[kept] = posting.weights[index]!;
      kept += 1;
    }
    posting.length = kept;
    if (posting.slots.length > Math.max(4, kept * 4)) grow(posting, Math.max(4, kept * 2));
  }
}

/** Resizes a posting's arrays to `capacity` (at least its length). */
function grow(posting: Posting, capacity: number): void {
  const slots = new Int32Array(capacity);
  const generations = new Uint32Array(capacity);
  const weights = new Float32Array(capacity);
  slots.set(posting.slots.subarray(0, posting.length));
  generations.set(posting.generations.subarray(0, posting.length));
  weights.set(posting.weights.subarray(0, posting.length));
  posting.slots = slots;
  posting.generations = generations;
  posting.weights = weights;
}
