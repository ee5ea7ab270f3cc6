import { MemorySaver } from '@langchain/langgraph';
import { Memory } from '@memzero/core';
import { conversationContextFindings, conversationTurns } from '@memzero/test-tooling';
import { AIMessage, createAgent, fakeModel } from 'langchain';
import { describe, expect, it } from 'vitest';
import { mem0Middleware } from '../src/mem0-middleware.js';

describe('mem0Middleware: the LangGraph thread is the conversation', () => {
  it('turns of one thread, stored one run at a time, share context; turns of another thread do not', async () => {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
    const model = fakeModel();
    for (const answer of ['Noted.', 'Nice choice.', 'Okay.', 'Sure.']) model.respond(new AIMessage(answer));
    const middleware = mem0Middleware({ memory, userId: 'alice', infer: false, retrieve: false });
    const agent = createAgent({ model, checkpointer: new MemorySaver(), middleware: [middleware] });

    for (const [content, thread] of conversationTurns) {
      await agent.invoke({ messages: [{ role: 'user', content }] }, { configurable: { thread_id: thread } });
    }
    await middleware.flush();

    const search = async (query: string) =>
      (await memory.search(query, { userId: 'alice' })).results.map((hit) => hit.memory);
    expect(await conversationContextFindings(search)).toEqual({ neighbourFound: true, otherConversationFound: false });
    // The thread is no scope: the memories belong to the user, with no run.
    const all = await memory.getAll({ userId: 'alice' });
    expect(all.results).toHaveLength(8);
    expect(all.results.every((record) => record.runId === undefined)).toBe(true);
    await memory.close();
  });
});
