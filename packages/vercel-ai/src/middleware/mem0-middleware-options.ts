import type { FilterInput, Scope } from '@memzero/core';
import type { MemoryScopeOptions } from '../spec/scope-options.js';

/** What is stored after a turn: the user's messages and the assistant's final text, the user's only, or nothing. */
export type StoreMode = 'turn' | 'user' | false;

/** Which step of the memory pipeline failed. */
export type MemoryOperation = 'retrieve' | 'store';

/** Passed to `onError`. Holds no message content. */
export interface MemoryErrorContext {
  operation: MemoryOperation;
  scope: Scope;
}

export interface Mem0SearchOptions {
  /** How many memories to inject at most. @default 5 */
  limit?: number;
  /** Minimum relevance in [0, 1]. @default 0 */
  threshold?: number;
  /** Mem0 filter DSL, applied inside the scope. @default undefined */
  filters?: FilterInput;
  /** Run the engine's reranker, when one is configured. @default the engine's default */
  rerank?: boolean;
}

/**
 * Options of `mem0Middleware` and `withMem0`. `userId`, `agentId`, `runId` and `appId` are the default scope;
 * `providerOptions.memzero` overrides them per call. A call with no scope at all fails with `MissingScopeError`.
 */
export interface Mem0MiddlewareOptions extends MemoryScopeOptions {
  /** Retrieval settings. @default { limit: 5, threshold: 0 } */
  search?: Mem0SearchOptions;
  /** Look up memories for the latest user message and inject them. @default true */
  retrieve?: boolean;
  /** What to store once the turn is finished. @default 'turn' */
  store?: StoreMode;
  /**
   * Also store when a stream is cancelled or errors after text was produced (with the partial answer).
   * @default false
   */
  storeIncomplete?: boolean;
  /** Metadata attached to every memory stored by this middleware. @default undefined */
  metadata?: Record<string, unknown>;
  /** Passed to `memory.add`; `false` stores the messages verbatim. @default true */
  infer?: boolean;
  /** Cap on the injected memory block, in characters. @default 2000 */
  maxMemoryCharacters?: number;
  /** Heading line inside the memory block. @default core's heading */
  heading?: string;
  /** The `providerOptions` key read for per-call settings. @default 'memzero' */
  providerOptionsKey?: string;
  /** How many turns' retrievals are kept so that later steps of a turn do not search again. @default 1000 */
  cacheSize?: number;
  /**
   * Called when retrieval or storage fails. The response is never failed by memory: retrieval failures answer
   * without memories, storage failures happen after the answer.
   * @default undefined (a one-line warning is logged instead)
   */
  onError?: (error: unknown, context: MemoryErrorContext) => void;
  /**
   * Receives every background storage promise, for serverless platforms that stop the process after the response
   * (`waitUntil` from `@vercel/functions`, `ctx.waitUntil` on Cloudflare). The promise never rejects.
   * @default undefined
   */
  waitUntil?: (promise: Promise<unknown>) => void;
  /** Where warnings go (never with memory text or message content); `false` silences them. @default console */
  logger?: { warn(message: string): void } | false;
}

/** Per-call settings read from `providerOptions.memzero` (JSON values only). */
export interface Mem0CallOptions extends Scope {
  /** Overrides `retrieve` for this call. */
  retrieve?: boolean;
  /** Overrides `store` for this call. */
  store?: 'turn' | 'user' | false;
  /** Merged over the middleware's `metadata` for this call. */
  metadata?: Record<string, unknown>;
}
