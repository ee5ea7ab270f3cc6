import { describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import { StoreError } from '../../src/errors.js';
import { createInMemoryVectorStore } from '../../src/stores/in-memory/index.js';
import { addEachUserMessage, failingUpserts, scriptedExtractor } from './helpers.js';

const offline = { embedder: { provider: 'lexical' } } as const;

describe('concurrent adds on one scope', () => {
  it('create no duplicates', async () => {
    const memory = new Memory({ ...offline, extractor: addEachUserMessage });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => memory.add('Likes green tea', { userId: 'alice' })),
    );
    expect(results.flatMap((result) => result.results).filter((event) => event.event === 'ADD')).toHaveLength(1);
    expect((await memory.getAll({ userId: 'alice' })).results).toHaveLength(1);
  });

  it('lose no update', async () => {
    const extractor = scriptedExtractor(async (input) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const counter = input.candidates.find((candidate) => candidate.text.startsWith('Visited the gym'));
      if (!counter) return [{ event: 'ADD', text: 'Visited the gym 1 times' }];
      const count = Number(counter.text.split(' ')[3]);
      return [{ event: 'UPDATE', target: counter.alias, text: `Visited the gym ${count + 1} times` }];
    });
    const memory = new Memory({ ...offline, extractor });
    await Promise.all(Array.from({ length: 10 }, () => memory.add('gym again', { userId: 'alice' })));
    const all = await memory.getAll({ userId: 'alice' });
    expect(all.results.map((record) => record.memory)).toEqual(['Visited the gym 10 times']);
    expect(all.results[0]!.version).toBe(10);
  });

  it('do not serialise different scopes', async () => {
    let inside = 0;
    let maximum = 0;
    const extractor = scriptedExtractor(async (input) => {
      inside += 1;
      maximum = Math.max(maximum, inside);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inside -= 1;
      return [{ event: 'ADD', text: input.messages[0]!.text }];
    });
    const memory = new Memory({ ...offline, extractor });
    await Promise.all(['alice', 'bob', 'carol'].map((userId) => memory.add(`fact of ${userId}`, { userId })));
    expect(maximum).toBeGreaterThan(1);
  });
});

describe('outbox', () => {
  it('leaves a failed index write pending, hidden from readers, and completes it on reconcile', async () => {
    const flaky = failingUpserts(createInMemoryVectorStore(), 1);
    const memory = new Memory({ ...offline, extractor: addEachUserMessage, vectorStore: flaky });
    await expect(memory.add('Likes sailing', { userId: 'alice' })).rejects.toBeInstanceOf(StoreError);
    expect((await memory.getAll({ userId: 'alice' })).results).toEqual([]);

    expect(await memory.reconcile()).toBe(1);
    const all = await memory.getAll({ userId: 'alice' });
    expect(all.results.map((record) => record.memory)).toEqual(['Likes sailing']);
    expect((await memory.history(all.results[0]!.id)).map((entry) => entry.event)).toEqual(['ADD']);
    expect(await memory.reconcile()).toBe(0);
  });

  it('completes pending writes of a scope before the next add in it', async () => {
    const flaky = failingUpserts(createInMemoryVectorStore(), 1);
    const memory = new Memory({ ...offline, extractor: addEachUserMessage, vectorStore: flaky });
    await expect(memory.add('Likes sailing', { userId: 'alice' })).rejects.toThrow();
    const next = await memory.add('Likes sailing', { userId: 'alice' });
    expect(next.warnings.map((warning) => warning.code)).toContain('reconciled_pending_writes');
    expect(next.results.map((event) => event.event)).toEqual(['NONE']);
    expect((await memory.getAll({ userId: 'alice' })).results).toHaveLength(1);
  });
});
