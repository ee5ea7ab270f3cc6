import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import type { MemoryConfig } from '../../src/engine/memory-config.js';
import { scopeKey } from '../../src/engine/scope.js';
import { createInMemoryCoordinationStore } from '../../src/stores/in-memory/coordination-store.js';
import { createInMemoryVectorStore } from '../../src/stores/in-memory/vector-store.js';
import { failingUpserts } from './helpers.js';

const offline: MemoryConfig = { llm: { provider: 'rules' }, embedder: { provider: 'lexical' } };

/** `count` distinct turns of a conversation between two speakers. */
function conversation(
  count: number,
): Array<{ role: 'user'; name: string; content: string; metadata: { turn: number } }> {
  return Array.from({ length: count }, (_unused, index) => ({
    role: 'user' as const,
    name: index % 2 === 0 ? 'Ana' : 'Ben',
    content: `turn number ${index} says word${index}`,
    metadata: { turn: index },
  }));
}

/** Each memory's context, by its turn number. */
async function contextsByTurn(memory: Memory, userId: string): Promise<Map<number, string | undefined>> {
  const { results } = await memory.getAll({ userId });
  return new Map(results.map((record) => [record.metadata.turn as number, record.context]));
}

/** The reference model: the context each turn gets when the whole conversation is stored in one call. */
function expectedContexts(texts: string[], [before, after]: [number, number]): Map<number, string | undefined> {
  return new Map(
    texts.map((_text, index) => {
      const neighbours = [
        ...texts.slice(Math.max(0, index - before), index),
        ...texts.slice(index + 1, index + 1 + after),
      ];
      return [index, neighbours.length > 0 ? neighbours.join('\n') : undefined];
    }),
  );
}

describe('infer: false: neighbour context across calls', () => {
  it('a conversation stored in any split of calls ends with the contexts of one call (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 9, maxLength: 9 }),
        fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
        async (count, sizes, window) => {
          const turns = conversation(count);
          const memory = new Memory(offline);
          let start = 0;
          for (const size of sizes) {
            if (start >= turns.length) break;
            const call = turns.slice(start, start + size);
            await memory.add(call, { userId: 'u', infer: false, conversationId: 'c1', contextWindow: window });
            start += size;
          }
          const texts = turns.map((turn) => `${turn.name}: ${turn.content}`);
          expect(await contextsByTurn(memory, 'u')).toEqual(expectedContexts(texts, window));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('one turn per call: a turn is found through the question before it, and the question through its answer', async () => {
    const memory = new Memory(offline);
    const turns = [
      { role: 'user' as const, name: 'Caroline', content: 'What are the names of your pets?' },
      { role: 'user' as const, name: 'Melanie', content: 'Luna and Oliver!' },
      { role: 'user' as const, name: 'Caroline', content: 'Cute. I started a pottery class.' },
    ];
    for (const turn of turns) await memory.add(turn, { userId: 'alice', infer: false, conversationId: 'chat-7' });
    const { results } = await memory.search('pets names', { userId: 'alice' });
    const answer = results.find((hit) => hit.memory.includes('Luna'));
    expect(answer?.signals.lexical).toBeGreaterThan(0);
    const all = (await memory.getAll({ userId: 'alice' })).results;
    // The first turn gained the two turns that followed it.
    expect(all[0]!.context).toBe('Melanie: Luna and Oliver!\nCaroline: Cute. I started a pottery class.');
    expect(all[0]!.version).toBe(1);
    expect(await memory.history(all[0]!.id)).toHaveLength(1);
  });

  it('README: one turn per call with a conversationId', async () => {
    const memory = new Memory(offline);
    for (const turn of ['What are the names of your pets?', 'Luna and Oliver!']) {
      await memory.add(turn, { userId: 'alice', infer: false, conversationId: 'chat-42' });
    }
    const { results } = await memory.search('pets names', { userId: 'alice' });
    expect(results.map((hit) => hit.memory)).toContain('Luna and Oliver!');
    const alone = new Memory(offline);
    for (const turn of ['What are the names of your pets?', 'Luna and Oliver!']) {
      await alone.add(turn, { userId: 'alice', infer: false });
    }
    expect((await alone.search('pets names', { userId: 'alice' })).results.map((hit) => hit.memory)).not.toContain(
      'Luna and Oliver!',
    );
  });

  it('a runId is a conversation; calls with neither runId nor conversationId stand alone', async () => {
    const memory = new Memory(offline);
    await memory.add('we talked about sailing', { userId: 'u', runId: 'r1', infer: false });
    await memory.add('the boat is named Aurora', { userId: 'u', runId: 'r1', infer: false });
    await memory.add('unrelated note one', { userId: 'u', infer: false });
    await memory.add('unrelated note two', { userId: 'u', infer: false });
    const byText = new Map((await memory.getAll({ userId: 'u' })).results.map((record) => [record.memory, record]));
    expect(byText.get('we talked about sailing')!.context).toBe('the boat is named Aurora');
    expect(byText.get('the boat is named Aurora')!.context).toBe('we talked about sailing');
    expect(byText.get('unrelated note one')!.context).toBeUndefined();
    expect(byText.get('unrelated note two')!.context).toBeUndefined();
  });

  it('conversations are separate by id and by scope', async () => {
    const memory = new Memory(offline);
    await memory.add('alpha first', { userId: 'u', infer: false, conversationId: 'a' });
    await memory.add('beta first', { userId: 'u', infer: false, conversationId: 'b' });
    await memory.add('gamma first', { userId: 'v', infer: false, conversationId: 'a' });
    await memory.add('alpha second', { userId: 'u', infer: false, conversationId: 'a' });
    const byText = new Map((await memory.getAll({ userId: 'u' })).results.map((record) => [record.memory, record]));
    expect(byText.get('alpha first')!.context).toBe('alpha second');
    expect(byText.get('beta first')!.context).toBeUndefined();
    expect((await memory.getAll({ userId: 'v' })).results[0]!.context).toBeUndefined();
  });

  it('a retried call does not count its turns twice, and a repeated turn keeps its first context', async () => {
    const memory = new Memory(offline);
    const options = { userId: 'u', infer: false, conversationId: 'c' } as const;
    await memory.add('one', options);
    await memory.add('two', options);
    const retry = await memory.add('two', options);
    expect(retry.results.map((event) => event.event)).toEqual(['NONE']);
    await memory.add('three', options);
    const contexts = new Map((await memory.getAll({ userId: 'u' })).results.map((record) => [record.memory, record]));
    expect(contexts.get('two')!.context).toBe('one\nthree');
    // "one" said again later: still one memory, whose context stays that of its first position.
    await memory.add('one', options);
    await memory.add('four', options);
    const after = new Map((await memory.getAll({ userId: 'u' })).results.map((record) => [record.memory, record]));
    expect(after.get('one')!.context).toBe('two\nthree');
    expect(after.get('four')!.context).toBe('three\none');
  });

  it('keeps no text of its own: a deleted turn disappears from the context of later turns', async () => {
    const coordination = createInMemoryCoordinationStore();
    const memory = new Memory({ ...offline, historyStore: coordination });
    const options = { userId: 'u', infer: false, conversationId: 'c' } as const;
    await memory.add('my secret code is 4417', options);
    const [secret] = (await memory.getAll({ userId: 'u' })).results;
    await memory.delete(secret!.id, { purge: true });
    await memory.add('next turn', options);
    const [next] = (await memory.getAll({ userId: 'u' })).results;
    expect(next!.memory).toBe('next turn');
    expect(next!.context).toBeUndefined();
    const tail = await coordination.listMessages(`conversation:${scopeKey({ userId: 'u' })}|c`);
    expect(tail.map((entry) => entry.content)).toEqual([secret!.id, next!.id]);
    expect(JSON.stringify(tail)).not.toContain('4417');
  });

  it('concurrent turns of one conversation, from two instances on shared stores, get the neighbours of their write order', async () => {
    const vectorStore = createInMemoryVectorStore();
    const historyStore = createInMemoryCoordinationStore();
    // One clock for both instances, so write order is creation order.
    let tick = 0;
    const now = (): Date => new Date(Date.UTC(2026, 0, 1) + tick++);
    const instances = [0, 1].map(() => new Memory({ ...offline, vectorStore, historyStore, now }));
    const turns = conversation(12);
    await Promise.all(
      turns.map((turn, index) =>
        instances[index % 2]!.add(turn, { userId: 'u', infer: false, conversationId: 'c', contextWindow: [1, 1] }),
      ),
    );
    const { results } = await instances[0]!.getAll({ userId: 'u' });
    expect(results).toHaveLength(12);
    // getAll is in write order (createdAt): each memory's context is its neighbours in that order.
    const texts = results.map((record) => record.memory);
    const expected = expectedContexts(texts, [1, 1]);
    for (const [index, record] of results.entries()) expect(record.context).toBe(expected.get(index));
  });

  it('a write that fails mid-conversation, retried or not, ends with the contexts of one call', async () => {
    for (const retry of [true, false]) {
      const memory = new Memory(offline);
      // The third upsert (the third turn's write) fails once.
      const flaky = new Memory({ ...offline, vectorStore: failingUpserts(createInMemoryVectorStore(), 1, 2) });
      const turns = conversation(5);
      const options = { userId: 'u', infer: false, conversationId: 'c' } as const;
      for (const [index, turn] of turns.entries()) {
        await memory.add(turn, options);
        if (index !== 2) {
          await flaky.add(turn, options);
          continue;
        }
        await expect(flaky.add(turn, options)).rejects.toMatchObject({ code: 'store_call' });
        if (retry) expect((await flaky.add(turn, options)).results.map((event) => event.event)).toEqual(['NONE']);
      }
      expect(await contextsByTurn(flaky, 'u')).toEqual(await contextsByTurn(memory, 'u'));
    }
  });

  it('rejects a malformed conversationId', async () => {
    const memory = new Memory(offline);
    for (const conversationId of ['', 7, 'x'.repeat(257)]) {
      await expect(
        memory.add('hello', { userId: 'u', infer: false, conversationId: conversationId as string }),
      ).rejects.toMatchObject({ code: 'validation' });
      await expect(
        memory.add('hello', { userId: 'u', conversationId: conversationId as string }),
      ).rejects.toMatchObject({
        code: 'validation',
      });
    }
  });
});
