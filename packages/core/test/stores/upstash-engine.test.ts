import { startUpstashTestServers } from '@memzero/test-tooling';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import { StoreError } from '../../src/errors.js';
import { createUpstashRedisStore } from '../../src/stores/upstash/redis/index.js';
import { createUpstashVectorStore } from '../../src/stores/upstash/vector/index.js';
import { addEachUserMessage, scriptedExtractor } from '../engine/helpers.js';

// The engine on Upstash, through the official clients over HTTP, with query visibility delayed by a minute: every
// read-after-write in these tests must come from Redis (recent writes, scope index) and fetch by id.
const servers = await startUpstashTestServers({ vector: { visibilityDelayMs: 60_000 } });
afterAll(() => servers.close());

const stores = (): {
  vectorStore: ReturnType<typeof createUpstashVectorStore>;
  historyStore: ReturnType<typeof createUpstashRedisStore>;
} => {
  const redis = { url: servers.redis.url, token: servers.redis.token };
  return {
    vectorStore: createUpstashVectorStore({
      url: servers.vector.url,
      token: servers.vector.token,
      redis,
      retry: { retries: 0 },
    }),
    historyStore: createUpstashRedisStore({ ...redis, lockLeaseMs: 5000 }),
  };
};
const offline = { embedder: { provider: 'lexical' } } as const;

beforeEach(async () => {
  const { vectorStore, historyStore } = stores();
  await vectorStore.reset();
  await historyStore.reset();
  servers.vector.setVisibilityDelay(60_000);
  servers.vector.failNextRequests(0);
});

describe('the engine on Upstash under eventual consistency', () => {
  it('never duplicates a fact added twice in quick succession while queries lag', async () => {
    const memory = new Memory({ ...offline, extractor: addEachUserMessage, ...stores() });
    const first = await memory.add('Likes green tea', { userId: 'alice' });
    const second = await memory.add('Likes green tea', { userId: 'alice' });
    expect(first.results.map((event) => event.event)).toEqual(['ADD']);
    expect(second.results.map((event) => event.event)).toEqual(['NONE']);
    expect((await memory.getAll({ userId: 'alice' })).results.map((record) => record.memory)).toEqual([
      'Likes green tea',
    ]);
    servers.vector.flush();
    const found = await memory.search('green tea', { userId: 'alice' });
    expect(found.results.map((hit) => hit.memory)).toEqual(['Likes green tea']);
  });

  it('creates no duplicates and loses no update with parallel adds from two processes', async () => {
    const extractor = scriptedExtractor(async (input) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const counter = input.candidates.find((candidate) => candidate.text.startsWith('Visited the gym'));
      if (!counter) return [{ event: 'ADD', text: 'Visited the gym 1 times' }];
      const count = Number(counter.text.split(' ')[3]);
      return [{ event: 'UPDATE', target: counter.alias, text: `Visited the gym ${count + 1} times` }];
    });
    // Two Memory instances with their own clients stand for two servers sharing the same Upstash databases.
    const processes = [
      new Memory({ ...offline, extractor, ...stores() }),
      new Memory({ ...offline, extractor, ...stores() }),
    ];
    await Promise.all(
      Array.from({ length: 8 }, (_, index) => processes[index % 2]!.add('gym again', { userId: 'alice' })),
    );
    const all = await processes[0]!.getAll({ userId: 'alice' });
    expect(all.results.map((record) => record.memory)).toEqual(['Visited the gym 8 times']);
    expect(all.results[0]!.version).toBe(8);
    expect(await processes[1]!.history(all.results[0]!.id)).toHaveLength(8);
  });

  it('completes a write that failed between the Redis outbox and the vector upsert on reconcile', async () => {
    const memory = new Memory({ ...offline, extractor: addEachUserMessage, ...stores() });
    servers.vector.failNextRequests(1, 503, 'upsert');
    const failure = await memory.add('Likes sailing', { userId: 'alice' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    // Nothing half-applied for readers: no record, no history.
    expect((await memory.getAll({ userId: 'alice' })).results).toEqual([]);
    expect(await stores().historyStore.pendingMutations()).toHaveLength(1);

    expect(await memory.reconcile()).toBe(1);
    const all = await memory.getAll({ userId: 'alice' });
    expect(all.results.map((record) => record.memory)).toEqual(['Likes sailing']);
    expect((await memory.history(all.results[0]!.id)).map((entry) => entry.event)).toEqual(['ADD']);
    expect(await memory.reconcile()).toBe(0);
  });

  it('runs the whole lifecycle: update, history, delete, deleteAll only for one user', async () => {
    const memory = new Memory({ ...offline, extractor: addEachUserMessage, ...stores() });
    const added = await memory.add('Lives in Paris', { userId: 'alice' });
    await memory.add('Lives in Rome', { userId: 'bob' });
    const id = added.results[0]!.id!;
    const updated = await memory.update(id, 'Lives in Berlin', { userId: 'alice' });
    expect(updated.version).toBe(2);
    expect((await memory.history(id)).map((entry) => entry.event)).toEqual(['ADD', 'UPDATE']);
    servers.vector.flush();
    const found = await memory.search('Berlin', { userId: 'alice' });
    expect(found.results[0]?.memory).toBe('Lives in Berlin');
    await memory.deleteAll({ userId: 'alice' });
    expect((await memory.getAll({ userId: 'alice' })).results).toEqual([]);
    expect((await memory.getAll({ userId: 'bob' })).results.map((record) => record.memory)).toEqual(['Lives in Rome']);
  });

  it('is configured with Mem0-style providers and the UPSTASH_* environment variables', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      UPSTASH_VECTOR_REST_URL: servers.vector.url,
      UPSTASH_VECTOR_REST_TOKEN: servers.vector.token,
      UPSTASH_REDIS_REST_URL: servers.redis.url,
      UPSTASH_REDIS_REST_TOKEN: servers.redis.token,
    });
    try {
      const memory = new Memory({
        ...offline,
        extractor: addEachUserMessage,
        vectorStore: { provider: 'upstash', config: { collection_name: 'from-env' } },
        historyStore: { provider: 'upstash-redis' },
      });
      await memory.add('Plays the cello', { userId: 'carol' });
      expect((await memory.getAll({ userId: 'carol' })).results.map((record) => record.memory)).toEqual([
        'Plays the cello',
      ]);
      expect(servers.vector.records('from-env')).toHaveLength(1);
    } finally {
      process.env = saved;
    }
  });
});
