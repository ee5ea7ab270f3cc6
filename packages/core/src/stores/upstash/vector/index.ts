export { type CompiledUpstashFilter, compileUpstashFilter } from './compile-upstash-filter.js';
export type { LexicalOptions } from './sparse-terms.js';
export type { UpstashVectorStoreOptions } from './upstash-vector-options.js';
export { createUpstashVectorStore } from './upstash-vector-store.js';
