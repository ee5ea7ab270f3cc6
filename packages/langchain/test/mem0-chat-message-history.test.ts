import { type AIMessage, type ChatMessage, HumanMessage, type ToolMessage } from '@langchain/core/messages';
import { type CoordinationStore, createInMemoryCoordinationStore, Memory, ValidationError } from '@memzero/core';
import { describe, expect, it } from 'vitest';
import { Mem0ChatMessageHistory } from '../src/mem0-chat-message-history.js';
import { everyMessageType } from './support/messages.js';

/** The real in-process coordination store, with a record of how often messages were appended. */
function countingStore(): { store: CoordinationStore; appends: () => number } {
  const store = createInMemoryCoordinationStore();
  let appends = 0;
  const appendMessages = store.appendMessages.bind(store);
  store.appendMessages = async (sessionKey, messages) => {
    appends += 1;
    return appendMessages(sessionKey, messages);
  };
  return { store, appends: () => appends };
}

describe('Mem0ChatMessageHistory', () => {
  it('round-trips messages of every type, in order', async () => {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
    const history = new Mem0ChatMessageHistory({ memory, sessionId: 'session-1' });
    const messages = everyMessageType();

    await history.addMessages(messages);
    const read = await history.getMessages();

    expect(read.map((message) => message.type)).toEqual(messages.map((message) => message.type));
    expect(read.map((message) => message.toDict())).toEqual(messages.map((message) => message.toDict()));
    const ai = read[2] as AIMessage;
    expect(ai.tool_calls).toEqual([{ id: 'call-1', name: 'weather', args: { city: 'Berlin' }, type: 'tool_call' }]);
    expect((read[3] as ToolMessage).tool_call_id).toBe('call-1');
    expect((read[6] as ChatMessage).role).toBe('critic');
  });

  it('appends in one round trip, keeps sessions apart, reads the last `limit` messages and clears', async () => {
    const { store, appends } = countingStore();
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' }, historyStore: store });
    const history = new Mem0ChatMessageHistory({ memory, sessionId: 'session-2' });
    const other = new Mem0ChatMessageHistory({ memory, sessionId: 'session-3' });

    await history.addMessages(everyMessageType());
    expect(appends()).toBe(1);
    await history.addUserMessage('one more');
    await history.addAIMessage('and the answer');
    await other.addUserMessage('elsewhere');

    const all = await history.getMessages();
    expect(all.map((message) => message.text).slice(-2)).toEqual(['one more', 'and the answer']);
    const lastTwo = await new Mem0ChatMessageHistory({ memory, sessionId: 'session-2', limit: 2 }).getMessages();
    expect(lastTwo.map((message) => message.text)).toEqual(['one more', 'and the answer']);

    await history.clear();
    expect(await history.getMessages()).toEqual([]);
    expect((await other.getMessages()).map((message) => message.text)).toEqual(['elsewhere']);
  });

  it('reads plain messages other adapters wrote to the same session', async () => {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
    await memory.messages.append('shared', [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
      { role: 'tool', content: 'result' },
    ]);
    const read = await new Mem0ChatMessageHistory({ memory, sessionId: 'shared' }).getMessages();
    expect(read.map((message) => [message.type, message.text])).toEqual([
      ['human', 'hi'],
      ['ai', 'hello'],
      ['generic', 'result'],
    ]);
  });

  it('rejects an empty session id', () => {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
    expect(() => new Mem0ChatMessageHistory({ memory, sessionId: '' })).toThrow(/sessionId/);
  });

  it("keeps each user's sessions under their scope: the same session id of another user is another session", async () => {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
    const alice = new Mem0ChatMessageHistory({ memory, sessionId: 'chat-1', userId: 'alice' });
    const bob = new Mem0ChatMessageHistory({ memory, sessionId: 'chat-1', userId: 'bob' });
    const unscoped = new Mem0ChatMessageHistory({ memory, sessionId: 'chat-1' });
    await alice.addMessages([new HumanMessage('alice secret')]);
    await bob.addMessages([new HumanMessage('bob note')]);

    expect((await alice.getMessages()).map((message) => message.text)).toEqual(['alice secret']);
    expect((await bob.getMessages()).map((message) => message.text)).toEqual(['bob note']);
    expect(await unscoped.getMessages()).toEqual([]);
    await bob.clear();
    expect((await alice.getMessages()).map((message) => message.text)).toEqual(['alice secret']);
    expect(() => new Mem0ChatMessageHistory({ memory, sessionId: 'chat-1', userId: '' })).toThrow(ValidationError);
  });
});
