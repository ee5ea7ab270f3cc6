import { chatCompletion, type OpenAIServer, startOpenAIServer } from '@memzero/test-tooling';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import {
  createOpenAIClient,
  createOpenAIEmbedder,
  createOpenAILanguageModel,
  openAIPresets,
} from '../../src/models/openai/index.js';

let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer({ apiKey: 'preset-key' });
});
afterEach(() => {
  server.reset();
  vi.unstubAllEnvs();
});
afterAll(() => server.close());

const request = { system: 'Answer in JSON.', prompt: 'hi' };

describe('OpenAI presets', () => {
  it.each([
    ['groq', 'https://api.groq.com/openai/v1'],
    ['together', 'https://api.together.xyz/v1'],
    ['deepseek', 'https://api.deepseek.com/v1'],
    ['xai', 'https://api.x.ai/v1'],
    ['ollama', 'http://localhost:11434/v1'],
    ['lmstudio', 'http://localhost:1234/v1'],
    ['vllm', 'http://localhost:8000/v1'],
    ['litellm', 'http://localhost:4000/v1'],
  ] as const)('%s resolves to %s', (preset, baseURL) => {
    const { client } = createOpenAIClient({ preset, apiKey: 'k' });
    expect(client.baseURL).toBe(baseURL);
  });

  it('openai uses the SDK default base URL', () => {
    vi.stubEnv('OPENAI_BASE_URL', '');
    expect(createOpenAIClient({ apiKey: 'k' }).client.baseURL).toBe('https://api.openai.com/v1');
  });

  it('reads the key from the preset variable and sends it', async () => {
    vi.stubEnv('GROQ_API_KEY', 'preset-key');
    vi.stubEnv('OPENAI_API_KEY', 'not-this-one');
    server.enqueueChat(chatCompletion('{}'));
    const model = createOpenAILanguageModel({ preset: 'groq', baseURL: server.baseURL });
    expect(model.name).toBe('groq:llama-3.3-70b-versatile');
    await model.generate(request);
    expect(server.chatRequests()[0]?.headers.authorization).toBe('Bearer preset-key');
  });

  it('throws a ConfigurationError naming the variable when a hosted preset has no key', () => {
    vi.stubEnv('DEEPSEEK_API_KEY', '');
    expect(() => createOpenAILanguageModel({ preset: 'deepseek' })).toThrow(ConfigurationError);
    expect(() => createOpenAILanguageModel({ preset: 'deepseek' })).toThrow(/DEEPSEEK_API_KEY/);
  });

  it('local presets work without a key', async () => {
    vi.stubEnv('OLLAMA_API_KEY', '');
    const local = await startOpenAIServer();
    try {
      local.enqueueChat(chatCompletion('{}'));
      const model = createOpenAILanguageModel({ preset: 'ollama', baseURL: local.baseURL });
      await model.generate(request);
      expect(local.chatRequests()[0]?.body).toMatchObject({ model: 'llama3.1' });
      expect(local.chatRequests()[0]?.headers.authorization).toBe('Bearer ollama-no-key');
      expect(createOpenAIEmbedder({ preset: 'ollama' }).name).toBe('ollama:nomic-embed-text');
    } finally {
      await local.close();
    }
  });

  it('lmstudio sends json_schema when there is a schema and plain text otherwise (it rejects json_object)', async () => {
    server.enqueueChat(chatCompletion('{}'), chatCompletion('{}'));
    const model = createOpenAILanguageModel({
      preset: 'lmstudio',
      apiKey: 'preset-key',
      baseURL: server.baseURL,
      model: 'qwen',
    });
    await model.generate({ ...request, jsonSchema: { type: 'object' } });
    await model.generate(request);
    const [withSchema, without] = server.chatRequests();
    expect(withSchema?.body).toMatchObject({ response_format: { type: 'json_schema' } });
    expect(without?.body).not.toHaveProperty('response_format');
  });

  it('azure routes through the deployment with api-version and the api-key header', async () => {
    server.enqueueChat(chatCompletion('{"ok":true}'));
    const model = createOpenAILanguageModel({
      preset: 'azure',
      apiKey: 'preset-key',
      endpoint: server.origin,
      deployment: 'memory-gpt',
      apiVersion: '2024-10-21',
    });
    expect(model.name).toBe('azure:memory-gpt');
    expect((await model.generate(request)).text).toBe('{"ok":true}');
    const [sent] = server.chatRequests();
    expect(sent?.path).toBe('/openai/deployments/memory-gpt/chat/completions');
    expect(sent?.query['api-version']).toBe('2024-10-21');
    expect(sent?.headers['api-key']).toBe('preset-key');

    const embedder = createOpenAIEmbedder({
      preset: 'azure',
      apiKey: 'preset-key',
      endpoint: server.origin,
      deployment: 'memory-embed',
      apiVersion: '2024-10-21',
    });
    await embedder.embed({ texts: ['a', 'b'], purpose: 'document' });
    expect(server.embeddingRequests()[0]?.path).toBe('/openai/deployments/memory-embed/embeddings');
  });

  it('azure without endpoint or apiVersion is a ConfigurationError', () => {
    vi.stubEnv('AZURE_OPENAI_ENDPOINT', '');
    vi.stubEnv('OPENAI_API_VERSION', '');
    expect(() => createOpenAILanguageModel({ preset: 'azure', apiKey: 'k', deployment: 'd' })).toThrow(/endpoint/);
    expect(() =>
      createOpenAILanguageModel({
        preset: 'azure',
        apiKey: 'k',
        deployment: 'd',
        endpoint: 'https://x.openai.azure.com',
      }),
    ).toThrow(/apiVersion/);
  });

  it('uses a ready client as given, with no key check', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    server.enqueueChat(chatCompletion('{"ok":1}'));
    const client = new OpenAI({ apiKey: 'preset-key', baseURL: server.baseURL, defaultHeaders: { 'x-proxy': 'yes' } });
    const model = createOpenAILanguageModel({ client, model: 'custom' });
    expect((await model.generate(request)).text).toBe('{"ok":1}');
    expect(server.chatRequests()[0]?.headers['x-proxy']).toBe('yes');
  });

  it('rejects an unknown preset and requires a model where the server decides', () => {
    expect(() => createOpenAIClient({ preset: 'nope' as 'groq', apiKey: 'k' })).toThrow(/unknown OpenAI preset/);
    expect(() => createOpenAILanguageModel({ preset: 'vllm' })).toThrow(/pass model/);
    expect(Object.keys(openAIPresets)).toHaveLength(10);
  });
});
