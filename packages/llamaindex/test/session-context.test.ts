import { SimpleChatEngine } from '@llamaindex/core/chat-engine';
import { OpenAI } from '@llamaindex/openai';
import { Memory, ValidationError } from '@memzero/core';
import {
  chatCompletion,
  conversationContextFindings,
  conversationTurns,
  type OpenAIServer,
  startOpenAIServer,
} from '@memzero/test-tooling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mem0Memory } from '../src/index.js';

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(async () => {
  await server.close();
});

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
    for (const [message, session] of conversationTurns) await turn(message, session);

    const search = async (query: string) =>
      (await memory.search(query, { userId: 'alice' })).results.map((hit) => hit.memory);
    expect(await conversationContextFindings(search)).toEqual({ neighbourFound: true, otherConversationFound: false });
    // The session is no scope: eight memories of the user (four turns, four answers), with no run.
    const all = await memory.getAll({ userId: 'alice' });
    expect(all.results.map((record) => record.runId)).toEqual(Array(8).fill(undefined));
    await memory.close();
  });

  it('refuses a session key that is not a string of 1 to 256 characters', () => {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
    expect(() => new Mem0Memory({ memory, userId: 'alice', sessionId: '' })).toThrow(ValidationError);
    expect(() => new Mem0Memory({ memory, userId: 'alice', sessionId: 'x'.repeat(257) })).toThrow(ValidationError);
  });
});
