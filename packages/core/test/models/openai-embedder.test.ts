import { deterministicEmbedding, type OpenAIServer, scriptedResponses, startOpenAIServer } from '@memzero/test-tooling';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelCallError } from '../../src/errors.js';
import { createOpenAIEmbedder } from '../../src/models/openai/index.js';

const apiKey = 'sk-embed-test';
let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer({ apiKey, embeddingDimension: 8 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('createOpenAIEmbedder', () => {
  it('embeds N texts in ONE request and returns vectors in input order', async () => {
    const embedder = createOpenAIEmbedder({ apiKey, baseURL: server.baseURL });
    const texts = ['Alice lives in Berlin', 'Bob likes tea', 'Carol has a cat', 'Dan works at Siemens'];
    const result = await embedder.embed({ texts, purpose: 'document' });

    expect(server.embeddingRequests()).toHaveLength(1);
    expect(server.embeddingRequests()[0]?.body).toMatchObject({ model: 'text-embedding-3-small', input: texts });
    // The server answers in reverse order; the embedder must sort by index.
    texts.forEach((text, index) => {
      const expected = deterministicEmbedding(text, 8);
      result.embeddings[index]?.forEach((value, position) => {
        expect(value).toBeCloseTo(expected[position] ?? Number.NaN, 5);
      });
    });
    expect(Array.isArray(result.embeddings[0])).toBe(true);
    expect(result.usage?.tokens).toBeGreaterThan(0);
    expect(embedder.name).toBe('openai:text-embedding-3-small');
    expect(embedder.dimension).toBe(1536);
  });

  it('sends dimensions when configured and reports it as the dimension', async () => {
    const embedder = createOpenAIEmbedder({ apiKey, baseURL: server.baseURL, dimensions: 4 });
    const result = await embedder.embed({ texts: ['one'], purpose: 'query' });
    expect(server.embeddingRequests()[0]?.body).toMatchObject({ dimensions: 4 });
    expect(result.embeddings[0]).toHaveLength(4);
    expect(embedder.dimension).toBe(4);
  });

  it('makes no request for an empty list', async () => {
    const embedder = createOpenAIEmbedder({ apiKey, baseURL: server.baseURL });
    expect(await embedder.embed({ texts: [], purpose: 'document' })).toEqual({ embeddings: [], usage: { tokens: 0 } });
    expect(server.requests).toHaveLength(0);
  });

  it('splits only above the input limits', async () => {
    const embedder = createOpenAIEmbedder({ apiKey, baseURL: server.baseURL, maxBatchSize: 3, maxBatchTokens: 1000 });
    const texts = Array.from({ length: 7 }, (_, index) => `fact number ${index}`);
    const result = await embedder.embed({ texts, purpose: 'document' });
    expect(server.embeddingRequests().map((entry) => (entry.body as { input: string[] }).input.length)).toEqual([
      3, 3, 1,
    ]);
    expect(result.embeddings).toHaveLength(7);
    expect(result.embeddings[6]?.[0]).toBeCloseTo(deterministicEmbedding('fact number 6', 8)[0] ?? Number.NaN, 5);

    server.reset();
    const byTokens = createOpenAIEmbedder({ apiKey, baseURL: server.baseURL, maxBatchTokens: 30 });
    await byTokens.embed({ texts: ['x'.repeat(80), 'y'.repeat(80), 'z'.repeat(20)], purpose: 'document' });
    expect(server.embeddingRequests()).toHaveLength(2);
  });

  it('retries a 500 and then fails with a ModelCallError when the server keeps failing', async () => {
    const embedder = createOpenAIEmbedder({ apiKey, baseURL: server.baseURL, maxRetries: 1 });
    server.enqueueEmbeddings(scriptedResponses.serverError());
    await embedder.embed({ texts: ['a'], purpose: 'query' });
    expect(server.embeddingRequests()).toHaveLength(2);

    server.reset();
    server.enqueueEmbeddings(scriptedResponses.serverError(), scriptedResponses.serverError());
    const error = await embedder.embed({ texts: ['a'], purpose: 'query' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelCallError);
    expect(error).toMatchObject({ status: 500, isRetryable: true });
  });

  it('reports a server that drops inputs instead of returning misaligned vectors', async () => {
    server.enqueueEmbeddings({
      body: { object: 'list', model: 'm', data: [{ object: 'embedding', index: 0, embedding: [1, 0] }], usage: {} },
    });
    const embedder = createOpenAIEmbedder({ apiKey, baseURL: server.baseURL });
    await expect(embedder.embed({ texts: ['a', 'b'], purpose: 'document' })).rejects.toThrow(
      /1 embeddings for 2 inputs/,
    );
  });

  it('needs a model name on presets without a default embedding model', () => {
    expect(() => createOpenAIEmbedder({ preset: 'vllm' })).toThrow(/pass model/);
  });
});
