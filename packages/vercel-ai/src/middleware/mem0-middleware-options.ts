import type { RecallOptions, Scope, StorageOptions, StoreMode } from '@memzero/core';
import type { MemoryScopeOptions } from '../spec/scope-options.js';

export type { MemoryErrorContext, MemoryOperation, StoreMode } from '@memzero/core';

/**
 * Options of `mem0Middleware` and `withMem0`, in the vocabulary all memzero adapters share (`RecallOptions` and
 * `StorageOptions` from `@memzero/core`). `userId`, `agentId`, `runId` and `appId` are the default scope;
 * `providerOptions.memzero` overrides them per call. A call with no scope at all fails with `MissingScopeError`.
 */
export interface Mem0MiddlewareOptions extends MemoryScopeOptions, RecallOptions, StorageOptions {
  /**
   * Also store when a stream is cancelled or errors after text was produced (with the partial answer).
   * @default false
   */
  storeIncomplete?: boolean;
  /** The `providerOptions` key read for per-call settings. @default 'memzero' */
  providerOptionsKey?: string;
  /** How many turns' retrievals are kept so that later steps of a turn do not search again. @default 1000 */
  cacheSize?: number;
}

/** Per-call settings read from `providerOptions.memzero` (JSON values only). */
export interface Mem0CallOptions extends Scope {
  /** Overrides `retrieve` for this call. */
  retrieve?: boolean;
  /** Overrides `store` for this call. */
  store?: StoreMode;
  /** Merged over the middleware's `metadata` for this call. */
  metadata?: Record<string, unknown>;
  /**
   * The conversation this call's turn belongs to, usually the chat id (`useChat` sends it as the request body's
   * `id`): turns stored one call at a time then share neighbour context (what `infer: false` retrieval uses). Does
   * not change the scope. 1 to 256 characters. @default the scope's `runId`, if any
   */
  conversationId?: string;
}
