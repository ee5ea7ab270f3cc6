import type { Memory, MemoryConfig } from '@memzero/core';

/** One API key and what it may reach. */
export interface ApiKeyConfig {
  /** The secret the caller sends as `Authorization: Token <key>` (Mem0's scheme) or `Bearer <key>`. */
  key: string;
  /**
   * The organisation the key belongs to. Each organisation has its own storage (a directory under `path`, an
   * Upstash Vector namespace and Redis key prefix), so keys of different organisations never see each other's data.
   * Letters, digits and `_ . -`, at most 48 characters.
   * @default `key-` + 16 hex digits of the key's SHA-256 (a key of its own; name it to rotate keys without losing data)
   */
  organization?: string;
  /** Restricts the key to one app: every write gets this `app_id`, every read is narrowed to it. @default none */
  appId?: string;
}

/** Per-key rate limit (a sliding window), enforced with `@upstash/ratelimit` on Upstash Redis. */
export interface RateLimitOptions {
  /** Requests allowed per window and key. */
  requests: number;
  /** Window length in seconds. */
  windowSeconds: number;
  /** Upstash Redis REST URL and token. @default UPSTASH_REDIS_REST_URL / UPSTASH_REDIS_REST_TOKEN */
  redis?: { url: string; token: string };
}

/** Options of {@link createMemoryServer}. */
export interface MemoryServerOptions {
  /**
   * Accepted API keys. Strings are keys of their own organisation.
   * @default parsed from MEMZERO_API_KEYS: comma-separated `key`, `key@organization` or `key@organization/appId`
   */
  apiKeys?: ReadonlyArray<string | ApiKeyConfig>;
  /**
   * The engine config shared by every organisation (models, stores), or a factory returning the `Memory` of an
   * organisation. With a config, `path` gets one sub-directory per organisation and Upstash stores get one
   * namespace and key prefix per organisation.
   * @default {@link memoryConfigFromEnvironment}: `path` from MEMZERO_PATH, Upstash when UPSTASH_VECTOR_REST_URL is set
   */
  memory?: MemoryConfig | ((organization: string) => Memory);
  /** Largest accepted request body, in bytes; larger bodies get 413. @default 1000000 (MEMZERO_BODY_LIMIT) */
  bodyLimitBytes?: number;
  /** Origins allowed by CORS (`*` for any). @default none: no CORS headers (MEMZERO_CORS_ORIGINS, comma-separated) */
  corsOrigins?: readonly string[];
  /** Per-key rate limit. @default none (MEMZERO_RATE_LIMIT as `requests/seconds`, e.g. `100/60`) */
  rateLimit?: RateLimitOptions;
  /** Serve MCP over Streamable HTTP at `/mcp`. @default true */
  mcp?: boolean;
  /** Finished async-add events kept for status queries, per server instance. @default 10000 */
  maxEvents?: number;
  /**
   * Called with an unexpected error (one answered with a 500 `internal`), for the operator's error tracking. The
   * error may hold anything its thrower put in it; the HTTP answer never does.
   */
  onError?: (error: unknown) => void;
  /** Receives one line per request (method, route, status, milliseconds, key id); never keys or memory text. */
  log?: (entry: RequestLogEntry) => void;
}

/** What is logged for a request. */
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** A short hash of the key, never the key. */
  keyId?: string;
}
