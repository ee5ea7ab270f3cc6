import { join } from 'node:path';
import type {
  CoordinationStore,
  HistoryEntry,
  PendingMutation,
  RecentWrite,
  RecentWritesOptions,
  StoredMessage,
} from '../../spec/coordination-store.js';
import { FileJournal } from './file-journal.js';

export interface InMemoryCoordinationStoreOptions {
  /** A directory to persist history, the outbox and chat messages to. Locks and recent writes are per process. */
  path?: string;
  /** fsync every write. @default true */
  fsync?: boolean;
}

const recentCap = 1_000;

interface State {
  pending: PendingMutation[];
  history: HistoryEntry[];
  messages: Array<{ sessionKey: string; message: StoredMessage }>;
}

type Operation =
  | { kind: 'begin'; mutation: PendingMutation }
  | { kind: 'complete'; mutation: PendingMutation }
  | { kind: 'deleteHistory'; memoryIds: string[] }
  | { kind: 'appendMessages'; sessionKey: string; messages: StoredMessage[] }
  | { kind: 'clearMessages'; sessionKey: string }
  | { kind: 'replaceMessages'; sessionKey: string; messages: StoredMessage[] }
  | { kind: 'reset' };

/**
 * The embedded coordination store. Locks serialise tasks per key within this process (the embedded store is not
 * shared between processes); history, outbox and messages can be persisted to files.
 */
export function createInMemoryCoordinationStore(options: InMemoryCoordinationStoreOptions = {}): CoordinationStore {
  return new InMemoryCoordinationStore(options);
}

class InMemoryCoordinationStore implements CoordinationStore {
  readonly name = 'in-memory';
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly pending = new Map<string, PendingMutation>();
  private readonly historyByMemory = new Map<string, HistoryEntry[]>();
  /** Per scope key, entries in the order recorded (a Map keeps insertion order; re-recording moves to the end). */
  private readonly recent = new Map<string, Map<string, { write: RecentWrite; expiresAt: number }>>();
  private readonly messages = new Map<string, StoredMessage[]>();
  private readonly journal: FileJournal<State, Operation> | undefined;

  constructor(options: InMemoryCoordinationStoreOptions) {
    if (options.path === undefined) return;
    this.journal = new FileJournal(this.name, join(options.path, 'coordination'), { fsync: options.fsync ?? true });
    const { snapshot, operations } = this.journal.load();
    if (snapshot) {
      for (const mutation of snapshot.pending) this.apply({ kind: 'begin', mutation });
      for (const entry of snapshot.history) this.addHistory([entry]);
      for (const { sessionKey, message } of snapshot.messages)
        this.apply({ kind: 'appendMessages', sessionKey, messages: [message] });
    }
    for (const operation of operations) this.apply(operation);
  }

  async withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    }
  }

  async beginMutation(mutation: PendingMutation): Promise<void> {
    this.commit({ kind: 'begin', mutation });
  }

  async completeMutation(mutation: PendingMutation): Promise<void> {
    this.commit({ kind: 'complete', mutation });
  }

  async pendingMutations(scopeKey?: string): Promise<PendingMutation[]> {
    return [...this.pending.values()]
      .filter((mutation) => scopeKey === undefined || mutation.scopeKey === scopeKey)
      .map((mutation) => structuredClone(mutation));
  }

  async history(memoryId: string): Promise<HistoryEntry[]> {
    return structuredClone(this.historyByMemory.get(memoryId) ?? []);
  }

  async deleteHistory(memoryIds: string[]): Promise<void> {
    if (memoryIds.length > 0) this.commit({ kind: 'deleteHistory', memoryIds });
  }

  async recordRecentWrites(scopeKeys: string[], writes: RecentWrite[], ttlMs: number): Promise<void> {
    const expiresAt = Date.now() + ttlMs;
    for (const scopeKey of new Set(scopeKeys)) {
      let entries = this.recent.get(scopeKey);
      if (!entries) {
        entries = new Map();
        this.recent.set(scopeKey, entries);
      }
      for (const write of writes) {
        entries.delete(write.id);
        entries.set(write.id, { write: structuredClone(write), expiresAt });
      }
      // The contract lets a store keep only the newest 1,000 of each kind; the oldest go first.
      for (const kind of ['write', 'delete'] as const) {
        let excess = [...entries.values()].filter((entry) => entry.write.kind === kind).length - recentCap;
        for (const [id, entry] of entries) {
          if (excess <= 0) break;
          if (entry.write.kind === kind) {
            entries.delete(id);
            excess -= 1;
          }
        }
      }
    }
  }

  async recentWrites(scopeKey: string, options: RecentWritesOptions = {}): Promise<RecentWrite[]> {
    const entries = this.recent.get(scopeKey);
    if (!entries) return [];
    const now = Date.now();
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const found: RecentWrite[] = [];
    for (const [id, entry] of [...entries].reverse()) {
      if (entry.expiresAt <= now) {
        entries.delete(id);
        continue;
      }
      if (found.length < limit && (options.kind === undefined || entry.write.kind === options.kind)) {
        found.push(structuredClone(entry.write));
      }
    }
    if (entries.size === 0) this.recent.delete(scopeKey);
    return found;
  }

  async appendMessages(sessionKey: string, messages: StoredMessage[]): Promise<void> {
    if (messages.length > 0) this.commit({ kind: 'appendMessages', sessionKey, messages });
  }

  async listMessages(sessionKey: string, options: { limit?: number } = {}): Promise<StoredMessage[]> {
    const messages = this.messages.get(sessionKey) ?? [];
    const selected = options.limit === undefined ? messages : messages.slice(-options.limit);
    return structuredClone(selected);
  }

  async clearMessages(sessionKey: string): Promise<void> {
    if (this.messages.has(sessionKey)) this.commit({ kind: 'clearMessages', sessionKey });
  }

  async replaceMessages(sessionKey: string, messages: StoredMessage[]): Promise<void> {
    this.commit({ kind: 'replaceMessages', sessionKey, messages });
  }

  async reset(): Promise<void> {
    this.commit({ kind: 'reset' });
    this.recent.clear();
  }

  async close(): Promise<void> {
    this.journal?.close();
  }

  private commit(operation: Operation): void {
    this.journal?.append([operation]);
    this.apply(operation);
    if (this.journal?.shouldCompact(this.pending.size + this.historyByMemory.size + this.messages.size)) {
      this.journal.compact({
        pending: [...this.pending.values()],
        history: [...this.historyByMemory.values()].flat(),
        messages: [...this.messages].flatMap(([sessionKey, list]) => list.map((message) => ({ sessionKey, message }))),
      });
    }
  }

  private apply(operation: Operation): void {
    switch (operation.kind) {
      case 'begin':
        this.pending.set(operation.mutation.id, structuredClone(operation.mutation));
        return;
      case 'complete':
        if (!this.pending.delete(operation.mutation.id)) return;
        this.addHistory(operation.mutation.history);
        return;
      case 'deleteHistory':
        for (const id of operation.memoryIds) this.historyByMemory.delete(id);
        return;
      case 'appendMessages': {
        const list = this.messages.get(operation.sessionKey) ?? [];
        list.push(...structuredClone(operation.messages));
        this.messages.set(operation.sessionKey, list);
        return;
      }
      case 'clearMessages':
        this.messages.delete(operation.sessionKey);
        return;
      case 'replaceMessages':
        if (operation.messages.length === 0) this.messages.delete(operation.sessionKey);
        else this.messages.set(operation.sessionKey, structuredClone(operation.messages));
        return;
      case 'reset':
        this.pending.clear();
        this.historyByMemory.clear();
        this.messages.clear();
    }
  }

  private addHistory(entries: HistoryEntry[]): void {
    for (const entry of entries) {
      const list = this.historyByMemory.get(entry.memoryId) ?? [];
      if (!list.some((existing) => existing.id === entry.id)) list.push(structuredClone(entry));
      this.historyByMemory.set(entry.memoryId, list);
    }
  }
}
