import { Memory, ValidationError } from '@memzero/core';
import { conversationContextFindings, conversationTurns } from '@memzero/test-tooling';
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
    const answers = ['Noted.', 'Nice choice.', 'Okay.'];
    const mock = new MockLanguageModelV4({ doGenerate: async () => textResult(answers.shift() ?? '') });
    const model = withMem0(mock, { memory, userId: 'alice', infer: false, retrieve: false });
    const streaming = new MockLanguageModelV4({ doStream: async () => textStream(['Sure.']) });
    const streamingModel = withMem0(streaming, { memory, userId: 'alice', infer: false, retrieve: false });

    for (const [index, [prompt, chatId]] of conversationTurns.entries()) {
      const providerOptions = { memzero: { conversationId: chatId } };
      // The last turn streams: stored the same way.
      if (index < 3) await generateText({ model, prompt, providerOptions });
      else await streamText({ model: streamingModel, prompt, providerOptions }).consumeStream();
    }
    await Promise.all([model.flush(), streamingModel.flush()]);

    expect(await conversationContextFindings((query) => found(memory, query))).toEqual({
      neighbourFound: true,
      otherConversationFound: false,
    });
    // The chat id is no scope: every turn is a memory of the user, with no run.
    const all = await memory.getAll({ userId: 'alice' });
    expect(all.results.map((record) => record.runId)).toEqual(Array(8).fill(undefined));
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
