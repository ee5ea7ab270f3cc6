import { describe, expect, it } from 'vitest';
import { ModelCallError } from '../../src/errors.js';
import { MockEmbedder } from '../../src/testing/mock-embedder.js';
import { MockLanguageModel } from '../../src/testing/mock-language-model.js';

const request = { system: 'sys', prompt: 'a prompt of some length' };

describe('MockLanguageModel', () => {
  it('answers from the script in order, records calls and estimates usage', async () => {
    const model = new MockLanguageModel({
      responses: [
        '{"a":1}',
        { text: '{"b":2}', reasoning: 'r', finishReason: 'length', usage: { promptTokens: 1, completionTokens: 2 } },
      ],
    });
    const first = await model.generate(request);
    const second = await model.generate({ ...request, prompt: 'other' });
    expect(first).toEqual({ text: '{"a":1}', finishReason: 'stop', usage: { promptTokens: 7, completionTokens: 2 } });
    expect(second).toEqual({
      text: '{"b":2}',
      reasoning: 'r',
      finishReason: 'length',
      usage: { promptTokens: 1, completionTokens: 2 },
    });
    expect(model.calls.map((call) => call.prompt)).toEqual(['a prompt of some length', 'other']);
  });

  it('fails loudly when the script runs out, and throws scripted errors', async () => {
    const scripted = new ModelCallError('mock', 'boom', { status: 429, isRetryable: true });
    const model = new MockLanguageModel({ responses: [scripted] });
    await expect(model.generate(request)).rejects.toBe(scripted);
    await expect(model.generate(request)).rejects.toThrow(/no scripted response for call 2/);
  });

  it('computes answers with a function', async () => {
    const model = new MockLanguageModel({ name: 'mock:echo', responses: (call, index) => `${index}:${call.prompt}` });
    expect((await model.generate(request)).text).toBe('0:a prompt of some length');
    expect((await model.generate({ ...request, prompt: 'x' })).text).toBe('1:x');
    expect(model.name).toBe('mock:echo');
  });
});

describe('MockEmbedder', () => {
  it('returns deterministic unit vectors, similar for shared words, and records calls', async () => {
    const embedder = new MockEmbedder({ dimension: 32 });
    const { embeddings } = await embedder.embed({
      texts: ['Alice lives in Berlin', 'Alice lives in Berlin', 'Alice lives in Paris', 'quantum chromodynamics'],
      purpose: 'document',
    });
    const [a, b, c, d] = embeddings as [number[], number[], number[], number[]];
    const dot = (x: number[], y: number[]) => x.reduce((sum, value, index) => sum + value * (y[index] ?? 0), 0);
    expect(a).toHaveLength(32);
    expect(a).toEqual(b);
    expect(dot(a, a)).toBeCloseTo(1, 6);
    expect(dot(a, c)).toBeGreaterThan(dot(a, d));
    await embedder.embed({ texts: ['q'], purpose: 'query' });
    expect(embedder.calls.map((call) => call.purpose)).toEqual(['document', 'query']);
    expect(embedder.textCount).toBe(5);
  });

  it('uses a custom embedding function', async () => {
    const embedder = new MockEmbedder({
      dimension: 2,
      embed: (text, purpose) => [text.length, purpose === 'query' ? 1 : 0],
    });
    expect((await embedder.embed({ texts: ['abc'], purpose: 'query' })).embeddings).toEqual([[3, 1]]);
  });
});
