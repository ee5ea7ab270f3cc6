import type { FilterInput } from '../spec/filter.js';
import type { Scope } from '../spec/scope.js';

/**
 * The option names every memzero framework adapter shares (`@memzero/vercel-ai`, `@memzero/langchain`,
 * `@memzero/llamaindex`, `@memzero/mastra`), so a setting is spelled the same way whichever framework runs it.
 */

/** Which step of an adapter's memory pipeline failed. */
export type MemoryOperation = 'retrieve' | 'store';

/** Passed to `onError`. Holds no message content and no memory text. */
export interface MemoryErrorContext {
  operation: MemoryOperation;
  scope: Scope;
}

/** What is stored after a turn: the user's messages and the assistant's final text, the user's only, or nothing. */
export type StoreMode = 'turn' | 'user' | false;

/** How an adapter looks up memories before the model answers. */
export interface RecallOptions {
  /** Look up memories for the latest user message and inject them. @default true */
  retrieve?: boolean;
  /** Most memories injected per turn. @default 5 ({@link defaultRecallLimit}) */
  limit?: number;
  /**
   * Minimum relevance `score` in [0, 1] of an injected memory. The default keeps memories that share words or
   * meaning with the message and drops the near-zero scores of unrelated ones (see {@link defaultRecallThreshold}).
   * @default 0.1
   */
  threshold?: number;
  /** Mem0 filter DSL, applied inside the scope. @default undefined */
  filters?: FilterInput;
  /** Run the engine's reranker, when one is configured. @default the engine's default */
  rerank?: boolean;
  /** Cap on the injected memory block, in characters; lower-ranked memories are dropped first. @default 2000 */
  maxCharacters?: number;
  /** Heading line inside the memory block. @default 'Relevant memories about the user (most relevant first):' */
  heading?: string;
}

/** How an adapter stores turns, and where its failures go. */
export interface StorageOptions {
  /** What to store once a turn is finished. @default 'turn' */
  store?: StoreMode;
  /** Stored with every memory the adapter writes. @default undefined */
  metadata?: Record<string, unknown>;
  /** Passed to `memory.add`; `false` stores the messages verbatim (no extraction). @default true */
  infer?: boolean;
  /**
   * Opt-in synchronous mode: the call waits for storage, and a storage failure fails the call. By default storage
   * runs in the background and never delays or fails the user's answer; `flush()` waits for it.
   * @default false
   */
  awaitStorage?: boolean;
  /**
   * Receives every background storage promise, for serverless platforms that stop the process after the response
   * (`waitUntil` from `@vercel/functions`, `ctx.waitUntil` on Cloudflare). The promise never rejects.
   * @default undefined
   */
  waitUntil?: (promise: Promise<unknown>) => void;
  /**
   * Called when retrieval or background storage fails (the answer is not affected).
   * @default undefined (a one-line warning goes to `logger`)
   */
  onError?: (error: unknown, context: MemoryErrorContext) => void;
  /** Where warnings go (never with memory text or message content); `false` silences them. @default console */
  logger?: { warn(message: string): void } | false;
}
