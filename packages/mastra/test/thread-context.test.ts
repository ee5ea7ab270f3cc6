import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import { MockMemory } from '@mastra/core/memory';
import { InMemoryStore } from '@mastra/core/storage';
import { Memory } from '@memzero/core';
import { conversationContextFindings, conversationTurns } from '@memzero/test-tooling';
import { describe, expect, it } from 'vitest';
import { mem0Processors } from '../src/index.js';
import { scriptedModel } from './mock-model.js';

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

    for (const [text, thread] of conversationTurns) {
      await agent.generate(text, { memory: { thread, resource: 'alice' } });
    }
    await flush();

    const search = async (query: string) =>
      (await memory.search(query, { userId: 'alice' })).results.map((hit) => hit.memory);
    expect(await conversationContextFindings(search)).toEqual({ neighbourFound: true, otherConversationFound: false });
    // scope: 'resource' (the default) keeps the thread out of the scope; it is only the conversation.
    const all = await memory.getAll({ userId: 'alice' });
    expect(all.results.map((record) => record.runId)).toEqual(Array(8).fill(undefined));
    await memory.close();
  });
});
