import { chatCompletion, type OpenAIServer, scriptedResponses, startOpenAIServer } from '@memzero/test-tooling';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ModelCallError, ModelOutputError } from '../../src/errors.js';
import { generateJson } from '../../src/models/generate-json.js';
import { createOpenAILanguageModel } from '../../src/models/openai/index.js';
import type { LanguageModel } from '../../src/spec/models.js';
import { MockLanguageModel } from '../../src/testing/mock-language-model.js';

const schema = z.object({ facts: z.array(z.object({ text: z.string(), score: z.number() })) });
const value = { facts: [{ text: 'Ada writes code', score: 1 }] };
const request = { system: 'Return facts as JSON.', prompt: 'user: I am Ada and I write code.' };

let server: OpenAIServer;
let model: LanguageModel;

beforeAll(async () => {
  server = await startOpenAIServer({ apiKey: 'k' });
  model = createOpenAILanguageModel({ apiKey: 'k', baseURL: server.baseURL, model: 'gpt-4.1-mini', maxRetries: 0 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('generateJson through the openai SDK', () => {
  it('returns a valid answer in one call, not repaired, with its usage', async () => {
    server.enqueueChat(scriptedResponses.valid(value, { usage: { promptTokens: 50, completionTokens: 10 } }));
    const result = await generateJson(model, request, schema);
    expect(result).toEqual({
      value,
      usage: { llmCalls: 1, promptTokens: 50, completionTokens: 10 },
      repaired: false,
      attempts: 1,
    });
  });

  it('reads fenced JSON surrounded by prose, flagged as repaired', async () => {
    server.enqueueChat(scriptedResponses.fenced(value));
    const result = await generateJson(model, request, schema);
    expect(result.value).toEqual(value);
    expect(result.repaired).toBe(true);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('keeps reasoning_content out of the answer and returns it separately', async () => {
    server.enqueueChat(scriptedResponses.reasoning(value, 'Maybe {"facts": "none"}'));
    const result = await generateJson(model, request, schema);
    expect(result.value).toEqual(value);
    expect(result.reasoning).toBe('Maybe {"facts": "none"}');
    expect(result.repaired).toBe(false);
  });

  it('skips inline <think> blocks even when they contain JSON', async () => {
    server.enqueueChat(scriptedResponses.thinkTags(value, 'Draft: {"facts": [{"text": 1}]}'));
    const result = await generateJson(model, request, schema);
    expect(result.value).toEqual(value);
  });

  it('retries a malformed answer once with a corrective note, summing usage', async () => {
    server.enqueueChat(
      chatCompletion('I found: Ada writes code.', { usage: { promptTokens: 30, completionTokens: 8 } }),
      scriptedResponses.valid(value, { usage: { promptTokens: 40, completionTokens: 12 } }),
    );
    const result = await generateJson(model, request, schema);
    expect(result).toMatchObject({ value, attempts: 2, repaired: true });
    expect(result.usage).toEqual({ llmCalls: 2, promptTokens: 70, completionTokens: 20 });
    const [first, second] = server
      .chatRequests()
      .map((entry) => entry.body as { messages: Array<{ content: string }> });
    expect(first?.messages[1]?.content).toBe(request.prompt);
    expect(second?.messages[0]?.content).toBe(request.system);
    expect(second?.messages[1]?.content).toMatch(
      /^user: I am Ada and I write code\.\n\nYour previous answer contained no JSON/,
    );
  });

  it('retries a schema mismatch naming the failing path', async () => {
    server.enqueueChat(
      scriptedResponses.valid({ facts: [{ text: 'x', score: 'high' }] }),
      scriptedResponses.valid(value),
    );
    const result = await generateJson(model, request, schema);
    expect(result.value).toEqual(value);
    const second = server.chatRequests()[1]?.body as { messages: Array<{ content: string }> };
    expect(second.messages[1]?.content).toContain('facts.0.score');
  });

  it('throws ModelOutputError after two malformed answers, without the answer text', async () => {
    server.enqueueChat(
      scriptedResponses.malformed('secret memory text'),
      scriptedResponses.malformed('secret memory text'),
    );
    const error = await generateJson(model, request, schema).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelOutputError);
    expect(error).toMatchObject({ code: 'model_output', provider: 'openai:gpt-4.1-mini' });
    expect((error as Error).message).toMatch(/no JSON/);
    expect((error as Error).message).not.toContain('secret memory text');
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('names schema paths and codes in the error, never keys or values the model wrote', async () => {
    const strict = z.strictObject({ facts: z.array(z.string()) });
    const answer = { facts: ['ok'], "Alice's diagnosis": 'private' };
    server.enqueueChat(scriptedResponses.valid(answer), scriptedResponses.valid(answer));
    const error = await generateJson(model, request, strict).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelOutputError);
    expect((error as Error).message).toContain('(root) unrecognized_keys');
    expect((error as Error).message).not.toMatch(/diagnosis|private/);
    // The model itself is told which key was wrong.
    const retry = server.chatRequests()[1]?.body as { messages: Array<{ content: string }> };
    expect(retry.messages[1]?.content).toContain("Alice's diagnosis");
  });

  it('throws ModelOutputError on invalid JSON twice', async () => {
    server.enqueueChat(chatCompletion('{"facts": [oops]}'), chatCompletion('{"facts": [oops]}'));
    await expect(generateJson(model, request, schema)).rejects.toThrow(/not valid JSON/);
  });

  it('repairs an answer cut off inside the array by dropping the incomplete element', async () => {
    const long = {
      facts: [value.facts[0], { text: 'Ada lives in London', score: 2 }, { text: 'Ada has a dog', score: 3 }],
    };
    const full = JSON.stringify(long);
    server.enqueueChat(scriptedResponses.truncated(long, full.indexOf('Ada has')));
    const result = await generateJson(model, { ...request, maxOutputTokens: 50 }, schema);
    expect(result.value.facts.map((fact) => fact.text)).toEqual(['Ada writes code', 'Ada lives in London']);
    expect(result.repaired).toBe(true);
    expect(result.attempts).toBe(1);
  });

  it('retries a cut-off answer with nothing complete, doubling the output cap, then fails clearly', async () => {
    server.enqueueChat(scriptedResponses.truncated(value, 12), scriptedResponses.truncated(value, 12));
    const error = await generateJson(model, { ...request, maxOutputTokens: 40 }, schema).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ModelOutputError);
    expect((error as Error).message).toMatch(/cut off by the output token limit/);
    const caps = server
      .chatRequests()
      .map((entry) => (entry.body as { max_completion_tokens: number }).max_completion_tokens);
    expect(caps).toEqual([40, 80]);
  });

  it('passes transport errors through without a second call', async () => {
    server.enqueueChat(scriptedResponses.unauthorized(), scriptedResponses.valid(value));
    await expect(generateJson(model, request, schema)).rejects.toBeInstanceOf(ModelCallError);
    expect(server.chatRequests()).toHaveLength(1);
  });
});

describe('generateJson answer extraction', () => {
  const cases: Array<[string, string]> = [
    ['bare JSON', JSON.stringify(value)],
    ['leading prose', `Sure, here you go: ${JSON.stringify(value)}`],
    ['trailing text', `${JSON.stringify(value)}\n\nI hope this helps {really}.`],
    ['unlabelled fence', `\`\`\`\n${JSON.stringify(value)}\n\`\`\``],
    ['stray braces before the JSON', `Facts {as requested}: ${JSON.stringify(value)}`],
    ['think block then fence', `<think>maybe {"facts": 1}</think>\n\`\`\`json\n${JSON.stringify(value)}\n\`\`\``],
    ['strings with braces and escapes', JSON.stringify({ facts: [{ text: 'a "}" b \\ {', score: 0 }] })],
  ];
  it.each(cases)('reads %s', async (_label, text) => {
    const mock = new MockLanguageModel({ responses: [text] });
    const result = await generateJson(mock, request, schema);
    expect(schema.safeParse(result.value).success).toBe(true);
    expect(mock.calls).toHaveLength(1);
  });

  it('treats an empty answer as a failure and reports it', async () => {
    const mock = new MockLanguageModel({ responses: ['', '   '] });
    await expect(generateJson(mock, request, schema)).rejects.toThrow(/empty answer/);
  });

  it('wraps a foreign error from a bridge in ModelCallError without its message', async () => {
    const mock = new MockLanguageModel({ responses: [new TypeError('contains user text')] });
    const error = await generateJson(mock, request, schema).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as Error).message).not.toContain('user text');
    expect((error as Error).cause).toMatchObject({ name: 'TypeError' });
    expect(String((error as Error).cause)).not.toContain('user text');
  });
});
