import { tool } from '@langchain/core/tools';
import { MemorySaver } from '@langchain/langgraph';
import {
  ConfigurationError,
  Memory,
  MissingScopeError,
  ModelOutputError,
  memoryBlockStart,
  StoreError,
  ValidationError,
} from '@memzero/core';
import { AIMessage, createAgent, fakeModel } from 'langchain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mem0Middleware } from '../src/mem0-middleware.js';

function offlineMemory(): Memory {
  return new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
}

function systemTextOf(call: { messages: Array<{ type: string; text: string }> }): string {
  return call.messages.find((message) => message.type === 'system')?.text ?? '';
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('mem0Middleware', () => {
  it('recalls, in a new thread, a fact the user stated in an earlier thread', async () => {
    const memory = offlineMemory();
    const model = fakeModel().respond(new AIMessage('Noted!')).respond(new AIMessage('You live in Berlin.'));
    const middleware = mem0Middleware({ memory, userId: 'alice' });
    const agent = createAgent({
      model,
      systemPrompt: 'You are a helpful assistant.',
      checkpointer: new MemorySaver(),
      middleware: [middleware],
    });

    await agent.invoke(
      { messages: [{ role: 'user', content: 'I live in Berlin' }] },
      {
        configurable: { thread_id: 'thread-1' },
      },
    );
    await middleware.flush(); // storage runs in the background
    const stored = await memory.getAll({ userId: 'alice' });
    expect(stored.results.map((record) => record.memory).join('\n')).toMatch(/Berlin/);

    await agent.invoke(
      { messages: [{ role: 'user', content: 'Where do I live?' }] },
      {
        configurable: { thread_id: 'thread-2' },
      },
    );
    const recallCall = model.calls[1];
    expect(recallCall).toBeDefined();
    // The second thread starts empty: the only way the model can see Berlin is the injected memory block.
    expect(recallCall?.messages.filter((message) => message.type !== 'system').map((m) => m.text)).toEqual([
      'Where do I live?',
    ]);
    const system = systemTextOf(recallCall as never);
    expect(system.startsWith('You are a helpful assistant.')).toBe(true);
    expect(system).toContain(memoryBlockStart);
    expect(system).toMatch(/Berlin/);
  });

  it('injects exactly one block into every model call of a tool loop, searching once per human message', async () => {
    const memory = offlineMemory();
    await memory.add('I live in Berlin', { userId: 'bob' });
    const search = memory.search.bind(memory);
    const queries: string[] = [];
    memory.search = async (query, options) => {
      queries.push(query);
      return search(query, options);
    };
    const lookup = tool(async () => 'sunny', {
      name: 'weather',
      description: 'Weather in a city',
      schema: z.object({ city: z.string() }),
    });
    const model = fakeModel()
      .respondWithTools([{ name: 'weather', args: { city: 'Berlin' } }])
      .respond(new AIMessage('It is sunny in Berlin today.'));
    const agent = createAgent({
      model,
      tools: [lookup],
      systemPrompt: 'Be brief.',
      middleware: [mem0Middleware({ memory, userId: 'bob' })],
    });

    await agent.invoke({ messages: [{ role: 'user', content: 'How is the weather where I live?' }] });

    expect(model.callCount).toBe(2);
    expect(queries).toEqual(['How is the weather where I live?']);
    for (const call of model.calls) {
      const system = systemTextOf(call as never);
      expect(count(system, memoryBlockStart)).toBe(1);
      expect(system).toMatch(/Berlin/);
    }
  });

  it('takes the scope from the runtime context and keeps users apart', async () => {
    const memory = offlineMemory();
    const model = fakeModel()
      .respond(new AIMessage('Noted.'))
      .respond(new AIMessage('I do not know.'))
      .respond(new AIMessage('Berlin.'));
    const middleware = mem0Middleware({ memory });
    const agent = createAgent({ model, middleware: [middleware] });

    await agent.invoke({ messages: [{ role: 'user', content: 'I live in Berlin' }] }, { context: { userId: 'carol' } });
    await middleware.flush();
    await agent.invoke({ messages: [{ role: 'user', content: 'Where do I live?' }] }, { context: { userId: 'dave' } });
    await agent.invoke({ messages: [{ role: 'user', content: 'Where do I live?' }] }, { context: { userId: 'carol' } });

    expect((await memory.getAll({ userId: 'carol' })).results.length).toBeGreaterThan(0);
    expect(systemTextOf(model.calls[1] as never)).not.toMatch(/Berlin/);
    expect(systemTextOf(model.calls[2] as never)).toMatch(/Berlin/);
  });

  it('creates the system message when the agent has none, and leaves calls without memories untouched', async () => {
    const memory = offlineMemory();
    await memory.add('I live in Berlin', { userId: 'frank' });
    const model = fakeModel().respond(new AIMessage('Berlin.')).respond(new AIMessage('Hi.'));
    const agent = createAgent({
      model,
      middleware: [mem0Middleware({ memory, userId: 'frank', store: false })],
    });

    await agent.invoke({ messages: [{ role: 'user', content: 'Where do I live?' }] });
    const system = systemTextOf(model.calls[0] as never);
    expect(system.startsWith(memoryBlockStart)).toBe(true);
    expect(system).toMatch(/Berlin/);

    const empty = createAgent({
      model,
      middleware: [mem0Middleware({ memory, userId: 'nobody-yet', store: false })],
    });
    await empty.invoke({ messages: [{ role: 'user', content: 'Hello there' }] });
    expect(model.calls[1]?.messages.some((message) => message.type === 'system')).toBe(false);
  });

  it('fails with MissingScopeError when neither the options nor the runtime name a scope', async () => {
    const agent = createAgent({
      model: fakeModel().respond(new AIMessage('hi')),
      middleware: [mem0Middleware({ memory: offlineMemory() })],
    });
    const error = await agent.invoke({ messages: [{ role: 'user', content: 'hello' }] }).catch((caught) => caught);
    expect(MissingScopeError.isInstance(error) || MissingScopeError.isInstance(error?.cause)).toBe(true);
  });

  it('does not store turns when store is false', async () => {
    const memory = offlineMemory();
    const agent = createAgent({
      model: fakeModel().respond(new AIMessage('ok')),
      middleware: [mem0Middleware({ memory, userId: 'erin', store: false })],
    });
    await agent.invoke({ messages: [{ role: 'user', content: 'I live in Berlin' }] });
    expect((await memory.getAll({ userId: 'erin' })).results).toEqual([]);
  });
});

describe('mem0Middleware storage and misuse', () => {
  it('answers without waiting for storage; a failing write goes to onError, not to the caller', async () => {
    const memory = offlineMemory();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = {
      search: memory.search.bind(memory),
      add: async (...args: Parameters<Memory['add']>) => {
        await gate; // the write cannot finish before the test releases it
        return memory.add(...args);
      },
    };
    const middleware = mem0Middleware({ memory: held, userId: 'gina' });
    const agent = createAgent({ model: fakeModel().respond(new AIMessage('Noted.')), middleware: [middleware] });
    const result = await agent.invoke({ messages: [{ role: 'user', content: 'I live in Berlin' }] });
    expect(result.messages.at(-1)?.text).toBe('Noted.');
    expect(middleware.pending()).toBe(1);
    release();
    await middleware.flush();
    expect((await memory.getAll({ userId: 'gina' })).results.length).toBeGreaterThan(0);

    const errors: Array<[unknown, string]> = [];
    const failing = mem0Middleware({
      memory: {
        search: () => Promise.reject(new StoreError('in-memory', 'query', 'down')),
        add: () => Promise.reject(new ModelOutputError('openai', 'malformed JSON twice')),
      },
      userId: 'gina',
      onError: (error, context) => errors.push([error, context.operation]),
    });
    const survivor = createAgent({ model: fakeModel().respond(new AIMessage('Still here.')), middleware: [failing] });
    const answer = await survivor.invoke({ messages: [{ role: 'user', content: 'I live in Rome' }] });
    expect(answer.messages.at(-1)?.text).toBe('Still here.');
    await failing.flush();
    expect(errors.map(([error, operation]) => [(error as Error).name, operation])).toEqual([
      ['StoreError', 'retrieve'],
      ['ModelOutputError', 'store'],
    ]);
  });

  it('with awaitStorage, waits for the write and fails the invocation when it fails', async () => {
    const memory = offlineMemory();
    const synchronous = mem0Middleware({ memory, userId: 'hana', awaitStorage: true });
    const agent = createAgent({ model: fakeModel().respond(new AIMessage('Noted.')), middleware: [synchronous] });
    await agent.invoke({ messages: [{ role: 'user', content: 'I live in Berlin' }] });
    expect((await memory.getAll({ userId: 'hana' })).results.length).toBeGreaterThan(0);

    const failing = mem0Middleware({
      memory: { search: memory.search.bind(memory), add: () => Promise.reject(new StoreError('x', 'upsert', 'down')) },
      userId: 'hana',
      awaitStorage: true,
    });
    const strict = createAgent({ model: fakeModel().respond(new AIMessage('Noted.')), middleware: [failing] });
    const error = await strict.invoke({ messages: [{ role: 'user', content: 'hi there' }] }).catch((caught) => caught);
    expect(StoreError.isInstance(error) || StoreError.isInstance(error?.cause)).toBe(true);
  });

  it('rejects misuse with typed errors: no memory at construction, a non-string scope at the call', async () => {
    expect(() => mem0Middleware({} as never)).toThrow(ConfigurationError);
    expect(() => mem0Middleware(undefined as never)).toThrow(ConfigurationError);
    const agent = createAgent({
      model: fakeModel().respond(new AIMessage('hi')),
      middleware: [mem0Middleware({ memory: offlineMemory() })],
    });
    const error = await agent
      .invoke({ messages: [{ role: 'user', content: 'hello' }] }, { context: { userId: 42 } as never })
      .catch((caught) => caught);
    const typed = ValidationError.isInstance(error) ? error : error?.cause;
    expect(ValidationError.isInstance(typed)).toBe(true);
    expect((typed as ValidationError).path).toBe('mem0Middleware.userId');
  });
});
