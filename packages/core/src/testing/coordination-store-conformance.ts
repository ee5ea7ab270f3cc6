import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from '../runtime/random-uuid.js';
import type { CoordinationStore, HistoryEntry, PendingMutation } from '../spec/coordination-store.js';
import { makeEntry } from './fixtures.js';

export interface CoordinationStoreConformanceOptions {
  teardown?: () => Promise<void>;
}

function historyEntry(memoryId: string, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: randomUUID(),
    memoryId,
    event: 'ADD',
    newMemory: 'Likes tea',
    version: 1,
    actor: 'rules',
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

function mutation(scopeKey: string, history: HistoryEntry[]): PendingMutation {
  const entry = makeEntry();
  return {
    id: randomUUID(),
    scopeKey,
    upserts: [entry],
    patches: [entry.record],
    deletes: ['gone'],
    history,
    createdAt: new Date().toISOString(),
  };
}

const sleep = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * The contract every {@link CoordinationStore} must pass, written once. The factory is called before each test and
 * must return an empty store.
 */
export function describeCoordinationStoreConformance(
  name: string,
  factory: () => CoordinationStore | Promise<CoordinationStore>,
  options: CoordinationStoreConformanceOptions = {},
): void {
  describe(`CoordinationStore conformance: ${name}`, () => {
    let store: CoordinationStore;
    beforeEach(async () => {
      store = await factory();
    });
    if (options.teardown) afterAll(options.teardown);

    it('serialises tasks on one key and releases the lock after a failure', async () => {
      const events: string[] = [];
      const task =
        (label: string, fail = false) =>
        async (): Promise<string> => {
          events.push(`start ${label}`);
          await sleep(20);
          events.push(`end ${label}`);
          if (fail) throw new Error(`task ${label} failed`);
          return label;
        };
      const results = await Promise.allSettled([
        store.withLock('scope-a', task('1')),
        store.withLock('scope-a', task('2', true)),
        store.withLock('scope-a', task('3')),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      for (let index = 0; index < events.length; index += 2) {
        expect(events[index]!.replace('start', 'end')).toBe(events[index + 1]);
      }
    });

    it('does not serialise different keys against each other', async () => {
      let inside = 0;
      let overlapped = false;
      const task = async (): Promise<void> => {
        inside += 1;
        await sleep(30);
        if (inside > 1) overlapped = true;
        inside -= 1;
      };
      await Promise.all([store.withLock('key-1', task), store.withLock('key-2', task)]);
      expect(overlapped).toBe(true);
    });

    it('keeps a mutation pending until completed, then appends its history once', async () => {
      const memoryId = randomUUID();
      const pending = mutation('scope-a', [historyEntry(memoryId)]);
      await store.beginMutation(pending);
      await store.beginMutation(mutation('scope-b', [historyEntry(randomUUID())]));
      expect((await store.pendingMutations('scope-a')).map((item) => item.id)).toEqual([pending.id]);
      expect(await store.pendingMutations()).toHaveLength(2);
      expect((await store.pendingMutations('scope-a'))[0]).toEqual(pending);
      expect(await store.history(memoryId)).toEqual([]);
      await store.completeMutation(pending);
      await store.completeMutation(pending);
      expect(await store.pendingMutations('scope-a')).toEqual([]);
      expect(await store.history(memoryId)).toEqual(pending.history);
    });

    it('keeps history oldest first and purges it on request', async () => {
      const memoryId = randomUUID();
      const entries = [
        historyEntry(memoryId),
        historyEntry(memoryId, { event: 'UPDATE', previousMemory: 'Likes tea', newMemory: 'Likes coffee', version: 2 }),
        historyEntry(memoryId, { event: 'INVALIDATE', previousMemory: 'Likes coffee', version: 3 }),
      ];
      for (const entry of entries) {
        const batch = mutation('scope-a', [entry]);
        await store.beginMutation(batch);
        await store.completeMutation(batch);
      }
      expect(await store.history(memoryId)).toEqual(entries);
      await store.deleteHistory([memoryId]);
      expect(await store.history(memoryId)).toEqual([]);
    });

    it('remembers recent writes per scope key, newest first, with their records, until they expire', async () => {
      const first = makeEntry().record;
      const second = { ...makeEntry().record, memory: 'Lives in Berlin', version: 2 };
      await store.recordRecentWrites(['scope-a', 'scope-ab'], [{ id: first.id, kind: 'write', record: first }], 60_000);
      await sleep(2);
      await store.recordRecentWrites(['scope-a'], [{ id: second.id, kind: 'write', record: second }], 60_000);
      await store.recordRecentWrites(['scope-b'], [{ id: 'other', kind: 'delete' }], 60_000);
      expect((await store.recentWrites('scope-a')).map((write) => write.id)).toEqual([second.id, first.id]);
      expect((await store.recentWrites('scope-a', { limit: 1 })).map((write) => write.id)).toEqual([second.id]);
      expect((await store.recentWrites('scope-a'))[0]).toEqual({ id: second.id, kind: 'write', record: second });
      // A short time to live, read back at once: generous enough for a loaded machine, then checked after expiry.
      await store.recordRecentWrites(['scope-s'], [{ id: 'short', kind: 'write', record: first }], 1_000);
      expect((await store.recentWrites('scope-s')).map((write) => write.id)).toEqual(['short']);
      expect(await store.recentWrites('scope-ab')).toEqual([{ id: first.id, kind: 'write', record: first }]);
      expect(await store.recentWrites('scope-b')).toEqual([{ id: 'other', kind: 'delete' }]);
      expect(await store.recentWrites('scope-c')).toEqual([]);
      await sleep(1_300);
      expect((await store.recentWrites('scope-a')).map((write) => write.id)).toEqual([second.id, first.id]);
      expect(await store.recentWrites('scope-s')).toEqual([]);
    });

    it('a recent write recorded again replaces its entry and becomes the newest; kinds filter', async () => {
      const record = makeEntry().record;
      await store.recordRecentWrites(['s'], [{ id: 'm1', kind: 'write', record }], 60_000);
      await sleep(2);
      await store.recordRecentWrites(['s'], [{ id: 'm2', kind: 'write', record }], 60_000);
      await sleep(2);
      await store.recordRecentWrites(['s'], [{ id: 'm1', kind: 'delete' }], 60_000);
      await sleep(2);
      expect(await store.recentWrites('s')).toEqual([
        { id: 'm1', kind: 'delete' },
        { id: 'm2', kind: 'write', record },
      ]);
      expect(await store.recentWrites('s', { kind: 'delete' })).toEqual([{ id: 'm1', kind: 'delete' }]);
      expect((await store.recentWrites('s', { kind: 'write' })).map((write) => write.id)).toEqual(['m2']);
      await store.recordRecentWrites(['s'], [{ id: 'm1', kind: 'write', record }], 60_000);
      await sleep(2);
      expect(await store.recentWrites('s', { kind: 'delete' })).toEqual([]);
      expect((await store.recentWrites('s')).map((write) => write.id)).toEqual(['m1', 'm2']);
    });

    it('keeps at least the newest 1,000 recent writes of a key, and returns them capped by limit', async () => {
      const record = makeEntry().record;
      const writes = Array.from({ length: 1_100 }, (_, index) => ({ id: `w${index}`, kind: 'write' as const, record }));
      for (let start = 0; start < writes.length; start += 100) {
        await store.recordRecentWrites(['s'], writes.slice(start, start + 100), 60_000);
        await sleep(2);
      }
      // Entries of one call have no order among themselves: the newest 10 all come from the last call.
      const newest = await store.recentWrites('s', { limit: 10 });
      expect(newest).toHaveLength(10);
      for (const write of newest) expect(write.id).toMatch(/^w10\d\d$/);
      const all = await store.recentWrites('s');
      expect(all.length).toBeGreaterThanOrEqual(1_000);
      expect(all.length).toBeLessThanOrEqual(1_100);
      expect(all.map((write) => write.id)).toContain('w1099');
    });

    it('appends and lists chat messages per session, with their data', async () => {
      const createdAt = new Date().toISOString();
      await store.appendMessages('session-1', [
        { role: 'user', content: 'hello', createdAt },
        { role: 'assistant', content: 'hi', createdAt, data: { id: 'msg-2', tool_calls: [] } },
      ]);
      await store.appendMessages('session-1', [{ role: 'user', content: 'again', createdAt }]);
      await store.appendMessages('session-2', [{ role: 'user', content: 'other', createdAt }]);
      expect((await store.listMessages('session-1')).map((message) => message.content)).toEqual([
        'hello',
        'hi',
        'again',
      ]);
      expect((await store.listMessages('session-1'))[1]?.data).toEqual({ id: 'msg-2', tool_calls: [] });
      expect((await store.listMessages('session-1', { limit: 2 })).map((message) => message.content)).toEqual([
        'hi',
        'again',
      ]);
      await store.clearMessages('session-1');
      expect(await store.listMessages('session-1')).toEqual([]);
      expect(await store.listMessages('session-2')).toHaveLength(1);
    });

    it("replaces a session's messages in one step, and an empty list removes them", async () => {
      const createdAt = new Date().toISOString();
      await store.appendMessages('session-1', [
        { role: 'user', content: 'a', createdAt },
        { role: 'user', content: 'b', createdAt },
      ]);
      await store.appendMessages('session-2', [{ role: 'user', content: 'other', createdAt }]);
      await store.replaceMessages('session-1', [
        { role: 'user', content: 'b', createdAt },
        { role: 'assistant', content: 'c', createdAt, data: { edited: true } },
      ]);
      expect(await store.listMessages('session-1')).toEqual([
        { role: 'user', content: 'b', createdAt },
        { role: 'assistant', content: 'c', createdAt, data: { edited: true } },
      ]);
      const many = Array.from({ length: 1_205 }, (_, index) => ({ role: 'user', content: `m${index}`, createdAt }));
      await store.replaceMessages('session-1', many);
      const listed = await store.listMessages('session-1');
      expect(listed).toHaveLength(1_205);
      expect(listed.at(-1)?.content).toBe('m1204');
      await store.replaceMessages('session-1', []);
      expect(await store.listMessages('session-1')).toEqual([]);
      expect(await store.listMessages('session-2')).toHaveLength(1);
    });

    it('reset removes history, pending batches and messages', async () => {
      const memoryId = randomUUID();
      const batch = mutation('scope-a', [historyEntry(memoryId)]);
      await store.beginMutation(batch);
      await store.completeMutation(batch);
      await store.beginMutation(mutation('scope-a', []));
      await store.appendMessages('session-1', [{ role: 'user', content: 'x', createdAt: new Date().toISOString() }]);
      await store.reset();
      expect(await store.history(memoryId)).toEqual([]);
      expect(await store.pendingMutations()).toEqual([]);
      expect(await store.listMessages('session-1')).toEqual([]);
    });
  });
}
