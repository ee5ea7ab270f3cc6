import type {
  CoordinationStore,
  HistoryEntry,
  PendingMutation,
  RecentWrite,
  RecentWritesOptions,
  StoredMessage,
} from '../../spec/coordination-store.js';
import { KeyedQueue } from '../keyed-queue.js';

/** No options yet; kept so the factory's signature can grow. */
export type InMemoryCoordinationStoreOptions = Record<string, never>;

const recentCap = 1_000;

/**
 * The embedded coordination store, purely in memory: locks serialise tasks per key within this process. Pass `path`
 * to `Memory` for the durable SQLite store, which is also safe with several processes.
 */
export function createInMemoryCoordinationStore(_options: InMemoryCoordinationStoreOptions = {}): CoordinationStore {
  return new InMemoryCoordinationStore();
}

class InMemoryCoordinationStore implements CoordinationStore {
  readonly name = 'in-memory';
  private readonly locks = new KeyedQueue();
  private readonly pending = new Map<string, PendingMutation>();
  private readonly historyByMemory = new Map<string, HistoryEntry[]>();
  /** Per scope key, entries in the order recorded (a Map keeps insertion order; re-recording moves to the end). */
  private readonly recent = new Map<string, Map<string, { write: RecentWrite; expiresAt: number }>>();
  private readonly messages = new Map<string, StoredMessage[]>();

  withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.locks.run(key, task);
  }

  async beginMutation(mutation: PendingMutation): Promise<void> {
    this.pending.set(mutation.id, structuredClone(mutation));
  }

  async completeMutation(mutation: PendingMutation): Promise<void> {
    if (this.pending.delete(mutation.id)) this.addHistory(mutation.history);
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
    for (const id of memoryIds) this.historyByMemory.delete(id);
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
    if (messages.length === 0) return;
    this.messages.set(sessionKey, [...(this.messages.get(sessionKey) ?? []), ...structuredClone(messages)]);
  }

  async listMessages(sessionKey: string, options: { limit?: number } = {}): Promise<StoredMessage[]> {
    const messages = this.messages.get(sessionKey) ?? [];
    const selected = options.limit === undefined ? messages : messages.slice(-options.limit);
    return structuredClone(selected);
  }

  async clearMessages(sessionKey: string): Promise<void> {
    this.messages.delete(sessionKey);
  }

  async replaceMessages(sessionKey: string, messages: StoredMessage[]): Promise<void> {
    if (messages.length === 0) this.messages.delete(sessionKey);
    else this.messages.set(sessionKey, structuredClone(messages));
  }

  async reset(): Promise<void> {
    this.pending.clear();
    this.historyByMemory.clear();
    this.messages.clear();
    this.recent.clear();
  }

  private addHistory(entries: HistoryEntry[]): void {
    for (const entry of entries) {
      const list = this.historyByMemory.get(entry.memoryId) ?? [];
      if (!list.some((existing) => existing.id === entry.id)) list.push(structuredClone(entry));
      this.historyByMemory.set(entry.memoryId, list);
    }
  }
}
