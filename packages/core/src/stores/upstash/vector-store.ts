/** Entry point of `@memzero/core/stores/upstash-vector` (and of the engine's `provider: 'upstash'`). */
export * from './vector/index.js';
