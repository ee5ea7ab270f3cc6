import { describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import { ModelCallError } from '../../src/errors.js';
import { scriptedExtractor } from './helpers.js';

const offline = { embedder: { provider: 'lexical' } } as const;

describe('add: decisions against candidates', () => {
  it('shows candidates under integer aliases and applies ADD, UPDATE, DELETE and NONE', async () => {
    const extractor = scriptedExtractor((input) => {
      const text = input.messages[0]!.text;
      if (text === 'first')
        return [
          { event: 'ADD', text: 'Lives in Paris' },
          { event: 'ADD', text: 'Likes jazz' },
        ];
      const paris = input.candidates.find((candidate) => candidate.text === 'Lives in Paris')!;
      const jazz = input.candidates.find((candidate) => candidate.text === 'Likes jazz')!;
      return [
        { event: 'UPDATE', target: paris.alias, text: 'Lives in Berlin', reason: 'moved' },
        { event: 'DELETE', target: jazz.alias, reason: 'retracted' },
        { event: 'NONE', reason: 'small talk' },
      ];
    });
    const memory = new Memory({ ...offline, extractor });
    const first = await memory.add('first', { userId: 'alice' });
    expect(first.results.map((event) => event.event)).toEqual(['ADD', 'ADD']);
    const parisId = first.results[0]!.id!;
    const jazzId = first.results[1]!.id!;

    const second = await memory.add('second', { userId: 'alice' });
    const shown = extractor.calls[1]!.candidates;
    expect(shown.map((candidate) => candidate.alias).sort()).toEqual([1, 2]);
    expect(JSON.stringify(shown)).not.toContain(parisId);
    expect(second.results).toMatchObject([
      { event: 'UPDATE', id: parisId, memory: 'Lives in Berlin', previousMemory: 'Lives in Paris', reason: 'moved' },
      { event: 'DELETE', id: jazzId, previousMemory: 'Likes jazz' },
      { event: 'NONE', noneReason: 'model_said_none' },
    ]);

    const updated = await memory.get(parisId);
    expect(updated).toMatchObject({ memory: 'Lives in Berlin', version: 2, status: 'active', userId: 'alice' });
    expect((await memory.get(jazzId))?.status).toBe('invalidated');
    const all = await memory.getAll({ userId: 'alice' });
    expect(all.results.map((record) => record.memory)).toEqual(['Lives in Berlin']);
    const withInvalidated = await memory.getAll({ userId: 'alice', includeInvalidated: true });
    expect(withInvalidated.results).toHaveLength(2);

    const history = await memory.history(parisId);
    expect(history.map((entry) => [entry.event, entry.previousMemory, entry.newMemory])).toEqual([
      ['ADD', undefined, 'Lives in Paris'],
      ['UPDATE', 'Lives in Paris', 'Lives in Berlin'],
    ]);
    expect((await memory.history(jazzId)).map((entry) => entry.event)).toEqual(['ADD', 'INVALIDATE']);
  });

  it('turns unknown aliases into warnings: UPDATE becomes ADD, DELETE becomes NONE', async () => {
    const extractor = scriptedExtractor(() => [
      { event: 'UPDATE', target: 42, text: 'Has a cat named Miso' },
      { event: 'DELETE', target: 7 },
    ]);
    const memory = new Memory({ ...offline, extractor });
    const result = await memory.add('hello', { userId: 'alice' });
    expect(result.results.map((event) => event.event)).toEqual(['ADD', 'NONE']);
    expect(result.results[1]!.noneReason).toBe('unknown_target');
    expect(result.warnings.filter((warning) => warning.code === 'unknown_memory_id')).toHaveLength(2);
    expect((await memory.getAll({ userId: 'alice' })).results.map((record) => record.memory)).toEqual([
      'Has a cat named Miso',
    ]);
  });

  it('deduplicates by normalised content within a call and against the scope', async () => {
    const extractor = scriptedExtractor(() => [
      { event: 'ADD', text: 'Likes green tea' },
      { event: 'ADD', text: 'likes  green tea.' },
    ]);
    const memory = new Memory({ ...offline, extractor });
    const first = await memory.add('x', { userId: 'alice' });
    expect(first.results.map((event) => event.event)).toEqual(['ADD', 'NONE']);
    expect(first.warnings.map((warning) => warning.code)).toContain('dedup_within_call');
    const second = await memory.add('x', { userId: 'alice' });
    expect(second.results.map((event) => [event.event, event.noneReason])).toEqual([
      ['NONE', 'duplicate'],
      ['NONE', 'duplicate'],
    ]);
    expect((await memory.getAll({ userId: 'alice' })).results).toHaveLength(1);
  });

  it('reports usage: one extraction, one query embedding and one batched embedding for the new facts', async () => {
    const extractor = scriptedExtractor(() => [
      { event: 'ADD', text: 'Works at Acme' },
      { event: 'ADD', text: 'Plays chess' },
      { event: 'ADD', text: 'Has two kids' },
    ]);
    const memory = new Memory({ ...offline, extractor });
    const { usage } = await memory.add('x', { userId: 'alice' });
    expect(usage).toMatchObject({
      llmCalls: 1,
      promptTokens: 100,
      completionTokens: 20,
      embeddingCalls: 2,
      embeddedTexts: 4,
    });
    expect(usage.storeCalls).toBeGreaterThan(0);
    const none = await memory.add('y', { userId: 'alice' });
    expect(none.usage.embeddingCalls).toBe(1);
    const repeatedQuery = await memory.add('y', { userId: 'alice' });
    expect(repeatedQuery.usage.embeddingCalls).toBe(0);
  });

  it('reuses the query embedding of a search for the same user message (retrieve, then store the turn)', async () => {
    const extractor = scriptedExtractor(() => [{ event: 'ADD', text: 'Works at Acme' }]);
    const memory = new Memory({ ...offline, extractor });
    const search = await memory.search('I just joined Acme', { userId: 'alice' });
    expect(search.usage.embeddingCalls).toBe(1);
    const { usage } = await memory.add(
      [
        { role: 'user', content: 'I just joined Acme' },
        { role: 'assistant', content: 'Congratulations!' },
      ],
      { userId: 'alice' },
    );
    expect(usage).toMatchObject({ embeddingCalls: 1, embeddedTexts: 1 });
  });

  it('turns an untyped extractor failure into a ModelCallError and writes nothing', async () => {
    const extractor = scriptedExtractor(() => {
      throw new TypeError('fetch failed: secret-token-123 Likes tea');
    });
    const memory = new Memory({ ...offline, extractor });
    const error = await memory.add('Likes tea', { userId: 'alice' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as ModelCallError).message).not.toMatch(/secret|Likes tea/);
    // The cause keeps the error's name, never its text (which held a token and the user's words).
    expect((error as ModelCallError).cause).toMatchObject({ name: 'TypeError' });
    expect(String((error as ModelCallError).cause)).not.toMatch(/secret|Likes tea/);
    expect((await memory.getAll({ userId: 'alice' })).results).toEqual([]);
  });

  it('passes custom prompts and instructions, config-level and per call', async () => {
    const extractor = scriptedExtractor(() => []);
    const memory = new Memory({ ...offline, extractor, customInstructions: 'Only food preferences.' });
    await memory.add('x', { userId: 'alice', prompt: 'Custom prompt', customInstructions: 'Ignore greetings.' });
    expect(extractor.calls[0]).toMatchObject({
      prompt: 'Custom prompt',
      customInstructions: 'Only food preferences.\nIgnore greetings.',
    });
  });

  it("stores procedural memory for an agent, or with only userId as Mem0's documented call does", async () => {
    const extractor = scriptedExtractor((input) => [{ event: 'ADD', text: `Summary (${input.memoryType})` }]);
    const memory = new Memory({ ...offline, extractor });
    const result = await memory.add('x', { agentId: 'planner', memoryType: 'procedural_memory' });
    expect(result.results[0]?.record).toMatchObject({ memoryType: 'procedural_memory', agentId: 'planner' });
    const forUser = await memory.add('y', { userId: 'alice', memoryType: 'procedural_memory' });
    expect(forUser.results[0]?.record).toMatchObject({ memoryType: 'procedural_memory', userId: 'alice' });
    expect(extractor.calls[1]?.memoryType).toBe('procedural_memory');
    const all = await memory.getAll({ userId: 'alice', filters: { memory_type: 'procedural_memory' } });
    expect(all.results.map((record) => record.memory)).toEqual(['Summary (procedural_memory)']);
  });
});

describe('add: infer false', () => {
  it('stores each non-system message verbatim and skips exact repeats with the same metadata', async () => {
    const extractor = scriptedExtractor(() => {
      throw new Error('the extractor must not run with infer: false');
    });
    const memory = new Memory({ ...offline, extractor });
    const messages = [
      { role: 'system' as const, content: 'You are helpful.' },
      { role: 'user' as const, content: 'I adopted a puppy', name: 'Caroline' },
      { role: 'assistant' as const, content: 'Congratulations!' },
    ];
    const first = await memory.add(messages, { userId: 'alice', infer: false, metadata: { turn: 'D1:1' } });
    expect(first.results.map((event) => [event.event, event.memory])).toEqual([
      ['ADD', 'Caroline: I adopted a puppy'],
      ['ADD', 'Congratulations!'],
    ]);
    expect(first.usage.llmCalls).toBe(0);
    const repeat = await memory.add(messages, { userId: 'alice', infer: false, metadata: { turn: 'D1:1' } });
    expect(repeat.results.map((event) => event.event)).toEqual(['NONE', 'NONE']);
    const otherTurn = await memory.add(messages, { userId: 'alice', infer: false, metadata: { turn: 'D2:5' } });
    expect(otherTurn.results.map((event) => event.event)).toEqual(['ADD', 'ADD']);
    expect((await memory.getAll({ userId: 'alice' })).results).toHaveLength(4);
  });

  it('keeps per-message metadata and neighbouring turns as lexical context, so an answer is found by its question', async () => {
    const memory = new Memory({ ...offline, extractor: scriptedExtractor(() => []) });
    const turns = [
      { role: 'user' as const, name: 'Caroline', content: 'What are the names of your pets?', metadata: { turn: 1 } },
      { role: 'user' as const, name: 'Melanie', content: 'Luna and Oliver!', metadata: { turn: 2 } },
      { role: 'user' as const, name: 'Caroline', content: 'I started a pottery class.', metadata: { turn: 3 } },
    ];
    await memory.add(turns, { userId: 'alice', infer: false, metadata: { session: 7 } });
    const all = await memory.getAll({ userId: 'alice' });
    expect(all.results.map((record) => record.metadata)).toEqual([
      { session: 7, turn: 1 },
      { session: 7, turn: 2 },
      { session: 7, turn: 3 },
    ]);
    expect(all.results[1]!.context).toContain('names of your pets');
    const answer = (memory_: Memory) =>
      memory_
        .search('pets names', { userId: 'alice' })
        .then(({ results }) => results.find((hit) => hit.memory.includes('Luna')));
    expect((await answer(memory))?.signals.lexical).toBeGreaterThan(0);

    const isolated = new Memory({ ...offline, extractor: scriptedExtractor(() => []) });
    await isolated.add(turns, { userId: 'alice', infer: false, contextWindow: [0, 0] });
    expect((await answer(isolated))?.signals.lexical).toBeUndefined();
    await expect(memory.add('x', { userId: 'alice', infer: false, contextWindow: [1] as never })).rejects.toMatchObject(
      {
        code: 'validation',
      },
    );
  });
});
