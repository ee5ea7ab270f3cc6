import { termFrequencies, tokenize } from './tokenize.js';

/** BM25 parameters. */
export interface Bm25Options {
  /** Term-frequency saturation. @default 1.2 */
  k1?: number;
  /** Length normalisation. @default 0.75 */
  b?: number;
}

/** An incremental BM25 index over document ids, for the in-process store's lexical signal. */
export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly postings = new Map<string, Map<string, number>>();
  private readonly documents = new Map<string, { length: number; terms: string[] }>();
  private totalLength = 0;

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
  }

  /**
   * Indexes (or re-indexes) a document. Terms of `context` count `contextWeight` times as much as terms of `text`
   * (a two-field BM25F), so surrounding conversation helps find a turn without outranking its own words.
   */
  set(id: string, text: string, context?: string, contextWeight = 0.5): void {
    this.remove(id);
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
      posting.set(id, count);
    }
    this.documents.set(id, { length, terms: [...frequencies.keys()] });
    this.totalLength += length;
  }

  remove(id: string): void {
    const document = this.documents.get(id);
    if (!document) return;
    for (const term of document.terms) {
      const posting = this.postings.get(term);
      posting?.delete(id);
      if (posting?.size === 0) this.postings.delete(term);
    }
    this.totalLength -= document.length;
    this.documents.delete(id);
  }

  clear(): void {
    this.postings.clear();
    this.documents.clear();
    this.totalLength = 0;
  }

  /** BM25 scores of the documents `allowed` accepts that share a term with the query (unsorted). */
  score(query: string, allowed: (id: string) => boolean): Map<string, number> {
    const scores = new Map<string, number>();
    const count = this.documents.size;
    if (count === 0) return scores;
    const averageLength = this.totalLength / count || 1;
    for (const term of new Set(tokenize(query))) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = Math.log(1 + (count - posting.size + 0.5) / (posting.size + 0.5));
      for (const [id, frequency] of posting) {
        if (!allowed(id)) continue;
        const length = this.documents.get(id)?.length ?? averageLength;
        const norm = frequency + this.k1 * (1 - this.b + (this.b * length) / averageLength);
        scores.set(id, (scores.get(id) ?? 0) + (idf * frequency * (this.k1 + 1)) / norm);
      }
    }
    return scores;
  }
}
