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
   * With `infer: false`: how many neighbouring turns (before, after) are kept as each memory's lexical `context`.
   * The turns of one conversation count across calls (see `conversationId`). `[0, 0]` disables it.
   * @default [2, 2]
   */
  contextWindow?: [before: number, after: number];
  /**
   * With `infer: false`: the conversation these messages belong to, for applications that store each turn when it
   * happens. Turns of one conversation (same scope, same `conversationId`) get their neighbours as context across
   * calls: a new turn from the turns stored before it, and earlier turns from the ones that follow. Without it, a
   * call with a `runId` continues the run's conversation, and any other call stands alone. 1 to 256 characters.
   * @default the scope's `runId`, if any
   */
  conversationId?: string;
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
  /**
   * When the memories stop being current (hidden from search and getAll, not deleted): a Date, an ISO 8601
   * date-time (with `Z` or an offset; without one it is read in `timeZone`), or a date (`2026-12-01`: visible
   * through that whole day in `timeZone`, hidden from the next day's start). Other forms (`12/01/2026`) are a
   * `ValidationError`.
   */
  expirationDate?: string | Date;
  /**
   * When the conversation happened (Mem0's platform `timestamp`), for importing past conversations: a Date, an ISO
   * 8601 string read like `expirationDate` (a bare date is its start), or Unix seconds (a number; milliseconds are
   * refused). Stored as each written memory's `eventAt` (filterable), and "today" for resolving relative dates
   * ("yesterday", "next month") in the messages. @default now, and no `eventAt`
   */
  timestamp?: number | string | Date;
  /**
   * IANA time zone of the people in the conversation (e.g. `Asia/Shanghai`): "today" for the extractor's relative
   * dates is the calendar day there, and dates without an offset (`expirationDate`, `timestamp`) are read there.
   * @default the config's `timeZone`, else `UTC`
   */
  timeZone?: string;
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
  /**
   * IANA time zone (e.g. `Europe/Berlin`) of dates written without an offset in this call: a date-time such as
   * `2026-12-01T13:00` is that wall-clock time there, a bare date its whole day there.
   * @default the config's `timeZone`, else `UTC`
   */
  timeZone?: string;
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
  /**
   * IANA time zone (e.g. `Europe/Berlin`) of dates written without an offset in this call: a date-time such as
   * `2026-12-01T13:00` is that wall-clock time there, a bare date its whole day there.
   * @default the config's `timeZone`, else `UTC`
   */
  timeZone?: string;
}

export interface UpdateInput {
  text?: string;
  /** Replaces the metadata. */
  metadata?: Record<string, unknown>;
  /** As `add`'s `expirationDate`, or `null` to clear. */
  expirationDate?: string | Date | null;
  /** Zone of an `expirationDate` without an offset. @default the config's `timeZone`, else `UTC` */
  timeZone?: string;
}

export interface DeleteAllOptions extends Scope {}

export interface GetOptions extends Scope {}
