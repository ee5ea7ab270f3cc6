import { MissingScopeError, StoreError, ValidationError } from '@memzero/core';
import { describe, expect, it } from 'vitest';
import { addMemories, getMemories, retrieveMemories, searchMemories } from '../src/index.js';
import { RecordingMemory } from './support/recording-memory.js';

describe('Mem0-named helpers', () => {
  it('add text parts of AI SDK messages and search by the last user message', async () => {
    const memory = new RecordingMemory();
    await addMemories(
      [
        { role: 'system', content: 'ignored? no: system text is kept for extraction context' },
        { role: 'user', content: [{ type: 'text', text: 'I love red cars.' }, { type: 'image' }] },
        { role: 'tool', content: [{ type: 'tool-result' }] },
      ],
      { memory, userId: 'borat', metadata: { source: 'test' } },
    );
    expect(memory.addCalls[0]!.messages).toEqual([
      { role: 'system', content: 'ignored? no: system text is kept for extraction context' },
      { role: 'user', content: 'I love red cars.' },
    ]);
    expect(memory.addCalls[0]!.options).toMatchObject({ userId: 'borat', metadata: { source: 'test' } });

    const prompt = [
      { role: 'user', content: 'old question about boats' },
      { role: 'assistant', content: 'answer' },
      { role: 'user', content: [{ type: 'text', text: 'Which cars do I love?' }] },
    ];
    const hits = await getMemories(prompt, { memory, userId: 'borat' });
    const full = await searchMemories('red cars', { memory, userId: 'borat', limit: 3 });
    const block = await retrieveMemories(prompt, { memory, userId: 'borat' });

    expect(memory.searchCalls[0]!.query).toBe('Which cars do I love?');
    expect(hits.map((hit) => hit.memory)).toEqual(['I love red cars.']);
    expect(full.results).toHaveLength(1);
    expect(memory.searchCalls[1]!.options.limit).toBe(3);
    expect(block).toContain('- I love red cars.');
    expect(await retrieveMemories('nothing matches zzz', { memory, userId: 'borat' })).toBe('');
  });

  it('throw instead of returning empty results', async () => {
    const memory = new RecordingMemory();
    await expect(searchMemories('x', { memory })).rejects.toBeInstanceOf(MissingScopeError);
    await expect(addMemories([], { memory, userId: 'u' })).rejects.toBeInstanceOf(ValidationError);
    memory.failSearch = new StoreError('upstash-vector', 'query', 'HTTP 500');
    await expect(retrieveMemories('cars', { memory, userId: 'u' })).rejects.toBe(memory.failSearch);
    await expect(getMemories('cars', { memory, userId: 'u' })).rejects.toBe(memory.failSearch);
  });
});
