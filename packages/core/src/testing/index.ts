// `@memzero/core/testing`: model mocks and fixtures, free of any test runner (Jest, node:test, Vitest all work).
// The store conformance suites need Vitest and live in `@memzero/core/testing/conformance`.
export { axisVector, makeEntry, makeRecord } from './fixtures.js';
export type { MockEmbedderOptions } from './mock-embedder.js';
export { MockEmbedder } from './mock-embedder.js';
export type { MockLanguageModelOptions, MockLanguageModelResponse } from './mock-language-model.js';
export { MockLanguageModel } from './mock-language-model.js';
