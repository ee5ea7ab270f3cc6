import { Memory, ValidationError } from '@memzero/core';
import { generateText, streamText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import { addMemories, withMem0 } from '../src/index.js';
import { textResult, textStream } from './support/model-results.js';

const memories: Memory[] = [];
function offlineMemory(): Memory {
  const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
  memories.push(memory);
  return memory;
}
afterEach(async () => {
  await Promise.all(memories.splice(0).map((memory) => memory.close()));
});

async function found(memory: Memory, query: string): Promise<string[]> {
  return (await memory.search(query, { userId: 'alice' })).results.map((hit) => hit.memory);
}

describe('conversation context across calls (providerOptions.memzero.conversationId)', () => {
  it('turns of one chat, stored one call at a time, share context; turns of another chat do not', async () => {
    const memory = offlineMemory();
    const answers = ['Noted.', 'Nice choice.', 'Okay.', 'Sure.'];
    const mock = new MockLanguageModelV4({ doGenerate: async () => textResult(answers.shift() ?? '') });
    const model = withMem0(mock, { memory, userId: 'alice', infer: false, retrieve: false });
    const turn = (prompt: string, chatId: string) =>
      generateText({ model, prompt, providerOptions: { memzero: { conversationId: chatId } } });

    await turn('Which city should I visit in spring?', 'chat-1');
    await turn('Probably Lisbon', 'chat-1');
    await turn('Which town should we see in autumn?', 'chat-2');
    // Streaming stores the same way.
    const streaming = new MockLanguageModelV4({ doStream: async () => textStream(['Sure.']) });
    const streamingModel = withMem0(streaming, { memory, userId: 'alice', infer: false, retrieve: false });
    const streamed = streamText({
      model: streamingModel,
      prompt: 'Maybe Porto',
      providerOptions: { memzero: { conversationId: 'chat-3' } },
    });
    await streamed.consumeStream();
    await Promise.all([model.flush(), streamingModel.flush()]);

    // "spring" only appears in the turn before "Probably Lisbon", stored by an earlier call of the same chat.
    expect(await found(memory, 'spring')).toContain('Probably Lisbon');
    // "Maybe Porto" was said in another chat: the autumn question is no neighbour of it.
    expect(await found(memory, 'autumn')).not.toContain('Maybe Porto');
    expect(await found(memory, 'Porto')).toContain('Maybe Porto');
    // The chat id is no scope: every turn is a memory of the user, with no run.
    const all = await memory.getAll({ userId: 'alice' });
    expect(all.results.every((record) => record.runId === undefined)).toBe(true);
  });

  it('refuses a conversationId that is not a string of 1 to 256 characters', async () => {
    const memory = offlineMemory();
    const model = withMem0(new MockLanguageModelV4({ doGenerate: textResult('ok') }), { memory, userId: 'alice' });
    await expect(
      generateText({ model, prompt: 'hi', providerOptions: { memzero: { conversationId: '' } } }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('addMemories passes conversationId through', async () => {
    const memory = offlineMemory();
    for (const text of ['Which city should I visit in spring?', 'Probably Lisbon']) {
      await addMemories(text, { memory, user_id: 'alice', infer: false, conversationId: 'chat-9' });
    }
    expect(await found(memory, 'spring')).toContain('Probably Lisbon');
  });
});
