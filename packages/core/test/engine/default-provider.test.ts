import { scriptedResponses, startOpenAIServer } from '@memzero/test-tooling';
import { afterAll, describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';

const server = await startOpenAIServer({ apiKey: 'sk-test-default' });
afterAll(() => server.close());

describe('the default configuration with OPENAI_API_KEY set', () => {
  it('uses OpenAI for extraction and embeddings, with no other config', async () => {
    const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };
    process.env.OPENAI_API_KEY = 'sk-test-default';
    process.env.OPENAI_BASE_URL = server.baseURL;
    try {
      const memory = new Memory();
      const description = await memory.describe();
      expect(description).toMatchObject({ offline: false, embedder: 'openai:text-embedding-3-small' });
      expect(description.extractor).toContain('gpt-4.1-mini');
      expect(description.modelChoice).toMatch(/^llm and embedder: OpenAI, because OPENAI_API_KEY is set/);
      server.enqueueChat(scriptedResponses.valid({ memories: [{ op: 'ADD', text: 'Lives in Lisbon' }] }));
      const result = await memory.add('I live in Lisbon', { userId: 'alice' });
      expect(result.results).toMatchObject([{ event: 'ADD', memory: 'Lives in Lisbon' }]);
      expect(result.usage).toMatchObject({ llmCalls: 1, embeddingCalls: 2 });
      expect(server.chatRequests()).toHaveLength(1);
      expect(server.embeddingRequests()).toHaveLength(2);
      const prompt = JSON.stringify(server.chatRequests()[0]!.body);
      expect(prompt).toContain('I live in Lisbon');
    } finally {
      if (saved.key === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved.key;
      if (saved.url === undefined) delete process.env.OPENAI_BASE_URL;
      else process.env.OPENAI_BASE_URL = saved.url;
    }
  });
});
