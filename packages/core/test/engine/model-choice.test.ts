import { describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import { StoreError } from '../../src/errors.js';
import { createInMemoryVectorStore } from '../../src/stores/in-memory/index.js';
import { makeEntry } from '../../src/testing/fixtures.js';

describe('which models the default engine runs, and why', () => {
  it('says that the offline default was taken because OPENAI_API_KEY is not set, with its dimension', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const description = await new Memory().describe();
      expect(description.offline).toBe(true);
      expect(description.modelChoice).toBe(
        'llm and embedder: offline default (rule-based extractor, lexical embedder with 512 dimensions), because ' +
          'OPENAI_API_KEY is not set',
      );
      const embedderOnly = await new Memory({ llm: { provider: 'rules' } }).describe();
      expect(embedderOnly.modelChoice).toMatch(/^embedder: offline default/);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });

  it('explains a dimension mismatch as a changed embedder', async () => {
    const store = createInMemoryVectorStore();
    const entry = makeEntry({ id: 'a', userId: 'alice' });
    await store.upsert([entry]);
    const stored = entry.vector.length;
    const error = await store
      .query({ scope: { userId: 'alice' }, vector: new Array(stored + 3).fill(0.01), text: 'x', topK: 5 })
      .catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(`differs from stored ${stored}: the embedder changed`);
    expect((error as Error).message).toContain('OPENAI_API_KEY');
  });
});
