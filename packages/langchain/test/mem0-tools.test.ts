import { Memory } from '@memzero/core';
import { AIMessage, createAgent, fakeModel } from 'langchain';
import { describe, expect, it } from 'vitest';
import { mem0Tools } from '../src/mem0-tools.js';

function offlineMemory(): Memory {
  return new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
}

describe('mem0Tools', () => {
  it('lets an agent add a memory and find it again, scoped by the runtime context', async () => {
    const memory = offlineMemory();
    const tools = mem0Tools({ memory });
    const model = fakeModel()
      .respondWithTools([{ name: 'add_memory', args: { text: 'I live in Berlin' } }])
      .respond(new AIMessage('Saved.'))
      .respondWithTools([{ name: 'search_memories', args: { query: 'Where does the user live? Berlin' } }])
      .respond(new AIMessage('Berlin.'));
    const agent = createAgent({ model, tools: Object.values(tools) });

    await agent.invoke(
      { messages: [{ role: 'user', content: 'Remember where I live.' }] },
      {
        context: { userId: 'alice' },
      },
    );
    const result = await agent.invoke(
      { messages: [{ role: 'user', content: 'Where do I live?' }] },
      {
        context: { userId: 'alice' },
      },
    );

    expect((await memory.getAll({ userId: 'alice' })).results.map((record) => record.memory).join()).toMatch(/Berlin/);
    const toolMessage = result.messages.find((message) => message.type === 'tool');
    const hits = JSON.parse(toolMessage?.text ?? '[]') as Array<{ id: string; memory: string; score: number }>;
    expect(hits[0]?.memory).toMatch(/Berlin/);
    expect(typeof hits[0]?.id).toBe('string');
  });

  it('updates and deletes only inside the scope', async () => {
    const memory = offlineMemory();
    const { results } = await memory.add('I live in Berlin', { userId: 'bob' });
    const id = results.find((event) => event.event === 'ADD')?.id ?? '';
    const asBob = mem0Tools({ memory, userId: 'bob' });
    const asMallory = mem0Tools({ memory, userId: 'mallory' });

    expect(JSON.parse(await asMallory.updateMemory.invoke({ id, text: 'I live in Rome' }))).toHaveProperty('error');
    expect(JSON.parse(await asMallory.deleteMemory.invoke({ id }))).toHaveProperty('error');
    expect((await memory.get(id))?.memory).toMatch(/Berlin/);

    expect(JSON.parse(await asBob.updateMemory.invoke({ id, text: 'I live in Hamburg' }))).toMatchObject({ id });
    expect((await memory.get(id))?.memory).toMatch(/Hamburg/);
    expect(JSON.parse(await asBob.deleteMemory.invoke({ id }))).toEqual({ deleted: [id] });
    expect(await memory.get(id)).toBeNull();
  });

  it('fills open scope fields from the runtime context but never overrides the ones the options fix', async () => {
    const memory = offlineMemory();
    const perUser = mem0Tools({ memory, appId: 'shop' });
    await perUser.addMemory.invoke({ text: 'I like tea' }, { context: { userId: 'carol', appId: 'other' } } as never);
    expect((await memory.getAll({ userId: 'carol' })).results.map((record) => record.appId)).toEqual(['shop']);

    const pinned = mem0Tools({ memory, userId: 'pinned-user' });
    await pinned.addMemory.invoke({ text: 'I like coffee' }, { configurable: { userId: 'intruder' } } as never);
    expect((await memory.getAll({ userId: 'pinned-user' })).results).toHaveLength(1);
    expect((await memory.getAll({ userId: 'intruder' })).results).toHaveLength(0);
  });

  it('validates tool input with the zod schema', async () => {
    const tools = mem0Tools({ memory: offlineMemory(), userId: 'dave' });
    await expect(tools.searchMemories.invoke({ query: '' })).rejects.toThrow();
  });
});
