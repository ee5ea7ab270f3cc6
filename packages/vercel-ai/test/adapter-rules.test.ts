import { ConfigurationError, Memory, StoreError, ValidationError } from '@memzero/core';
import { generateText, streamText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it, vi } from 'vitest';
import { addMemories, getMemories, mem0Middleware, mem0Tools, searchMemories, withMem0 } from '../src/index.js';
import { systemTexts, textResult, textStreamParts } from './support/model-results.js';
import { RecordingMemory } from './support/recording-memory.js';

describe('option misuse fails at construction with typed errors', () => {
  const model = new MockLanguageModelV4({ doGenerate: textResult('hi') });

  it('names what is missing and how to fix it', () => {
    const noOptions = (() => withMem0(model, undefined as never)) as () => unknown;
    expect(noOptions).toThrow(ConfigurationError);
    expect(noOptions).toThrow(/withMem0\(model, \{ memory: new Memory\(\), userId: 'alice' \}\)/);
    expect(() => withMem0(model, { userId: 'alice' } as never)).toThrow(/options\.memory is required/);
    expect(() => mem0Middleware({ memory: {} as never })).toThrow(/has no search\(\), add\(\)/);
    expect(() => mem0Tools({} as never)).toThrow(ConfigurationError);
    const memory = new RecordingMemory();
    expect(() => withMem0(model, { memory, threshold: 2 })).toThrow(ValidationError);
    expect(() => withMem0(model, { memory, store: 'all' as never })).toThrow(ValidationError);
    expect(() => withMem0(model, { memory, userId: 42 as never })).toThrow(ValidationError);
    try {
      withMem0(model, { userId: 'alice' } as never);
    } catch (error) {
      expect((error as ConfigurationError).code).toBe('configuration');
    }
  });
});

describe('recall threshold', () => {
  it('injects related memories and leaves out unrelated ones that score near zero', async () => {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
    await memory.add('I live in Berlin and I am vegetarian.', { userId: 'alice' });
    // Without a threshold the engine returns the unrelated memory with a near-zero score.
    const unfiltered = await memory.search('Any jazz concert tips for the weekend?', { userId: 'alice' });
    expect(unfiltered.results.length).toBeGreaterThan(0);
    expect(Math.max(...unfiltered.results.map((hit) => hit.score))).toBeLessThan(0.1);

    const mock = new MockLanguageModelV4({ doGenerate: textResult('ok') });
    const model = withMem0(mock, { memory, userId: 'alice', store: false });
    await generateText({ model, prompt: 'Any jazz concert tips for the weekend?' });
    await generateText({ model, prompt: 'Any vegetarian restaurants near where I live?' });
    expect(systemTexts(mock.doGenerateCalls[0]!.prompt)).toEqual([]);
    expect(systemTexts(mock.doGenerateCalls[1]!.prompt)[0]).toMatch(/Is vegetarian[\s\S]*Lives in Berlin/);
    await memory.close();
  });
});

describe('storage never delays or fails the answer, unless awaitStorage', () => {
  it('answers while a failing write is still running, then reports it', async () => {
    const memory = new RecordingMemory();
    memory.failAdd = new StoreError('in-memory', 'upsert', 'store unavailable');
    const onError = vi.fn();
    const model = withMem0(new MockLanguageModelV4({ doGenerate: textResult('Noted.') }), {
      memory,
      userId: 'alice',
      onError,
    });
    const result = await generateText({ model, prompt: 'I live in Berlin' });
    expect(result.text).toBe('Noted.');
    await model.flush();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![1]).toEqual({ operation: 'store', scope: { userId: 'alice' } });
  });

  it('with awaitStorage, generate and stream wait for the write and fail with its error', async () => {
    const memory = new RecordingMemory();
    const generate = withMem0(new MockLanguageModelV4({ doGenerate: textResult('Noted.') }), {
      memory,
      userId: 'alice',
      awaitStorage: true,
    });
    await generateText({ model: generate, prompt: 'I live in Berlin' });
    expect(memory.addCalls).toHaveLength(1); // stored before generateText returned
    expect(generate.pending()).toBe(0);

    memory.failAdd = new StoreError('in-memory', 'upsert', 'store unavailable');
    await expect(generateText({ model: generate, prompt: 'I live in Rome' })).rejects.toThrow(/store unavailable/);

    const streaming = withMem0(
      new MockLanguageModelV4({
        doStream: async () => ({ stream: ReadableStream.from(textStreamParts(['No', 'ted.'])) }),
      }),
      { memory, userId: 'alice', awaitStorage: true },
    );
    const result = streamText({ model: streaming, prompt: 'I live in Oslo' });
    const read = async (): Promise<string[]> => {
      const types: string[] = [];
      for await (const part of result.fullStream) types.push(part.type);
      return types;
    };
    // The text arrives; the stream then ends with the storage error instead of finishing.
    await expect(read()).rejects.toSatisfy((error) => StoreError.isInstance(error));
  });
});

describe("Mem0's documented helper calls", () => {
  it('accept { user_id, mem0ApiKey } without a memory option, on a shared default engine', async () => {
    const messages = [{ role: 'user', content: [{ type: 'text', text: 'I love red cars.' }] }];
    const added = await addMemories(messages, { user_id: 'borat', mem0ApiKey: 'm0-not-used' });
    expect(added.results.map((event) => event.event)).toContain('ADD');
    const hits = await getMemories('Which red cars should I buy?', { user_id: 'borat', mem0ApiKey: 'm0-not-used' });
    expect(hits.map((hit) => hit.memory).join('\n')).toMatch(/red cars/i);

    const recording = new RecordingMemory();
    await searchMemories('cars', { memory: recording, user_id: 'borat', top_k: 2, org_id: 'o', project_id: 'p' });
    expect(recording.searchCalls[0]!.options).toMatchObject({ userId: 'borat', limit: 2 });
  });
});
