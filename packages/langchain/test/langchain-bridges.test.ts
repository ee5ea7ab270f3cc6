import { AIMessage } from '@langchain/core/messages';
import { FakeListChatModel, SyntheticEmbeddings } from '@langchain/core/utils/testing';
import { Memory, ModelCallError } from '@memzero/core';
import { fakeModel } from 'langchain';
import { describe, expect, it } from 'vitest';
import { createLangChainEmbedder } from '../src/langchain-embedder.js';
import { createLangChainLanguageModel } from '../src/langchain-language-model.js';

describe('createLangChainLanguageModel', () => {
  it('drives the engine’s extraction through a LangChain chat model', async () => {
    const chatModel = new FakeListChatModel({
      responses: ['```json\n{"memories":[{"op":"ADD","text":"Lives in Berlin"}]}\n```'],
    });
    const memory = new Memory({
      llm: createLangChainLanguageModel(chatModel),
      embedder: createLangChainEmbedder(new SyntheticEmbeddings({ vectorSize: 16 })),
    });

    const result = await memory.add('I live in Berlin', { userId: 'alice' });

    expect(result.results.map((event) => [event.event, event.memory])).toEqual([['ADD', 'Lives in Berlin']]);
    expect(result.usage.llmCalls).toBe(1);
    expect(result.usage.embeddingCalls).toBeGreaterThan(0);
    const { results } = await memory.search('Lives in Berlin', { userId: 'alice' });
    expect(results[0]?.memory).toBe('Lives in Berlin');
  });

  it('sends the system and prompt as messages and reports usage, finish reason and reasoning', async () => {
    const model = fakeModel().respond(
      new AIMessage({
        content: [
          { type: 'reasoning', reasoning: 'thinking it over' },
          { type: 'text', text: '{"memories":[]}' },
        ],
        usage_metadata: { input_tokens: 12, output_tokens: 5, total_tokens: 17 },
        response_metadata: { finish_reason: 'length' },
      }),
    );
    const result = await createLangChainLanguageModel(model).generate({ system: 'Extract facts.', prompt: 'Hi' });

    expect(model.calls[0]?.messages.map((message) => [message.type, message.text])).toEqual([
      ['system', 'Extract facts.'],
      ['human', 'Hi'],
    ]);
    expect(result).toEqual({
      text: '{"memories":[]}',
      reasoning: 'thinking it over',
      finishReason: 'length',
      usage: { promptTokens: 12, completionTokens: 5 },
    });
  });

  it('wraps a failing model call in ModelCallError without the prompt in the message', async () => {
    const model = fakeModel().respond(new Error('upstream 503'));
    const error = await createLangChainLanguageModel(model, { name: 'lc:test' })
      .generate({ system: 'secret instructions', prompt: 'private text' })
      .catch((caught: unknown) => caught);
    expect(ModelCallError.isInstance(error)).toBe(true);
    expect((error as ModelCallError).message).toMatch(/^lc:test: /);
    expect((error as ModelCallError).message).not.toMatch(/private text|secret instructions/);
    expect((error as ModelCallError).cause).toMatchObject({ name: 'Error' });
    expect(String((error as ModelCallError).cause)).not.toContain('upstream 503');
  });
});

describe('createLangChainEmbedder', () => {
  it('embeds documents in one batch and queries with embedQuery, as LangChain does', async () => {
    const embeddings = new SyntheticEmbeddings({ vectorSize: 8 });
    const embedder = createLangChainEmbedder(embeddings, { dimension: 8 });

    const documents = await embedder.embed({ texts: ['tea', 'coffee'], purpose: 'document' });
    const query = await embedder.embed({ texts: ['tea'], purpose: 'query' });

    expect(embedder.dimension).toBe(8);
    expect(documents.embeddings).toEqual(await embeddings.embedDocuments(['tea', 'coffee']));
    expect(query.embeddings).toEqual([await embeddings.embedQuery('tea')]);
  });

  it('wraps provider failures in ModelCallError', async () => {
    const embeddings = new SyntheticEmbeddings({ vectorSize: 4 });
    embeddings.embedDocuments = async () => {
      throw new Error('rate limited');
    };
    await expect(createLangChainEmbedder(embeddings).embed({ texts: ['x'], purpose: 'document' })).rejects.toSatisfy(
      (error: unknown) => ModelCallError.isInstance(error),
    );
  });
});
