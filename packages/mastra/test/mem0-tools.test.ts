import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import { MockMemory } from '@mastra/core/memory';
import { InMemoryStore } from '@mastra/core/storage';
import type { ToolExecutionContext } from '@mastra/core/tools';
import { Memory, MissingScopeError, NotFoundError } from '@memzero/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mem0Tools } from '../src/index.js';
import { scriptedModel } from './mock-model.js';

let memory: Memory;

beforeEach(() => {
  memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
});

afterEach(async () => {
  await memory.close();
});

/** The context Mastra gives a tool inside an agent run for `resourceId`. */
function agentContext(resourceId: string | undefined, threadId = 'thread-1'): ToolExecutionContext {
  const context = {
    agent: {
      agentId: 'assistant',
      toolCallId: 'call-1',
      messages: [],
      suspend: async () => {},
      threadId,
      ...(resourceId === undefined ? {} : { resourceId }),
    },
  };
  // Mastra also passes observability helpers; the memory tools only read `agent`.
  return context as unknown as ToolExecutionContext;
}

describe('mem0Tools', () => {
  it('adds, searches, updates and deletes memories of the calling resource only', async () => {
    const tools = mem0Tools({ memory });
    const added = await tools.addMemory.execute?.({ text: 'I live in Berlin' }, agentContext('alice'));
    const id = added && 'events' in added ? added.events.find((event) => event.event === 'ADD')?.id : undefined;
    expect(id).toEqual(expect.any(String));
    if (typeof id !== 'string') return;

    const found = await tools.searchMemories.execute?.({ query: 'Where does the user live?' }, agentContext('alice'));
    expect(found && 'memories' in found ? found.memories.map((hit) => hit.memory).join('\n') : '').toMatch(/berlin/i);
    const foreign = await tools.searchMemories.execute?.({ query: 'Where does the user live?' }, agentContext('bob'));
    expect(foreign && 'memories' in foreign ? foreign.memories : undefined).toEqual([]);

    await expect(tools.updateMemory.execute?.({ id, text: 'Lives in Paris' }, agentContext('bob'))).rejects.toThrow(
      NotFoundError,
    );
    const updated = await tools.updateMemory.execute?.({ id, text: 'Lives in Paris' }, agentContext('alice'));
    expect(updated).toEqual({ id, memory: 'Lives in Paris' });
    expect((await memory.get(id, { userId: 'alice' }))?.memory).toBe('Lives in Paris');

    const deleted = await tools.deleteMemory.execute?.({ id }, agentContext('alice'));
    expect(deleted).toEqual({ deleted: [id] });
    expect(await memory.get(id, { userId: 'alice' })).toBeNull();
  });

  it('fails with MissingScopeError when the agent call names no resource', async () => {
    const tools = mem0Tools({ memory });
    await expect(tools.searchMemories.execute?.({ query: 'anything' }, agentContext(undefined))).rejects.toThrow(
      MissingScopeError,
    );
  });

  it('are scoped by the agent run when the model calls them', async () => {
    await memory.add('I live in Berlin', { userId: 'alice' });
    const { model, prompts } = scriptedModel([
      { toolName: 'searchMemories', input: { query: 'Where does the user live?' } },
      { text: 'You live in Berlin.' },
    ]);
    const agent = new Agent({
      id: 'assistant',
      name: 'assistant',
      instructions: 'Use your memory tools.',
      model: model as unknown as MastraModelConfig,
      memory: new MockMemory({ storage: new InMemoryStore() }),
      tools: mem0Tools({ memory }),
    });
    const result = await agent.generate('Where do I live?', { memory: { thread: 'thread-1', resource: 'alice' } });
    expect(result.text).toBe('You live in Berlin.');
    const toolResults = JSON.stringify(result.toolResults);
    expect(toolResults).toMatch(/berlin/i);
    // The tool result went back to the model in the second step.
    expect(JSON.stringify(prompts().at(-1))).toMatch(/berlin/i);
  });
});
