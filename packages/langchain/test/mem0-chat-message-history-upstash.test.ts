import { randomUUID } from 'node:crypto';
import { Memory } from '@memzero/core';
import type {} from '@memzero/test-tooling/global-setup';
import { describe, expect, inject, it } from 'vitest';
import { Mem0ChatMessageHistory } from '../src/mem0-chat-message-history.js';
import { everyMessageType } from './support/messages.js';

describe('Mem0ChatMessageHistory on Upstash Redis', () => {
  it('persists in Upstash Redis: a new engine instance reads the same session', async () => {
    const historyStore = {
      provider: 'upstash-redis',
      config: {
        url: inject('upstashRedisUrl'),
        token: inject('upstashRedisToken'),
        keyPrefix: `history-${randomUUID()}`,
      },
    };
    const offline = { llm: { provider: 'rules' }, embedder: { provider: 'lexical' } };
    const writer = new Memory({ ...offline, historyStore });
    await new Mem0ChatMessageHistory({ memory: writer, sessionId: 'redis-session' }).addMessages(everyMessageType());

    const reader = new Memory({ ...offline, historyStore });
    const history = new Mem0ChatMessageHistory({ memory: reader, sessionId: 'redis-session' });
    const read = await history.getMessages();
    expect(read.map((message) => message.toDict())).toEqual(everyMessageType().map((message) => message.toDict()));
    await history.clear();
    expect(await new Mem0ChatMessageHistory({ memory: writer, sessionId: 'redis-session' }).getMessages()).toEqual([]);
    await Promise.all([writer.close(), reader.close()]);
  });
});
