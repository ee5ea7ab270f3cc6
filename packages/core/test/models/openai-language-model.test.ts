import {
  apiError,
  chatCompletion,
  type OpenAIServer,
  scriptedResponses,
  startOpenAIServer,
} from '@memzero/test-tooling';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryError, ModelCallError } from '../../src/errors.js';
import { createOpenAILanguageModel } from '../../src/models/openai/index.js';

const apiKey = 'sk-test-SECRET-1234567890';
let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer({ apiKey });
});
afterEach(() => server.reset());
afterAll(() => server.close());

function model(options: Parameters<typeof createOpenAILanguageModel>[0] = {}) {
  return createOpenAILanguageModel({ apiKey, baseURL: server.baseURL, model: 'gpt-4.1-mini', ...options });
}

const request = { system: 'Extract facts as JSON.', prompt: 'user: my name is Ada' };

describe('createOpenAILanguageModel', () => {
  it('sends system and user messages, json_object mode, temperature 0, and returns text and usage', async () => {
    server.enqueueChat(chatCompletion('{"ok":true}', { usage: { promptTokens: 42, completionTokens: 5 } }));
    const result = await model().generate(request);

    expect(result).toEqual({
      text: '{"ok":true}',
      finishReason: 'stop',
      usage: { promptTokens: 42, completionTokens: 5 },
    });
    const [sent] = server.chatRequests();
    expect(sent?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(sent?.body).toMatchObject({
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'system', content: request.system },
        { role: 'user', content: request.prompt },
      ],
      temperature: 0,
      response_format: { type: 'json_object' },
    });
  });

  it('uses json_schema when the request has a schema, and sends the output cap under the preset parameter', async () => {
    server.enqueueChat(chatCompletion('{}'), chatCompletion('{}'));
    const jsonSchema = { type: 'object', properties: { a: { type: 'string' } } };
    await model().generate({ ...request, jsonSchema, maxOutputTokens: 300 });
    await model({ preset: 'groq' }).generate({ ...request, jsonSchema, maxOutputTokens: 300 });

    const [openai, groq] = server.chatRequests();
    expect(openai?.body).toMatchObject({
      max_completion_tokens: 300,
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: jsonSchema, strict: false } },
    });
    // Groq's preset asks for json_object (json_schema is limited to some models) and uses max_tokens.
    expect(groq?.body).toMatchObject({ max_tokens: 300, response_format: { type: 'json_object' } });
    expect(groq?.body).not.toHaveProperty('max_completion_tokens');
  });

  it("sends no response_format with jsonMode 'off' and no temperature for reasoning models", async () => {
    server.enqueueChat(chatCompletion('{}'));
    await model({ jsonMode: 'off', model: 'o4-mini', reasoningEffort: 'low' }).generate(request);
    const body = server.chatRequests()[0]?.body as Record<string, unknown>;
    expect(body).not.toHaveProperty('response_format');
    expect(body).not.toHaveProperty('temperature');
    expect(body.reasoning_effort).toBe('low');
  });

  it('falls back to plain requests once a server rejects response_format, and stays there', async () => {
    server.enqueueChat(
      apiError(400, { message: "'response_format.type' must be 'json_schema'", type: 'invalid_request_error' }),
      chatCompletion('{"a":1}'),
      chatCompletion('{"a":2}'),
    );
    const compatible = model({ maxRetries: 0 });
    expect((await compatible.generate(request)).text).toBe('{"a":1}');
    expect((await compatible.generate(request)).text).toBe('{"a":2}');
    const formats = server.chatRequests().map((entry) => (entry.body as Record<string, unknown>).response_format);
    expect(formats).toEqual([{ type: 'json_object' }, undefined, undefined]);
  });

  it('does not repeat other 400s', async () => {
    server.enqueueChat(apiError(400, { message: 'context_length_exceeded', code: 'context_length_exceeded' }));
    const error = await model({ maxRetries: 0 })
      .generate(request)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, isRetryable: false });
    expect((error as Error).message).toContain('context_length_exceeded');
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('adds a JSON mention for json_object when the prompt has none (OpenAI rejects it otherwise)', async () => {
    server.enqueueChat(chatCompletion('{}'));
    await model().generate({ system: 'Extract facts.', prompt: 'user: hi' });
    const body = server.chatRequests()[0]?.body as { messages: Array<{ content: string }> };
    expect(body.messages[0]?.content).toMatch(/json/i);
  });

  it('returns reasoning_content and reasoning as reasoning, never as the text', async () => {
    server.enqueueChat(
      chatCompletion('{"a":1}', { reasoningContent: 'thinking {"a":2}' }),
      chatCompletion('{"a":1}', { reasoning: 'groq style' }),
    );
    const first = await model().generate(request);
    const second = await model().generate(request);
    expect(first.text).toBe('{"a":1}');
    expect(first.reasoning).toBe('thinking {"a":2}');
    expect(second.reasoning).toBe('groq style');
  });

  it("maps finish_reason length to finishReason 'length' and other reasons to 'other'", async () => {
    server.enqueueChat(
      chatCompletion('{"memories":[', { finishReason: 'length' }),
      chatCompletion(null, { finishReason: 'content_filter' }),
    );
    expect((await model().generate(request)).finishReason).toBe('length');
    const filtered = await model().generate(request);
    expect(filtered).toMatchObject({ text: '', finishReason: 'other' });
  });

  it('retries 429 and 500 with the SDK backoff, then succeeds', async () => {
    server.enqueueChat(scriptedResponses.rateLimited(), scriptedResponses.serverError(), chatCompletion('{"ok":1}'));
    const result = await model({ maxRetries: 2 }).generate(request);
    expect(result.text).toBe('{"ok":1}');
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('gives up after maxRetries with a retryable ModelCallError carrying the status', async () => {
    server.enqueueChat(...Array.from({ length: 4 }, () => scriptedResponses.rateLimited()));
    const error = await model({ maxRetries: 1 })
      .generate(request)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelCallError);
    expect(error).toMatchObject({
      code: 'model_call',
      status: 429,
      isRetryable: true,
      provider: 'openai:gpt-4.1-mini',
    });
    expect(server.chatRequests()).toHaveLength(2);
    expect(server.pendingChat()).toBe(2);
  });

  it('does not retry with maxRetries 0, and reports 500 as retryable', async () => {
    server.enqueueChat(scriptedResponses.serverError(), chatCompletion('{}'));
    const error = await model({ maxRetries: 0 })
      .generate(request)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 500, isRetryable: true });
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('reports a wrong key as a non-retryable ModelCallError without the key, prompt or response body', async () => {
    const wrongKey = 'sk-wrong-KEY-abcdef123456';
    const error = await model({ apiKey: wrongKey })
      .generate(request)
      .catch((caught: unknown) => caught);
    expect(MemoryError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ name: 'ModelCallError', status: 401, isRetryable: false });
    const message = (error as Error).message;
    expect(message).toContain('OPENAI_API_KEY');
    expect(message).toContain('invalid_api_key');
    // The server echoes the key and the prompt in its body: none of it may reach the message.
    expect(message).not.toContain(wrongKey);
    expect(message).not.toContain('sk-wrong');
    expect(message).not.toContain('my name is Ada');
    expect(message).not.toContain('Incorrect API key');
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('reports a dead server as a retryable connection error naming the origin', async () => {
    const dead = await startOpenAIServer();
    const baseURL = dead.baseURL;
    await dead.close();
    const error = await createOpenAILanguageModel({ apiKey, baseURL, model: 'm', maxRetries: 0 })
      .generate(request)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelCallError);
    expect(error).toMatchObject({ isRetryable: true });
    expect((error as Error).message).toContain(new URL(baseURL).origin);
  });

  it('rethrows the caller abort reason instead of wrapping it', async () => {
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    server.enqueueChat(chatCompletion('{}'));
    await expect(model().generate({ ...request, signal: controller.signal })).rejects.toThrow('caller gave up');
  });

  it('sends custom headers and organization', async () => {
    server.enqueueChat(chatCompletion('{}'));
    await model({ headers: { 'x-team': 'memory' }, organization: 'org-123' }).generate(request);
    const headers = server.chatRequests()[0]?.headers;
    expect(headers?.['x-team']).toBe('memory');
    expect(headers?.['openai-organization']).toBe('org-123');
  });
});
