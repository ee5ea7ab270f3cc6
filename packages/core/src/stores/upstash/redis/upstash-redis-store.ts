import type { Redis } from '@upstash/redis';
import { ConfigurationError, StoreError } from '../../../errors.js';
import { environmentVariable } from '../../../runtime/environment.js';
import { randomUUID } from '../../../runtime/random-uuid.js';
import type {
  CoordinationStore,
  HistoryEntry,
  PendingMutation,
  RecentWrite,
  RecentWritesOptions,
  StoredMessage,
} from '../../../spec/coordination-store.js';
import { createRedisClient, isRetryableRedisError, parseRedisJson } from '../shared/redis-client.js';
import { withRetries } from '../shared/retry-policy.js';
import { toStoreError } from '../shared/safe-error.js';
import { type HeldLock, HeldLocks } from './held-locks.js';
import * as lockScripts from './lock-scripts.js';
import * as scripts from './lua-scripts.js';
import { RedisMessageLists } from './message-lists.js';
import * as recentScripts from './recent-scripts.js';
import type { UpstashRedisStoreOptions } from './upstash-redis-options.js';

const storeName = 'upstash-redis';

/**
 * A {@link CoordinationStore} on Upstash Redis through the official `@upstash/redis` client: an ordered, fenced lock
 * per key (callers of one instance queue in process, instances queue FIFO in Redis and sleep about as long as the
 * writers ahead of them need; SET PX + token, Lua renew/release, a fencing check in `beginMutation`), an outbox
 * whose completion appends history atomically in Lua, history lists, recent writes (with their records) in sorted
 * sets and hashes, and chat messages appended with one RPUSH. Every operation is one HTTP round trip; acquiring a
 * lock also returns the scope's pending batches and newest recent writes (what a writer reads first), and releasing
 * it completes the writer's batches and records its recent writes, so a write under the lock costs three round
 * trips: acquire, begin, release.
 */
export function createUpstashRedisStore(options: UpstashRedisStoreOptions = {}): CoordinationStore {
  return new UpstashRedisStore(options);
}

/** How many recent writes come back with the lock: what `add` reads (see `recentWritesPerAdd` in the engine). */
const prefetchedRecentWrites = 50;
/** The longest a waiter sleeps between two looks at the queue. */
const maxWaitMs = 2_000;

class UpstashRedisStore implements CoordinationStore {
  readonly name = storeName;
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly heldLock = new HeldLocks<HeldLock>();
  /** Callers of this instance queue here first, so only one per key at a time waits in Redis. */
  private readonly localQueues = new Map<string, Promise<unknown>>();
  private readonly messages: RedisMessageLists;

  constructor(private readonly options: UpstashRedisStoreOptions) {
    this.prefix = options.keyPrefix ?? 'memzero:';
    if (options.client) {
      this.redis = options.client;
    } else {
      const url = options.url ?? environmentVariable('UPSTASH_REDIS_REST_URL');
      const token = options.token ?? environmentVariable('UPSTASH_REDIS_REST_TOKEN');
      if (!url || !token) {
        throw new ConfigurationError(
          'upstash-redis: pass { url, token } or a client, or set UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN (from the Upstash console)',
        );
      }
      this.redis = createRedisClient({ url, token, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
    }
    this.messages = new RedisMessageLists({
      redis: this.redis,
      key: (kind, name) => this.key(kind, name),
      call: (operation, idempotent, task) => this.call(operation, idempotent, task),
      ttlSeconds: options.messagesTtlSeconds ?? 0,
    });
  }

  /**
   * Callers of this instance queue in process (FIFO, no Redis traffic while they wait); the head of that queue
   * takes the Redis lock, joining the scope's FIFO queue in Redis when another instance holds it.
   */
  async withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.localQueues.get(key) ?? Promise.resolve();
    const run = previous.then(
      () => this.withRedisLock(key, task),
      () => this.withRedisLock(key, task),
    );
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.localQueues.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.localQueues.get(key) === settled) this.localQueues.delete(key);
    }
  }

  private async withRedisLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lockKey = this.key('lock', key);
    const token = randomUUID();
    const lease = this.options.lockLeaseMs ?? 30_000;
    const deadline = Date.now() + (this.options.lockTimeoutMs ?? 60_000);
    const keys = [
      lockKey,
      this.key('fence', key),
      this.key('outbox-scope', key),
      this.key('outbox'),
      this.key('lock-queue', key),
      this.key('lock-waiters', key),
      this.key('lock-hold', key),
      this.key('lock-since', key),
      ...this.recentKeys(key),
    ];
    let acquired: unknown[];
    let roundTripMs = 0;
    for (;;) {
      const now = Date.now();
      acquired = await this.call('withLock', true, () =>
        this.redis.eval<string[], unknown[]>(lockScripts.acquireLock, keys, [
          token,
          String(lease),
          String(now),
          String(now + maxWaitMs + 5_000),
          String(prefetchedRecentWrites),
        ]),
      );
      roundTripMs = Date.now() - now;
      if (Number(acquired[0]) === 1) break;
      if (Date.now() > deadline) {
        // Best effort: the writers behind should not wait for a waiter that gave up (its deadline would drop it).
        await this.redis.eval(lockScripts.leaveQueue, [keys[4]!, keys[5]!], [token]).catch(() => undefined);
        throw new StoreError(
          storeName,
          'withLock',
          'timed out waiting for a lock another writer holds; retry, or raise lockTimeoutMs',
          { isRetryable: true },
        );
      }
      await new Promise((resolve) =>
        setTimeout(resolve, lockScripts.waitBeforeRetry(acquired, roundTripMs, maxWaitMs)),
      );
    }
    const renewal = setInterval(() => {
      this.redis.eval(lockScripts.renewLock, [lockKey], [token, String(lease)]).catch(() => undefined);
    }, lease / 3);
    renewal.unref?.();
    const held: HeldLock = {
      key: lockKey,
      token,
      scopeKey: key,
      acquiredAt: Date.now(),
      roundTripMs,
      pending: ((acquired[2] as unknown[]) ?? []).filter((item) => item !== null).map((item) => parseRedisJson(item)),
      recent: recentScripts.parseRecent(acquired[3]),
      completions: [],
      buffered: new Map(),
      sequence: 0,
    };
    try {
      return await this.heldLock.run(key, held, task);
    } finally {
      clearInterval(renewal);
      await this.release(held);
    }
  }

  /**
   * Completes the batches and records the recent writes buffered under the lock, and releases it, in one round
   * trip. A release that still fails after retries is not reported: the lock then ends with its lease, the batches
   * stay pending (the next write in the scope or `reconcile()` completes them) and only recent-write hints are lost.
   */
  private async release(held: HeldLock): Promise<void> {
    const keys = [held.key, this.key('lock-hold', held.scopeKey)];
    // What a waiter waits for per writer ahead: the hold, the release and the next writer's acquire.
    const cycleMs = Date.now() - held.acquiredAt + 2 * held.roundTripMs;
    const args = [held.token, String(cycleMs), String(held.completions.length)];
    const ttl = String(this.options.completedTtlSeconds ?? 604_800);
    for (const mutation of held.completions) {
      keys.push(...this.completionKeys(mutation));
      args.push(
        mutation.id,
        ttl,
        String(mutation.history.length),
        ...mutation.history.map((entry) => JSON.stringify(entry)),
      );
    }
    args.push(String(held.buffered.size));
    for (const group of held.buffered.values()) {
      keys.push(...group.keys.flatMap((scopeKey) => this.recentKeys(scopeKey)));
      const writes = [...group.writes.values()].map((item) => item.write);
      args.push(...recentScripts.recentGroupArgs(group.expiresAt, group.ttlMs, group.keys.length, writes));
    }
    await this.call('withLock', true, () => this.redis.eval(lockScripts.releaseLock, keys, args)).catch(
      () => undefined,
    );
  }

  async beginMutation(mutation: PendingMutation): Promise<void> {
    const held = this.heldLock.get(mutation.scopeKey);
    if (held) held.pending = undefined;
    const keys = [this.key('outbox'), this.key('outbox-order'), this.key('outbox-scope', mutation.scopeKey)];
    const args = [mutation.id, JSON.stringify(mutation), String(Date.parse(mutation.createdAt) || Date.now())];
    if (held) {
      keys.push(held.key);
      args.push(held.token);
    }
    await this.call('beginMutation', true, () => this.redis.eval(scripts.beginMutation, keys, args));
  }

  /** Under a lock, buffered and written with its release (one round trip less per write); else at once. */
  async completeMutation(mutation: PendingMutation): Promise<void> {
    const held = this.heldLock.get(mutation.scopeKey);
    if (held) {
      held.pending = undefined;
      if (!held.completions.some((item) => item.id === mutation.id)) held.completions.push(structuredClone(mutation));
      return;
    }
    const ttl = String(this.options.completedTtlSeconds ?? 604_800);
    const args = [mutation.id, ttl, ...mutation.history.map((entry) => JSON.stringify(entry))];
    await this.call('completeMutation', true, () =>
      this.redis.eval(scripts.completeMutation, this.completionKeys(mutation), args),
    );
  }

  async pendingMutations(scopeKey?: string): Promise<PendingMutation[]> {
    const held = this.heldLock.get(scopeKey);
    const completed = new Set(held?.completions.map((mutation) => mutation.id));
    if (held?.pending && held.scopeKey === scopeKey) {
      const pending = held.pending;
      held.pending = undefined;
      return pending.filter((mutation) => !completed.has(mutation.id));
    }
    const order = scopeKey === undefined ? this.key('outbox-order') : this.key('outbox-scope', scopeKey);
    const items = await this.call('pendingMutations', true, () =>
      this.redis.eval<string[], Array<string | null>>(scripts.pendingMutations, [order, this.key('outbox')], []),
    );
    return items
      .filter((item) => item !== null && item !== undefined)
      .map((item) => parseRedisJson<PendingMutation>(item))
      .filter((mutation) => !completed.has(mutation.id));
  }

  async history(memoryId: string): Promise<HistoryEntry[]> {
    const items = await this.call('history', true, () => this.redis.lrange(this.key('history', memoryId), 0, -1));
    return items.map((item) => parseRedisJson<HistoryEntry>(item));
  }

  async deleteHistory(memoryIds: string[]): Promise<void> {
    if (memoryIds.length === 0) return;
    await this.call('deleteHistory', true, () => this.redis.del(...memoryIds.map((id) => this.key('history', id))));
  }

  async recordRecentWrites(scopeKeys: string[], writes: RecentWrite[], ttlMs: number): Promise<void> {
    if (writes.length === 0 || scopeKeys.length === 0) return;
    const keys = [...new Set(scopeKeys)];
    const expiresAt = Date.now() + ttlMs;
    const held = keys.map((key) => this.heldLock.get(key)).find((lock) => lock !== undefined);
    if (held) {
      const id = keys.join('\u0000');
      const group = held.buffered.get(id) ?? { keys, writes: new Map(), expiresAt, ttlMs };
      for (const write of writes) {
        for (const other of held.buffered.values()) other.writes.delete(write.id);
        group.writes.set(write.id, { write: structuredClone(write), sequence: held.sequence++ });
      }
      group.expiresAt = Math.max(group.expiresAt, expiresAt);
      group.ttlMs = Math.max(group.ttlMs, ttlMs);
      held.buffered.set(id, group);
      return;
    }
    await this.call('recordRecentWrites', true, () =>
      this.redis.eval(
        recentScripts.recordRecentWrites,
        keys.flatMap((key) => this.recentKeys(key)),
        recentScripts.recentGroupArgs(expiresAt, ttlMs, keys.length, writes),
      ),
    );
  }

  async recentWrites(scopeKey: string, options: RecentWritesOptions = {}): Promise<RecentWrite[]> {
    const limit = Math.max(0, Math.min(options.limit ?? recentScripts.recentCap, recentScripts.recentCap));
    const held = this.heldLock.get(scopeKey);
    // Written by this holder and not yet released: the newest of all.
    const buffered = [...(held?.buffered.values() ?? [])]
      .filter((group) => group.keys.includes(scopeKey))
      .flatMap((group) => [...group.writes.values()])
      .sort((left, right) => right.sequence - left.sequence)
      .map((item) => item.write);
    let stored: RecentWrite[];
    // The prefetch serves any request it covers: a limit within it, or everything when it held every entry.
    const complete = (held?.recent?.length ?? 0) < prefetchedRecentWrites;
    if (
      held?.recent &&
      held.scopeKey === scopeKey &&
      (complete || (limit <= prefetchedRecentWrites && !options.kind))
    ) {
      stored = held.recent;
    } else {
      const items = await this.call('recentWrites', true, () =>
        this.redis.eval<string[], unknown[]>(recentScripts.recentWrites, this.recentKeys(scopeKey), [
          String(Date.now()),
          String(limit),
          options.kind ?? '',
        ]),
      );
      stored = recentScripts.parseRecent(items);
    }
    const seen = new Set<string>();
    const merged: RecentWrite[] = [];
    for (const write of [...buffered, ...stored]) {
      if (seen.has(write.id)) continue;
      seen.add(write.id);
      if (options.kind === undefined || write.kind === options.kind) merged.push(structuredClone(write));
    }
    return merged.slice(0, limit);
  }

  appendMessages(sessionKey: string, messages: StoredMessage[]): Promise<void> {
    return this.messages.append(sessionKey, messages);
  }

  listMessages(sessionKey: string, options: { limit?: number } = {}): Promise<StoredMessage[]> {
    return this.messages.list(sessionKey, options);
  }

  clearMessages(sessionKey: string): Promise<void> {
    return this.messages.clear(sessionKey);
  }

  replaceMessages(sessionKey: string, messages: StoredMessage[]): Promise<void> {
    return this.messages.replace(sessionKey, messages);
  }

  /** Removes every key under the prefix (SCAN + UNLINK in batches; an explicit, rare operation). */
  async reset(): Promise<void> {
    const pattern = `${this.prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    await this.call('reset', true, async () => {
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, { match: pattern, count: 1000 });
        cursor = String(next);
        if (keys.length > 0) await this.redis.unlink(...keys);
      } while (cursor !== '0');
    });
  }

  private recentKeys(scopeKey: string): string[] {
    return [this.key('recent-w', scopeKey), this.key('recent-r', scopeKey), this.key('recent-d', scopeKey)];
  }

  private completionKeys(mutation: PendingMutation): string[] {
    return [
      this.key('outbox'),
      this.key('outbox-order'),
      this.key('outbox-scope', mutation.scopeKey),
      this.key('done', mutation.id),
      ...mutation.history.map((entry) => this.key('history', entry.memoryId)),
    ];
  }

  private key(kind: string, name?: string): string {
    return name === undefined ? `${this.prefix}${kind}` : `${this.prefix}${kind}:${name}`;
  }

  /** Retries idempotent calls; wraps every failure in a StoreError without the echoed command. */
  private async call<T>(operation: string, idempotent: boolean, task: () => Promise<T>): Promise<T> {
    try {
      return await withRetries(task, (error) => idempotent && isRetryableRedisError(error), this.options.retry);
    } catch (error) {
      const lost = error instanceof Error && error.message.includes('LOCKLOST');
      throw toStoreError(
        storeName,
        operation,
        error,
        lost || isRetryableRedisError(error),
        lost ? 'Retry the call' : '',
      );
    }
  }
}
