import { afterAll, describe, expect, it } from 'vitest';
import { Memory } from '../../../src/engine/memory.js';
import type { MemoryRecord } from '../../../src/spec/memory-record.js';
import { temporaryDirectories } from './helpers.js';
import { type Acknowledged, startWriter } from './processes.js';

// The sizes (200 adds + 1,500 updates per writer, 80 kills) with MEMZERO_STRESS=1; smaller in CI.
const stress = process.env.MEMZERO_STRESS === '1';
const directories = temporaryDirectories('memzero-processes-');
afterAll(() => directories.removeAll());

const offline = { llm: { provider: 'rules' }, embedder: { provider: 'lexical' } } as const;

async function allRecords(memory: Memory, userId: string): Promise<Map<string, MemoryRecord>> {
  const records = new Map<string, MemoryRecord>();
  let cursor: string | undefined;
  do {
    const page = await memory.getAll({ userId, limit: 500, ...(cursor ? { cursor } : {}) });
    for (const record of page.results) records.set(record.id, record);
    cursor = page.nextCursor;
  } while (cursor);
  return records;
}

describe('several processes on one path', () => {
  it(
    'two writers with update churn: both see each other, nothing acknowledged is lost, no update is lost',
    async () => {
      const path = directories.make();
      const [adds, updates] = stress ? [200, 1_500] : [40, 150];
      const writers = ['first', 'second'].map((name) => startWriter({ path, name, adds, updates, userId: 'shared' }));
      const exits = await Promise.all(writers.map((writer) => writer.exited));
      for (const exit of exits) expect(exit, exit.stderr).toMatchObject({ code: 0 });
      const acknowledged: Acknowledged[] = writers.flatMap((writer) => writer.acknowledged);
      expect(acknowledged.filter((line) => line.op === 'add')).toHaveLength(2 * adds);
      expect(acknowledged.filter((line) => line.op === 'update')).toHaveLength(2 * updates);

      // Every update read the latest version under the cross-process lock: versions of one memory never repeat.
      const updatesById = new Map<string, Array<{ version: number; text: string }>>();
      for (const line of acknowledged) {
        if (line.op === 'update') updatesById.set(line.id, [...(updatesById.get(line.id) ?? []), line]);
      }
      const updatedByOther = [...updatesById.entries()].filter(([id, list]) => {
        const adder = acknowledged.find((line) => line.op === 'add' && line.id === id)!.text.split(' ')[0];
        return list.some((update) => !update.text.startsWith(adder!));
      });
      expect(updatedByOther.length).toBeGreaterThan(0);

      const reopened = new Memory({ ...offline, path });
      const records = await allRecords(reopened, 'shared');
      expect(records.size).toBe(2 * adds);
      for (const line of acknowledged) {
        if (line.op === 'add') expect(records.has(line.id)).toBe(true);
      }
      for (const [id, list] of updatesById) {
        const versions = list.map((update) => update.version).sort((left, right) => left - right);
        expect(versions).toEqual(versions.map((_, index) => index + 2));
        const last = list.reduce((best, update) => (update.version > best.version ? update : best));
        expect(records.get(id)).toMatchObject({ memory: last.text, version: last.version });
        const history = await reopened.history(id);
        expect(history.map((entry) => entry.version)).toEqual([1, ...versions]);
      }
      // Search sees both writers' memories.
      const found = await reopened.search('first update second update fact', { userId: 'shared', limit: 50 });
      const authors = new Set(found.results.map((hit) => hit.memory.split(' ')[0]));
      expect(authors).toEqual(new Set(['first', 'second']));
      await reopened.close();
    },
    stress ? 600_000 : 120_000,
  );

  it(
    'a writer killed with SIGKILL at random moments loses no acknowledged write, and the next writer goes on',
    async () => {
      const path = directories.make();
      const kills = stress ? 80 : 6;
      const acknowledged: Acknowledged[] = [];
      for (let round = 0; round < kills; round++) {
        const writer = startWriter({ path, name: `round${round}`, adds: -1, updates: 0, userId: 'killed' });
        await writer.acknowledgedAtLeast(1 + Math.floor(Math.random() * 5));
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 60));
        writer.child.kill('SIGKILL');
        const exit = await writer.exited;
        expect(exit.signal, exit.stderr).toBe('SIGKILL');
        acknowledged.push(...writer.acknowledged);
      }
      const reopened = new Memory({ ...offline, path });
      const records = await allRecords(reopened, 'killed');
      for (const line of acknowledged) expect(records.get(line.id)?.memory).toBe(line.text);
      // Nothing is left half-written: every stored memory has its ADD in history or a pending batch completes it.
      await reopened.reconcile();
      for (const id of records.keys()) expect((await reopened.history(id))[0]?.event).toBe('ADD');
      await reopened.close();
    },
    stress ? 900_000 : 120_000,
  );
});

describe('two Memory instances in one process on one path', () => {
  it("the second sees the first's update at once, and its own write builds on it (no lost update)", async () => {
    const path = directories.make();
    const first = new Memory({ ...offline, path });
    const second = new Memory({ ...offline, path });
    const added = await first.add('I live in Oslo', { userId: 'alice' });
    const id = added.results[0]!.id!;
    // First caches the scope's index.
    expect((await first.search('where does alice live', { userId: 'alice' })).results[0]?.memory).toBe('Lives in Oslo');
    await second.update(id, 'Lives in Rome');
    expect((await first.search('where does alice live', { userId: 'alice' })).results[0]?.memory).toBe('Lives in Rome');
    expect((await first.get(id))?.memory).toBe('Lives in Rome');

    const moved = await first.add('I moved to Madrid', { userId: 'alice' });
    expect(moved.results).toEqual([
      expect.objectContaining({ id, event: 'UPDATE', memory: 'Lives in Madrid', previousMemory: 'Lives in Rome' }),
    ]);
    expect((await second.history(id)).map((entry) => [entry.version, entry.newMemory])).toEqual([
      [1, 'Lives in Oslo'],
      [2, 'Lives in Rome'],
      [3, 'Lives in Madrid'],
    ]);
    expect((await second.getAll({ userId: 'alice' })).results.map((record) => record.memory)).toEqual([
      'Lives in Madrid',
    ]);
    await first.close();
    await second.close();
  });

  it('concurrent adds from both instances on one scope are serialised: no duplicate, nothing lost', async () => {
    const path = directories.make();
    const first = new Memory({ ...offline, path });
    const second = new Memory({ ...offline, path });
    const texts = Array.from({ length: 12 }, (_, index) => `I like sport number ${index}`);
    await Promise.all(
      texts.flatMap((text) => [first.add(text, { userId: 'bob' }), second.add(text, { userId: 'bob' })]),
    );
    const all = await allRecords(first, 'bob');
    const memories = [...all.values()].map((record) => record.memory);
    expect(new Set(memories).size).toBe(memories.length);
    expect(memories).toHaveLength(texts.length);
    await first.close();
    await second.close();
  });
});
