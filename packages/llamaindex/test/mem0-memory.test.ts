import { ContextChatEngine, SimpleChatEngine } from '@llamaindex/core/chat-engine';
import type { ChatMessage } from '@llamaindex/core/llms';
import { MockLLM } from '@llamaindex/core/llms/mock';
import { BaseRetriever } from '@llamaindex/core/retriever';
import { type NodeWithScore, TextNode } from '@llamaindex/core/schema';
import { tool } from '@llamaindex/core/tools';
import { OpenAI } from '@llamaindex/openai';
import { agent } from '@llamaindex/workflow';
import { ConfigurationError, Memory, MissingScopeError, memoryBlockStart, StoreError } from '@memzero/core';
import { chatCompletion, chatCompletionStream, type OpenAIServer, startOpenAIServer } from '@memzero/test-tooling';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { Mem0Memory } from '../src/index.js';

let memory: Memory;
let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
  server.reset();
});
afterEach(async () => {
  await memory.close();
});

function openai(): OpenAI {
  return new OpenAI({ model: 'gpt-4.1-mini', apiKey: 'test-key', baseURL: server.baseURL, maxRetries: 0 });
}

type SentMessage = { role: string; content: unknown };
function sentMessages(index = -1): SentMessage[] {
  const request = server.chatRequests().at(index);
  if (request === undefined) throw new Error('the model was not called');
  return (request.body as { messages: SentMessage[] }).messages;
}

describe('Mem0Memory', () => {
  it('stores every turn of a short chat and sends memories to OpenAI as a system message', async () => {
    server.enqueueChat(chatCompletion('Noted!'), chatCompletion('Berlin has great jazz bars.'));
    const first = new Mem0Memory({ memory, userId: 'alice' });
    await new SimpleChatEngine({ llm: openai(), memory: first }).chat({ message: 'I live in Berlin and I love jazz.' });
    await first.flush(); // storage runs in the background
    const stored = (await memory.getAll({ userId: 'alice' })).results.map((record) => record.memory);
    expect(stored.join('\n')).toMatch(/Berlin/);
    expect(stored.join('\n')).toMatch(/jazz/);

    // A new conversation: only long-term memory can bring Berlin back.
    const second = new Mem0Memory({ memory, userId: 'alice' });
    await new SimpleChatEngine({ llm: openai(), memory: second }).chat({ message: 'Any jazz tips for Berlin?' });
    const sent = sentMessages();
    expect(sent[0]?.role).toBe('system');
    expect(String(sent[0]?.content)).toContain(memoryBlockStart);
    expect(String(sent[0]?.content)).toMatch(/Lives in Berlin/);
    expect(sent.filter((message) => message.role === 'user').map((message) => message.content)).toEqual([
      'Any jazz tips for Berlin?',
    ]);
  });

  it('works as the chat history of a ContextChatEngine: documents and memories both reach the model', async () => {
    await memory.add('I live in Berlin and I love jazz.', { userId: 'gus' });
    class ReportRetriever extends BaseRetriever {
      // biome-ignore lint/complexity/noUselessConstructor: BaseRetriever's constructor is protected
      constructor() {
        super();
      }
      async _retrieve(): Promise<NodeWithScore[]> {
        return [{ node: new TextNode({ text: 'The city report: Berlin jazz clubs open late.' }), score: 1 }];
      }
    }
    server.enqueueChat(chatCompletion('Try a late jazz club.'));
    const chatMemory = new Mem0Memory({ memory, userId: 'gus', infer: false });
    const engine = new ContextChatEngine({
      retriever: new ReportRetriever(),
      chatModel: openai(),
      chatHistory: chatMemory,
    });
    await engine.chat({ message: 'Any jazz clubs near where I live?' });
    const sent = JSON.stringify(sentMessages());
    expect(sent).toContain('Berlin jazz clubs open late');
    expect(sent).toContain('Lives in Berlin');
    expect(
      sentMessages().every((message) => message.role !== 'user' || !String(message.content).includes('memzero')),
    ).toBe(true);
    await chatMemory.flush();
    const stored = (await memory.getAll({ userId: 'gus' })).results.map((record) => record.memory);
    expect(stored).toContain('Any jazz clubs near where I live?');
    expect(stored).toContain('Try a late jazz club.');
  });

  it('does not delay the answer: a slow write finishes after chat() returns, flush() waits for it', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = new Mem0Memory({
      memory: {
        search: (query, options) => memory.search(query, options),
        add: async (messages, options) => {
          await gate;
          return memory.add(messages, options);
        },
      },
      userId: 'bob',
    });
    const llm = new MockLLM({ timeBetweenToken: 0, responseMessage: 'Okay.' });
    const answer = await new SimpleChatEngine({ llm, memory: slow }).chat({ message: 'I live in Oslo' });
    expect(answer.message.content).toBe('Okay.');
    expect(slow.pending()).toBe(1);
    release();
    await slow.flush();
    expect((await memory.getAll({ userId: 'bob' })).results.map((record) => record.memory)).toContain('Lives in Oslo');
  });

  it('reports failures to onError and keeps the answer; awaitStorage rethrows them', async () => {
    const failing = {
      search: () => Promise.reject(new StoreError('in-memory', 'query', 'store unavailable')),
      add: () => Promise.reject(new StoreError('in-memory', 'upsert', 'store unavailable')),
    };
    const onError = vi.fn();
    const llm = new MockLLM({ timeBetweenToken: 0, responseMessage: 'Okay.' });
    const background = new Mem0Memory({ memory: failing, userId: 'carol', onError });
    const answer = await new SimpleChatEngine({ llm, memory: background }).chat({ message: 'I live in Rome' });
    expect(answer.message.content).toBe('Okay.');
    await background.flush();
    expect(onError.mock.calls.map(([error, context]) => [StoreError.isInstance(error), context.operation])).toEqual([
      [true, 'retrieve'],
      [true, 'store'],
    ]);

    const synchronous = new Mem0Memory({ memory: failing, userId: 'carol', awaitStorage: true, logger: false });
    await expect(
      new SimpleChatEngine({ llm, memory: synchronous }).chat({ message: 'I live in Rome' }),
    ).rejects.toBeInstanceOf(StoreError);
  });

  it('stores the user message and final answer of an @llamaindex/workflow agent turn, not tool traffic', async () => {
    server.enqueueChat(
      chatCompletionStream('', { toolCalls: [{ id: 'call_1', name: 'weather', arguments: { city: 'Lisbon' } }] }),
      chatCompletionStream('It is sunny in Lisbon.'),
    );
    const chatMemory = new Mem0Memory({ memory, userId: 'dave', infer: false });
    const weather = tool({
      name: 'weather',
      description: 'The weather in a city',
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => `sunny in ${city} (tool output)`,
    });
    const assistant = agent({ llm: openai(), tools: [weather], memory: chatMemory });
    const result = await assistant.run('I live in Lisbon. How is the weather?');
    expect(String(result.data.result)).toContain('sunny in Lisbon');
    await chatMemory.flush();
    const stored = (await memory.getAll({ userId: 'dave' })).results.map((record) => record.memory).sort();
    expect(stored).toEqual(['I live in Lisbon. How is the weather?', 'It is sunny in Lisbon.']);
  });

  it('fails at construction without an engine or a scope', () => {
    expect(() => new Mem0Memory({ userId: 'erin' } as never)).toThrow(ConfigurationError);
    expect(() => new Mem0Memory({ memory })).toThrow(MissingScopeError);
  });

  it('keeps LlamaIndex options and extra blocks', async () => {
    const chatMemory = new Mem0Memory({
      memory,
      userId: 'frank',
      messages: [{ id: 'old', role: 'user', content: 'hello' } as never],
      llamaIndex: { tokenLimit: 5000 },
    });
    const messages = (await chatMemory.get()) as ChatMessage[];
    expect(messages.map((message) => message.content)).toEqual(['hello']);
  });
});
