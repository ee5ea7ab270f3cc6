import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { Memory } from '../../../src/engine/memory.js';
import { ConfigurationError, StoreError } from '../../../src/errors.js';
import { createSqliteStores } from '../../../src/stores/sqlite/index.js';
import { temporaryDirectories } from './helpers.js';
import { runProbe } from './processes.js';

const directories = temporaryDirectories('memzero-bad-input-');
afterAll(() => directories.removeAll());
const offline = { llm: { provider: 'rules' }, embedder: { provider: 'lexical' } } as const;
const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

async function openError(path: string): Promise<unknown> {
  const memory = new Memory({ ...offline, path });
  return memory.add('I live in Oslo', { userId: 'alice' }).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('bad paths and databases: a typed error that says what to do, nothing overwritten', () => {
  it('a path that is a file', async () => {
    const file = join(directories.make(), 'notes.txt');
    writeFileSync(file, 'my notes');
    const error = await openError(file);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/is a file, not a directory: pass a directory/);
    expect(readFileSync(file, 'utf8')).toBe('my notes');
  });

  it('a database written by a newer memzero', async () => {
    const path = directories.make();
    const file = join(path, 'memzero.db');
    const newer = new DatabaseSync(file);
    newer.exec('CREATE TABLE future (x); INSERT INTO future VALUES (1); PRAGMA user_version = 7;');
    newer.close();
    const before = digest(file);
    const error = await openError(path);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/newer version of memzero \(schema 7.*upgrade @memzero\/core/);
    expect(digest(file)).toBe(before);
    expect(readdirSync(path)).toEqual(['memzero.db']);
  });

  it('a damaged file', async () => {
    const path = directories.make();
    const file = join(path, 'memzero.db');
    writeFileSync(file, Buffer.alloc(8_192, 'not a database '));
    const error = await openError(path);
    expect(StoreError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'store_call', isRetryable: false });
    expect((error as Error).message).toMatch(/damaged or not a SQLite database: move it away and restore a backup/);
    expect(readFileSync(file).equals(Buffer.alloc(8_192, 'not a database '))).toBe(true);
    expect(readdirSync(path)).toEqual(['memzero.db']);
  });

  it('a read-only directory, with and without a database in it', async () => {
    const existing = directories.make();
    const stores = createSqliteStores({ path: existing });
    await stores.vectorStore.close?.();
    await stores.historyStore.close?.();
    const before = digest(join(existing, 'memzero.db'));
    const empty = directories.make();
    const missing = join(empty, 'sub');
    for (const directory of [existing, empty]) chmodSync(directory, 0o555);
    chmodSync(join(existing, 'memzero.db'), 0o444);
    try {
      // Root ignores permissions: the probe then runs as `nobody`.
      const uid = process.getuid?.() === 0 ? 65_534 : undefined;
      const reports = await Promise.all([existing, empty, missing].map((path) => runProbe({ path }, uid)));
      for (const report of reports) {
        expect(report.error, JSON.stringify(report)).toMatchObject({
          name: 'ConfigurationError',
          code: 'configuration',
        });
        expect((report.error as { message: string }).message).toMatch(/writable|create it or choose another path/);
      }
    } finally {
      for (const directory of [existing, empty]) chmodSync(directory, 0o755);
    }
    expect(digest(join(existing, 'memzero.db'))).toBe(before);
    expect(existsSync(missing)).toBe(false);
  }, 60_000);

  it('where node:sqlite is missing, path is a ConfigurationError and the in-memory store still works', async () => {
    const path = join(directories.make(), 'db');
    const report = await runProbe({ path, withoutSqlite: true });
    expect(report.error).toMatchObject({ name: 'ConfigurationError', code: 'configuration' });
    expect((report.error as { message: string }).message).toMatch(/node:sqlite .*leave out path/);
    expect(report.inMemory).toEqual(['Lives in Oslo']);
    expect(existsSync(path)).toBe(false);
  }, 60_000);

  it('a directory in place of the database file', async () => {
    const path = directories.make();
    mkdirSync(join(path, 'memzero.db'));
    const error = await openError(path);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/is not a file: move it away/);
  });
});
