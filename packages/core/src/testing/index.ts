export type { CoordinationStoreConformanceOptions } from './coordination-store-conformance.js';
export { describeCoordinationStoreConformance } from './coordination-store-conformance.js';
export { axisVector, makeEntry, makeRecord } from './fixtures.js';
export type { MockEmbedderOptions } from './mock-embedder.js';
export { MockEmbedder } from './mock-embedder.js';
export type { MockLanguageModelOptions, MockLanguageModelResponse } from './mock-language-model.js';
export { MockLanguageModel } from './mock-language-model.js';
export type { VectorStoreConformanceOptions } from './vector-store-conformance.js';
export { describeVectorStoreConformance } from './vector-store-conformance.js';
