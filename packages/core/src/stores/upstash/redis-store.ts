/** Entry point of `@memzero/core/stores/upstash-redis` (and of the engine's `provider: 'upstash-redis'`). */
export * from './redis/index.js';
