import { MemorySaver } from '@langchain/langgraph';
import { Memory } from '@memzero/core';
import { AIMessage, createAgent, fakeModel } from 'langchain';
import { describe, expect, it } from 'vitest';
import { mem0Middleware } from '../src/mem0-middleware.js';

async function found(memory: Memory, query: string): Promise<string[]> {
  return (await memory.search(query, { userId: 'alice' })).results.map((hit) => hit.memory);
}

describe('mem0Middleware: the LangGraph thread is the conversation', () => {
  it('turns of one thread, stored one run at a time, share context; turns of another thread do not', async () => {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
    const model = fakeModel()
      .respond(new AIMessage('Noted.'))
      .respond(new AIMessage('Nice choice.'))
      .respond(new AIMessage('Okay.'))
      .respond(new AIMessage('Sure.'));
    const middleware = mem0Middleware({ memory, userId: 'alice', infer: false, retrieve: false });
    const agent = createAgent({ model, checkpointer: new MemorySaver(), middleware: [middleware] });
    const turn = (content: string, threadId: string) =>
      agent.invoke({ messages: [{ role: 'user', content }] }, { configurable: { thread_id: threadId } });

    await turn('Which city should I visit in spring?', 'thread-1');
    await turn('Probably Lisbon', 'thread-1');
    await turn('Which town should we see in autumn?', 'thread-2');
    await turn('Maybe Porto', 'thread-3');
    await middleware.flush();

    // "spring" only appears in the turn before "Probably Lisbon", stored by the thread's earlier run.
    expect(await found(memory, 'spring')).toContain('Probably Lisbon');
    expect(await found(memory, 'autumn')).not.toContain('Maybe Porto');
    // The thread is no scope: the memories belong to the user, with no run.
    const all = await memory.getAll({ userId: 'alice' });
    expect(all.results).toHaveLength(8);
    expect(all.results.every((record) => record.runId === undefined)).toBe(true);
    await memory.close();
  });
});
