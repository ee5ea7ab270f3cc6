import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { newRecord } from '../../../src/engine/record-factory.js';
import { decodeTermCounts, encodeTermCounts, termCountsOf } from '../../../src/search/term-counts.js';
import { createSqliteVectorStore } from '../../../src/stores/sqlite/index.js';
import { temporaryDirectories } from './helpers.js';

const directories = temporaryDirectories('memzero-terms-');
afterAll(() => directories.removeAll());

const words = [
  'hiking',
  'hikes',
  'Zoë',
  'ＦＵＬＬ',
  'café',
  'the',
  'oslo',
  '🔴',
  "user's",
  'running',
  '42',
  'ﬁsh',
  'fish',
];
const sentence = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 8 }).map((parts) => parts.join(' '));
const scope = { userId: 'alice' };

/** Lexical hits of a query on a fresh connection to `path` (so the scope index is built from the database). */
async function lexical(path: string, text: string): Promise<Array<[string, number]>> {
  const store = createSqliteVectorStore({ path });
  try {
    const result = await store.query({ scope, text, topK: 50 });
    return (result.lexical ?? []).map((hit) => [hit.record.memory, hit.score]);
  } finally {
    await store.close?.();
  }
}

function raw(path: string, body: (database: DatabaseSync) => void): void {
  const database = new DatabaseSync(join(path, 'memzero.db'));
  try {
    body(database);
  } finally {
    database.close();
  }
}

async function fill(path: string, texts: Array<[string, string]>): Promise<void> {
  const store = createSqliteVectorStore({ path });
  await store.upsert(
    texts.map(([text, context], index) => {
      const record = newRecord(
        text,
        `hash-${index}`,
        { scope, metadata: {}, memoryType: 'semantic_memory' },
        new Date(index),
      );
      if (context) record.context = context;
      return { record, vector: [1, index % 7, 0.5] };
    }),
  );
  await store.close?.();
}

describe('stored lexical terms (the scope index is rebuilt without tokenizing)', () => {
  it('encodes and decodes any text’s term counts unchanged, and rejects what it did not write', () => {
    fc.assert(
      fc.property(sentence, fc.option(sentence, { nil: undefined }), (text, context) => {
        const counts = termCountsOf(text, context);
        expect(decodeTermCounts(encodeTermCounts(counts))).toEqual(counts);
      }),
    );
    expect(decodeTermCounts('["memory",1,0]')).toBeUndefined();
    expect(decodeTermCounts('a b\t1 0 2')).toBeUndefined();
    expect(decodeTermCounts('a\tx 0')).toBeUndefined();
  });

  it('a rebuild from stored terms scores exactly like one that tokenizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(sentence, sentence), { minLength: 1, maxLength: 12 }),
        sentence,
        async (texts, query) => {
          const path = directories.make();
          await fill(path, texts);
          const stored = await lexical(path, query);
          raw(path, (database) => database.exec('UPDATE memories SET terms = NULL'));
          expect(await lexical(path, query)).toEqual(stored);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('a schema 1 database gets the column, the same results, and its terms stored by the first build', async () => {
    const path = directories.make();
    await fill(path, [
      ['I love hiking in Oslo', 'we talked about running'],
      ['Zoë runs every morning', ''],
      ['Dinner at the café', 'she hikes on weekends'],
    ]);
    const before = await lexical(path, 'hiking zoë café');
    expect(before.length).toBe(3);
    raw(path, (database) =>
      database.exec(
        'DROP TRIGGER memories_stale_terms; ALTER TABLE memories DROP COLUMN terms; PRAGMA user_version = 1;',
      ),
    );
    expect(await lexical(path, 'hiking zoë café')).toEqual(before);
    raw(path, (database) => {
      expect(database.prepare('PRAGMA user_version').get()).toEqual({ user_version: 2 });
      expect(database.prepare('SELECT count(*) AS missing FROM memories WHERE terms IS NULL').get()).toEqual({
        missing: 0,
      });
    });
    expect(await lexical(path, 'hiking zoë café')).toEqual(before);
  });

  it('a record changed by a writer that does not know the column is searched by its new text', async () => {
    const path = directories.make();
    await fill(path, [['I live in Oslo', 'near the fjord']]);
    expect((await lexical(path, 'oslo')).length).toBe(1);
    // What memzero before schema 2 does on an update: the record changes, the terms column is not named.
    raw(path, (database) =>
      database.exec(`UPDATE memories SET record = json_set(record, '$.memory', 'I live in Rome')`),
    );
    expect(await lexical(path, 'oslo')).toEqual([]);
    expect((await lexical(path, 'rome')).map(([memory]) => memory)).toEqual(['I live in Rome']);
    // A context-only change of the same kind.
    raw(path, (database) =>
      database.exec(`UPDATE memories SET record = json_set(record, '$.context', 'by the colosseum')`),
    );
    expect(await lexical(path, 'fjord')).toEqual([]);
    expect((await lexical(path, 'colosseum')).length).toBe(1);
  });
});
