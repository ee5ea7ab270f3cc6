import { RespConnection, startUpstashTestServers } from '@memzero/test-tooling';
import { Redis } from '@upstash/redis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, StoreError } from '../../src/errors.js';
import { createUpstashRedisStore } from '../../src/stores/upstash/redis/index.js';
import { createUpstashVectorStore } from '../../src/stores/upstash/vector/index.js';
import { axisVector, makeEntry } from '../../src/testing/fixtures.js';

const servers = await startUpstashTestServers({
  vector: {
    denseEmbeddingModel: { name: 'test-dense', embed: (text) => axisVector(text.length) },
    sparseEmbeddingModel: {
      name: 'test-sparse',
      embed: (text) => ({ indices: [text.split(' ').length + 1], values: [1] }),
    },
  },
});
afterAll(() => servers.close());
const vector = { url: servers.vector.url, token: servers.vector.token };
const redis = { url: servers.redis.url, token: servers.redis.token };
const secret = 'I have diabetes';

beforeEach(async () => {
  servers.vector.setVisibilityDelay(0);
  servers.vector.setLatency(0);
  servers.vector.failNextRequests(0);
  servers.redis.failNextRequests(0);
  await createUpstashVectorStore({ ...vector, redis }).reset();
  await createUpstashRedisStore(redis).reset();
  servers.vector.resetStats();
  servers.redis.resetStats();
});

describe('Upstash Vector store', () => {
  it('answers dense and lexical lists from one HTTP request and no Redis command', async () => {
    const store = createUpstashVectorStore({ ...vector, redis });
    await store.upsert([
      makeEntry({ memory: 'Loves hiking in the Alps' }, 1),
      makeEntry({ memory: 'Works as a nurse' }, 2),
    ]);
    servers.vector.resetStats();
    servers.redis.resetStats();
    const result = await store.query({ scope: { userId: 'alice' }, vector: axisVector(2), text: 'hiking', topK: 5 });
    expect(servers.vector.stats().requests).toEqual({ query: 1 });
    expect(servers.redis.stats().commands).toBe(0);
    expect(result.dense.map((hit) => hit.record.memory)).toEqual(['Works as a nurse', 'Loves hiking in the Alps']);
    expect(result.lexical?.map((hit) => hit.record.memory)).toEqual(['Loves hiking in the Alps']);
    expect(result.lexical?.[0]?.score).toBeGreaterThan(0);
  });

  it('keeps crafted scope values in their scope, end to end', async () => {
    const store = createUpstashVectorStore(vector);
    const attacker = "x' OR userId != 'y";
    await store.upsert([
      makeEntry({ userId: attacker, memory: 'mine' }),
      makeEntry({ userId: 'victim', memory: secret }),
    ]);
    const result = await store.query({
      scope: { userId: attacker },
      vector: axisVector(0),
      text: 'diabetes mine',
      topK: 10,
    });
    expect(result.dense.map((hit) => hit.record.memory)).toEqual(['mine']);
    expect(result.lexical?.map((hit) => hit.record.memory) ?? []).not.toContain(secret);
    const stored = servers.vector.records('').map((record) => record.metadata?.userId);
    expect(stored).not.toContain(attacker);
  });

  it('lists from the Redis scope index right after a write, while queries still lag', async () => {
    servers.vector.setVisibilityDelay(60_000);
    const store = createUpstashVectorStore({ ...vector, redis });
    const entries = [makeEntry(), makeEntry(), makeEntry({ userId: 'bob' })];
    await store.upsert(entries);
    expect((await store.query({ scope: { userId: 'alice' }, vector: axisVector(0), topK: 5 })).dense).toEqual([]);
    await store.upsert(Array.from({ length: 40 }, () => makeEntry({ userId: 'bob' })));
    servers.vector.resetStats();
    servers.redis.resetStats();
    const page = await store.list({ scope: { userId: 'alice' } });
    expect(page.records.map((record) => record.id)).toEqual([entries[0]!.record.id, entries[1]!.record.id]);
    // One read of alice's own index and one fetch of her ids: no range over the namespace, no query.
    expect(servers.redis.stats().commandsByName).toEqual({ zrange: 1 });
    expect(servers.vector.stats().requests).toEqual({ fetch: 1 });
    expect(await store.deleteScope({ userId: 'alice' })).toEqual([entries[0]!.record.id, entries[1]!.record.id]);
    expect(await store.fetch([entries[2]!.record.id])).toEqual([entries[2]!.record]);
  });

  it('retries 429 and 5xx with backoff, then reports a typed, retryable error without data or token', async () => {
    const store = createUpstashVectorStore({ ...vector, retry: { retries: 2, baseDelayMs: 1 } });
    servers.vector.failNextRequests(2, 429);
    await store.upsert([makeEntry({ memory: secret })]);
    expect(servers.vector.stats().requests.upsert).toBe(3);
    servers.vector.failNextRequests(5, 503);
    const error = await store.upsert([makeEntry({ memory: secret })]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).isRetryable).toBe(true);
    expect((error as StoreError).message).toMatch(/^upstash-vector\.upsert: .*HTTP 503/);
    const text = `${(error as Error).message} ${String((error as Error).cause)} ${JSON.stringify(error)}`;
    expect(text).not.toContain('diabetes');
    expect(text).not.toContain(servers.vector.token);
  });

  it('times out a slow request', async () => {
    servers.vector.setLatency(500);
    const store = createUpstashVectorStore({ ...vector, timeoutMs: 50, retry: { retries: 0 } });
    const error = await store.fetch(['x']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).isRetryable).toBe(true);
  });

  it('rejects unsafe namespaces and missing credentials with configuration errors', () => {
    expect(() => createUpstashVectorStore({ ...vector, namespace: 'a/b' })).toThrow(ConfigurationError);
    expect(() => createUpstashVectorStore({ ...vector, namespace: 'q?x=1' })).toThrow(ConfigurationError);
    const saved = { url: process.env.UPSTASH_VECTOR_REST_URL, token: process.env.UPSTASH_VECTOR_REST_TOKEN };
    delete process.env.UPSTASH_VECTOR_REST_URL;
    expect(() => createUpstashVectorStore()).toThrow(/UPSTASH_VECTOR_REST_URL/);
    if (saved.url) process.env.UPSTASH_VECTOR_REST_URL = saved.url;
  });

  it('reads url and token from the environment', async () => {
    process.env.UPSTASH_VECTOR_REST_URL = vector.url;
    process.env.UPSTASH_VECTOR_REST_TOKEN = vector.token;
    try {
      const store = createUpstashVectorStore({ redis: false });
      const entry = makeEntry();
      await store.upsert([entry]);
      expect(await store.fetch([entry.record.id])).toEqual([entry.record]);
    } finally {
      delete process.env.UPSTASH_VECTOR_REST_URL;
      delete process.env.UPSTASH_VECTOR_REST_TOKEN;
    }
  });

  it('uses Upstash-hosted embeddings: data upserts and one data query for both signals', async () => {
    const store = createUpstashVectorStore({ ...vector, hostedEmbeddings: true });
    await store.upsert([makeEntry({ memory: 'abc' }), makeEntry({ memory: 'a much longer text here' })]);
    expect(servers.vector.stats().requests['upsert-data']).toBe(1);
    servers.vector.resetStats();
    const result = await store.query({ scope: { userId: 'alice' }, text: 'xyz', topK: 5 });
    expect(servers.vector.stats().requests).toEqual({ 'query-data': 1 });
    expect(result.dense[0]?.record.memory).toBe('abc');
    expect(result.lexical?.[0]?.record.memory).toBe('abc');
  });

  it('reads a namespace nothing was written to yet as empty, even where the service says it does not exist', async () => {
    const strict = await startUpstashTestServers({ vector: { strictNamespaces: true } });
    try {
      const store = createUpstashVectorStore({
        url: strict.vector.url,
        token: strict.vector.token,
        namespace: 'fresh',
        redis: false,
      });
      await store.reset();
      expect(await store.fetch(['a'])).toEqual([undefined]);
      expect(await store.query({ scope: { userId: 'alice' }, vector: axisVector(0), text: 'tea', topK: 5 })).toEqual({
        dense: [],
        lexical: [],
      });
      expect(await store.list({ scope: { userId: 'alice' } })).toEqual({ records: [] });
      await store.delete(['a']);
      expect(await store.deleteScope({ userId: 'alice' })).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('has no lexical signal on a dense index', async () => {
    const dense = await startUpstashTestServers({ vector: { indexType: 'DENSE' } });
    try {
      const store = createUpstashVectorStore({ url: dense.vector.url, token: dense.vector.token, indexType: 'dense' });
      await store.upsert([makeEntry({ memory: 'Likes tea' })]);
      const result = await store.query({ scope: { userId: 'alice' }, vector: axisVector(0), text: 'tea', topK: 5 });
      expect(result.lexical).toBeUndefined();
      expect(result.dense).toHaveLength(1);
    } finally {
      await dense.close();
    }
  });
});

describe('Upstash Redis coordination store', () => {
  let raw: RespConnection;
  beforeEach(async () => {
    raw = await RespConnection.open(servers.redisServer.port);
  });
  afterEach(() => raw.close());

  it('wraps Redis errors so the echoed command (with message text) never reaches the caller', async () => {
    await raw.send(['SET', 'memzero:messages:session-1', 'a string, not a list']);
    const store = createUpstashRedisStore(redis);
    const error = await store
      .appendMessages('session-1', [{ role: 'user', content: secret, createdAt: new Date().toISOString() }])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/WRONGTYPE/);
    expect(`${(error as Error).message} ${String((error as Error).cause)}`).not.toContain('diabetes');
    expect((error as StoreError).isRetryable).toBe(false);
  });

  it('retries injected 503s on idempotent calls', async () => {
    const store = createUpstashRedisStore({ ...redis, retry: { retries: 3, baseDelayMs: 1 } });
    servers.redis.failNextRequests(2, 503);
    expect(await store.recentWrites('scope')).toEqual([]);
    expect(Object.values(servers.redis.stats().requests).reduce((sum, count) => sum + count, 0)).toBe(3);
  });

  it('appends a batch of chat messages with one round trip and one command', async () => {
    const store = createUpstashRedisStore(redis);
    const messages = ['one', 'two', 'three'].map((content) => ({
      role: 'user',
      content,
      createdAt: new Date().toISOString(),
    }));
    servers.redis.resetStats();
    await store.appendMessages('chat', messages);
    const requests = Object.values(servers.redis.stats().requests).reduce((sum, count) => sum + count, 0);
    expect(requests).toBe(1);
    expect(servers.redis.stats().commandsByName).toEqual({ eval: 1 });
    expect((await store.listMessages('chat', { limit: 2 })).map((message) => message.content)).toEqual([
      'two',
      'three',
    ]);
  });

  it('fences: a writer whose lock was taken over cannot begin a mutation', async () => {
    const store = createUpstashRedisStore({ ...redis, lockLeaseMs: 60_000 });
    const error = await store
      .withLock('scope-a', async () => {
        await raw.send(['SET', 'memzero:lock:scope-a', 'someone-else']);
        const entry = makeEntry();
        await store.beginMutation({
          id: 'm1',
          scopeKey: 'scope-a',
          upserts: [entry],
          patches: [],
          deletes: [],
          history: [],
          createdAt: new Date().toISOString(),
        });
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).isRetryable).toBe(true);
    expect(await store.pendingMutations()).toEqual([]);
    expect(await raw.send(['GET', 'memzero:lock:scope-a'])).toBe('someone-else');
  });

  it('returns pending batches and recent writes with the lock, and never serves them stale after a write', async () => {
    const store = createUpstashRedisStore(redis);
    const batch = (id: string) => ({
      id,
      scopeKey: 's',
      upserts: [],
      patches: [],
      deletes: [],
      history: [],
      createdAt: new Date().toISOString(),
    });
    const record = makeEntry().record;
    const write = (id: string) => ({ id, kind: 'write' as const, record });
    await store.beginMutation(batch('before'));
    await store.recordRecentWrites(['s'], [write('r1')], 60_000);
    servers.redis.resetStats();
    await store.withLock('s', async () => {
      expect((await store.pendingMutations('s')).map((item) => item.id)).toEqual(['before']);
      expect(await store.recentWrites('s')).toEqual([write('r1')]);
      expect(servers.redis.stats().commandsByName).toEqual({ eval: 1 });
      await store.beginMutation(batch('inside'));
      await store.recordRecentWrites(['s', 't'], [write('r2')], 60_000);
      expect((await store.pendingMutations('s')).map((item) => item.id)).toEqual(['before', 'inside']);
      expect((await store.recentWrites('s')).map((item) => item.id)).toEqual(['r2', 'r1']);
      await store.recordRecentWrites(['s'], [{ id: 'r1', kind: 'delete' }], 60_000);
      expect(await store.recentWrites('s')).toEqual([{ id: 'r1', kind: 'delete' }, write('r2')]);
    });
    // Recorded under the lock, written with its release: another process sees them once the lock is free.
    const other = createUpstashRedisStore(redis);
    expect((await other.recentWrites('s')).map((item) => item.id).sort()).toEqual(['r1', 'r2']);
    expect(await other.recentWrites('s', { kind: 'delete' })).toEqual([{ id: 'r1', kind: 'delete' }]);
    expect(await other.recentWrites('t')).toEqual([write('r2')]);
    expect(await raw.send(['EXISTS', 'memzero:lock:s'])).toBe(0);
  });

  it('completes a mutation once: a repeated completion appends no history twice', async () => {
    const store = createUpstashRedisStore(redis);
    const mutation = {
      id: 'm2',
      scopeKey: 's',
      upserts: [],
      patches: [],
      deletes: [],
      history: [
        {
          id: 'h1',
          memoryId: 'mem-1',
          event: 'ADD' as const,
          newMemory: 'x',
          version: 1,
          actor: 'rules' as const,
          createdAt: new Date().toISOString(),
        },
      ],
      createdAt: new Date().toISOString(),
    };
    await store.beginMutation(mutation);
    await store.completeMutation(mutation);
    await store.completeMutation(mutation);
    expect(await store.history('mem-1')).toHaveLength(1);
    expect(await store.pendingMutations('s')).toEqual([]);
  });

  it('resets only its own key prefix, and works with a ready client', async () => {
    await raw.send(['SET', 'other-app:key', 'kept']);
    const client = new Redis({ ...redis, enableTelemetry: false });
    const store = createUpstashRedisStore({ client, keyPrefix: 'mine:' });
    await store.appendMessages('s', [{ role: 'user', content: 'hi', createdAt: new Date().toISOString() }]);
    await store.reset();
    expect(await store.listMessages('s')).toEqual([]);
    expect(await raw.send(['GET', 'other-app:key'])).toBe('kept');
  });
});
