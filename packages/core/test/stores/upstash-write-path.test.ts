import { criticalPath, startUpstashTestServers, traceRequests } from '@memzero/test-tooling';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createLexicalEmbedder } from '../../src/embedders/lexical-embedder.js';
import { Memory } from '../../src/engine/memory.js';
import { StoreError } from '../../src/errors.js';
import type { ExtractionInput, ExtractionOperation } from '../../src/spec/extractor.js';
import { createUpstashRedisStore } from '../../src/stores/upstash/redis/index.js';
import { createUpstashVectorStore } from '../../src/stores/upstash/vector/index.js';
import { makeRecord } from '../../src/testing/fixtures.js';
import { scriptedExtractor } from '../engine/helpers.js';

// Issue 9's probes, each with its right value: the Upstash Vector emulator (queries see writes only after the
// visibility delay; fetch by id is exact) and the Upstash Redis REST bridge over a real redis-server.
const servers = await startUpstashTestServers();
afterAll(() => servers.close());
const redis = { url: servers.redis.url, token: servers.redis.token };
const origins = { redis: servers.redis.url, vector: servers.vector.url };

const stores = (options: { retries?: number } = {}) => ({
  vectorStore: createUpstashVectorStore({
    url: servers.vector.url,
    token: servers.vector.token,
    redis,
    retry: { retries: options.retries ?? 2, baseDelayMs: 1 },
  }),
  historyStore: createUpstashRedisStore({ ...redis, lockLeaseMs: 10_000, retry: { baseDelayMs: 1 } }),
});
const offline = { embedder: { provider: 'lexical' } } as const;

beforeEach(async () => {
  const { vectorStore, historyStore } = stores();
  servers.vector.setVisibilityDelay(0);
  servers.vector.setLatency(0);
  servers.redis.setLatency(0);
  servers.vector.failNextRequests(0);
  await vectorStore.reset();
  await historyStore.reset();
});

/** "Visited the gym N times" becomes N+1 when the candidate is shown, else a first ADD. */
const gymCounter = () =>
  scriptedExtractor((input): ExtractionOperation[] => {
    const counter = input.candidates.find((candidate) => candidate.text.startsWith('Visited the gym'));
    if (!counter) return [{ event: 'ADD', text: 'Visited the gym 1 times' }];
    const count = Number(counter.text.split(' ')[3]);
    return [{ event: 'UPDATE', target: counter.alias, text: `Visited the gym ${count + 1} times` }];
  });

/** "I live in X" / "I moved to X" updates the "Lives in" candidate, else adds one. */
const residence = () =>
  scriptedExtractor((input: ExtractionInput): ExtractionOperation[] => {
    const city = /(?:live in|moved to) ([\w_]+)/.exec(input.messages[0]!.text)?.[1] ?? 'nowhere';
    const current = input.candidates.find((candidate) => candidate.text.startsWith('Lives in'));
    return current
      ? [{ event: 'UPDATE', target: current.alias, text: `Lives in ${city}` }]
      : [{ event: 'ADD', text: `Lives in ${city}` }];
  });

describe('issue 9: the Upstash write path decides from exact data', () => {
  it.each([100, 300, 1_000])(
    '20 sequential counter updates reach "20 times", version 20, at %i ms lag',
    async (delay) => {
      servers.vector.setVisibilityDelay(delay);
      const extractor = gymCounter();
      const memory = new Memory({ ...offline, extractor, ...stores() });
      const versions: number[] = [];
      for (let visit = 0; visit < 20; visit++) {
        const result = await memory.add('I went to the gym again', { userId: 'gym' });
        versions.push(result.results[0]!.record!.version);
      }
      const [current] = (await memory.getAll({ userId: 'gym' })).results;
      expect(current?.memory).toBe('Visited the gym 20 times');
      expect(current?.version).toBe(20);
      expect(versions).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
      expect((await memory.history(current!.id, { userId: 'gym' })).map((entry) => entry.version)).toEqual(versions);
    },
  );

  it('50 concurrent contradicting adds from two instances: one memory, version 50, 50 history entries', async () => {
    servers.vector.setVisibilityDelay(500);
    const instances = [0, 1].map(() => new Memory({ ...offline, extractor: residence(), ...stores() }));
    await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        instances[index % 2]!.add(`I live in City_${index}`, { userId: 'mover' }),
      ),
    );
    const current = (await instances[0]!.getAll({ userId: 'mover' })).results;
    expect(current).toHaveLength(1);
    expect(current[0]!.version).toBe(50);
    const history = await instances[1]!.history(current[0]!.id, { userId: 'mover' });
    expect(history).toHaveLength(50);
    expect(history.map((entry) => entry.version)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
  }, 60_000);

  it.each([300, 1_000])(
    'a purged memory is never a candidate again (%i ms lag): the next add is a new ADD',
    async (delay) => {
      servers.vector.setVisibilityDelay(delay);
      const extractor = residence();
      const memory = new Memory({ ...offline, extractor, ...stores() });
      const first = await memory.add('I live in Paris.', { userId: 'paris' });
      const id = first.results[0]!.id!;
      await new Promise((resolve) => setTimeout(resolve, delay + 50)); // the index now holds Paris
      await memory.delete(id, { userId: 'paris', purge: true });
      const second = await memory.add('I moved to Berlin.', { userId: 'paris' });
      expect(second.results.map((event) => event.event)).toEqual(['ADD']);
      expect(second.results[0]!.id).not.toBe(id);
      expect(extractor.calls.at(-1)!.candidates.map((candidate) => candidate.text)).toEqual([]);
      expect(await memory.get(id)).toBeNull();
      expect((await memory.getAll({ userId: 'paris' })).results.map((record) => record.memory)).toEqual([
        'Lives in Berlin',
      ]);
    },
  );

  it('an invalidated memory never reaches the model, nor a search (1 s lag)', async () => {
    servers.vector.setVisibilityDelay(1_000);
    const extractor = scriptedExtractor((input): ExtractionOperation[] => {
      const tea = input.candidates.find((candidate) => candidate.text === 'Likes tea');
      if (input.messages[0]!.text.includes('no longer')) return tea ? [{ event: 'DELETE', target: tea.alias }] : [];
      return [{ event: 'ADD', text: input.messages[0]!.text.replace('I like', 'Likes') }];
    });
    const memory = new Memory({ ...offline, extractor, ...stores() });
    await memory.add('I like tea', { userId: 'tea' });
    servers.vector.flush();
    await memory.add('I no longer like tea', { userId: 'tea' });
    expect((await memory.search('tea', { userId: 'tea' })).results.map((hit) => hit.memory)).toEqual([]);
    await memory.add('I like tea cakes', { userId: 'tea' });
    expect(extractor.calls.at(-1)!.candidates.map((candidate) => candidate.text)).not.toContain('Likes tea');
  });

  it('a write left pending by a failure never lands after a later delete', async () => {
    const memory = new Memory({ ...offline, extractor: residence(), ...stores({ retries: 0 }) });
    const added = await memory.add('I live in Graz', { userId: 'pending' });
    const id = added.results[0]!.id!;
    servers.vector.failNextRequests(5, 503, 'upsert');
    await expect(memory.update(id, 'Lives in Linz', { userId: 'pending' })).rejects.toBeInstanceOf(StoreError);
    servers.vector.failNextRequests(0);
    await memory.delete(id, { userId: 'pending' });
    expect(await memory.reconcile()).toBe(0);
    expect(await memory.get(id)).toBeNull();
    expect((await memory.history(id, { userId: 'pending' })).map((entry) => entry.event)).toEqual([
      'ADD',
      'UPDATE',
      'DELETE',
    ]);
  });

  it('records of any version upserted by another writer (a migration) are listed; an update is indexed once', async () => {
    const { vectorStore } = stores();
    const migrated = makeRecord({ userId: 'migrated', version: 3 });
    const [vector] = (await createLexicalEmbedder().embed({ texts: [migrated.memory], purpose: 'document' }))
      .embeddings;
    await vectorStore.upsert([{ record: migrated, vector: vector! }]);
    expect((await vectorStore.list({ scope: { userId: 'migrated' } })).records.map((record) => record.id)).toEqual([
      migrated.id,
    ]);
    const { requests } = await traceRequests(origins, () =>
      vectorStore.upsert([{ record: { ...migrated, version: 4 }, vector: vector! }]),
    );
    expect(requests.filter((request) => request.service === 'redis')).toHaveLength(0);
  });

  it('search never returns a memory once delete() returned (1 s lag)', async () => {
    const memory = new Memory({ ...offline, extractor: residence(), ...stores() });
    const added = await memory.add('I live in Lisbon', { userId: 'searcher' });
    servers.vector.flush();
    servers.vector.setVisibilityDelay(1_000);
    expect((await memory.search('Lisbon', { userId: 'searcher' })).results).toHaveLength(1);
    await memory.delete(added.results[0]!.id!, { userId: 'searcher' });
    expect((await memory.search('Lisbon', { userId: 'searcher' })).results).toEqual([]);
    // A search over a broader scope sees the deletion too (recorded under every enclosing scope's key).
    const scoped = await memory.add('I live in Porto', { userId: 'searcher', agentId: 'bot' });
    servers.vector.flush();
    await memory.delete(scoped.results[0]!.id!);
    expect((await memory.search('Porto', { userId: 'searcher' })).results).toEqual([]);
  });

  it('post-filtered queries keep reading until `limit` matches (300 records, the 5 matches ranked last)', async () => {
    const memory = new Memory({ ...offline, ...stores() });
    const quoted = `it's "quoted"`;
    const messages = Array.from({ length: 300 }, (_, index) => {
      const match = index % 60 === 59;
      return {
        role: 'user' as const,
        content: match ? `Coffee once, then a long unrelated entry number ${index}` : `Coffee coffee espresso ${index}`,
        metadata: match
          ? { note: `ZZtop ${index}`, tag: 'zz', quote: quoted }
          : { note: `common ${index}`, tag: 'aa', quote: 'plain' },
      };
    });
    for (let start = 0; start < 300; start += 150) {
      await memory.add(messages.slice(start, start + 150), { userId: 'filters', infer: false });
    }
    const search = async (filters: Record<string, unknown>) =>
      (await memory.search('coffee espresso', { userId: 'filters', limit: 5, filters })).results;
    for (const filters of [
      { note: { icontains: 'zztop' } },
      { tag: { gt: 'm' } },
      { quote: quoted },
      { NOT: [{ note: { contains: 'common' } }] },
    ]) {
      const hits = await search(filters);
      expect(
        hits.map((hit) => hit.metadata.tag),
        JSON.stringify(filters),
      ).toEqual(['zz', 'zz', 'zz', 'zz', 'zz']);
    }
  });

  it("retries 503 and 429 on the Vector store's own Redis calls; a final failure is retryable", async () => {
    const { vectorStore } = stores({ retries: 3 });
    const memory = new Memory({ ...offline, extractor: residence(), vectorStore, historyStore: stores().historyStore });
    await memory.add('I live in Oslo', { userId: 'retry' });
    servers.redis.failNextRequests(2, 503);
    expect((await vectorStore.list({ scope: { userId: 'retry' } })).records).toHaveLength(1);
    servers.redis.failNextRequests(2, 429);
    expect((await vectorStore.list({ scope: { userId: 'retry' } })).records).toHaveLength(1);
    servers.redis.failNextRequests(10, 503);
    const error = await vectorStore.list({ scope: { userId: 'retry' } }).catch((caught: unknown) => caught);
    servers.redis.failNextRequests(0);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).isRetryable).toBe(true);
    // The coordination store's final 429 says the same.
    servers.redis.failNextRequests(10, 429);
    const coordination = createUpstashRedisStore({ ...redis, retry: { retries: 1, baseDelayMs: 1 } });
    const lockError = await coordination.recentWrites('retry').catch((caught: unknown) => caught);
    servers.redis.failNextRequests(0);
    expect((lockError as StoreError).isRetryable).toBe(true);
  });

  it('one add after a 20,000-memory import: prompt within 1.5x of an empty scope, at most 2 Vector requests', async () => {
    const extractor = scriptedExtractor((input): ExtractionOperation[] => [
      { event: 'ADD', text: input.messages[0]!.text },
    ]);
    const embedder = createLexicalEmbedder();
    const { vectorStore, historyStore } = stores();
    const memory = new Memory({ extractor, embedder, vectorStore, historyStore });
    const note = (index: number): string => `Imported note ${index} about moving, cities and homes`;
    // The first 19,000 go straight into the index (as an earlier import would have left them); the last 1,000
    // through `add(..., { infer: false })`, which records them as recent writes: the state a 20,000-memory import
    // leaves, since a scope keeps its newest 1,000 recent writes.
    for (let start = 0; start < 19_000; start += 1_000) {
      const texts = Array.from({ length: 1_000 }, (_, offset) => note(start + offset));
      const { embeddings } = await embedder.embed({ texts, purpose: 'document' });
      await vectorStore.upsert(
        texts.map((text, offset) => ({
          record: { ...makeRecord({ userId: 'imported', memory: text, hash: `import-${start + offset}` }) },
          vector: embeddings[offset]!,
        })),
      );
    }
    for (let start = 19_000; start < 20_000; start += 200) {
      const messages = Array.from({ length: 200 }, (_, offset) => ({
        role: 'user' as const,
        content: note(start + offset),
      }));
      await memory.add(messages, { userId: 'imported', infer: false });
    }
    const promptSize = (input: ExtractionInput): number =>
      input.messages.reduce((sum, message) => sum + message.text.length, 0) +
      input.candidates.reduce((sum, candidate) => sum + candidate.text.length, 0);
    await memory.add('I moved to Oslo, a city I love', { userId: 'empty' });
    const empty = promptSize(extractor.calls.at(-1)!);
    const { requests } = await traceRequests(origins, () =>
      memory.add('I moved to Oslo, a city I love', { userId: 'imported' }),
    );
    const imported = extractor.calls.at(-1)!;
    expect(imported.candidates.length).toBeLessThanOrEqual(10);
    // The fixed instructions of a real prompt (~400 tokens) are left out here, which only makes the bound stricter.
    expect(promptSize(imported)).toBeLessThanOrEqual(1.5 * empty + 10 * 60);
    expect(requests.filter((request) => request.service === 'vector').length).toBeLessThanOrEqual(2);
  }, 300_000);

  it('one add: at most 3 Redis and 2 Vector round trips on the critical path (5 ms / 10 ms injected)', async () => {
    const memory = new Memory({ ...offline, extractor: residence(), ...stores() });
    await memory.add('I live in Rome', { userId: 'trips' });
    servers.vector.setLatency(10);
    servers.redis.setLatency(5);
    const { requests } = await traceRequests(origins, () => memory.add('I moved to Milan', { userId: 'trips' }));
    const path = criticalPath(requests);
    expect(path.byService.redis ?? 0).toBeLessThanOrEqual(3);
    expect(path.byService.vector ?? 0).toBeLessThanOrEqual(2);
    expect(requests.filter((request) => request.service === 'vector')).toHaveLength(2);
  });

  it('10 concurrent callers on one scope: at most 5 Redis requests per add, waiters served in order', async () => {
    servers.redis.setLatency(2);
    const memory = new Memory({ ...offline, extractor: residence(), ...stores() });
    const { requests } = await traceRequests(origins, () =>
      Promise.all(Array.from({ length: 10 }, (_, index) => memory.add(`I live in Town_${index}`, { userId: 'crowd' }))),
    );
    // Callers of one instance wait in process: lock with reads, outbox begin, release (+ the scope index once).
    expect(requests.filter((request) => request.service === 'redis').length / 10).toBeLessThanOrEqual(5);
    const [current] = (await memory.getAll({ userId: 'crowd' })).results;
    expect(current?.version).toBe(10);
    expect(await memory.history(current!.id, { userId: 'crowd' })).toHaveLength(10);
    // Order: instances that ask while the lock is held get it in the order they asked.
    const locks = Array.from({ length: 6 }, () => createUpstashRedisStore(redis));
    const order: number[] = [];
    const holder = locks[0]!.withLock('ordered', () => new Promise((resolve) => setTimeout(resolve, 300)));
    const waiters: Array<Promise<unknown>> = [];
    for (let index = 1; index < locks.length; index++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      waiters.push(locks[index]!.withLock('ordered', async () => order.push(index)));
    }
    await Promise.all([holder, ...waiters]);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  }, 60_000);
});

describe('issue 9: the ordered lock', () => {
  it('a waiter that gives up leaves the queue: the next one is not held up by it', async () => {
    const holder = createUpstashRedisStore(redis);
    const impatient = createUpstashRedisStore({ ...redis, lockTimeoutMs: 150 });
    const patient = createUpstashRedisStore(redis);
    let released = 0;
    const holding = holder.withLock('queue', async () => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      released = Date.now();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const error = await impatient.withLock('queue', async () => 'never').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).isRetryable).toBe(true);
    const acquiredAt = await patient.withLock('queue', async () => Date.now());
    await holding;
    // A dead waiter at the head would hold the lock free for its deadline (7 s); a live queue hands it on at once.
    expect(acquiredAt - released).toBeLessThan(4_000);
  }, 30_000);
});

describe('issue 9: tenant-scoped history and chat messages', () => {
  it("history(id, scope) gives nothing for another tenant's id", async () => {
    const memory = new Memory({ ...offline, extractor: residence(), ...stores() });
    const added = await memory.add('I live in Vienna', { userId: 'alice' });
    const id = added.results[0]!.id!;
    expect(await memory.history(id, { userId: 'alice' })).toHaveLength(1);
    expect(await memory.history(id, { userId: 'mallory' })).toEqual([]);
    await memory.delete(id, { userId: 'alice' });
    expect((await memory.history(id, { userId: 'alice' })).map((entry) => entry.event)).toEqual(['ADD', 'DELETE']);
    expect(await memory.history(id, { userId: 'mallory' })).toEqual([]);
  });

  it('chat messages of a scope are keyed under it: the same session id of two tenants never mixes', async () => {
    const memory = new Memory({ ...offline, ...stores() });
    const alice = memory.messages.forScope({ userId: 'alice' });
    const mallory = memory.messages.forScope({ userId: 'mallory' });
    await alice.append('chat-1', [{ role: 'user', content: 'my secret plan' }]);
    expect(await mallory.list('chat-1')).toEqual([]);
    await mallory.clear('chat-1');
    await mallory.replace('chat-1', [{ role: 'user', content: 'overwritten' }]);
    expect((await alice.list('chat-1')).map((message) => message.content)).toEqual(['my secret plan']);
    expect(await memory.messages.list('chat-1')).toEqual([]);
    expect(() => memory.messages.forScope({})).toThrow(/userId/);
  });
});
