import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { MissingScopeError } from '@memzero/core';
import { isStepCount, simulateReadableStream, streamText, tool } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { withMem0 } from '../src/index.js';
import { countBlocks, memzeroReport, systemTexts, textStream, usage } from './support/model-results.js';
import { RecordingMemory } from './support/recording-memory.js';

/** A model stream the test feeds by hand, to stop it half-way. */
function manualStream(): {
  stream: ReadableStream<LanguageModelV4StreamPart>;
  push(part: LanguageModelV4StreamPart): void;
  cancelled: Promise<unknown>;
} {
  let controller!: ReadableStreamDefaultController<LanguageModelV4StreamPart>;
  let onCancel!: (reason: unknown) => void;
  const cancelled = new Promise<unknown>((resolve) => {
    onCancel = resolve;
  });
  const stream = new ReadableStream<LanguageModelV4StreamPart>({
    start(created) {
      controller = created;
    },
    cancel(reason) {
      onCancel(reason);
    },
  });
  return { stream, push: (part) => controller.enqueue(part), cancelled };
}

describe('withMem0 with streamText', () => {
  it('injects memories, captures the answer from text deltas and stores it after the stream ends', async () => {
    const memory = new RecordingMemory();
    const seeded = memory.seed('Alice prefers short answers', { userId: 'alice' });
    const mock = new MockLanguageModelV4({ doStream: textStream(['Short ', 'answer', '.']) });
    const model = withMem0(mock, { memory, userId: 'alice' });

    const result = streamText({ model, instructions: 'Be nice.', prompt: 'Give me answers, short please' });
    const text = await result.text;
    const metadata = await result.providerMetadata;
    await model.flush();

    expect(text).toBe('Short answer.');
    expect(systemTexts(mock.doStreamCalls[0]!.prompt)[0]).toContain('Alice prefers short answers');
    expect(memory.addCalls).toHaveLength(1);
    expect(memory.addCalls[0]!.messages).toEqual([
      { role: 'user', content: 'Give me answers, short please' },
      { role: 'assistant', content: 'Short answer.' },
    ]);
    const report = memzeroReport(metadata);
    expect(report.status).toBe('ok');
    expect(report.memories.map((entry) => entry.id)).toEqual([seeded.id]);
    expect(report.scope).toEqual({ userId: 'alice' });
  });

  it('stores once, after the final step, in a streamed tool loop', async () => {
    const memory = new RecordingMemory();
    memory.seed('Alice lives in Berlin', { userId: 'alice' });
    const toolStep = {
      stream: simulateReadableStream<LanguageModelV4StreamPart>({
        chunks: [
          { type: 'stream-start', warnings: [] },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: '{"city":"Berlin"}' },
          { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage },
        ],
      }),
    };
    const mock = new MockLanguageModelV4({ doStream: [toolStep, textStream(['Sunny ', 'in Berlin.'])] });
    const model = withMem0(mock, { memory, userId: 'alice' });
    const weather = tool({ inputSchema: z.object({ city: z.string() }), execute: async () => 'sunny' });

    const result = streamText({ model, prompt: 'Weather in Berlin?', tools: { weather }, stopWhen: isStepCount(4) });
    expect(await result.text).toBe('Sunny in Berlin.');
    await model.flush();

    expect(mock.doStreamCalls).toHaveLength(2);
    for (const call of mock.doStreamCalls) expect(countBlocks(call.prompt)).toBe(1);
    expect(memory.searchCalls).toHaveLength(1);
    expect(memory.addCalls).toHaveLength(1);
    expect(memory.addCalls[0]!.messages).toEqual([
      { role: 'user', content: 'Weather in Berlin?' },
      { role: 'assistant', content: 'Sunny in Berlin.' },
    ]);
  });

  it('adds a warning to the stream when retrieval fails and still streams the answer', async () => {
    const memory = new RecordingMemory();
    memory.failSearch = new Error('network down');
    const onError = vi.fn();
    const mock = new MockLanguageModelV4({ doStream: textStream(['fine']) });
    const model = withMem0(mock, { memory, userId: 'alice', onError });

    const result = streamText({ model, prompt: 'hello' });
    expect(await result.text).toBe('fine');
    const warnings = await result.warnings;

    expect(warnings?.some((warning) => warning.type === 'other' && /retrieval failed/.test(warning.message))).toBe(
      true,
    );
    expect(onError).toHaveBeenCalledWith(memory.failSearch, { operation: 'retrieve', scope: { userId: 'alice' } });
  });

  it('does not store an aborted stream by default', async () => {
    const memory = new RecordingMemory();
    const source = manualStream();
    const mock = new MockLanguageModelV4({ doStream: { stream: source.stream } });
    const model = withMem0(mock, { memory, userId: 'alice', logger: false });
    const abort = new AbortController();

    const result = streamText({ model, prompt: 'Tell me a long story', abortSignal: abort.signal });
    source.push({ type: 'stream-start', warnings: [] });
    source.push({ type: 'text-start', id: 't' });
    source.push({ type: 'text-delta', id: 't', delta: 'Once upon a time' });
    for await (const delta of result.textStream) {
      expect(delta).toBe('Once upon a time');
      abort.abort();
    }
    await source.cancelled;
    await model.flush();

    expect(memory.addCalls).toHaveLength(0);
  });

  it('stores the partial answer of an aborted stream when storeIncomplete is on', async () => {
    const memory = new RecordingMemory();
    const source = manualStream();
    const mock = new MockLanguageModelV4({ doStream: { stream: source.stream } });
    const model = withMem0(mock, { memory, userId: 'alice', storeIncomplete: true, logger: false });
    const abort = new AbortController();

    const result = streamText({ model, prompt: 'Tell me a long story', abortSignal: abort.signal });
    source.push({ type: 'stream-start', warnings: [] });
    source.push({ type: 'text-start', id: 't' });
    source.push({ type: 'text-delta', id: 't', delta: 'Once upon a time' });
    for await (const delta of result.textStream) {
      expect(delta).toBe('Once upon a time');
      abort.abort();
    }
    await source.cancelled;
    await model.flush();

    expect(memory.addCalls).toHaveLength(1);
    expect(memory.addCalls[0]!.messages).toEqual([
      { role: 'user', content: 'Tell me a long story' },
      { role: 'assistant', content: 'Once upon a time' },
    ]);
  });

  it('stores the partial answer when the provider stream errors, only with storeIncomplete', async () => {
    for (const storeIncomplete of [false, true]) {
      const memory = new RecordingMemory();
      const parts: LanguageModelV4StreamPart[] = [
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'The moon' },
      ];
      // Pull-based, so the error comes after the parts were read (an early controller.error drops queued parts).
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        pull(controller) {
          const part = parts.shift();
          if (part === undefined) controller.error(new Error('connection reset'));
          else controller.enqueue(part);
        },
      });
      const mock = new MockLanguageModelV4({ doStream: { stream } });
      const model = withMem0(mock, { memory, userId: 'alice', storeIncomplete });

      const result = streamText({ model, prompt: 'Explain tides', onError: () => {} });
      await result.consumeStream();
      await model.flush();

      expect(memory.addCalls).toHaveLength(storeIncomplete ? 1 : 0);
      if (storeIncomplete)
        expect(memory.addCalls[0]!.messages).toContainEqual({ role: 'assistant', content: 'The moon' });
    }
  });
  it('fails the stream with MissingScopeError before calling the model when no scope is given', async () => {
    const memory = new RecordingMemory();
    const mock = new MockLanguageModelV4({ doStream: textStream(['never']) });
    const errors: unknown[] = [];

    const result = streamText({
      model: withMem0(mock, { memory }),
      prompt: 'hello',
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    await result.consumeStream();

    expect(errors[0]).toBeInstanceOf(MissingScopeError);
    expect(mock.doStreamCalls).toHaveLength(0);
  });
});
