import { MissingScopeError, StoreError, ValidationError } from '@memzero/core';
import { generateObject, generateText, isStepCount, tool } from 'ai';
import { MockLanguageModelV3, MockLanguageModelV4, MockProviderV4 } from 'ai/test';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { mem0Middleware, withMem0 } from '../src/index.js';
import { countBlocks, memzeroReport, systemTexts, textResult, toolCallResult, usage } from './support/model-results.js';
import { RecordingMemory } from './support/recording-memory.js';

describe('withMem0 with generateText', () => {
  it('injects relevant memories into the system message and stores the turn after the answer', async () => {
    const memory = new RecordingMemory();
    memory.seed('Alice is vegetarian', { userId: 'alice' });
    memory.seed('Bob loves steak', { userId: 'bob' });
    const mock = new MockLanguageModelV4({ doGenerate: textResult('Try a mushroom risotto.') });
    const model = withMem0(mock, { memory, userId: 'alice' });

    const result = await generateText({
      model,
      instructions: 'You are a cook.',
      prompt: 'What should a vegetarian like me cook tonight?',
    });
    await model.flush();

    expect(result.text).toBe('Try a mushroom risotto.');
    const systems = systemTexts(mock.doGenerateCalls[0]!.prompt);
    expect(systems).toHaveLength(1);
    expect(systems[0]).toMatch(/^You are a cook\./);
    expect(systems[0]).toContain('- Alice is vegetarian');
    expect(systems[0]).not.toContain('Bob');
    expect(memory.searchCalls).toHaveLength(1);
    expect(memory.searchCalls[0]!.query).toBe('What should a vegetarian like me cook tonight?');
    expect(memory.addCalls).toHaveLength(1);
    expect(memory.addCalls[0]!.messages).toEqual([
      { role: 'user', content: 'What should a vegetarian like me cook tonight?' },
      { role: 'assistant', content: 'Try a mushroom risotto.' },
    ]);
    expect(memory.addCalls[0]!.options.userId).toBe('alice');
  });

  it('adds a leading system message when the prompt has none, and reports the memories in provider metadata', async () => {
    const memory = new RecordingMemory();
    const seeded = memory.seed('Alice lives in Berlin', { userId: 'alice' });
    const mock = new MockLanguageModelV4({ doGenerate: textResult('Sunny.') });
    const model = withMem0(mock, { memory, userId: 'alice' });

    const result = await generateText({ model, prompt: 'How is the weather in Berlin?' });

    const prompt = mock.doGenerateCalls[0]!.prompt;
    expect(prompt[0]!.role).toBe('system');
    expect(systemTexts(prompt)[0]).toContain('Alice lives in Berlin');
    const report = memzeroReport(result.providerMetadata);
    expect(report.status).toBe('ok');
    expect(report.memories.map((entry) => entry.id)).toEqual([seeded.id]);
  });

  it('uses only the latest user message as the query, not the whole history', async () => {
    const memory = new RecordingMemory();
    const mock = new MockLanguageModelV4({ doGenerate: textResult('ok') });
    const model = withMem0(mock, { memory, userId: 'alice' });

    await generateText({
      model,
      messages: [
        { role: 'user', content: 'My dog is called Rex.' },
        { role: 'assistant', content: 'Nice name!' },
        { role: 'user', content: [{ type: 'text', text: 'What games do dogs like?' }] },
      ],
    });

    expect(memory.searchCalls.map((call) => call.query)).toEqual(['What games do dogs like?']);
  });

  it('retrieves once, stores once and never stacks the block across the steps of a tool loop', async () => {
    const memory = new RecordingMemory();
    memory.seed('Alice lives in Berlin', { userId: 'alice' });
    const mock = new MockLanguageModelV4({
      doGenerate: [toolCallResult('weather', { city: 'Berlin' }), textResult('It is sunny in Berlin.')],
    });
    const model = withMem0(mock, { memory, userId: 'alice' });
    const weather = tool({
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => `sunny in ${city}`,
    });

    const result = await generateText({
      model,
      instructions: 'Be brief.',
      prompt: 'What is the weather in Berlin today?',
      tools: { weather },
      stopWhen: isStepCount(5),
    });
    await model.flush();

    expect(result.steps).toHaveLength(2);
    expect(mock.doGenerateCalls).toHaveLength(2);
    for (const call of mock.doGenerateCalls) {
      expect(countBlocks(call.prompt)).toBe(1);
      expect(call.prompt.filter((message) => message.role === 'system')).toHaveLength(1);
    }
    expect(memory.searchCalls).toHaveLength(1);
    expect(memory.addCalls).toHaveLength(1);
    expect(memory.addCalls[0]!.messages).toEqual([
      { role: 'user', content: 'What is the weather in Berlin today?' },
      { role: 'assistant', content: 'It is sunny in Berlin.' },
    ]);
  });

  it('retrieves again for the next user turn of the same conversation', async () => {
    const memory = new RecordingMemory();
    const mock = new MockLanguageModelV4({ doGenerate: [textResult('one'), textResult('two')] });
    const model = withMem0(mock, { memory, userId: 'alice' });

    await generateText({ model, prompt: 'first question' });
    await generateText({
      model,
      messages: [
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'one' },
        { role: 'user', content: 'second question' },
      ],
    });
    await model.flush();

    expect(memory.searchCalls.map((call) => call.query)).toEqual(['first question', 'second question']);
    expect(memory.addCalls).toHaveLength(2);
  });

  it('works with a V3 model (converted to V4 by wrapLanguageModel)', async () => {
    const memory = new RecordingMemory();
    memory.seed('Alice is allergic to nuts', { userId: 'alice' });
    const mock = new MockLanguageModelV3({
      doGenerate: {
        content: [{ type: 'text', text: 'No pesto then.' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage,
        warnings: [],
      },
    });
    const model = withMem0(mock, { memory, userId: 'alice' });

    const result = await generateText({ model, prompt: 'Can I eat nuts in pesto?' });
    await model.flush();

    expect(model.specificationVersion).toBe('v4');
    expect(result.text).toBe('No pesto then.');
    const system = mock.doGenerateCalls[0]!.prompt[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toContain('Alice is allergic to nuts');
    expect(memory.addCalls[0]!.messages).toEqual([
      { role: 'user', content: 'Can I eat nuts in pesto?' },
      { role: 'assistant', content: 'No pesto then.' },
    ]);
  });

  it('lets providerOptions.memzero override the default scope per call', async () => {
    const memory = new RecordingMemory();
    memory.seed('Bob plays chess', { userId: 'bob' });
    memory.seed('Alice plays chess badly', { userId: 'alice' });
    const mock = new MockLanguageModelV4({ doGenerate: textResult('ok') });
    const model = withMem0(mock, { memory, userId: 'alice', agentId: 'coach' });

    await generateText({
      model,
      prompt: 'Which games do I play? chess?',
      providerOptions: { memzero: { userId: 'bob' } },
    });
    await model.flush();

    expect(memory.searchCalls[0]!.options).toMatchObject({ userId: 'bob', agentId: 'coach' });
    expect(memory.addCalls[0]!.options).toMatchObject({ userId: 'bob', agentId: 'coach' });
    const system = systemTexts(mock.doGenerateCalls[0]!.prompt)[0] ?? '';
    expect(system).not.toContain('Alice');
  });

  it('throws MissingScopeError before calling the model when no scope is given', async () => {
    const memory = new RecordingMemory();
    const mock = new MockLanguageModelV4({ doGenerate: textResult('never') });
    const model = withMem0(mock, { memory });

    const error = await generateText({ model, prompt: 'hello' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MissingScopeError);
    expect(String((error as Error).message)).toMatch(/userId/);
    expect(mock.doGenerateCalls).toHaveLength(0);
    expect(memory.searchCalls).toHaveLength(0);
  });

  it('answers without memories when retrieval fails, calling onError and adding a warning', async () => {
    const memory = new RecordingMemory();
    memory.failSearch = new StoreError('upstash-vector', 'query', 'HTTP 503', { isRetryable: true });
    const onError = vi.fn();
    const mock = new MockLanguageModelV4({ doGenerate: textResult('Still here.') });
    const model = withMem0(mock, { memory, userId: 'alice', onError });

    const result = await generateText({ model, instructions: 'Hi.', prompt: 'hello there' });
    await model.flush();

    expect(result.text).toBe('Still here.');
    expect(onError).toHaveBeenCalledWith(memory.failSearch, { operation: 'retrieve', scope: { userId: 'alice' } });
    expect(
      result.warnings?.some((warning) => warning.type === 'other' && /retrieval failed/.test(warning.message)),
    ).toBe(true);
    expect(memzeroReport(result.providerMetadata).status).toBe('failed');
    expect(countBlocks(mock.doGenerateCalls[0]!.prompt)).toBe(0);
    expect(memory.addCalls).toHaveLength(1);
  });

  it('never fails the response when storing fails: onError, a waitUntil promise and flush()', async () => {
    const memory = new RecordingMemory();
    memory.failAdd = new StoreError('in-memory', 'upsert', 'disk full');
    const onError = vi.fn();
    const waited: Array<Promise<unknown>> = [];
    const mock = new MockLanguageModelV4({ doGenerate: textResult('Done.') });
    const model = withMem0(mock, { memory, userId: 'alice', onError, waitUntil: (promise) => waited.push(promise) });

    const result = await generateText({ model, prompt: 'remember that I like tea' });

    expect(result.text).toBe('Done.');
    expect(waited).toHaveLength(1);
    await expect(waited[0]).resolves.toBeUndefined();
    await model.flush();
    expect(model.pending()).toBe(0);
    expect(onError).toHaveBeenCalledWith(memory.failAdd, { operation: 'store', scope: { userId: 'alice' } });
  });

  it('logs a warning without message content when no onError is given', async () => {
    const memory = new RecordingMemory();
    memory.failAdd = new Error('boom');
    const warn = vi.fn();
    const mock = new MockLanguageModelV4({ doGenerate: textResult('Done.') });
    const model = withMem0(mock, { memory, userId: 'alice', logger: { warn } });

    await generateText({ model, prompt: 'my secret is 1234' });
    await model.flush();

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/storing the turn failed/);
    expect(warn.mock.calls[0]![0]).not.toContain('1234');
  });

  it('honours store and retrieve switches, globally and per call', async () => {
    const memory = new RecordingMemory();
    memory.seed('Alice likes jazz', { userId: 'alice' });
    const mock = new MockLanguageModelV4({ doGenerate: [textResult('a'), textResult('b')] });
    const middleware = mem0Middleware({ memory, userId: 'alice', store: 'user' });
    const model = withMem0(mock, { memory, userId: 'alice', store: 'user' });

    await generateText({ model, prompt: 'any jazz tips?' });
    await generateText({
      model,
      prompt: 'more jazz?',
      providerOptions: { memzero: { retrieve: false, store: false } },
    });
    await model.flush();

    expect(middleware.specificationVersion).toBe('v4');
    expect(memory.searchCalls).toHaveLength(1);
    expect(memory.addCalls).toHaveLength(1);
    expect(memory.addCalls[0]!.messages).toEqual([{ role: 'user', content: 'any jazz tips?' }]);
    expect(countBlocks(mock.doGenerateCalls[1]!.prompt)).toBe(0);
  });

  it('caps the injected block', async () => {
    const memory = new RecordingMemory();
    for (let index = 0; index < 20; index++) memory.seed(`Alice fact ${index} ${'x'.repeat(80)}`, { userId: 'alice' });
    const mock = new MockLanguageModelV4({ doGenerate: textResult('ok') });
    const model = withMem0(mock, { memory, userId: 'alice', maxCharacters: 300, limit: 20 });

    await generateText({ model, prompt: 'tell me an Alice fact' });

    const system = systemTexts(mock.doGenerateCalls[0]!.prompt)[0]!;
    expect(system.length).toBeLessThanOrEqual(300);
    expect(system).toContain('Alice fact');
  });
  it('propagates an abort during retrieval without reporting it as a memory failure or caching it', async () => {
    const memory = new RecordingMemory();
    const onError = vi.fn();
    const abort = new AbortController();
    const search = memory.search.bind(memory);
    let calls = 0;
    memory.search = async (query, options) => {
      calls++;
      if (calls === 1) {
        abort.abort(new Error('user left'));
        options.signal?.throwIfAborted();
      }
      return search(query, options);
    };
    const mock = new MockLanguageModelV4({ doGenerate: textResult('ok') });
    const model = withMem0(mock, { memory, userId: 'alice', onError });

    await expect(generateText({ model, prompt: 'hello', abortSignal: abort.signal, maxRetries: 0 })).rejects.toThrow();
    await generateText({ model, prompt: 'hello' });

    expect(onError).not.toHaveBeenCalled();
    expect(calls).toBe(2);
    expect(mock.doGenerateCalls).toHaveLength(1);
  });

  it('rejects an invalid per-call store setting with a ValidationError', async () => {
    const memory = new RecordingMemory();
    const mock = new MockLanguageModelV4({ doGenerate: textResult('ok') });
    const model = withMem0(mock, { memory, userId: 'alice' });

    const error = await generateText({ model, prompt: 'hi', providerOptions: { memzero: { store: 'both' } } }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toBe('providerOptions.memzero.store');
    expect(mock.doGenerateCalls).toHaveLength(0);
  });
  it('works with generateObject: memories injected, the JSON answer stored as the assistant text', async () => {
    const memory = new RecordingMemory();
    memory.seed('Alice is vegetarian', { userId: 'alice' });
    const mock = new MockLanguageModelV4({ doGenerate: textResult('{"dish":"risotto"}') });
    const model = withMem0(mock, { memory, userId: 'alice' });

    const { object } = await generateObject({
      model,
      schema: z.object({ dish: z.string() }),
      prompt: 'Suggest a dish for a vegetarian',
    });
    await model.flush();

    expect(object).toEqual({ dish: 'risotto' });
    expect(systemTexts(mock.doGenerateCalls[0]!.prompt).join('')).toContain('Alice is vegetarian');
    expect(memory.addCalls[0]!.messages).toContainEqual({ role: 'assistant', content: '{"dish":"risotto"}' });
  });
  it('refuses an empty or non-string per-call scope instead of falling back to the default user', async () => {
    const memory = new RecordingMemory();
    const mock = new MockLanguageModelV4({ doGenerate: textResult('ok') });
    const model = withMem0(mock, { memory, userId: 'alice' });

    for (const userId of ['', null, 42]) {
      const error = await generateText({ model, prompt: 'hi', providerOptions: { memzero: { userId } } }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).path).toMatch(/userId$/);
    }
    expect(memory.searchCalls).toHaveLength(0);
    expect(mock.doGenerateCalls).toHaveLength(0);
  });

  it('resolves a model id string through the global default provider, like generateText', async () => {
    const memory = new RecordingMemory();
    const mock = new MockLanguageModelV4({ modelId: 'house-model', doGenerate: textResult('ok') });
    const global = globalThis as { AI_SDK_DEFAULT_PROVIDER?: unknown };
    global.AI_SDK_DEFAULT_PROVIDER = new MockProviderV4({ languageModels: { 'house-model': mock } });
    try {
      const model = withMem0('house-model', { memory, userId: 'alice' });
      await generateText({ model, prompt: 'hello' });
      expect(model.modelId).toBe('house-model');
      expect(mock.doGenerateCalls).toHaveLength(1);
      expect(memory.searchCalls).toHaveLength(1);
    } finally {
      delete global.AI_SDK_DEFAULT_PROVIDER;
    }
  });
  it('survives an onError hook that throws', async () => {
    const memory = new RecordingMemory();
    memory.failSearch = new Error('search down');
    memory.failAdd = new Error('add down');
    const onError = vi.fn(() => {
      throw new Error('hook bug');
    });
    const mock = new MockLanguageModelV4({ doGenerate: textResult('fine') });
    const model = withMem0(mock, { memory, userId: 'alice', onError });

    const result = await generateText({ model, prompt: 'hello' });
    await model.flush();

    expect(result.text).toBe('fine');
    expect(onError.mock.calls.map((call) => (call as unknown[])[1])).toEqual([
      { operation: 'retrieve', scope: { userId: 'alice' } },
      { operation: 'store', scope: { userId: 'alice' } },
    ]);
  });
});
