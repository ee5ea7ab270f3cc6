import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import { MockMemory } from '@mastra/core/memory';
import { MASTRA_RESOURCE_ID_KEY, RequestContext } from '@mastra/core/request-context';
import { InMemoryStore } from '@mastra/core/storage';
import { Memory, StoreError } from '@memzero/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMem0Processors, type Mem0ProcessorsOptions } from '../src/index.js';
import { scriptedModel, systemText } from './mock-model.js';

let memory: Memory;

beforeEach(() => {
  memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
});

afterEach(async () => {
  await memory.close();
});

function agentWithProcessors(options: Partial<Mem0ProcessorsOptions> = {}) {
  const { model, prompts } = scriptedModel([{ text: 'Noted.' }]);
  const threads = new MockMemory({ storage: new InMemoryStore() });
  const { input, output } = createMem0Processors({ memory, ...options });
  const agent = new Agent({
    id: 'assistant',
    name: 'assistant',
    instructions: 'You are a helpful assistant.',
    // ai@7's mock model is a LanguageModelV4 of a newer @ai-sdk/provider than Mastra pins (type skew only).
    model: model as unknown as MastraModelConfig,
    memory: threads,
    inputProcessors: [input],
    outputProcessors: [output],
  });
  return { agent, prompts, threads, output };
}

describe('Mem0RecallProcessor and Mem0ExtractionProcessor', () => {
  it('recall a fact stored in an earlier thread of the same resource, never another resource', async () => {
    const { agent, prompts, threads } = agentWithProcessors();

    await agent.generate('I live in Berlin', { memory: { thread: 'thread-1', resource: 'alice' } });
    const stored = await memory.getAll({ userId: 'alice' });
    expect(stored.results.map((record) => record.memory).join('\n')).toMatch(/berlin/i);
    expect(stored.results[0]?.metadata).toMatchObject({ threadId: 'thread-1' });
    // Mastra's own thread history is untouched: both sides of the turn are there.
    const history = await threads.recall({ threadId: 'thread-1' });
    expect(history.messages.map((message) => message.role)).toEqual(['user', 'assistant']);

    await agent.generate('Where do I live?', { memory: { thread: 'thread-2', resource: 'alice' } });
    const recalled = systemText(prompts().at(-1));
    expect(recalled).toMatch(/berlin/i);
    expect(recalled).toContain('You are a helpful assistant.');

    await agent.generate('Where do I live?', { memory: { thread: 'thread-3', resource: 'bob' } });
    expect(JSON.stringify(prompts().at(-1))).not.toMatch(/berlin/i);
    expect((await memory.getAll({ userId: 'bob' })).results.map((record) => record.memory).join('\n')).not.toMatch(
      /berlin/i,
    );
  });

  it('work the same when the agent streams', async () => {
    const { agent, prompts } = agentWithProcessors();
    const first = await agent.stream('I live in Berlin', { memory: { thread: 'thread-1', resource: 'alice' } });
    expect(await first.text).toBe('Noted.');
    expect((await memory.getAll({ userId: 'alice' })).results.map((record) => record.memory).join('\n')).toMatch(
      /berlin/i,
    );
    const second = await agent.stream('Where do I live?', { memory: { thread: 'thread-2', resource: 'alice' } });
    await second.text;
    expect(systemText(prompts().at(-1))).toMatch(/berlin/i);
  });

  it('confines memories to the thread with scope: thread', async () => {
    const { agent, prompts } = agentWithProcessors({ scope: 'thread' });
    await agent.generate('I live in Berlin', { memory: { thread: 'thread-1', resource: 'alice' } });
    await agent.generate('Where do I live?', { memory: { thread: 'thread-1', resource: 'alice' } });
    expect(systemText(prompts().at(-1))).toMatch(/berlin/i);
    await agent.generate('Where do I live?', { memory: { thread: 'thread-2', resource: 'alice' } });
    expect(systemText(prompts().at(-1))).not.toMatch(/berlin/i);
  });

  it('does nothing for a call without a resource', async () => {
    const { agent, prompts } = agentWithProcessors();
    await agent.generate('I live in Berlin');
    expect(systemText(prompts().at(-1))).not.toContain('<memzero-memories>');
    expect((await memory.getAll({ userId: 'alice' })).results).toHaveLength(0);
  });

  it('stores in the background when asked, and settled() waits for it', async () => {
    const { agent, output } = agentWithProcessors({ background: true });
    await agent.generate('I live in Berlin', { memory: { thread: 'thread-1', resource: 'alice' } });
    await output.settled();
    expect((await memory.getAll({ userId: 'alice' })).results.map((record) => record.memory).join('\n')).toMatch(
      /berlin/i,
    );
  });

  it('reports background failures to onError without failing the agent call', async () => {
    const failures: unknown[] = [];
    const failingAdd: Mem0ProcessorsOptions['memory']['add'] = () =>
      Promise.reject(new StoreError('in-memory', 'upsert', 'store unavailable'));
    const { agent, output } = agentWithProcessors({
      memory: { search: (query, options) => memory.search(query, options), add: failingAdd },
      background: true,
      onError: (error) => failures.push(error),
    });
    const result = await agent.generate('I live in Berlin', { memory: { thread: 'thread-1', resource: 'alice' } });
    expect(result.text).toBe('Noted.');
    await output.settled();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(StoreError);
  });

  it('uses a custom scope mapping', async () => {
    const { agent, prompts } = agentWithProcessors({
      resolveScope: ({ resourceId }) =>
        resourceId === undefined ? undefined : { userId: resourceId, appId: 'support' },
    });
    await agent.generate('I live in Berlin', { memory: { thread: 'thread-1', resource: 'alice' } });
    expect((await memory.getAll({ userId: 'alice', appId: 'support' })).results).not.toHaveLength(0);
    expect((await memory.getAll({ userId: 'alice', appId: 'sales' })).results).toHaveLength(0);
    await agent.generate('Where do I live?', { memory: { thread: 'thread-2', resource: 'alice' } });
    expect(systemText(prompts().at(-1))).toMatch(/berlin/i);
  });

  it("prefer Mastra's reserved resource key (set by auth middleware) and work without a Mastra memory", async () => {
    const { model, prompts } = scriptedModel([{ text: 'Noted.' }]);
    const { input, output } = createMem0Processors({ memory });
    const agent = new Agent({
      id: 'assistant',
      name: 'assistant',
      instructions: 'You are a helpful assistant.',
      model: model as unknown as MastraModelConfig,
      inputProcessors: [input],
      outputProcessors: [output],
    });
    const authenticated = (userId: string): RequestContext => {
      const requestContext = new RequestContext();
      requestContext.set(MASTRA_RESOURCE_ID_KEY, userId);
      return requestContext;
    };
    await agent.generate('I live in Berlin', { requestContext: authenticated('alice') });
    expect((await memory.getAll({ userId: 'alice' })).results).not.toHaveLength(0);
    await agent.generate('Where do I live?', { requestContext: authenticated('alice') });
    expect(systemText(prompts().at(-1))).toMatch(/berlin/i);

    // A client claiming alice's resource while authenticated as mallory does not see alice's memories.
    const { agent: withThreads, prompts: withThreadsPrompts } = agentWithProcessors();
    await withThreads.generate('Where do I live?', {
      memory: { thread: 'thread-9', resource: 'alice' },
      requestContext: authenticated('mallory'),
    });
    expect(JSON.stringify(withThreadsPrompts().at(-1))).not.toMatch(/berlin/i);
  });
});
