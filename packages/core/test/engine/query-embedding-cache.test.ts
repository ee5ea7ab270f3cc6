import { describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';

const offline = { llm: { provider: 'rules' }, embedder: { provider: 'lexical' } } as const;

/** Embedding requests made by each search, in order. */
async function embeddingCalls(memory: Memory, queries: string[]): Promise<number[]> {
  const calls: number[] = [];
  for (const query of queries) calls.push((await memory.search(query, { userId: 'u' })).usage.embeddingCalls);
  return calls;
}

describe('queryEmbeddingCache', () => {
  it('reuses a query embedding by default', async () => {
    expect(await embeddingCalls(new Memory(offline), ['tea', 'tea', 'coffee', 'tea'])).toEqual([1, 0, 1, 0]);
  });

  it('sizes the cache, least recently used out first', async () => {
    const memory = new Memory({ ...offline, queryEmbeddingCache: 2 });
    expect(await embeddingCalls(memory, ['a tea', 'b tea', 'a tea', 'c tea', 'a tea', 'b tea'])).toEqual([
      1, 1, 0, 1, 0, 1,
    ]);
  });

  it('0 disables it', async () => {
    const memory = new Memory({ ...offline, queryEmbeddingCache: 0 });
    expect(await embeddingCalls(memory, ['tea', 'tea'])).toEqual([1, 1]);
  });

  it('rejects a size that is not a whole number from 0, at construction', () => {
    for (const size of [-1, 1.5, '10', Number.NaN]) {
      expect(() => new Memory({ ...offline, queryEmbeddingCache: size as number })).toThrow(
        expect.objectContaining({ code: 'configuration' }),
      );
    }
  });
});
