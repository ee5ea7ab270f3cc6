import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLexicalEmbedder } from '../../../src/embedders/lexical-embedder.js';
import { Memory } from '../../../src/engine/memory.js';
import { StoreError } from '../../../src/errors.js';
import type { HistoryEntry, PendingMutation } from '../../../src/spec/coordination-store.js';
import type { MemoryRecord } from '../../../src/spec/memory-record.js';
import { makeRecord } from '../../../src/testing/fixtures.js';
import { temporaryDirectories } from './helpers.js';

const directories = temporaryDirectories('memzero-journal-');
afterAll(() => directories.removeAll());
const offline = { llm: { provider: 'rules' }, embedder: { provider: 'lexical' } } as const;

/** A vector as the journal wrote it: unit-length Float32, base64. */
async function journalVector(text: string): Promise<string> {
  const [vector] = (await createLexicalEmbedder().embed({ texts: [text], purpose: 'document' } as never)).embeddings;
  return Buffer.from(Float32Array.from(vector!).buffer).toString('base64');
}

const lines = (items: unknown[], cut = ''): string =>
  `${items.map((operation, index) => JSON.stringify({ sequence: index + 11, operation })).join('\n')}\n${cut}`;

function historyOf(record: MemoryRecord, event: HistoryEntry['event'], previous?: string): HistoryEntry {
  return {
    id: `history-${record.id}-${record.version}`,
    memoryId: record.id,
    event,
    ...(previous ? { previousMemory: previous } : {}),
    newMemory: record.memory,
    version: record.version,
    actor: 'application',
    createdAt: record.updatedAt,
  };
}

/** Writes a directory the way memzero 0.1's JSON-lines journal did: snapshots, logs, a last line cut by a crash. */
async function writeJournal(
  path: string,
): Promise<{ kept: MemoryRecord[]; deleted: MemoryRecord; pending: PendingMutation }> {
  const tea = makeRecord({ memory: 'Likes green tea' });
  const lyon = makeRecord({ memory: 'Lives in Lyon' });
  const gone = makeRecord({ memory: 'Has a cat' });
  const bob = makeRecord({ userId: 'bob', memory: 'Plays chess' });
  const berlin = { ...lyon, memory: 'Lives in Berlin', version: 2, updatedAt: '2026-02-01T00:00:00.000Z' };
  const invalidated = { ...tea, status: 'invalidated' as const, version: 2 };
  writeFileSync(
    join(path, 'vectors.snapshot.json'),
    JSON.stringify({
      sequence: 10,
      state: await Promise.all(
        [tea, lyon, gone].map(async (record) => ({ record, vector: await journalVector(record.memory) })),
      ),
    }),
  );
  writeFileSync(
    join(path, 'vectors.log'),
    lines(
      [
        { kind: 'upsert', record: berlin, vector: await journalVector(berlin.memory) },
        { kind: 'upsert', record: bob, vector: await journalVector(bob.memory) },
        { kind: 'patch', record: invalidated },
        { kind: 'delete', ids: [gone.id] },
      ],
      '{"sequence":99,"operation":{"kind":"upse',
    ),
  );
  const pending: PendingMutation = {
    id: 'pending-1',
    scopeKey: 'alice|-|-|-',
    upserts: [],
    patches: [invalidated],
    deletes: [],
    history: [],
    createdAt: '2026-02-02T00:00:00.000Z',
  };
  writeFileSync(
    join(path, 'coordination.snapshot.json'),
    JSON.stringify({
      sequence: 10,
      state: {
        pending: [],
        history: [historyOf(tea, 'ADD'), historyOf(lyon, 'ADD'), historyOf(gone, 'ADD')],
        messages: [
          { sessionKey: 'session:chat-1', message: { role: 'user', content: 'hello', createdAt: tea.createdAt } },
        ],
      },
    }),
  );
  const update: PendingMutation = {
    ...pending,
    id: 'update-1',
    patches: [],
    history: [historyOf(berlin, 'UPDATE', 'Lives in Lyon')],
  };
  writeFileSync(
    join(path, 'coordination.log'),
    lines([
      { kind: 'begin', mutation: update },
      { kind: 'complete', mutation: update },
      { kind: 'begin', mutation: pending },
      {
        kind: 'appendMessages',
        sessionKey: 'session:chat-1',
        messages: [{ role: 'assistant', content: 'hi', createdAt: tea.createdAt }],
      },
      { kind: 'deleteHistory', memoryIds: [gone.id] },
    ]),
  );
  return { kept: [berlin, invalidated, bob], deleted: gone, pending };
}

describe('a directory written by the JSON-lines journal', () => {
  it('is imported once on first open: memories, vectors, history, the outbox and messages', async () => {
    const path = directories.make();
    const { kept, deleted, pending } = await writeJournal(path);
    const [berlin, invalidated, bob] = kept as [MemoryRecord, MemoryRecord, MemoryRecord];
    const journalFiles = readdirSync(path).sort();
    const memory = new Memory({ ...offline, path });
    expect(await memory.get(berlin.id)).toEqual(berlin);
    expect(await memory.get(invalidated.id)).toEqual(invalidated);
    expect(await memory.get(deleted.id)).toBeNull();
    expect((await memory.getAll({ userId: 'alice' })).results.map((record) => record.memory)).toEqual([
      'Lives in Berlin',
    ]);
    expect((await memory.search('where does she live? Berlin', { userId: 'alice' })).results[0]?.id).toBe(berlin.id);
    expect((await memory.search('chess', { userId: 'bob' })).results[0]?.id).toBe(bob.id);
    expect((await memory.history(berlin.id)).map((entry) => entry.event)).toEqual(['ADD', 'UPDATE']);
    expect(await memory.history(deleted.id)).toEqual([]);
    expect((await memory.messages.list('chat-1')).map((message) => message.content)).toEqual(['hello', 'hi']);
    // The batch left pending by the journal is still there to complete.
    expect(await memory.reconcile()).toBe(1);
    expect(await memory.reconcile()).toBe(0);
    expect(await memory.get(invalidated.id)).toEqual(pending.patches[0]);
    await memory.add('I like rooibos', { userId: 'alice' });
    await memory.close();

    // Not imported twice; the journal files are left as they were.
    const again = new Memory({ ...offline, path });
    expect((await again.history(berlin.id)).map((entry) => entry.event)).toEqual(['ADD', 'UPDATE']);
    expect((await again.messages.list('chat-1')).map((message) => message.content)).toEqual(['hello', 'hi']);
    expect((await again.getAll({ userId: 'alice' })).results.map((record) => record.memory)).toEqual([
      'Lives in Berlin',
      'Likes rooibos',
    ]);
    await again.close();
    expect(
      readdirSync(path)
        .filter((file) => !file.startsWith('memzero.db'))
        .sort(),
    ).toEqual(journalFiles);
  });

  it('with a damaged line before the last is refused with a StoreError, and nothing is imported', async () => {
    const path = directories.make();
    await writeJournal(path);
    const log = readFileSync(join(path, 'vectors.log'), 'utf8').split('\n');
    log[1] = log[1]!.slice(0, 40);
    writeFileSync(join(path, 'vectors.log'), log.join('\n'));
    const digests = () =>
      readdirSync(path)
        .filter((file) => !file.startsWith('memzero.db'))
        .map((file) =>
          createHash('sha256')
            .update(readFileSync(join(path, file)))
            .digest('hex'),
        );
    const before = digests();
    const memory = new Memory({ ...offline, path });
    const error = await memory.getAll({ userId: 'alice' }).catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/line 2 of .*vectors\.log is damaged.*nothing was imported/);
    expect(JSON.stringify(error)).not.toMatch(/Lyon|Berlin|chess/);
    expect(digests()).toEqual(before);
  });
});
