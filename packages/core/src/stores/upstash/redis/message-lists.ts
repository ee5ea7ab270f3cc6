import type { Redis } from '@upstash/redis';
import { randomUUID } from '../../../runtime/random-uuid.js';
import type { StoredMessage } from '../../../spec/coordination-store.js';
import { parseRedisJson } from '../shared/redis-client.js';
import * as scripts from './lua-scripts.js';

/** What the chat lists borrow from their store: its client, key naming and retrying, error-wrapping call. */
export interface MessageListContext {
  redis: Redis;
  key(kind: string, name?: string): string;
  call<T>(operation: string, idempotent: boolean, task: () => Promise<T>): Promise<T>;
  /** Expiry of a session's list after its last write; 0 keeps it. */
  ttlSeconds: number;
}

/**
 * Chat sessions of the Upstash Redis coordination store: one Redis list per session, appended with one RPUSH (in Lua,
 * with the expiry), replaced atomically (one Lua call, or a staged list renamed into place for long lists).
 */
export class RedisMessageLists {
  constructor(private readonly context: MessageListContext) {}

  async append(sessionKey: string, messages: StoredMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const listKey = this.context.key('messages', sessionKey);
    // Lua's unpack() has a stack limit, so very long batches go in chunks (one round trip per 1000 messages).
    for (let start = 0; start < messages.length; start += 1000) {
      const batchKey = this.context.key('message-batch', randomUUID());
      const chunk = messages.slice(start, start + 1000).map((message) => JSON.stringify(message));
      const ttl = String(this.context.ttlSeconds);
      await this.context.call('appendMessages', true, () =>
        this.context.redis.eval(scripts.appendMessages, [listKey, batchKey], [String(3600), ttl, ...chunk]),
      );
    }
  }

  async list(sessionKey: string, options: { limit?: number } = {}): Promise<StoredMessage[]> {
    const start = options.limit === undefined ? 0 : -Math.max(0, Math.floor(options.limit));
    if (start === 0 && options.limit === 0) return [];
    const items = await this.context.call('listMessages', true, () =>
      this.context.redis.lrange(this.context.key('messages', sessionKey), start, -1),
    );
    return items.map((item) => parseRedisJson<StoredMessage>(item));
  }

  async clear(sessionKey: string): Promise<void> {
    await this.context.call('clearMessages', true, () =>
      this.context.redis.del(this.context.key('messages', sessionKey)),
    );
  }

  async replace(sessionKey: string, messages: StoredMessage[]): Promise<void> {
    const listKey = this.context.key('messages', sessionKey);
    const ttl = String(this.context.ttlSeconds);
    const items = messages.map((message) => JSON.stringify(message));
    if (items.length <= 1000) {
      await this.context.call('replaceMessages', true, () =>
        this.context.redis.eval(scripts.replaceMessages, [listKey], [ttl, ...items]),
      );
      return;
    }
    // Longer lists are staged under a fresh key (a chunk per round trip, within Lua's unpack() limit), then renamed
    // into place in one step, so readers never see a partial list.
    const stagedKey = this.context.key('messages-staged', randomUUID());
    for (let start = 0; start < items.length; start += 1000) {
      const chunk = items.slice(start, start + 1000);
      await this.context.call('replaceMessages', false, () => this.context.redis.rpush(stagedKey, ...chunk));
    }
    await this.context.call('replaceMessages', true, () =>
      this.context.redis.eval(scripts.promoteMessages, [stagedKey, listKey], [ttl]),
    );
  }
}
