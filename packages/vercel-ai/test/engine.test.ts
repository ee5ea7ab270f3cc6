import { Memory, memoryBlockStart } from '@memzero/core';
import { generateText, isStepCount, streamText } from 'ai';
import { MockEmbeddingModelV4, MockLanguageModelV4 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAiSdkEmbedder,
  createAiSdkLanguageModel,
  mem0Tools,
  mem0ToolsContext,
  retrieveMemories,
  withMem0,
} from '../src/index.js';
import { memzeroReport, systemTexts, textResult, textStream, toolCallResult } from './support/model-results.js';

/** The real engine on its embedded offline default: rule-based extraction, lexical embedder, in-process stores. */
const memories: Memory[] = [];
function offlineMemory(): Memory {
  const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
  memories.push(memory);
  return memory;
}
afterEach(async () => {
  await Promise.all(memories.splice(0).map((memory) => memory.close()));
});

describe('withMem0 on the real engine (offline default)', () => {
  it('remembers where the user lives in a later conversation', async () => {
    const memory = offlineMemory();
    const first = new MockLanguageModelV4({ doGenerate: textResult('Berlin is lovely!') });
    const firstModel = withMem0(first, { memory, userId: 'alice' });
    await generateText({ model: firstModel, prompt: 'I live in Berlin.' });
    await firstModel.flush();

    const stored = await memory.getAll({ userId: 'alice' });
    expect(stored.results.map((record) => record.memory).join(' ')).toMatch(/Berlin/);

    const later = new MockLanguageModelV4({ doStream: textStream(['Take ', 'the U-Bahn.']) });
    const laterModel = withMem0(later, { memory, userId: 'alice' });
    const result = streamText({
      model: laterModel,
      instructions: 'You are a travel assistant.',
      prompt: 'How do I get around the city where I live?',
    });
    expect(await result.text).toBe('Take the U-Bahn.');
    const system = systemTexts(later.doStreamCalls[0]!.prompt)[0]!;
    expect(system).toMatch(/^You are a travel assistant\./);
    expect(system).toContain(memoryBlockStart);
    expect(system).toMatch(/Berlin/);
    expect(memzeroReport(await result.providerMetadata).memories.some((entry) => /Berlin/.test(entry.memory))).toBe(
      true,
    );

    const otherUser = new MockLanguageModelV4({ doGenerate: textResult('No idea.') });
    await generateText({
      model: withMem0(otherUser, { memory, userId: 'bob' }),
      prompt: 'How do I get around the city where I live?',
    });
    expect(systemTexts(otherUser.doGenerateCalls[0]!.prompt).join('')).not.toMatch(/Berlin/);
  });

  it('lets an agent use the memory tools with the tool context', async () => {
    const memory = offlineMemory();
    const mock = new MockLanguageModelV4({
      doGenerate: [
        toolCallResult('addMemory', { memory: 'I am allergic to peanuts.' }, 'c1'),
        toolCallResult('searchMemories', { query: 'allergic peanuts' }, 'c2'),
        textResult('Noted.'),
      ],
    });

    const result = await generateText({
      model: mock,
      prompt: 'Remember my allergy.',
      tools: mem0Tools({ memory }),
      toolsContext: mem0ToolsContext({ userId: 'carol' }),
      stopWhen: isStepCount(5),
    });

    expect(result.text).toBe('Noted.');
    const searched = result.steps[1]!.toolResults[0]!.output as { memories: Array<{ memory: string }> };
    expect(searched.memories.some((entry) => /peanut/i.test(entry.memory))).toBe(true);
    expect((await memory.getAll({ userId: 'carol' })).results.length).toBeGreaterThan(0);
    expect((await memory.getAll({ userId: 'dave' })).results).toHaveLength(0);
    expect(await retrieveMemories('Any food allergies, peanuts?', { memory, userId: 'carol' })).toMatch(/peanut/i);
  });
});

describe('AI SDK models as the engine’s llm and embedder', () => {
  it('extracts with the bridged language model and searches with the bridged embedder', async () => {
    const llm = new MockLanguageModelV4({
      provider: 'anthropic',
      modelId: 'claude-test',
      doGenerate: textResult(JSON.stringify({ memories: [{ op: 'ADD', text: 'Lives in Berlin' }] })),
    });
    const vocabulary = ['berlin', 'live', 'lives', 'city', 'paris', 'food'];
    const embedding = new MockEmbeddingModelV4({
      doEmbed: async ({ values }) => ({
        embeddings: values.map((value) => {
          const words: string[] = value.toLowerCase().match(/\w+/g) ?? [];
          return vocabulary.map((term) => (words.includes(term) ? 1 : 0.01));
        }),
        warnings: [],
      }),
    });
    const memory = new Memory({
      llm: createAiSdkLanguageModel(llm),
      embedder: createAiSdkEmbedder(embedding, { dimension: vocabulary.length }),
    });
    memories.push(memory);

    const added = await memory.add('I moved to Berlin last year.', { userId: 'erin' });
    const found = await memory.search('Which city do I live in? Berlin?', { userId: 'erin' });

    expect(added.results.map((event) => [event.event, event.memory])).toEqual([['ADD', 'Lives in Berlin']]);
    expect(added.usage.llmCalls).toBe(1);
    expect(llm.doGenerateCalls).toHaveLength(1);
    expect(llm.doGenerateCalls[0]!.prompt[0]!.role).toBe('system');
    expect(JSON.stringify(llm.doGenerateCalls[0]!.prompt)).toContain('I moved to Berlin last year.');
    expect(embedding.doEmbedCalls.length).toBeGreaterThan(0);
    expect(found.results[0]?.memory).toBe('Lives in Berlin');
  });
});
