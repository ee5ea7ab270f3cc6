export { type CompiledUpstashFilter, compileUpstashFilter } from './compile-upstash-filter.js';
export { toStoredMetadata } from './record-layout.js';
export { documentSparseVector, type LexicalOptions, querySparseVector, type SparseVector } from './sparse-terms.js';
export type { UpstashVectorStoreOptions } from './upstash-vector-options.js';
export { createUpstashVectorStore } from './upstash-vector-store.js';
