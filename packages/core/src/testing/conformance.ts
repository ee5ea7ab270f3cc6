// `@memzero/core/testing/conformance`: the store conformance suites, written with Vitest (an optional peer).
export type { CoordinationStoreConformanceOptions } from './coordination-store-conformance.js';
export { describeCoordinationStoreConformance } from './coordination-store-conformance.js';
export type { VectorStoreConformanceOptions } from './vector-store-conformance.js';
export { describeVectorStoreConformance } from './vector-store-conformance.js';
