import type { PendingMutation, RecentWrite } from '../../../spec/coordination-store.js';

/** What a holder of a lock carries (see `HeldLock` in the store). */
interface Holder {
  token: string;
  pending?: unknown;
  recent?: unknown;
}

/**
 * The locks one store instance holds, by scope key: how calls made inside `withLock(key, task)` find the lock's
 * token (for fencing) and what was read with it, without an ambient async context (`AsyncLocalStorage` is not in
 * every runtime: Workers without `nodejs_compat`, browsers). The engine makes the calls about a scope while it holds
 * that scope's lock, and passes the scope key to each of them.
 *
 * One instance holds a key twice only after a lease was lost and the key locked again: the two tasks cannot be told
 * apart then, so `get` answers with a token that matches no lock and nothing read ahead; fenced writes of both fail
 * as retryable (`LOCKLOST`) instead of one of them writing under the other's lock.
 */
export class HeldLocks<T extends Holder> {
  private readonly holders = new Map<string, T[]>();

  async run<R>(key: string, held: T, task: () => Promise<R>): Promise<R> {
    const list = this.holders.get(key) ?? [];
    list.push(held);
    this.holders.set(key, list);
    try {
      return await task();
    } finally {
      list.splice(list.indexOf(held), 1);
      if (list.length === 0) this.holders.delete(key);
    }
  }

  get(key: string | undefined): T | undefined {
    const list = key === undefined ? undefined : this.holders.get(key);
    if (list === undefined || list.length === 0) return undefined;
    if (list.length === 1) return list[0];
    return { ...list[list.length - 1]!, token: '\u0000ambiguous', pending: undefined, recent: undefined };
  }
}

/** What this instance knows about a Redis lock it holds (see `UpstashRedisStore.withLock`). */
export interface HeldLock {
  key: string;
  token: string;
  /** The lock's own key, when it names a scope: what was read with the lock is valid for it. */
  scopeKey: string;
  acquiredAt: number;
  /** How long the successful acquire request took: one Redis round trip. */
  roundTripMs: number;
  /** Read with the lock; used once, dropped on any write. */
  pending?: PendingMutation[];
  /** The scope's newest recent writes, read with the lock. */
  recent?: RecentWrite[];
  /** Completions under the lock, written with the release (see `releaseLock`). */
  completions: PendingMutation[];
  /**
   * Recent writes recorded under the lock, written with the release, by group of scope keys; an id lives in one
   * group only (its latest), and `sequence` keeps the recording order for reads under the lock.
   */
  buffered: Map<
    string,
    { keys: string[]; writes: Map<string, { write: RecentWrite; sequence: number }>; expiresAt: number; ttlMs: number }
  >;
  sequence: number;
}
