import type { FilterInput } from './filter.js';
import type { MemoryType } from './memory-record.js';
import type { Scope } from './scope.js';

export interface AddOptions extends Scope {
  /** Stored with every memory this call writes. Keys are identifiers; values JSON. */
  metadata?: Record<string, unknown>;
  /**
   * `false` stores each message verbatim as a memory (no extraction, no conflict resolution; exact duplicates are
   * still skipped).
   * @default true
   */
  infer?: boolean;
  /**
   * With `infer: false`: how many neighbouring messages of the same call (before, after) are kept as each memory's
   * lexical `context`. `[0, 0]` disables it.
   * @default [2, 2]
   */
  contextWindow?: [before: number, after: number];
  /**
   * Store `tool` messages (tool results) like the others. By default they are skipped: a tool's output is no
   * statement by the user, and storing it would turn search results or API payloads into "facts".
   * @default false
   */
  includeToolResults?: boolean;
  /**
   * `procedural_memory` summarises the messages as one memory of the run (usually with `agentId`; any scope works).
   * @default 'semantic_memory'
   */
  memoryType?: MemoryType;
  /** ISO 8601 date or Date after which the memories are hidden. */
  expirationDate?: string | Date;
  /** Replaces the extraction instructions for this call. */
  prompt?: string;
  /** Appended to the extraction instructions for this call. */
  customInstructions?: string;
  signal?: AbortSignal;
}

export interface SearchOptions extends Scope {
  /** @default 10 */
  limit?: number;
  /** Mem0 OSS's name for `limit`. */
  topK?: number;
  /** Minimum `score` in [0, 1]; hits scoring 0 (no signal matched) are never returned. @default 0 */
  threshold?: number;
  /**
   * Mem0's filter DSL, applied inside the scope. Without scope options, top-level scope equalities here
   * (`{ user_id: 'alice' }`, as Mem0 OSS writes them) are the scope.
   */
  filters?: FilterInput;
  /** Run the configured reranker. @default true when one is configured */
  rerank?: boolean;
  /** Include memories past their expiration date. @default false */
  includeExpired?: boolean;
  signal?: AbortSignal;
}

export interface GetAllOptions extends Scope {
  /** Page size. @default 100 */
  limit?: number;
  /** Mem0 OSS's name for `limit`. */
  topK?: number;
  /** From a previous page's `nextCursor`. */
  cursor?: string;
  filters?: FilterInput;
  /** Include invalidated memories. @default false */
  includeInvalidated?: boolean;
  /** @default false */
  includeExpired?: boolean;
}

export interface UpdateInput {
  text?: string;
  /** Replaces the metadata. */
  metadata?: Record<string, unknown>;
  /** ISO 8601 date, Date, or `null` to clear. */
  expirationDate?: string | Date | null;
}

export interface DeleteAllOptions extends Scope {}

export interface GetOptions extends Scope {}
