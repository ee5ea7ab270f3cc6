import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import { MockMemory } from '@mastra/core/memory';
import { InMemoryStore } from '@mastra/core/storage';
import { Memory } from '@memzero/core';
import { describe, expect, it } from 'vitest';
import { mem0Processors } from '../src/index.js';
import { scriptedModel } from './mock-model.js';

async function found(memory: Memory, query: string): Promise<string[]> {
  return (await memory.search(query, { userId: 'alice' })).results.map((hit) => hit.memory);
}

describe('Mem0ExtractionProcessor: the Mastra thread is the conversation', () => {
  it('turns of one thread, stored one call at a time, share context; turns of another thread do not', async () => {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
    const { model } = scriptedModel([
      { text: 'Noted.' },
      { text: 'Nice choice.' },
      { text: 'Okay.' },
      { text: 'Sure.' },
    ]);
    const { input, output, flush } = mem0Processors({ memory, infer: false, retrieve: false });
    const agent = new Agent({
      id: 'assistant',
      name: 'assistant',
      instructions: 'You are a helpful assistant.',
      model: model as unknown as MastraModelConfig,
      memory: new MockMemory({ storage: new InMemoryStore() }),
      inputProcessors: [input],
      outputProcessors: [output],
    });
    const turn = (text: string, thread: string) => agent.generate(text, { memory: { thread, resource: 'alice' } });

    await turn('Which city should I visit in spring?', 'thread-1');
    await turn('Probably Lisbon', 'thread-1');
    await turn('Which town should we see in autumn?', 'thread-2');
    await turn('Maybe Porto', 'thread-3');
    await flush();

    // "spring" only appears in the turn before "Probably Lisbon", stored by the thread's earlier call.
    expect(await found(memory, 'spring')).toContain('Probably Lisbon');
    expect(await found(memory, 'autumn')).not.toContain('Maybe Porto');
    // scope: 'resource' (the default) keeps the thread out of the scope.
    const all = await memory.getAll({ userId: 'alice' });
    expect(all.results).toHaveLength(8);
    expect(all.results.every((record) => record.runId === undefined)).toBe(true);
    await memory.close();
  });
});
