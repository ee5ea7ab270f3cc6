import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import { InMemoryStore } from '@mastra/core/storage';
import { Memory } from '@memzero/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Mem0Memory } from '../src/memory.js';
import { scriptedModel, systemText } from './mock-model.js';

let memory: Memory;

beforeEach(() => {
  memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
});

afterEach(async () => {
  await memory.close();
});

describe('Mem0Memory', () => {
  it("keeps Mastra's thread history and adds fact memory across threads of a resource", async () => {
    const { model, prompts } = scriptedModel([{ text: 'Noted.' }]);
    const threads = new Mem0Memory({ storage: new InMemoryStore(), mem0: { memory } });
    const agent = new Agent({
      id: 'assistant',
      name: 'assistant',
      instructions: 'You are a helpful assistant.',
      model: model as unknown as MastraModelConfig,
      memory: threads,
    });

    await agent.generate('I live in Berlin', { memory: { thread: 'thread-1', resource: 'alice' } });
    await threads.flush(); // storage runs in the background
    const history = await threads.recall({ threadId: 'thread-1' });
    expect(history.messages.map((message) => message.role)).toEqual(['user', 'assistant']);

    await agent.generate('Where do I live?', { memory: { thread: 'thread-2', resource: 'alice' } });
    expect(systemText(prompts().at(-1))).toMatch(/berlin/i);
    // Thread history stays per thread: the first thread's messages are not replayed in the second.
    expect(
      prompts()
        .at(-1)
        ?.filter((message) => message.role !== 'system'),
    ).toHaveLength(1);

    await agent.generate('Where do I live?', { memory: { thread: 'thread-3', resource: 'bob' } });
    expect(JSON.stringify(prompts().at(-1))).not.toMatch(/berlin/i);
  });

  it('offers the memory tools next to its own, unless tools: false', () => {
    const withTools = new Mem0Memory({ storage: new InMemoryStore(), mem0: { memory } });
    expect(Object.keys(withTools.listTools())).toEqual(
      expect.arrayContaining(['searchMemories', 'addMemory', 'updateMemory', 'deleteMemory']),
    );
    const withoutTools = new Mem0Memory({ storage: new InMemoryStore(), mem0: { memory, tools: false } });
    expect(Object.keys(withoutTools.listTools())).not.toContain('searchMemories');
  });

  it('does not add its processors twice when the agent already has them', async () => {
    const threads = new Mem0Memory({ storage: new InMemoryStore(), mem0: { memory } });
    const { input, output } = threads.mem0Processors;
    const inputs = await threads.getInputProcessors([input]);
    const outputs = await threads.getOutputProcessors([output]);
    expect(inputs.filter((processor) => processor.id === input.id)).toHaveLength(0);
    expect(outputs.filter((processor) => processor.id === output.id)).toHaveLength(0);
    expect((await threads.getInputProcessors()).map((processor) => processor.id)).toContain(input.id);
  });
});
