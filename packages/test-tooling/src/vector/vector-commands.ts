import { type FilterExpression, FilterSyntaxError, matchesFilter, parseFilterExpression } from './filter-language.js';
import type { SparseVector, StoredVector, VectorNamespace } from './vector-namespace.js';
import {
  denseScore,
  fuse,
  inverseDocumentFrequencies,
  type Ranked,
  type SimilarityFunction,
  sparseScore,
} from './vector-scoring.js';

/** A hosted embedding model of the emulated index (for `-data` endpoints): a pluggable function. */
export interface EmulatedEmbeddingModel<T> {
  name: string;
  embed(text: string): T;
}

/** The emulated index's fixed configuration. */
export interface EmulatedIndexConfig {
  indexType: 'DENSE' | 'SPARSE' | 'HYBRID';
  /** Fixed by the first dense upsert when not configured. */
  dimension: number | undefined;
  similarityFunction: SimilarityFunction;
  denseModel?: EmulatedEmbeddingModel<number[]>;
  sparseModel?: EmulatedEmbeddingModel<SparseVector>;
  maxTopK: number;
}

/** A documented service error: the status and `error` text the HTTP layer returns. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});

/** Validates and normalises one upsert item, embedding `data` when the endpoint asks for it. */
export function toStoredVector(raw: unknown, config: EmulatedIndexConfig, embedData: boolean): StoredVector {
  const item = asObject(raw);
  const id = typeof item.id === 'number' ? String(item.id) : item.id;
  if (typeof id !== 'string' || id.length === 0) throw new ServiceError(400, 'Vector id must be a non-empty string');
  let vector = Array.isArray(item.vector) ? (item.vector as number[]) : undefined;
  let sparseVector = item.sparseVector as SparseVector | undefined;
  const data = typeof item.data === 'string' ? item.data : undefined;
  if (embedData) {
    if (data === undefined) throw new ServiceError(400, 'data is required for this endpoint');
    if (!config.denseModel && !config.sparseModel) {
      throw new ServiceError(
        422,
        'Embedding data for this index is not allowed. The index must be created with an embedding model to use it.',
      );
    }
    vector = config.denseModel?.embed(data);
    sparseVector = config.sparseModel?.embed(data);
  }
  if (vector) {
    if (config.indexType === 'SPARSE') throw new ServiceError(422, 'This index does not accept dense vectors');
    config.dimension ??= vector.length;
    if (vector.length !== config.dimension) {
      throw new ServiceError(422, `Invalid vector dimension: ${vector.length}, expected: ${config.dimension}`);
    }
    vector = vector.map((value) => Math.fround(value));
  }
  if (sparseVector) validateSparse(sparseVector, config);
  if (config.indexType !== 'SPARSE' && !vector) throw new ServiceError(422, 'Dense vector is required for this index');
  if (config.indexType !== 'DENSE' && !sparseVector)
    throw new ServiceError(422, 'Sparse vector is required for this index');
  const stored: StoredVector = { id };
  if (vector) stored.vector = vector;
  if (sparseVector)
    stored.sparseVector = { indices: [...sparseVector.indices], values: sparseVector.values.map(Math.fround) };
  if (item.metadata !== undefined && item.metadata !== null) stored.metadata = structuredClone(asObject(item.metadata));
  if (data !== undefined) stored.data = data;
  return stored;
}

function validateSparse(sparse: SparseVector, config: EmulatedIndexConfig): void {
  if (config.indexType === 'DENSE') throw new ServiceError(422, 'This index does not accept sparse vectors');
  if (
    !Array.isArray(sparse.indices) ||
    !Array.isArray(sparse.values) ||
    sparse.indices.length !== sparse.values.length
  ) {
    throw new ServiceError(422, 'Sparse vector indices and values must have the same length');
  }
  if (sparse.indices.length > 1000)
    throw new ServiceError(422, 'Sparse vectors can have at most 1000 non-zero entries');
  if (sparse.indices.some((index) => !Number.isInteger(index) || index < 0 || index > 0xffffffff)) {
    throw new ServiceError(422, 'Sparse vector indices must be non-negative 32-bit integers');
  }
}

/** Parses a filter string, mapping syntax errors to the 400 the service answers. */
export function compileFilter(filter: unknown): FilterExpression | undefined {
  if (filter === undefined || filter === null || filter === '') return undefined;
  if (typeof filter !== 'string') throw new ServiceError(400, 'filter must be a string');
  try {
    return parseFilterExpression(filter);
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw new ServiceError(400, `Invalid filter: ${error.message}`);
    throw error;
  }
}

/** The fields a result includes, per the `include*` flags. */
export function project(stored: StoredVector, request: Json, score?: number): Json {
  const result: Json = { id: stored.id };
  if (score !== undefined) result.score = score;
  if (request.includeVectors === true) {
    if (stored.vector) result.vector = stored.vector;
    if (stored.sparseVector) result.sparseVector = stored.sparseVector;
  }
  if (request.includeMetadata === true && stored.metadata) result.metadata = stored.metadata;
  if (request.includeData === true && stored.data !== undefined) result.data = stored.data;
  return result;
}

/** Exact (brute force) query over the visible view: dense, sparse, or both fused. */
export function runQuery(
  raw: unknown,
  namespace: VectorNamespace,
  config: EmulatedIndexConfig,
  embedData: boolean,
): Json[] {
  const request = asObject(raw);
  const topK = typeof request.topK === 'number' ? request.topK : 10;
  if (!Number.isInteger(topK) || topK < 1 || topK > config.maxTopK) {
    throw new ServiceError(400, `topK must be between 1 and ${config.maxTopK}`);
  }
  let vector = Array.isArray(request.vector) ? (request.vector as number[]) : undefined;
  let sparse = request.sparseVector as SparseVector | undefined;
  if (embedData) {
    if (typeof request.data !== 'string') throw new ServiceError(400, 'data is required for this endpoint');
    if (!config.denseModel && !config.sparseModel) {
      throw new ServiceError(
        422,
        'Embedding data for this index is not allowed. The index must be created with an embedding model to use it.',
      );
    }
    const mode = request.queryMode ?? 'HYBRID';
    if (mode !== 'SPARSE') vector = config.denseModel?.embed(request.data);
    if (mode !== 'DENSE') sparse = config.sparseModel?.embed(request.data);
  }
  if (!vector && !sparse) throw new ServiceError(400, 'Query needs a vector, a sparseVector or data');
  if (vector && config.dimension !== undefined && vector.length !== config.dimension) {
    throw new ServiceError(422, `Invalid vector dimension: ${vector.length}, expected: ${config.dimension}`);
  }
  if (sparse) validateSparse(sparse, config);
  const filter = compileFilter(request.filter);
  const candidates = [...namespace.visible().values()].filter(
    (stored) => !filter || matchesFilter(filter, stored.metadata ?? {}),
  );
  const byScore = (left: Ranked, right: Ranked): number => right.score - left.score || (left.id < right.id ? -1 : 1);
  const dense: Ranked[] = vector
    ? candidates
        .filter((stored) => stored.vector)
        .map((stored) => ({ id: stored.id, score: denseScore(config.similarityFunction, vector, stored.vector!) }))
        .sort(byScore)
        .slice(0, topK)
    : [];
  const weight =
    request.weightingStrategy === 'IDF' ? inverseDocumentFrequencies(namespace.visible().values()) : undefined;
  const lexical: Ranked[] = [];
  if (sparse) {
    for (const stored of candidates) {
      if (!stored.sparseVector) continue;
      const score = sparseScore(sparse, stored.sparseVector, weight);
      if (score !== undefined) lexical.push({ id: stored.id, score });
    }
    lexical.sort(byScore).splice(topK);
  }
  const ranked =
    vector && sparse
      ? fuse(dense, lexical, request.fusionAlgorithm === 'DBSF' ? 'DBSF' : 'RRF')
      : vector
        ? dense
        : lexical;
  const visible = namespace.visible();
  return ranked.slice(0, topK).map((item) => project(visible.get(item.id)!, request, item.score));
}
