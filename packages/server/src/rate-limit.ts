import { ConfigurationError } from '@memzero/core';
import type { RateLimitOptions } from './options.js';

/** Answers whether a key may make one more request now, and when to retry. */
export type RateLimiter = (keyId: string) => Promise<{ allowed: boolean; resetAt: number }>;

/**
 * A per-key sliding-window limiter on Upstash Redis with `@upstash/ratelimit` (shared by every instance, works on edge
 * runtimes). Keys are identified by their hash id, never by the key.
 */
export async function createRateLimiter(
  options: RateLimitOptions,
  environment: Record<string, string | undefined>,
): Promise<RateLimiter> {
  const url = options.redis?.url ?? environment.UPSTASH_REDIS_REST_URL;
  const token = options.redis?.token ?? environment.UPSTASH_REDIS_REST_TOKEN;
  if (!url || !token) {
    throw new ConfigurationError(
      'rateLimit needs Upstash Redis: set UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or rateLimit.redis',
    );
  }
  if (!Number.isInteger(options.requests) || options.requests < 1) {
    throw new ConfigurationError('rateLimit.requests must be a positive whole number');
  }
  if (!Number.isInteger(options.windowSeconds) || options.windowSeconds < 1) {
    throw new ConfigurationError('rateLimit.windowSeconds must be a positive whole number of seconds');
  }
  const [{ Ratelimit }, { Redis }] = await Promise.all([import('@upstash/ratelimit'), import('@upstash/redis')]);
  const limiter = new Ratelimit({
    redis: new Redis({ url, token }),
    limiter: Ratelimit.slidingWindow(options.requests, `${options.windowSeconds} s`),
    prefix: 'memzero-ratelimit',
    analytics: false,
  });
  return async (keyId) => {
    const result = await limiter.limit(keyId);
    return { allowed: result.success, resetAt: result.reset };
  };
}

/** Parses MEMZERO_RATE_LIMIT (`requests/seconds`, e.g. `100/60`). */
export function parseRateLimit(value: string | undefined): RateLimitOptions | undefined {
  if (!value) return undefined;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*s?\s*$/.exec(value);
  if (!match) throw new ConfigurationError('MEMZERO_RATE_LIMIT: expected requests/seconds, e.g. 100/60');
  return { requests: Number(match[1]), windowSeconds: Number(match[2]) };
}
