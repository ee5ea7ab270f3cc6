import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { evaluateFilter } from '../filters/evaluate-filter.js';
import { parseFilter } from '../filters/parse-filter.js';
import type { FilterInput } from '../spec/filter.js';
import type { MemoryRecord } from '../spec/memory-record.js';
import type { VectorStore } from '../spec/vector-store.js';
import { axisVector, makeEntry } from './fixtures.js';

export interface VectorStoreConformanceOptions {
  /** Waits until writes are visible to `query` (for eventually consistent indexes). */
  settle?: () => Promise<void>;
  /** Called once after the suite. */
  teardown?: () => Promise<void>;
}

/**
 * The contract every {@link VectorStore} must pass, written once. A backend's test file calls it in a few lines:
 * `describeVectorStoreConformance('in-memory', () => createInMemoryVectorStore())`. The factory is called before
 * each test and must return an empty store.
 */
export function describeVectorStoreConformance(
  name: string,
  factory: () => VectorStore | Promise<VectorStore>,
  options: VectorStoreConformanceOptions = {},
): void {
  describe(`VectorStore conformance: ${name}`, () => {
    let store: VectorStore;
    const settle = options.settle ?? (async () => {});
    beforeEach(async () => {
      store = await factory();
    });
    if (options.teardown) afterAll(options.teardown);

    it('reads its own writes by id, in the order asked, with every field', async () => {
      const first = makeEntry({ metadata: { topic: 'food', nested: { level: 2 } }, runId: 'run-1' });
      const second = makeEntry({ expiresAt: '2030-01-01T00:00:00.000Z', eventAt: '2023-05-08T13:56:00.000Z' });
      await store.upsert([first, second]);
      const fetched = await store.fetch([second.record.id, 'missing-id', first.record.id]);
      expect(fetched).toEqual([second.record, undefined, first.record]);
    });

    it('fetch with a scope reports records of other scopes as missing', async () => {
      const alice = makeEntry({ userId: 'alice' });
      const bob = makeEntry({ userId: 'bob' });
      await store.upsert([alice, bob]);
      expect(await store.fetch([alice.record.id, bob.record.id], { userId: 'alice' })).toEqual([
        alice.record,
        undefined,
      ]);
      expect(await store.fetch([alice.record.id], { userId: 'alice', agentId: 'other' })).toEqual([undefined]);
    });

    it('ranks dense results by similarity, only within the scope', async () => {
      const near = makeEntry({ userId: 'alice' }, 1);
      const far = makeEntry({ userId: 'alice' }, 5);
      const otherUser = makeEntry({ userId: 'bob' }, 1);
      await store.upsert([near, far, otherUser]);
      await settle();
      const result = await store.query({ scope: { userId: 'alice' }, vector: axisVector(1), topK: 10 });
      expect(result.dense.map((hit) => hit.record.id)).toEqual([near.record.id, far.record.id]);
      expect(result.dense[0]!.score).toBeGreaterThan(result.dense[1]!.score);
      expect(result.dense[0]!.score).toBeCloseTo(1, 2);
    });

    it('honours topK', async () => {
      await store.upsert([0, 1, 2, 3, 4].map((axis) => makeEntry({}, axis)));
      await settle();
      const result = await store.query({ scope: { userId: 'alice' }, vector: axisVector(0), topK: 2 });
      expect(result.dense).toHaveLength(2);
    });

    it('finds lexical matches by shared words, within the scope, when it has a lexical signal', async () => {
      const match = makeEntry({ memory: 'Loves hiking in the Alps every summer' }, 3);
      const weaker = makeEntry({ memory: 'Went hiking once' }, 4);
      const unrelated = makeEntry({ memory: 'Works as a nurse' }, 5);
      const otherUser = makeEntry({ userId: 'bob', memory: 'Loves hiking in the Alps' }, 3);
      await store.upsert([match, weaker, unrelated, otherUser]);
      await settle();
      const result = await store.query({ scope: { userId: 'alice' }, text: 'hiking in the Alps', topK: 10 });
      if (result.lexical === undefined) return;
      const ids = result.lexical.map((hit) => hit.record.id);
      expect(ids[0]).toBe(match.record.id);
      expect(ids).toContain(weaker.record.id);
      expect(ids).not.toContain(unrelated.record.id);
      expect(ids).not.toContain(otherUser.record.id);
    });

    describe('filters match the in-process evaluator', () => {
      const records: MemoryRecord[] = [];
      const filters: FilterInput[] = [
        { topic: 'food' },
        { topic: { ne: 'food' } },
        { priority: { gt: 2 } },
        { priority: { gte: 2 } },
        { priority: { lt: 2 } },
        { priority: { lte: 2 } },
        { topic: { in: ['food', 'travel'] } },
        { topic: { nin: ['food'] } },
        { tags: { contains: 'urgent' } },
        { title: { contains: 'Trip' } },
        { title: { icontains: 'trip' } },
        { topic: '*' },
        { AND: [{ topic: 'food' }, { priority: { gte: 2 } }] },
        { OR: [{ topic: 'travel' }, { priority: 1 }] },
        { NOT: [{ topic: 'food' }] },
        { done: true },
        { 'metadata.place.city': 'Berlin' },
        { created_at: { gt: '2026-01-01T00:00:00.000Z' } },
        { event_at: '2023-05-08' },
        { eventAt: { ne: '2023-05-08' } },
        { timestamp: { lte: '2023-05-08T12:00' } },
        { eventAt: '*' },
        { topic: "food' OR userId != 'x" },
      ];
      beforeEach(async () => {
        records.length = 0;
        const metadata: Array<Record<string, unknown>> = [
          { topic: 'food', priority: 1, tags: ['urgent', 'home'], title: 'Dinner plans', done: true },
          { topic: 'food', priority: 3, title: 'Trip snacks', place: { city: 'Berlin' } },
          { topic: 'travel', priority: 2, tags: ['later'], title: 'Trip to Japan', done: false },
          { priority: 5, title: 'untitled' },
        ];
        // When the conversation happened: two records have it, one of them on 8 May 2023.
        const eventAt = ['2023-05-08T13:56:00.000Z', '2023-05-07T09:00:00.000Z'];
        const entries = metadata.map((item, index) =>
          makeEntry({ metadata: item, ...(eventAt[index] ? { eventAt: eventAt[index] } : {}) }, index),
        );
        records.push(...entries.map((entry) => entry.record));
        await store.upsert([...entries, makeEntry({ userId: 'bob', metadata: { topic: 'food' } })]);
        await settle();
      });
      for (const filter of filters) {
        it(JSON.stringify(filter), async () => {
          const node = parseFilter(filter)!;
          const expected = records
            .filter((record) => evaluateFilter(node, record))
            .map((record) => record.id)
            .sort();
          const queried = await store.query({
            scope: { userId: 'alice' },
            vector: axisVector(0),
            filter: node,
            topK: 50,
          });
          expect(queried.dense.map((hit) => hit.record.id).sort()).toEqual(expected);
          const listed = await store.list({ scope: { userId: 'alice' }, filter: node });
          expect(listed.records.map((record) => record.id).sort()).toEqual(expected);
        });
      }
    });

    it('patch changes fields and keeps the vector', async () => {
      const entry = makeEntry({}, 2);
      await store.upsert([entry]);
      const patched: MemoryRecord = {
        ...entry.record,
        status: 'invalidated',
        version: 2,
        metadata: { reason: 'moved' },
      };
      await store.patch([patched, { ...entry.record, id: 'not-stored' }]);
      expect(await store.fetch([entry.record.id, 'not-stored'])).toEqual([patched, undefined]);
      await settle();
      const all = await store.query({ scope: { userId: 'alice' }, vector: axisVector(2), topK: 5 });
      expect(all.dense[0]?.record).toEqual(patched);
      expect(all.dense[0]?.score).toBeCloseTo(1, 2);
      const active = await store.query({
        scope: { userId: 'alice' },
        vector: axisVector(2),
        topK: 5,
        filter: { kind: 'compare', field: 'status', operator: 'eq', value: 'active' },
      });
      expect(active.dense).toEqual([]);
    });

    it('upsert replaces a record, including what the lexical signal sees', async () => {
      const entry = makeEntry({ memory: 'Lives in Paris' });
      await store.upsert([entry]);
      await store.upsert([{ ...entry, record: { ...entry.record, memory: 'Lives in Berlin', version: 2 } }]);
      await settle();
      expect((await store.fetch([entry.record.id]))[0]?.memory).toBe('Lives in Berlin');
      const paris = await store.query({ scope: { userId: 'alice' }, text: 'Paris', topK: 5 });
      if (paris.lexical) expect(paris.lexical).toEqual([]);
    });

    it('lists a scope in stable order with a cursor, each record exactly once', async () => {
      const entries = Array.from({ length: 7 }, () => makeEntry());
      await store.upsert([...entries].reverse());
      await store.upsert([makeEntry({ userId: 'bob' })]);
      await settle();
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list({ scope: { userId: 'alice' }, limit: 3, ...(cursor ? { cursor } : {}) });
        expect(page.records.length).toBeLessThanOrEqual(3);
        seen.push(...page.records.map((record) => record.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(entries.map((entry) => entry.record.id));
    });

    it('deletes by id and by scope, and only those', async () => {
      const [first, second, third] = [makeEntry(), makeEntry(), makeEntry({ userId: 'alice', agentId: 'helper' })];
      const bob = makeEntry({ userId: 'bob' });
      await store.upsert([first!, second!, third!, bob]);
      await store.delete([first!.record.id, 'unknown-id']);
      expect(await store.fetch([first!.record.id, second!.record.id])).toEqual([undefined, second!.record]);
      const removed = await store.deleteScope({ userId: 'alice', agentId: 'helper' });
      expect(removed).toEqual([third!.record.id]);
      const removedAlice = await store.deleteScope({ userId: 'alice' });
      expect(removedAlice).toEqual([second!.record.id]);
      expect(await store.fetch([bob.record.id])).toEqual([bob.record]);
      await settle();
      const result = await store.query({ scope: { userId: 'alice' }, vector: axisVector(0), topK: 10 });
      expect(result.dense).toEqual([]);
    });

    it('reset removes everything', async () => {
      const entry = makeEntry();
      await store.upsert([entry, makeEntry({ userId: 'bob' })]);
      await store.reset();
      expect(await store.fetch([entry.record.id])).toEqual([undefined]);
      await settle();
      expect((await store.list({ scope: { userId: 'bob' } })).records).toEqual([]);
    });
  });
}
