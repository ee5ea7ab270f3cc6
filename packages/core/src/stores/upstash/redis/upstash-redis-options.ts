import type { Redis } from '@upstash/redis';
import type { RetryOptions } from '../shared/retry-policy.js';

/** Options of {@link createUpstashRedisStore}. */
export interface UpstashRedisStoreOptions {
  /** REST URL. @default process.env.UPSTASH_REDIS_REST_URL */
  url?: string;
  /** REST token. @default process.env.UPSTASH_REDIS_REST_TOKEN */
  token?: string;
  /**
   * A ready `@upstash/redis` client. Prefer one built with `automaticDeserialization: false`; the store stores JSON
   * objects, so either works.
   */
  client?: Redis;
  /** Every key starts with it; `reset` removes only keys under it. @default 'memzero:' */
  keyPrefix?: string;
  /** Timeout of one HTTP request (clients built from url/token only). @default 10000 */
  timeoutMs?: number;
  /** Retries of idempotent calls on 429, 5xx, network errors and timeouts. @default { retries: 3 } */
  retry?: RetryOptions;
  /** How long a lock is held before it expires unless renewed (it is renewed while the task runs). @default 30000 */
  lockLeaseMs?: number;
  /** How long `withLock` waits for a lock before failing with a retryable `StoreError`. @default 60000 */
  lockTimeoutMs?: number;
  /** How long a completed batch id is remembered, so a repeated completion appends no history twice. @default 604800 (7 days) */
  completedTtlSeconds?: number;
  /** Chat sessions expire this long after their last message; 0 keeps them forever. @default 0 */
  messagesTtlSeconds?: number;
}
