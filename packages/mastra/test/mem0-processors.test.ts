import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import { MockMemory } from '@mastra/core/memory';
import { MASTRA_RESOURCE_ID_KEY, RequestContext } from '@mastra/core/request-context';
import { InMemoryStore } from '@mastra/core/storage';
import { ConfigurationError, Memory, MissingScopeError, StoreError, ValidationError } from '@memzero/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Mem0ProcessorsOptions, Mem0RecallProcessor, mem0Processors, mem0Tools } from '../src/index.js';
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
  const processors = mem0Processors({ memory, ...options });
  const { input, output } = processors;
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
  return { agent, prompts, threads, output, processors, flush: processors.flush };
}

/** Every message along an error's cause chain: Mastra wraps processor errors and keeps only their message. */
function errorText(error: unknown): string {
  const parts: string[] = [];
  for (
    let current = error;
    current !== undefined && current !== null;
    current = (current as { cause?: unknown }).cause
  ) {
    parts.push(String((current as { message?: unknown }).message));
  }
  return parts.join(' | ');
}

describe('Mem0RecallProcessor and Mem0ExtractionProcessor', () => {
  it('recall a fact stored in an earlier thread of the same resource, never another resource', async () => {
    const { agent, prompts, threads, flush } = agentWithProcessors();

    await agent.generate('I live in Berlin', { memory: { thread: 'thread-1', resource: 'alice' } });
    await flush(); // storage runs in the background
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
    const { agent, prompts, flush } = agentWithProcessors();
    const first = await agent.stream('I live in Berlin', { memory: { thread: 'thread-1', resource: 'alice' } });
    expect(await first.text).toBe('Noted.');
    await flush();
    expect((await memory.getAll({ userId: 'alice' })).results.map((record) => record.memory).join('\n')).toMatch(
      /berlin/i,
    );
    const second = await agent.stream('Where do I live?', { memory: { thread: 'thread-2', resource: 'alice' } });
    await second.text;
    expect(systemText(prompts().at(-1))).toMatch(/berlin/i);
  });

  it('confines memories to the thread with scope: thread', async () => {
    const { agent, prompts, flush } = agentWithProcessors({ scope: 'thread' });
    await agent.generate('I live in Berlin', { memory: { thread: 'thread-1', resource: 'alice' } });
    await flush();
    await agent.generate('Where do I live?', { memory: { thread: 'thread-1', resource: 'alice' } });
    expect(systemText(prompts().at(-1))).toMatch(/berlin/i);
    await agent.generate('Where do I live?', { memory: { thread: 'thread-2', resource: 'alice' } });
    expect(systemText(prompts().at(-1))).not.toMatch(/berlin/i);
  });

  it('fails a call without a resource with MissingScopeError that says how to name one', async () => {
    const { agent, prompts } = agentWithProcessors();
    const error = await agent.generate('I live in Berlin').catch((caught: unknown) => caught);
    // Mastra wraps processor errors in its own MastraError and keeps the message (with the fix), not the class.
    expect(errorText(error)).toContain('MASTRA_RESOURCE_ID_KEY');
    expect(prompts()).toHaveLength(0);
    const direct = await agentWithProcessors()
      .processors.input.processInput({ messages: [], systemMessages: [] } as never)
      .catch((caught: unknown) => caught);
    expect(MissingScopeError.isInstance(direct)).toBe(true);
  });

  it('lets a custom resolveScope skip memory for anonymous runs', async () => {
    const { agent, prompts } = agentWithProcessors({
      resolveScope: ({ resourceId }) => (resourceId === undefined ? undefined : { userId: resourceId }),
    });
    expect((await agent.generate('I live in Berlin')).text).toBe('Noted.');
    expect(systemText(prompts().at(-1))).not.toContain('<memzero-memories>');
  });

  it('stores in the background by default: the answer does not wait, flush() does', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowAdd: Mem0ProcessorsOptions['memory']['add'] = async (messages, options) => {
      await gate;
      return memory.add(messages, options);
    };
    const { agent, flush } = agentWithProcessors({
      memory: { search: (query, options) => memory.search(query, options), add: slowAdd },
    });
    // The write is held until released, so the answer can only arrive if it does not wait for storage.
    const result = await agent.generate('I live in Berlin', { memory: { thread: 'thread-1', resource: 'alice' } });
    expect(result.text).toBe('Noted.');
    expect((await memory.getAll({ userId: 'alice' })).results).toHaveLength(0);
    release();
    await flush();
    expect((await memory.getAll({ userId: 'alice' })).results.map((record) => record.memory).join('\n')).toMatch(
      /berlin/i,
    );
  });

  it('reports storage failures to onError without failing the agent call', async () => {
    const failures: unknown[] = [];
    const failingAdd: Mem0ProcessorsOptions['memory']['add'] = () =>
      Promise.reject(new StoreError('in-memory', 'upsert', 'store unavailable'));
    const { agent, flush } = agentWithProcessors({
      memory: { search: (query, options) => memory.search(query, options), add: failingAdd },
      onError: (error, context) => failures.push([error, context.operation]),
    });
    const result = await agent.generate('I live in Berlin', { memory: { thread: 'thread-1', resource: 'alice' } });
    expect(result.text).toBe('Noted.');
    await flush();
    expect(failures).toHaveLength(1);
    expect((failures[0] as unknown[])[0]).toBeInstanceOf(StoreError);
    expect((failures[0] as unknown[])[1]).toBe('store');
  });

  it('with awaitStorage, waits for storage and fails the call when it fails', async () => {
    const failingAdd: Mem0ProcessorsOptions['memory']['add'] = () =>
      Promise.reject(new StoreError('in-memory', 'upsert', 'store unavailable'));
    const { agent } = agentWithProcessors({
      memory: { search: (query, options) => memory.search(query, options), add: failingAdd },
      awaitStorage: true,
    });
    const error = await agent
      .generate('I live in Berlin', { memory: { thread: 'thread-1', resource: 'alice' } })
      .catch((caught: unknown) => caught);
    expect(errorText(error)).toContain('store unavailable');

    const synchronous = agentWithProcessors({ awaitStorage: true });
    await synchronous.agent.generate('I live in Berlin', { memory: { thread: 'thread-2', resource: 'erin' } });
    expect((await memory.getAll({ userId: 'erin' })).results).not.toHaveLength(0);
  });

  it('uses a custom scope mapping', async () => {
    const { agent, prompts, flush } = agentWithProcessors({
      resolveScope: ({ resourceId }) =>
        resourceId === undefined ? undefined : { userId: resourceId, appId: 'support' },
    });
    await agent.generate('I live in Berlin', { memory: { thread: 'thread-1', resource: 'alice' } });
    await flush();
    expect((await memory.getAll({ userId: 'alice', appId: 'support' })).results).not.toHaveLength(0);
    expect((await memory.getAll({ userId: 'alice', appId: 'sales' })).results).toHaveLength(0);
    await agent.generate('Where do I live?', { memory: { thread: 'thread-2', resource: 'alice' } });
    expect(systemText(prompts().at(-1))).toMatch(/berlin/i);
  });

  it("prefer Mastra's reserved resource key (set by auth middleware) and work without a Mastra memory", async () => {
    const { model, prompts } = scriptedModel([{ text: 'Noted.' }]);
    const { input, output, flush } = mem0Processors({ memory });
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
    await flush();
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

  it('reject misuse at construction with typed errors that say how to fix it', () => {
    expect(() => mem0Processors(undefined as never)).toThrow(ConfigurationError);
    expect(() => mem0Processors({} as never)).toThrow(/options\.memory is required/);
    expect(() => new Mem0RecallProcessor({ memory: {} as never })).toThrow(/has no search\(\)/);
    expect(() => mem0Tools({ memory: { search: memory.search.bind(memory) } } as never)).toThrow(ConfigurationError);
    expect(() => mem0Processors({ memory, threshold: -1 })).toThrow(ValidationError);
  });
});
