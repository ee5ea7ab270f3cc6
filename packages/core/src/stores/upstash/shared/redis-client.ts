import { Redis } from '@upstash/redis';
import { isNetworkError } from './retry-policy.js';

/** Connection options for Upstash Redis. */
export interface RedisConnectionOptions {
  url: string;
  token: string;
  /** Timeout of one HTTP request. @default 10000 */
  timeoutMs?: number;
}

/**
 * An `@upstash/redis` client configured the way memzero's stores expect: raw strings back (no automatic JSON
 * parsing, which turns "123" into 123), a timeout per request (the function form of `signal`, which makes an abort
 * throw), no telemetry, and the SDK's own retries off (the stores retry with knowledge of idempotence).
 */
export function createRedisClient(options: RedisConnectionOptions): Redis {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Redis({
    url: options.url,
    token: options.token,
    automaticDeserialization: false,
    enableTelemetry: false,
    retry: { retries: 0 },
    signal: () => AbortSignal.timeout(timeoutMs),
  });
}

/** A client from options or a ready instance (duck-typed, so two copies of the SDK both work). */
export function toRedisClient(value: Redis | RedisConnectionOptions, timeoutMs?: number): Redis {
  if (value instanceof Redis || typeof (value as unknown as Redis).eval === 'function') return value as Redis;
  const options = value as RedisConnectionOptions;
  return createRedisClient(
    timeoutMs === undefined || options.timeoutMs !== undefined ? options : { ...options, timeoutMs },
  );
}

/**
 * Whether a failed Upstash Redis call may succeed if repeated. The SDK drops the HTTP status, so this reads the
 * error: network failures, timeouts, non-JSON bodies (a proxy's 5xx page) and rate-limit or availability messages.
 * Redis errors (`ERR`, `WRONGTYPE`, ...) are final.
 */
export function isRetryableRedisError(error: unknown): boolean {
  if (isNetworkError(error)) return true;
  if (!(error instanceof Error)) return false;
  if (error.name === 'UpstashJSONParseError') return true;
  const message = error.message.split(/,? command was:/i)[0] ?? '';
  if (/^(ERR|WRONGTYPE|NOSCRIPT|BUSY|EXECABORT|NOPERM)\b/.test(message) && !/limit exceeded|rate/i.test(message)) {
    return false;
  }
  return /\b(429|5\d\d)\b|rate.?limit|too many requests|limit exceeded|unavailable|timed? ?out|temporar/i.test(message);
}

/** A stored JSON value: the client returns it parsed when it deserialises automatically, as a string otherwise. */
export function parseRedisJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
