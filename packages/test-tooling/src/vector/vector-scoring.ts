import type { SparseVector, StoredVector } from './vector-namespace.js';

export type SimilarityFunction = 'COSINE' | 'EUCLIDEAN' | 'DOT_PRODUCT';

/** Dense score normalised to [0, 1] the way Upstash documents it. */
export function denseScore(similarity: SimilarityFunction, query: number[], stored: number[]): number {
  if (similarity === 'EUCLIDEAN') {
    let squared = 0;
    for (let index = 0; index < query.length; index++) squared += ((query[index] ?? 0) - (stored[index] ?? 0)) ** 2;
    return 1 / (1 + squared);
  }
  let dot = 0;
  let queryNorm = 0;
  let storedNorm = 0;
  for (let index = 0; index < query.length; index++) {
    const left = query[index] ?? 0;
    const right = stored[index] ?? 0;
    dot += left * right;
    queryNorm += left * left;
    storedNorm += right * right;
  }
  if (similarity === 'DOT_PRODUCT') return (1 + dot) / 2;
  const denominator = Math.sqrt(queryNorm) * Math.sqrt(storedNorm);
  return (1 + (denominator === 0 ? 0 : dot / denominator)) / 2;
}

/**
 * Inverse document frequency per sparse index over the vectors a query can see:
 * `ln((N - n + 0.5) / (n + 0.5) + 1)` (the formula in the SDK's `WeightingStrategy.IDF` doc).
 */
export function inverseDocumentFrequencies(vectors: Iterable<StoredVector>): (index: number) => number {
  let total = 0;
  const documentCounts = new Map<number, number>();
  for (const vector of vectors) {
    if (!vector.sparseVector) continue;
    total++;
    for (const [position, index] of vector.sparseVector.indices.entries()) {
      if (vector.sparseVector.values[position] !== 0) documentCounts.set(index, (documentCounts.get(index) ?? 0) + 1);
    }
  }
  return (index) => {
    const count = documentCounts.get(index) ?? 0;
    return Math.log((total - count + 0.5) / (count + 0.5) + 1);
  };
}

/** Inner product over matching indices, optionally weighted; `undefined` when no index matches. */
export function sparseScore(
  query: SparseVector,
  stored: SparseVector,
  weight: (index: number) => number = () => 1,
): number | undefined {
  const storedValues = new Map<number, number>();
  for (const [position, index] of stored.indices.entries()) storedValues.set(index, stored.values[position] ?? 0);
  let score = 0;
  let matched = false;
  for (const [position, index] of query.indices.entries()) {
    const value = storedValues.get(index);
    if (value === undefined) continue;
    matched = true;
    score += (query.values[position] ?? 0) * value * weight(index);
  }
  return matched ? score : undefined;
}

export interface Ranked {
  id: string;
  score: number;
}

/** Fuses two ranked lists: RRF maps rank r (1-based) to `1 / (r + 60)`; DBSF normalises by mean ± 3σ. */
export function fuse(dense: Ranked[], sparse: Ranked[], algorithm: 'RRF' | 'DBSF'): Ranked[] {
  const fused = new Map<string, number>();
  for (const list of [dense, sparse]) {
    const normalise = algorithm === 'RRF' ? undefined : distributionNormaliser(list.map((item) => item.score));
    list.forEach((item, rank) => {
      const score = normalise ? normalise(item.score) : 1 / (rank + 1 + 60);
      fused.set(item.id, (fused.get(item.id) ?? 0) + score);
    });
  }
  return [...fused].map(([id, score]) => ({ id, score })).sort((left, right) => right.score - left.score);
}

function distributionNormaliser(scores: number[]): (score: number) => number {
  const mean = scores.reduce((sum, score) => sum + score, 0) / Math.max(scores.length, 1);
  const deviation = Math.sqrt(scores.reduce((sum, score) => sum + (score - mean) ** 2, 0) / Math.max(scores.length, 1));
  const low = mean - 3 * deviation;
  const high = mean + 3 * deviation;
  return (score) => (high === low ? 1 : (score - low) / (high - low));
}
