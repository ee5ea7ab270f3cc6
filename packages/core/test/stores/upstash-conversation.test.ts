import { startUpstashTestServers } from '@memzero/test-tooling';
import { afterAll, describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import { createInMemoryVectorStore } from '../../src/stores/in-memory/vector-store.js';
import { createUpstashRedisStore } from '../../src/stores/upstash/redis/index.js';

// Conversation tails live in the coordination store: here Upstash Redis (a real redis-server behind the REST bridge),
// shared by two engine instances with their own clients, as two processes would be. The vector store is the
// in-process one, shared, because it is the backend that indexes `context`.
const servers = await startUpstashTestServers();
afterAll(() => servers.close());

describe('infer: false conversations on Upstash Redis', () => {
  it('turns of one conversation added concurrently by two instances get the neighbours of their write order', async () => {
    const vectorStore = createInMemoryVectorStore();
    let tick = 0;
    const now = (): Date => new Date(Date.UTC(2026, 0, 1) + tick++);
    const instances = [0, 1].map(
      () =>
        new Memory({
          llm: { provider: 'rules' },
          embedder: { provider: 'lexical' },
          vectorStore,
          historyStore: createUpstashRedisStore({ url: servers.redis.url, token: servers.redis.token }),
          now,
        }),
    );
    await instances[0]!.reset();
    const turns = Array.from({ length: 10 }, (_unused, index) => `turn ${index} mentions topic${index}`);
    await Promise.all(
      turns.map((turn, index) =>
        instances[index % 2]!.add(turn, { userId: 'u', runId: 'call-1', infer: false, contextWindow: [1, 1] }),
      ),
    );
    const { results } = await instances[1]!.getAll({ userId: 'u' });
    expect(results).toHaveLength(10);
    const texts = results.map((record) => record.memory);
    for (const [index, record] of results.entries()) {
      const neighbours = [...texts.slice(Math.max(0, index - 1), index), ...texts.slice(index + 1, index + 2)];
      expect(record.context).toBe(neighbours.join('\n'));
    }
    for (const memory of instances) await memory.close();
  });
});
