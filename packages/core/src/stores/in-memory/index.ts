export type { InMemoryCoordinationStoreOptions } from './coordination-store.js';
export { createInMemoryCoordinationStore } from './coordination-store.js';
export type { InMemoryVectorStoreOptions } from './vector-store.js';
export { createInMemoryVectorStore } from './vector-store.js';
