import { APICallError } from '@ai-sdk/provider';
import { ModelCallError } from '@memzero/core';
import { MockEmbeddingModelV4, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createAiSdkEmbedder, createAiSdkLanguageModel } from '../src/index.js';
import { textResult, usage } from './support/model-results.js';

const schema = { type: 'object', properties: { memories: { type: 'array' } }, required: ['memories'] };

describe('createAiSdkLanguageModel', () => {
  it('sends one generateText call with the system prompt, temperature 0 and JSON output, and maps usage', async () => {
    const mock = new MockLanguageModelV4({
      provider: 'anthropic',
      modelId: 'claude',
      doGenerate: textResult('{"memories":[]}'),
    });
    const llm = createAiSdkLanguageModel(mock);

    const result = await llm.generate({ system: 'Extract facts.', prompt: 'I live in Berlin', jsonSchema: schema });

    expect(llm.name).toBe('anthropic:claude');
    expect(result).toEqual({
      text: '{"memories":[]}',
      finishReason: 'stop',
      usage: { promptTokens: 10, completionTokens: 5 },
    });
    expect(mock.doGenerateCalls).toHaveLength(1);
    const call = mock.doGenerateCalls[0]!;
    expect(call.prompt[0]).toEqual({ role: 'system', content: 'Extract facts.' });
    expect(call.prompt[1]).toMatchObject({ role: 'user', content: [{ type: 'text', text: 'I live in Berlin' }] });
    expect(call.temperature).toBe(0);
    expect(call.responseFormat).toMatchObject({ type: 'json', schema });
  });

  it('returns unparsable JSON as text for the engine to repair, and plain text without a schema', async () => {
    const mock = new MockLanguageModelV4({ doGenerate: [textResult('```json\n{"memories": [}'), textResult('hello')] });
    const llm = createAiSdkLanguageModel(mock);

    const repaired = await llm.generate({ system: 's', prompt: 'p', jsonSchema: schema });
    const plain = await llm.generate({ system: 's', prompt: 'p', maxOutputTokens: 50 });

    expect(repaired.text).toBe('```json\n{"memories": [}');
    expect(plain.text).toBe('hello');
    expect(mock.doGenerateCalls[1]!.responseFormat?.type).not.toBe('json');
    expect(mock.doGenerateCalls[1]!.maxOutputTokens).toBe(50);
  });

  it('reports reasoning separately and maps a length finish', async () => {
    const mock = new MockLanguageModelV4({
      doGenerate: {
        content: [
          { type: 'reasoning', text: 'thinking about it' },
          { type: 'text', text: '{"memories":' },
        ],
        finishReason: { unified: 'length', raw: 'max_tokens' },
        usage,
        warnings: [],
      },
    });
    const result = await createAiSdkLanguageModel(mock, { structuredOutputs: false }).generate({
      system: 's',
      prompt: 'p',
    });

    expect(result.reasoning).toBe('thinking about it');
    expect(result.finishReason).toBe('length');
  });

  it('turns provider failures into ModelCallError with status and cause, without the request text', async () => {
    const failure = new APICallError({
      message: 'invalid x-api-key',
      url: 'https://api.example.test/v1/messages',
      requestBodyValues: { prompt: 'secret user text' },
      statusCode: 401,
      isRetryable: false,
    });
    const mock = new MockLanguageModelV4({
      doGenerate: async () => {
        throw failure;
      },
    });
    const llm = createAiSdkLanguageModel(mock, { maxRetries: 0 });

    const error = await llm.generate({ system: 's', prompt: 'secret user text' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ModelCallError);
    const modelError = error as ModelCallError;
    expect(modelError.status).toBe(401);
    expect(modelError.isRetryable).toBe(false);
    // The cause keeps the kind and status of the failure, never what the provider echoed.
    expect(modelError.cause).toMatchObject({ name: 'AI_APICallError', status: 401 });
    expect(modelError.message).toMatch(/API key/);
    expect(modelError.message).not.toContain('secret user text');
  });
});

describe('createAiSdkEmbedder', () => {
  it('embeds a batch in one request and maps usage', async () => {
    const mock = new MockEmbeddingModelV4({
      provider: 'mistral',
      modelId: 'mistral-embed',
      maxEmbeddingsPerCall: 100,
      doEmbed: async ({ values }) => ({
        embeddings: values.map((value) => [value.length, 1]),
        usage: { tokens: values.length * 3 },
        warnings: [],
      }),
    });
    const embedder = createAiSdkEmbedder(mock, { dimension: 2 });

    const result = await embedder.embed({ texts: ['a', 'bb', 'ccc'], purpose: 'document' });
    const empty = await embedder.embed({ texts: [], purpose: 'query' });

    expect(embedder.name).toBe('mistral:mistral-embed');
    expect(embedder.dimension).toBe(2);
    expect(result).toEqual({
      embeddings: [
        [1, 1],
        [2, 1],
        [3, 1],
      ],
      usage: { tokens: 9 },
    });
    expect(empty.embeddings).toEqual([]);
    expect(mock.doEmbedCalls).toHaveLength(1);
    expect(mock.doEmbedCalls[0]!.values).toEqual(['a', 'bb', 'ccc']);
  });

  it('passes provider options per purpose and wraps failures in ModelCallError', async () => {
    let calls = 0;
    const mock = new MockEmbeddingModelV4({
      maxEmbeddingsPerCall: 100,
      doEmbed: async ({ values }) => {
        calls++;
        if (values[0] === 'fail') throw new Error('boom');
        return { embeddings: values.map(() => [0.5]), warnings: [] };
      },
    });
    const embedder = createAiSdkEmbedder(mock, {
      maxRetries: 0,
      providerOptions: (purpose) => ({
        google: { taskType: purpose === 'query' ? 'RETRIEVAL_QUERY' : 'RETRIEVAL_DOCUMENT' },
      }),
    });

    await embedder.embed({ texts: ['q'], purpose: 'query' });
    const error = await embedder.embed({ texts: ['fail'], purpose: 'document' }).catch((caught: unknown) => caught);

    expect(mock.doEmbedCalls[0]!.providerOptions).toEqual({ google: { taskType: 'RETRIEVAL_QUERY' } });
    expect(error).toBeInstanceOf(ModelCallError);
    expect(calls).toBe(2);
  });
});
