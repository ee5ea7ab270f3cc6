import { randomUUID } from 'node:crypto';
import { Index } from '@upstash/vector';
import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../src/filters/parse-filter.js';
import { createUpstashRedisStore } from '../../src/stores/upstash/redis/index.js';
import { createUpstashVectorStore } from '../../src/stores/upstash/vector/index.js';
import { describeCoordinationStoreConformance } from '../../src/testing/coordination-store-conformance.js';
import { makeEntry } from '../../src/testing/fixtures.js';
import { describeVectorStoreConformance } from '../../src/testing/vector-store-conformance.js';

/**
 * Opt-in contract tests against real Upstash. They run only when UPSTASH_VECTOR_REST_URL/TOKEN and
 * UPSTASH_REDIS_REST_URL/TOKEN are all set (use throwaway databases: tests write and reset under a random namespace
 * and key prefix). The vector index must be HYBRID, COSINE, without embedding models; the full conformance suite
 * additionally needs dimension 8 (its fixtures are 8-dimensional) and is skipped otherwise.
 */
const environment = {
  vectorUrl: process.env.UPSTASH_VECTOR_REST_URL,
  vectorToken: process.env.UPSTASH_VECTOR_REST_TOKEN,
  redisUrl: process.env.UPSTASH_REDIS_REST_URL,
  redisToken: process.env.UPSTASH_REDIS_REST_TOKEN,
};
const live = Object.values(environment).every((value) => typeof value === 'string' && value.length > 0);
const run = `live-${randomUUID().slice(0, 8)}`;
const index = live ? new Index({ url: environment.vectorUrl!, token: environment.vectorToken! }) : undefined;
const info = live ? await index!.info() : undefined;
const redis = { url: environment.redisUrl ?? '', token: environment.redisToken ?? '' };

/** Waits until Upstash has indexed every write (what the official SDK's own tests do). */
async function settle(): Promise<void> {
  for (let attempt = 0; attempt < 30; attempt++) {
    if ((await index!.info()).pendingVectorCount === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const vectorStore = (namespace: string) =>
  createUpstashVectorStore({
    url: environment.vectorUrl!,
    token: environment.vectorToken!,
    namespace,
    redis,
    keyPrefix: `${run}:`,
  });
const teardown = async (): Promise<void> => {
  await index!.deleteNamespace(run).catch(() => undefined);
  await createUpstashRedisStore({ ...redis, keyPrefix: `${run}:` }).reset();
};

describe.skipIf(!live)('live Upstash contract', { timeout: 120_000 }, () => {
  it('keeps crafted filter values inside their literal and agrees with the engine on missing fields', async () => {
    const store = vectorStore(run);
    const dimension = info!.dimension;
    const unit = (axis: number): number[] =>
      Array.from({ length: dimension }, (_, position) => (position === axis ? 1 : 0));
    const quoted = makeEntry({ metadata: { topic: "food' OR userId != 'x", done: true, tags: ['a[b]', 'c'] } });
    const plain = makeEntry({ metadata: { topic: 'food' } });
    const other = makeEntry({ userId: "bob' OR '1' = '1", metadata: { topic: 'food' } });
    await store.upsert([quoted, plain, other].map((entry) => ({ ...entry, vector: unit(0) })));
    await settle();
    const ids = async (filter: Record<string, unknown>): Promise<string[]> =>
      (await store.query({ scope: { userId: 'alice' }, vector: unit(0), topK: 10, filter: parseFilter(filter) })).dense
        .map((hit) => hit.record.id)
        .sort();
    expect(await ids({ topic: "food' OR userId != 'x" })).toEqual([quoted.record.id]);
    expect(await ids({ topic: 'food' })).toEqual([plain.record.id]);
    expect(await ids({ done: true })).toEqual([quoted.record.id]);
    expect(await ids({ done: { ne: true } })).toEqual([plain.record.id]);
    expect(await ids({ tags: { contains: 'a[b]' } })).toEqual([quoted.record.id]);
    expect(await ids({ topic: { contains: "d' OR" } })).toEqual([quoted.record.id]);
    await teardown();
  });
});

describe.skipIf(!live || info?.dimension !== 8)('live Upstash conformance', { timeout: 120_000 }, () => {
  describeVectorStoreConformance(
    'upstash-vector (live)',
    async () => {
      const store = vectorStore(run);
      await store.reset();
      await settle();
      return store;
    },
    { settle, teardown },
  );
  describeCoordinationStoreConformance('upstash-redis (live)', async () => {
    const store = createUpstashRedisStore({ ...redis, keyPrefix: `${run}:` });
    await store.reset();
    return store;
  });
});
