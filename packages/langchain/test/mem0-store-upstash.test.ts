import { randomUUID } from 'node:crypto';
import { InMemoryStore, type Item } from '@langchain/langgraph-checkpoint';
import { Memory } from '@memzero/core';
import type {} from '@memzero/test-tooling/global-setup';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Mem0Store } from '../src/mem0-store.js';

/**
 * Mem0Store on the production backends (Upstash Vector emulator + Upstash Redis bridge over redis-server): the
 * namespace, key and value filters go through core's Upstash filter compiler, not the in-process evaluator.
 */
function upstashMemory(): Memory {
  const redis = { url: inject('upstashRedisUrl'), token: inject('upstashRedisToken') };
  const keyPrefix = `store-${randomUUID()}:`;
  return new Memory({
    llm: { provider: 'rules' },
    embedder: { provider: 'lexical' },
    vectorStore: {
      provider: 'upstash',
      config: { url: inject('upstashVectorUrl'), token: inject('upstashVectorToken'), redis, keyPrefix },
    },
    historyStore: { provider: 'upstash-redis', config: { ...redis, keyPrefix } },
  });
}

const shape = (item: Item | null): unknown => item && { namespace: item.namespace, key: item.key, value: item.value };

describe('Mem0Store on Upstash Vector and Upstash Redis', () => {
  const memory = upstashMemory();
  afterAll(() => memory.close());

  it('matches InMemoryStore for get, put, delete, prefix search, value filters and listNamespaces', async () => {
    const reference = new InMemoryStore();
    // A scope of its own, because the emulator is shared by the whole test run.
    const store = new Mem0Store({ memory, scope: { appId: `app-${randomUUID()}` }, index: { fields: ['text'] } });
    for (const target of [reference, store]) {
      await target.put(['users', 'u1'], 'prefs', { theme: 'dark', size: 3, text: 'Prefers dark mode' });
      await target.put(['users', 'u1'], 'food', { likes: 'green tea', size: 1, text: 'Drinks green tea' });
      await target.put(['users', 'u2'], 'prefs', { theme: 'light', size: 5, text: 'Prefers light mode' });
      await target.put(['docs'], 'd1', { text: 'Python tutorial', size: 2 });
      await target.put(['users', 'u1'], 'prefs', { theme: 'blue', size: 3, text: 'Prefers blue' });
      await target.delete(['users', 'u1'], 'food');
    }

    expect(shape(await store.get(['users', 'u1'], 'prefs'))).toEqual(
      shape(await reference.get(['users', 'u1'], 'prefs')),
    );
    expect(await store.get(['users', 'u1'], 'food')).toBeNull();
    for (const filter of [undefined, { theme: 'light' }, { size: { $gte: 3 } }, { size: { $in: [2, 5] } }]) {
      const expected = await reference.search(['users'], { filter });
      const actual = await store.search(['users'], { filter });
      expect(actual.map(shape)).toEqual(expected.map(shape));
    }
    expect(await store.listNamespaces({ prefix: ['users'] })).toEqual([
      ['users', 'u1'],
      ['users', 'u2'],
    ]);

    const found = await store.search([], { query: 'python tutorial', limit: 1 });
    expect(found.map((item) => item.key)).toEqual(['d1']);
    expect(found[0]?.score).toBeGreaterThan(0);
  });
});
