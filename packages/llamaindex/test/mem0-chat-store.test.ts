import type { ChatMessage } from '@llamaindex/core/llms';
import { MockLLM } from '@llamaindex/core/llms/mock';
import { ChatMemoryBuffer } from '@llamaindex/core/memory';
import { SimpleChatStore } from '@llamaindex/core/storage/chat-store';
import { Memory, type MessageLog, StoreError } from '@memzero/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Mem0ChatStore } from '../src/index.js';

let memory: Memory;

beforeEach(() => {
  memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
});

afterEach(async () => {
  await memory.close();
});

const user = (content: string): ChatMessage => ({ role: 'user', content });
const assistant = (content: string): ChatMessage => ({ role: 'assistant', content });

/** `memory.messages` with its round trips counted. */
type Messages = Pick<MessageLog, 'append' | 'list' | 'clear' | 'replace'>;

function countingMessages(): { messages: Messages; calls: string[] } {
  const calls: string[] = [];
  const messages: Messages = {
    append: (session, list) => {
      calls.push('append');
      return memory.messages.append(session, list);
    },
    list: (session, options) => {
      calls.push('list');
      return memory.messages.list(session, options);
    },
    clear: (session) => {
      calls.push('clear');
      return memory.messages.clear(session);
    },
    replace: (session, list) => {
      calls.push('replace');
      return memory.messages.replace(session, list);
    },
  };
  return { messages, calls };
}

describe('Mem0ChatStore', () => {
  it('keeps every message in order under rapid unawaited writes, in one round trip', async () => {
    const { messages, calls } = countingMessages();
    const store = new Mem0ChatStore({ memory: { messages } });
    for (let index = 0; index < 100; index++) store.addMessage('chat', user(`message ${index}`));

    const read = await store.getMessages('chat');
    expect(read.map((message) => message.content)).toEqual(Array.from({ length: 100 }, (_, i) => `message ${i}`));
    expect(calls.filter((call) => call === 'append')).toHaveLength(1);
  });

  it('applies mixed unawaited mutations in call order, like LlamaIndex SimpleChatStore', async () => {
    const store = new Mem0ChatStore({ memory });
    const reference = new SimpleChatStore();
    const script = (target: Mem0ChatStore | SimpleChatStore): void => {
      target.addMessage('a', user('one'));
      target.addMessage('b', user('other key'));
      target.addMessage('a', assistant('two'));
      target.addMessage('a', user('zero'), 0);
      target.deleteMessage('a', 2);
      target.addMessage('a', user('three'));
      target.setMessages('b', [user('replaced'), assistant('reply')]);
      target.addMessage('b', user('after replace'));
      target.deleteMessages('c');
      target.addMessage('c', user('lonely'));
      target.deleteMessages('c');
    };
    script(store);
    script(reference);

    for (const key of ['a', 'b', 'c']) expect(await store.getMessages(key)).toEqual(reference.getMessages(key));
    expect([...(await store.getKeys())].sort()).toEqual(['a', 'b']);
  });

  it('round-trips multi-part content and message options', async () => {
    const store = new Mem0ChatStore<{ toolCall: { id: string } }>({ memory, sessionPrefix: 'llamaindex:' });
    const message: ChatMessage<{ toolCall: { id: string } }> = {
      role: 'assistant',
      content: [
        { type: 'text', text: 'See the picture' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
      ],
      options: { toolCall: { id: 'call-1' } },
    };
    store.addMessage('session', message);
    expect(await store.getMessages('session')).toEqual([message]);
    // The prefix namespaces the session; the text stays searchable in `content`.
    const stored = await memory.messages.list('llamaindex:session');
    expect(stored[0]?.content).toBe('See the picture');
  });

  it('persists what ChatMemoryBuffer puts without awaiting', async () => {
    const store = new Mem0ChatStore({ memory });
    const buffer = new ChatMemoryBuffer({ chatStore: store, chatStoreKey: 'buffer', llm: new MockLLM() });
    buffer.put(user('I live in Berlin'));
    buffer.put(assistant('Nice city.'));
    buffer.put(user('I like jazz'));

    // Read-your-writes through the same store, without flushing first.
    const expected = ['I live in Berlin', 'Nice city.', 'I like jazz'];
    expect((await buffer.getMessages()).map((message) => message.content)).toEqual(expected);
    // Durable: another store instance over the same engine sees the same chat.
    const otherStore = new Mem0ChatStore({ memory });
    const fresh = new ChatMemoryBuffer({ chatStore: otherStore, chatStoreKey: 'buffer', llm: new MockLLM() });
    expect((await fresh.getMessages()).map((message) => message.content)).toEqual(expected);
  });

  it('reports a failed write from flush, and keeps applying later writes', async () => {
    let failNext = true;
    const messages: Messages = {
      append: (session, list) => {
        if (failNext) {
          failNext = false;
          return Promise.reject(new StoreError('in-memory', 'appendMessages', 'store unavailable'));
        }
        return memory.messages.append(session, list);
      },
      list: (session, options) => memory.messages.list(session, options),
      clear: (session) => memory.messages.clear(session),
      replace: (session, list) => memory.messages.replace(session, list),
    };
    const store = new Mem0ChatStore({ memory: { messages } });
    store.addMessage('chat', user('lost'));
    await expect(store.flush()).rejects.toBeInstanceOf(StoreError);
    store.addMessage('chat', user('kept'));
    expect((await store.getMessages('chat')).map((message) => message.content)).toEqual(['kept']);
    await expect(store.flush()).resolves.toBeUndefined();
  });

  it("keeps each user's chats under their scope: the same key of another user is another chat", async () => {
    const alice = new Mem0ChatStore({ memory, userId: 'alice' });
    const bob = new Mem0ChatStore({ memory, userId: 'bob' });
    const unscoped = new Mem0ChatStore({ memory });
    alice.addMessage('chat-1', user('alice secret'));
    bob.addMessage('chat-1', user('bob note'));
    await Promise.all([alice.flush(), bob.flush()]);

    expect((await alice.getMessages('chat-1')).map((message) => message.content)).toEqual(['alice secret']);
    expect((await bob.getMessages('chat-1')).map((message) => message.content)).toEqual(['bob note']);
    expect(await unscoped.getMessages('chat-1')).toEqual([]);
    bob.deleteMessages('chat-1');
    await bob.flush();
    expect((await alice.getMessages('chat-1')).map((message) => message.content)).toEqual(['alice secret']);
    expect(() => new Mem0ChatStore({ memory, userId: '' })).toThrow(/userId/);
  });
});
