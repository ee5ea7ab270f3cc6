import { SimpleChatEngine } from '@llamaindex/core/chat-engine';
import { OpenAI } from '@llamaindex/openai';
import { Memory, ValidationError } from '@memzero/core';
import { chatCompletion, type OpenAIServer, startOpenAIServer } from '@memzero/test-tooling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mem0Memory } from '../src/index.js';

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(async () => {
  await server.close();
});

async function found(memory: Memory, query: string): Promise<string[]> {
  return (await memory.search(query, { userId: 'alice' })).results.map((hit) => hit.memory);
}

describe('Mem0Memory: the session key is the conversation', () => {
  it('turns of one session, stored by separate memories one request at a time, share context; others do not', async () => {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
    server.enqueueChat(
      chatCompletion('Noted.'),
      chatCompletion('Nice choice.'),
      chatCompletion('Okay.'),
      chatCompletion('Sure.'),
    );
    const llm = new OpenAI({ model: 'gpt-4.1-mini', apiKey: 'test-key', baseURL: server.baseURL, maxRetries: 0 });
    // A server builds a new memory per request; the session key ties the requests of one chat together.
    const turn = async (message: string, sessionId: string) => {
      const chatMemory = new Mem0Memory({ memory, userId: 'alice', infer: false, retrieve: false, sessionId });
      await new SimpleChatEngine({ llm, memory: chatMemory }).chat({ message });
      await chatMemory.flush();
    };
    await turn('Which city should I visit in spring?', 'session-1');
    await turn('Probably Lisbon', 'session-1');
    await turn('Which town should we see in autumn?', 'session-2');
    await turn('Maybe Porto', 'session-3');

    // "spring" only appears in the turn before "Probably Lisbon", stored by the session's earlier request.
    expect(await found(memory, 'spring')).toContain('Probably Lisbon');
    expect(await found(memory, 'autumn')).not.toContain('Maybe Porto');
    const all = await memory.getAll({ userId: 'alice' });
    expect(all.results).toHaveLength(8);
    expect(all.results.every((record) => record.runId === undefined)).toBe(true);
    await memory.close();
  });

  it('refuses a session key that is not a string of 1 to 256 characters', () => {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
    expect(() => new Mem0Memory({ memory, userId: 'alice', sessionId: '' })).toThrow(ValidationError);
    expect(() => new Mem0Memory({ memory, userId: 'alice', sessionId: 'x'.repeat(257) })).toThrow(ValidationError);
  });
});
