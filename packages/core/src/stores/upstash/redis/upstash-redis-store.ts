import type { Redis } from '@upstash/redis';
import { ConfigurationError, StoreError } from '../../../errors.js';
import { environmentVariable } from '../../../runtime/environment.js';
import { randomUUID } from '../../../runtime/random-uuid.js';
import type {
  CoordinationStore,
  HistoryEntry,
  PendingMutation,
  StoredMessage,
} from '../../../spec/coordination-store.js';
import { createRedisClient, isRetryableRedisError } from '../shared/redis-client.js';
import { withRetries } from '../shared/retry-policy.js';
import { toStoreError } from '../shared/safe-error.js';
import { HeldLocks } from './held-locks.js';
import * as scripts from './lua-scripts.js';
import type { UpstashRedisStoreOptions } from './upstash-redis-options.js';

const storeName = 'upstash-redis';

/**
 * A {@link CoordinationStore} on Upstash Redis through the official `@upstash/redis` client: a fenced lock per key
 * (SET NX PX + token, Lua renew/release, a fencing check in `beginMutation`), an outbox whose completion appends
 * history atomically in Lua, history lists, recent writes in sorted sets scored by expiry, and chat messages
 * appended with one RPUSH. Every operation is one HTTP round trip; acquiring a lock also returns the scope's pending
 * batches and recent writes (what a writer reads first), and releasing it records the writer's recent writes, so
 * those cost no round trip of their own.
 */
export function createUpstashRedisStore(options: UpstashRedisStoreOptions = {}): CoordinationStore {
  return new UpstashRedisStore(options);
}

interface HeldLock {
  key: string;
  token: string;
  /** The lock's own key, when it names a scope: what was read with the lock is valid for it. */
  scopeKey: string;
  /** Read with the lock; used once, dropped on any write. */
  pending?: PendingMutation[];
  recent?: string[];
  /** Recent writes recorded under the lock, written with the release (see `releaseLock`). */
  buffered: Map<string, { ids: Set<string>; expiresAt: number; ttlMs: number }>;
}

class UpstashRedisStore implements CoordinationStore {
  readonly name = storeName;
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly heldLock = new HeldLocks<HeldLock>();

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
  }

  async withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lockKey = this.key('lock', key);
    const token = randomUUID();
    const lease = this.options.lockLeaseMs ?? 30_000;
    const deadline = Date.now() + (this.options.lockTimeoutMs ?? 60_000);
    const keys = [
      lockKey,
      this.key('fence', key),
      this.key('outbox-scope', key),
      this.key('outbox'),
      this.key('recent', key),
    ];
    let acquired: [unknown, string[], string[]] | null = null;
    for (let wait = 5; ; wait = Math.min(wait * 2, 250)) {
      acquired = await this.call('withLock', true, () =>
        this.redis.eval<string[], [unknown, string[], string[]] | null>(scripts.acquireLock, keys, [
          token,
          String(lease),
          String(Date.now()),
        ]),
      );
      if (Array.isArray(acquired)) break;
      if (Date.now() > deadline) {
        throw new StoreError(
          storeName,
          'withLock',
          'timed out waiting for a lock another writer holds; retry, or raise lockTimeoutMs',
          {
            isRetryable: true,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, wait / 2 + Math.random() * wait));
    }
    const renewal = setInterval(() => {
      this.redis.eval(scripts.renewLock, [lockKey], [token, String(lease)]).catch(() => undefined);
    }, lease / 3);
    renewal.unref?.();
    let held: HeldLock | undefined;
    try {
      held = {
        key: lockKey,
        token,
        scopeKey: key,
        pending: (acquired?.[1] ?? []).filter((item) => item !== null).map((item) => parse<PendingMutation>(item)),
        recent: (acquired?.[2] ?? []).map(String),
        buffered: new Map(),
      };
      return await this.heldLock.run(key, held, task);
    } finally {
      clearInterval(renewal);
      await this.release(lockKey, token, held);
    }
  }

  /**
   * Releases the lock and records the recent writes buffered under it, in one round trip. A release that still
   * fails after retries is not reported: the lock then ends with its lease, and only recent-write hints (which
   * cover query lag for a few seconds) are lost.
   */
  private async release(lockKey: string, token: string, held?: HeldLock): Promise<void> {
    const keys = [lockKey];
    const args = [token, String(Date.now())];
    for (const [scopeKey, entry] of held?.buffered ?? []) {
      if (entry.ids.size === 0) continue;
      keys.push(this.key('recent', scopeKey));
      args.push(String(entry.expiresAt), String(Math.ceil(entry.ttlMs)), String(entry.ids.size), ...entry.ids);
    }
    await this.call('withLock', true, () => this.redis.eval(scripts.releaseLock, keys, args)).catch(() => undefined);
  }

  async beginMutation(mutation: PendingMutation): Promise<void> {
    const held = this.heldLock.get(mutation.scopeKey);
    this.dropPrefetched(mutation.scopeKey);
    const keys = [this.key('outbox'), this.key('outbox-order'), this.key('outbox-scope', mutation.scopeKey)];
    const args = [mutation.id, JSON.stringify(mutation), String(Date.parse(mutation.createdAt) || Date.now())];
    if (held) {
      keys.push(held.key);
      args.push(held.token);
    }
    await this.call('beginMutation', true, () => this.redis.eval(scripts.beginMutation, keys, args));
  }

  async completeMutation(mutation: PendingMutation): Promise<void> {
    this.dropPrefetched(mutation.scopeKey);
    const keys = [
      this.key('outbox'),
      this.key('outbox-order'),
      this.key('outbox-scope', mutation.scopeKey),
      this.key('done', mutation.id),
      ...mutation.history.map((entry) => this.key('history', entry.memoryId)),
    ];
    const ttl = String(this.options.completedTtlSeconds ?? 604_800);
    const args = [mutation.id, ttl, ...mutation.history.map((entry) => JSON.stringify(entry))];
    await this.call('completeMutation', true, () => this.redis.eval(scripts.completeMutation, keys, args));
  }

  async pendingMutations(scopeKey?: string): Promise<PendingMutation[]> {
    const held = this.heldLock.get(scopeKey);
    if (held?.pending && held.scopeKey === scopeKey) {
      const pending = held.pending;
      held.pending = undefined;
      return pending;
    }
    const order = scopeKey === undefined ? this.key('outbox-order') : this.key('outbox-scope', scopeKey);
    const items = await this.call('pendingMutations', true, () =>
      this.redis.eval<string[], Array<string | null>>(scripts.pendingMutations, [order, this.key('outbox')], []),
    );
    return items.filter((item) => item !== null && item !== undefined).map((item) => parse<PendingMutation>(item));
  }

  async history(memoryId: string): Promise<HistoryEntry[]> {
    const items = await this.call('history', true, () => this.redis.lrange(this.key('history', memoryId), 0, -1));
    return items.map((item) => parse<HistoryEntry>(item));
  }

  async deleteHistory(memoryIds: string[]): Promise<void> {
    if (memoryIds.length === 0) return;
    await this.call('deleteHistory', true, () => this.redis.del(...memoryIds.map((id) => this.key('history', id))));
  }

  async recordRecentWrites(scopeKey: string, ids: string[], ttlMs: number): Promise<void> {
    this.dropPrefetched(scopeKey);
    if (ids.length === 0) return;
    const now = Date.now();
    const held = this.heldLock.get(scopeKey);
    if (held) {
      const entry = held.buffered.get(scopeKey) ?? { ids: new Set<string>(), expiresAt: 0, ttlMs: 0 };
      for (const id of ids) entry.ids.add(id);
      entry.expiresAt = Math.max(entry.expiresAt, now + ttlMs);
      entry.ttlMs = Math.max(entry.ttlMs, ttlMs);
      held.buffered.set(scopeKey, entry);
      return;
    }
    const args = [String(now), String(now + ttlMs), String(Math.ceil(ttlMs)), ...ids];
    await this.call('recordRecentWrites', true, () =>
      this.redis.eval(scripts.recordRecentWrites, [this.key('recent', scopeKey)], args),
    );
  }

  async recentWrites(scopeKey: string): Promise<string[]> {
    const held = this.heldLock.get(scopeKey);
    const buffered = [...(held?.buffered.get(scopeKey)?.ids ?? [])];
    if (held?.recent && held.scopeKey === scopeKey) {
      const recent = held.recent;
      held.recent = undefined;
      return [...new Set([...recent, ...buffered])];
    }
    // String(): a client with automatic deserialisation would turn an id like "42" into a number.
    const ids = await this.call('recentWrites', true, () =>
      this.redis.zrange<string[]>(this.key('recent', scopeKey), `(${Date.now()}`, '+inf', { byScore: true }),
    );
    return [...new Set([...ids.map(String), ...buffered])];
  }

  async forgetRecentWrites(scopeKey: string, ids: string[]): Promise<void> {
    this.dropPrefetched(scopeKey);
    if (ids.length === 0) return;
    const buffered = this.heldLock.get(scopeKey)?.buffered.get(scopeKey);
    for (const id of ids) buffered?.ids.delete(id);
    const [first, ...rest] = ids;
    await this.call('forgetRecentWrites', true, () => this.redis.zrem(this.key('recent', scopeKey), first!, ...rest));
  }

  async appendMessages(sessionKey: string, messages: StoredMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const listKey = this.key('messages', sessionKey);
    // Lua's unpack() has a stack limit, so very long batches go in chunks (one round trip per 1000 messages).
    for (let start = 0; start < messages.length; start += 1000) {
      const batchKey = this.key('message-batch', randomUUID());
      const chunk = messages.slice(start, start + 1000).map((message) => JSON.stringify(message));
      const ttl = String(this.options.messagesTtlSeconds ?? 0);
      await this.call('appendMessages', true, () =>
        this.redis.eval(scripts.appendMessages, [listKey, batchKey], [String(3600), ttl, ...chunk]),
      );
    }
  }

  async listMessages(sessionKey: string, options: { limit?: number } = {}): Promise<StoredMessage[]> {
    const start = options.limit === undefined ? 0 : -Math.max(0, Math.floor(options.limit));
    if (start === 0 && options.limit === 0) return [];
    const items = await this.call('listMessages', true, () =>
      this.redis.lrange(this.key('messages', sessionKey), start, -1),
    );
    return items.map((item) => parse<StoredMessage>(item));
  }

  async clearMessages(sessionKey: string): Promise<void> {
    await this.call('clearMessages', true, () => this.redis.del(this.key('messages', sessionKey)));
  }

  async replaceMessages(sessionKey: string, messages: StoredMessage[]): Promise<void> {
    const listKey = this.key('messages', sessionKey);
    const ttl = String(this.options.messagesTtlSeconds ?? 0);
    const items = messages.map((message) => JSON.stringify(message));
    if (items.length <= 1000) {
      await this.call('replaceMessages', true, () =>
        this.redis.eval(scripts.replaceMessages, [listKey], [ttl, ...items]),
      );
      return;
    }
    // Longer lists are staged under a fresh key (a chunk per round trip, within Lua's unpack() limit), then renamed
    // into place in one step, so readers never see a partial list.
    const stagedKey = this.key('messages-staged', randomUUID());
    for (let start = 0; start < items.length; start += 1000) {
      const chunk = items.slice(start, start + 1000);
      await this.call('replaceMessages', false, () => this.redis.rpush(stagedKey, ...chunk));
    }
    await this.call('replaceMessages', true, () =>
      this.redis.eval(scripts.promoteMessages, [stagedKey, listKey], [ttl]),
    );
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

  /** Anything read with the lock is stale once this writer writes. */
  private dropPrefetched(scopeKey: string): void {
    const held = this.heldLock.get(scopeKey);
    if (held) {
      held.pending = undefined;
      held.recent = undefined;
    }
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

function parse<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
