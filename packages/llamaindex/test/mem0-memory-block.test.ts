import { SimpleChatEngine } from '@llamaindex/core/chat-engine';
import type { ChatMessage } from '@llamaindex/core/llms';
import { MockLLM } from '@llamaindex/core/llms/mock';
import { createMemory } from '@llamaindex/core/memory';
import { extractText } from '@llamaindex/core/utils';
import { Memory, MissingScopeError, memoryBlockStart } from '@memzero/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mem0MemoryBlock } from '../src/index.js';

let memory: Memory;

beforeEach(() => {
  memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
});

afterEach(async () => {
  await memory.close();
});

/** A LlamaIndex MockLLM whose `chat` calls are recorded. */
function recordingLLM(): { llm: MockLLM; sentMessages: () => ChatMessage[] } {
  const llm = new MockLLM({ timeBetweenToken: 0, responseMessage: 'Noted.' });
  const chat = vi.spyOn(llm, 'chat');
  return {
    llm,
    sentMessages: () => {
      const call = chat.mock.calls.at(-1);
      if (call === undefined) throw new Error('the LLM was not called');
      return call[0].messages;
    },
  };
}

function memoryTexts(messages: ChatMessage[]): string[] {
  return messages
    .filter((message) => message.role === 'system' && extractText(message.content).includes(memoryBlockStart))
    .map((message) => extractText(message.content));
}

describe('mem0MemoryBlock in a SimpleChatEngine', () => {
  it('recalls a fact from an earlier conversation of the same user, and only for that user', async () => {
    const { llm, sentMessages } = recordingLLM();

    const firstBlock = mem0MemoryBlock({ memory, userId: 'alice' });
    const firstConversation = createMemory({ memoryBlocks: [firstBlock] });
    await new SimpleChatEngine({ llm, memory: firstConversation }).chat({ message: 'I live in Berlin' });
    // LlamaIndex calls a block's put only on overflow: the turn is stored here by hand (Mem0Memory does it itself).
    await memory.add('I live in Berlin', { userId: 'alice' });

    // A new LlamaIndex memory: nothing of the first conversation is in its short-term messages.
    const secondConversation = createMemory({ memoryBlocks: [mem0MemoryBlock({ memory, userId: 'alice' })] });
    const answer = await new SimpleChatEngine({ llm, memory: secondConversation }).chat({
      message: 'Where do I live?',
    });
    expect(answer.message.content).toBe('Noted.');
    const sent = sentMessages();
    expect(sent[0]?.role).toBe('system');
    expect(memoryTexts(sent)).toHaveLength(1);
    expect(memoryTexts(sent)[0]).toContain(memoryBlockStart);
    expect(memoryTexts(sent)[0]).toMatch(/berlin/i);
    expect(sent.at(-1)).toMatchObject({ role: 'user', content: 'Where do I live?' });
    expect(sent.some((message) => message.role === 'user' && message.content === 'I live in Berlin')).toBe(false);

    const otherUser = createMemory({ memoryBlocks: [mem0MemoryBlock({ memory, userId: 'bob' })] });
    await new SimpleChatEngine({ llm, memory: otherUser }).chat({ message: 'Where do I live?' });
    expect(
      sentMessages()
        .map((message) => extractText(message.content))
        .join('\n'),
    ).not.toMatch(/berlin/i);
  });

  it('stores messages when LlamaIndex overflows short-term memory into the block, in the background', async () => {
    const { llm } = recordingLLM();
    const block = mem0MemoryBlock({ memory, userId: 'carol' });
    const conversation = createMemory({ tokenLimit: 20, memoryBlocks: [block] });
    const engine = new SimpleChatEngine({ llm, memory: conversation });
    await engine.chat({ message: 'I live in Berlin' });
    await engine.chat({ message: 'I work as a nurse' });
    await engine.chat({ message: 'What is new?' });
    await block.flush();

    const { results } = await memory.getAll({ userId: 'carol' });
    expect(results.map((record) => record.memory).join('\n')).toMatch(/berlin/i);
  });

  it('stores nothing on overflow with store: false', async () => {
    const { llm } = recordingLLM();
    const block = mem0MemoryBlock({ memory, userId: 'dave', store: false });
    const conversation = createMemory({ tokenLimit: 20, memoryBlocks: [block] });
    const engine = new SimpleChatEngine({ llm, memory: conversation });
    await engine.chat({ message: 'I live in Berlin' });
    await engine.chat({ message: 'I work as a nurse' });
    await block.flush();
    expect((await memory.getAll({ userId: 'dave' })).results).toHaveLength(0);
  });

  it('returns no message when there is no user message or nothing is remembered', async () => {
    const block = mem0MemoryBlock({ memory, userId: 'erin' });
    expect(await block.get([])).toEqual([]);
    expect(await block.get([{ id: '1', role: 'user', content: 'Where do I live?' }])).toEqual([]);
  });

  it('refuses to be created without a scope, since LlamaIndex would swallow the error later', () => {
    expect(() => mem0MemoryBlock({ memory })).toThrow(MissingScopeError);
  });
});
