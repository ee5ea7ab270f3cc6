import { describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';

const offline = { llm: { provider: 'rules' }, embedder: { provider: 'lexical' } } as const;

describe('the offline default end to end', () => {
  it('finds the memory a change replaces among many, even when it shares no word with the message', async () => {
    // recentWriteTtlMs 0: no read-after-write shortcut, candidates come from search alone.
    const memory = new Memory({ ...offline, recentWriteTtlMs: 0 });
    await memory.add('I live in Paris.', { userId: 'alice' });
    for (let index = 0; index < 60; index++) {
      await memory.add(`I love hobby number ${index} and dish ${index}.`, { userId: 'alice' });
    }
    const moved = await memory.add('I moved to Berlin.', { userId: 'alice' });
    expect(moved.results.map((event) => [event.event, event.previousMemory, event.memory])).toEqual([
      ['UPDATE', 'Lives in Paris', 'Lives in Berlin'],
    ]);
  });

  it('describes itself as offline', async () => {
    expect(await new Memory(offline).describe()).toEqual({
      extractor: 'rules',
      embedder: 'lexical',
      vectorStore: 'in-memory',
      historyStore: 'in-memory',
      offline: true,
      modelChoice: 'llm and embedder as configured',
      warnings: [],
    });
  });

  it('passes rules options from a provider config and rejects unknown providers with a typed error', async () => {
    await expect(
      new Memory({ llm: { provider: 'rules', config: { timeZone: 'Not/AZone' } } }).describe(),
    ).rejects.toMatchObject({ code: 'configuration' });
    // Unsupported providers fail in the constructor, before any call.
    expect(() => new Memory({ llm: { provider: 'gpt-magic' } })).toThrow(
      expect.objectContaining({ code: 'configuration' }),
    );
    expect(() => new Memory({ vectorStore: { provider: 'chroma' } })).toThrow(
      expect.objectContaining({ code: 'configuration' }),
    );
  });
});
