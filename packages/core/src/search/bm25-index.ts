import { termFrequencies, tokenize } from './tokenize.js';

/** BM25 parameters. */
export interface Bm25Options {
  /** Term-frequency saturation. @default 1.2 */
  k1?: number;
  /** Length normalisation. @default 0.75 */
  b?: number;
}

/**
 * An incremental BM25 index over numbered documents (slots), for the in-process store's lexical signal. Scoring
 * accumulates into a typed array, so a query term shared by every document costs one pass over its postings.
 */
export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly postings = new Map<string, Map<number, number>>();
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
    this.remove(slot);
    const frequencies = termFrequencies(text);
    if (context) {
      for (const [term, count] of termFrequencies(context)) {
        frequencies.set(term, (frequencies.get(term) ?? 0) + count * contextWeight);
      }
    }
    let length = 0;
    for (const [term, count] of frequencies) {
      length += count;
      let posting = this.postings.get(term);
      if (!posting) {
        posting = new Map();
        this.postings.set(term, posting);
      }
      posting.set(slot, count);
    }
    this.lengths[slot] = length;
    this.terms[slot] = [...frequencies.keys()];
    this.count += 1;
    this.totalLength += length;
  }

  remove(slot: number): void {
    const terms = this.terms[slot];
    if (!terms) return;
    for (const term of terms) {
      const posting = this.postings.get(term);
      posting?.delete(slot);
      if (posting?.size === 0) this.postings.delete(term);
    }
    this.count -= 1;
    this.totalLength -= this.lengths[slot] ?? 0;
    this.terms[slot] = undefined;
  }

  clear(): void {
    this.postings.clear();
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
    const { k1, b } = this;
    for (const term of new Set(tokenize(query))) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = Math.log(1 + (this.count - posting.size + 0.5) / (posting.size + 0.5));
      for (const [slot, frequency] of posting) {
        if (allowed[slot] !== 1) continue;
        const norm = frequency + k1 * (1 - b + (b * (this.lengths[slot] ?? averageLength)) / averageLength);
        if (scores[slot] === 0) slots.push(slot);
        scores[slot] = (scores[slot] ?? 0) + (idf * frequency * (k1 + 1)) / norm;
      }
    }
    return { slots, scores };
  }
}
