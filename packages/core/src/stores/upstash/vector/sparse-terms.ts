import { termFrequencies, termId } from '../../../search/tokenize.js';

/** A sparse vector as Upstash takes it. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

/** BM25 parameters of the document side of the lexical signal. */
export interface LexicalOptions {
  /** Term-frequency saturation. @default 1.2 */
  k1?: number;
  /** Length normalisation. @default 0.75 */
  b?: number;
  /** Typical memory length in terms (memories are short facts). @default 12 */
  averageLength?: number;
}

// Index 0 is reserved for the placeholder of texts without terms (a hybrid upsert needs a sparse part); term
// indices live in 1..2^31-1 so they fit Upstash's int32 indices.
const placeholder: SparseVector = { indices: [0], values: [1e-6] };
const maxEntries = 1000;

function termIndex(term: string): number {
  return (termId(term) % 0x7fffffff) + 1;
}

/**
 * The sparse vector of a stored memory: each term (from core's shared tokenizer, so every backend sees the same
 * terms) weighted by BM25's saturated term frequency `tf·(k1+1) / (tf + k1·(1 − b + b·len/avg))`. Upstash supplies
 * the IDF factor at query time (`weightingStrategy: 'IDF'`), so the inner product is a BM25 score.
 */
export function documentSparseVector(text: string, options: LexicalOptions = {}): SparseVector {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const averageLength = options.averageLength ?? 12;
  const frequencies = termFrequencies(text);
  let length = 0;
  for (const count of frequencies.values()) length += count;
  const weights = new Map<number, number>();
  for (const [term, frequency] of frequencies) {
    const weight = (frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * length) / averageLength));
    const index = termIndex(term);
    weights.set(index, (weights.get(index) ?? 0) + weight);
  }
  return toSparse(weights) ?? placeholder;
}

/** The sparse vector of a query: each distinct term once. `undefined` when the text has no terms. */
export function querySparseVector(text: string): SparseVector | undefined {
  const weights = new Map<number, number>();
  for (const term of termFrequencies(text).keys()) weights.set(termIndex(term), 1);
  return toSparse(weights);
}

function toSparse(weights: Map<number, number>): SparseVector | undefined {
  if (weights.size === 0) return undefined;
  const entries = [...weights].sort((left, right) => right[1] - left[1]).slice(0, maxEntries);
  entries.sort((left, right) => left[0] - right[0]);
  return { indices: entries.map(([index]) => index), values: entries.map(([, value]) => value) };
}
