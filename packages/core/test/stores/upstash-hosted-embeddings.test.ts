import { startUpstashTestServers } from '@memzero/test-tooling';
import { afterAll, describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import { createUpstashRedisStore } from '../../src/stores/upstash/redis/index.js';
import { createUpstashVectorStore } from '../../src/stores/upstash/vector/index.js';
import { axisVector } from '../../src/testing/fixtures.js';
import { MockEmbedder } from '../../src/testing/mock-embedder.js';
import { addEachUserMessage } from '../engine/helpers.js';

// An index created with Upstash-hosted embedding models: the emulator embeds `data` itself.
const servers = await startUpstashTestServers({
  vector: {
    denseEmbeddingModel: { name: 'test-dense', embed: (text) => axisVector(text.length) },
    sparseEmbeddingModel: {
      name: 'test-sparse',
      embed: (text) => {
        const indices = [
          ...new Set(
            text
              .toLowerCase()
              .split(/\W+/)
              .map((word) => word.length),
          ),
        ];
        return { indices, values: indices.map(() => 1) };
      },
    },
  },
});
afterAll(() => servers.close());

describe('the engine with Upstash-hosted embeddings', () => {
  it('makes no embedding request of its own, and a search is one Vector request (recent deletes read in parallel)', async () => {
    const redis = { url: servers.redis.url, token: servers.redis.token };
    const embedder = new MockEmbedder();
    const memory = new Memory({
      extractor: addEachUserMessage,
      embedder,
      vectorStore: createUpstashVectorStore({
        url: servers.vector.url,
        token: servers.vector.token,
        hostedEmbeddings: true,
        redis,
      }),
      historyStore: createUpstashRedisStore(redis),
    });
    await memory.add('Plays the cello', { userId: 'alice' });
    servers.vector.resetStats();
    const redisCommandsBefore = servers.redis.stats().commands;
    const result = await memory.search('cello', { userId: 'alice' });
    expect(result.results.map((hit) => hit.memory)).toEqual(['Plays the cello']);
    expect(result.usage.embeddingCalls).toBe(0);
    expect(servers.vector.stats().requests).toEqual({ 'query-data': 1 });
    expect(servers.redis.stats().commands).toBe(redisCommandsBefore + 1);
    expect(embedder.calls).toHaveLength(0);
  });
});
