export { createRedisClient, type RedisConnectionOptions } from '../shared/redis-client.js';
export type { UpstashRedisStoreOptions } from './upstash-redis-options.js';
export { createUpstashRedisStore } from './upstash-redis-store.js';
