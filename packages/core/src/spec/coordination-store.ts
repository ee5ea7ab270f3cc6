import type { MemoryRecord, VectorEntry } from './memory-record.js';
import type { Scope } from './scope.js';

/** What happened to a memory, as kept in its history. */
export type HistoryEvent = 'ADD' | 'UPDATE' | 'DELETE' | 'INVALIDATE';

/** Who decided a change. */
export type HistoryActor = 'model' | 'rules' | 'application';

/** One mutation of one memory. History is append-only; only an explicit purge removes it. */
export interface HistoryEntry {
  /** Unique id of the entry. */
  id: string;
  memoryId: string;
  event: HistoryEvent;
  /** Text before the change (UPDATE, INVALIDATE, DELETE). */
  previousMemory?: string;
  /** Text after the change (ADD, UPDATE). */
  newMemory?: string;
  /** The memory's version after the change. */
  version: number;
  actor: HistoryActor;
  /** Why, when the model or the rules said so. */
  reason?: string;
  /** ISO 8601. */
  createdAt: string;
  /**
   * The scope of the memory (its structural fields). `Memory.history(id, scope)` shows only entries whose scope
   * lies within the caller's; entries written before this field existed have none and are checked against the
   * memory's current record instead. Stores keep it as given.
   */
  scope?: Scope;
}

/**
 * A memory written or deleted recently in a scope, so a search index that lags behind writes can be corrected
 * from exact data: `write` entries carry the record as written (its text, status and version, fresher than
 * anything a lagging query returns), `delete` entries say the memory is gone (deleted or invalidated) even if a
 * query still returns it.
 */
export interface RecentWrite {
  id: string;
  /**
   * `write`: added or changed. `delete`: no longer current (deleted from the index, or invalidated, which is never
   * undone); a lagging query may still return it and the engine drops it. Stores keep the kind as given.
   */
  kind: 'write' | 'delete';
  /** For `write`: the record exactly as written (absent for `delete`). */
  record?: MemoryRecord;
}

/** Options of {@link CoordinationStore.recentWrites}. */
export interface RecentWritesOptions {
  /** At most this many entries, the newest. @default every entry within its time to live (up to the store's cap) */
  limit?: number;
  /** Only entries of this kind. @default both */
  kind?: RecentWrite['kind'];
}

/**
 * A batch of writes the engine is about to apply to the vector store, kept first in the coordination store (an
 * outbox). If the vector write fails, the batch stays pending and `Memory.reconcile()` (or the next write in the same
 * scope) applies it again; history is appended only when the batch completes, atomically with its removal.
 */
export interface PendingMutation {
  id: string;
  /** Key of the scope the batch belongs to. */
  scopeKey: string;
  /** New or re-embedded records. */
  upserts: VectorEntry[];
  /** Records whose fields change but whose vector stays (see `VectorStore.patch`). */
  patches: MemoryRecord[];
  /** Ids removed for good (explicit deletes only). */
  deletes: string[];
  history: HistoryEntry[];
  /** ISO 8601. */
  createdAt: string;
}

/** A chat message kept verbatim (for framework chat histories), not a memory. */
export interface StoredMessage {
  role: string;
  content: string;
  /** Framework-specific fields (ids, tool calls, names), kept as given. */
  data?: Record<string, unknown>;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * The exact store next to the search index: history, the outbox, per-scope serialisation, recent writes and chat
 * messages. The in-process store implements it in memory; Upstash Redis implements it with Lua and pipelines.
 */
export interface CoordinationStore {
  readonly name: string;
  /**
   * Runs `task` while no other task holds the same key, in this process or any other sharing the store. This is
   * what makes concurrent `add` calls on one scope free of duplicates and lost updates.
   */
  withLock<T>(key: string, task: () => Promise<T>): Promise<T>;

  /** Records a batch before it is applied. */
  beginMutation(mutation: PendingMutation): Promise<void>;
  /** Appends the batch's history and removes it from the outbox, atomically. */
  completeMutation(mutation: PendingMutation): Promise<void>;
  /** Batches begun but not completed, oldest first; with `scopeKey`, only that scope's. */
  pendingMutations(scopeKey?: string): Promise<PendingMutation[]>;

  /** History of a memory, oldest first. */
  history(memoryId: string): Promise<HistoryEntry[]>;
  /** Removes the history of these memories (explicit purge only). */
  deleteHistory(memoryIds: string[]): Promise<void>;

  /**
   * Remembers memories written or deleted, under each of `scopeKeys` (the engine passes the key of every scope a
   * reader may ask for: each non-empty subset of the record's scope fields), for `ttlMs`. Recording an id again
   * replaces its entry (kind and record) and makes it the newest; entries expire `ttlMs` after being recorded.
   * Entries of one call have no order among themselves. A store may keep only the newest 1,000 entries of each
   * kind per key.
   */
  recordRecentWrites(scopeKeys: string[], writes: RecentWrite[], ttlMs: number): Promise<void>;
  /**
   * Entries of a scope key within their time to live, newest first, at most `options.limit` of them, optionally
   * of one kind. "Newest" may be read as "expires last": the same order for entries recorded with one `ttlMs`,
   * which is what the engine does.
   */
  recentWrites(scopeKey: string, options?: RecentWritesOptions): Promise<RecentWrite[]>;

  /** Appends chat messages to a session, in one round trip. */
  appendMessages(sessionKey: string, messages: StoredMessage[]): Promise<void>;
  /** Messages of a session, oldest first; with `limit`, the last `limit` of them. */
  listMessages(sessionKey: string, options?: { limit?: number }): Promise<StoredMessage[]>;
  /** Removes a session's messages. */
  clearMessages(sessionKey: string): Promise<void>;
  /**
   * Replaces a session's messages atomically: a reader sees the old list or the new one, never a mix, and a failure
   * leaves the old list (for chat stores that edit or delete single messages).
   */
  replaceMessages(sessionKey: string, messages: StoredMessage[]): Promise<void>;

  /** Removes everything this store holds. */
  reset(): Promise<void>;
  close?(): Promise<void>;
}

/** Re-exported for store implementations. */
export type { MemoryRecord };
