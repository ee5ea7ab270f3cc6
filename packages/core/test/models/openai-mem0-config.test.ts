import { chatCompletion, type OpenAIServer, startOpenAIServer } from '@memzero/test-tooling';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import {
  createOpenAIEmbedder,
  createOpenAILanguageModel,
  openAIOptionsFromMem0Config,
} from '../../src/models/openai/index.js';

let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer({ apiKey: 'mem0-key' });
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('openAIOptionsFromMem0Config', () => {
  it('reads a Mem0 Python-style config and the model works with it', async () => {
    const options = openAIOptionsFromMem0Config({
      api_key: 'mem0-key',
      model: 'gpt-4.1-nano',
      openai_base_url: server.baseURL,
      max_tokens: 321,
      temperature: 0.2,
      enable_vision: false,
    });
    expect(options).toEqual({
      preset: 'openai',
      apiKey: 'mem0-key',
      model: 'gpt-4.1-nano',
      baseURL: server.baseURL,
      maxOutputTokens: 321,
    });
    server.enqueueChat(chatCompletion('{}'));
    await createOpenAILanguageModel(options).generate({ system: 'JSON please', prompt: 'x' });
    expect(server.chatRequests()[0]?.body).toMatchObject({ model: 'gpt-4.1-nano', max_completion_tokens: 321 });
  });

  it('reads a Mem0 TS-style embedder config with embeddingDims', async () => {
    const options = openAIOptionsFromMem0Config({ apiKey: 'mem0-key', baseURL: server.baseURL, embeddingDims: 6 });
    const result = await createOpenAIEmbedder(options).embed({ texts: ['a b'], purpose: 'document' });
    expect(result.embeddings[0]).toHaveLength(6);
    expect(server.embeddingRequests()[0]?.body).toMatchObject({ dimensions: 6, model: 'text-embedding-3-small' });
  });

  it('reads Azure settings from azure_kwargs (Python) and modelProperties (TS)', () => {
    const python = openAIOptionsFromMem0Config(
      {
        model: 'gpt-4o',
        azure_kwargs: {
          api_key: 'k',
          azure_deployment: 'dep',
          azure_endpoint: 'https://r.openai.azure.com',
          api_version: '2024-10-21',
        },
      },
      'azure',
    );
    expect(python).toMatchObject({
      preset: 'azure',
      apiKey: 'k',
      deployment: 'dep',
      endpoint: 'https://r.openai.azure.com',
      apiVersion: '2024-10-21',
    });
    const ts = openAIOptionsFromMem0Config(
      {
        apiKey: 'k',
        modelProperties: { endpoint: 'https://r.openai.azure.com', deployment: 'dep', apiVersion: '2024-10-21' },
      },
      'azure',
    );
    expect(ts).toMatchObject({ deployment: 'dep', endpoint: 'https://r.openai.azure.com', apiVersion: '2024-10-21' });
  });

  it('adds /v1 to a bare Ollama URL, as Mem0 configs give the native one', () => {
    expect(openAIOptionsFromMem0Config({ ollama_base_url: 'http://gpu-box:11434' }, 'ollama').baseURL).toBe(
      'http://gpu-box:11434/v1',
    );
    expect(openAIOptionsFromMem0Config({ url: 'http://gpu-box:11434/v1' }, 'ollama').baseURL).toBe(
      'http://gpu-box:11434/v1',
    );
  });

  it('rejects a known option with the wrong type, naming it', () => {
    expect(() => openAIOptionsFromMem0Config({ embedding_dims: '1536' })).toThrow(ConfigurationError);
    expect(() => openAIOptionsFromMem0Config({ embedding_dims: '1536' })).toThrow(
      /config\.embedding_dims must be a number/,
    );
  });
});
