import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteCoordinationStore } from '../../../src/stores/sqlite/index.js';
import { temporaryDirectories } from './helpers.js';

const directories = temporaryDirectories('memzero-lock-');
afterAll(() => directories.removeAll());

/** Writes a lock row as another holder would have left it. */
function leaveLock(path: string, holder: { host: string; pid: number; expiresInMs: number }): number {
  const expiresAt = Date.now() + holder.expiresInMs;
  const database = new DatabaseSync(join(path, 'memzero.db'));
  database
    .prepare('INSERT OR REPLACE INTO locks (key, owner, host, pid, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run('scope-a', 'someone-else', holder.host, holder.pid, expiresAt);
  database.close();
  return expiresAt;
}

describe('sqlite locks', () => {
  it("are taken over at once when the holder's process on this host is gone", async () => {
    const path = directories.make();
    const store = createSqliteCoordinationStore({ path });
    const { hostname } = await import('node:os');
    // A pid far above any pid_max in use: no such process.
    leaveLock(path, { host: hostname(), pid: 2 ** 30, expiresInMs: 600_000 });
    const started = Date.now();
    expect(await store.withLock('scope-a', async () => 'ran')).toBe('ran');
    expect(Date.now() - started).toBeLessThan(20_000);
    await store.close?.();
  });

  it('wait for a live lease of another host, and take it over once it lapses', async () => {
    const path = directories.make();
    const store = createSqliteCoordinationStore({ path, lockLeaseMs: 400 });
    const expiresAt = leaveLock(path, { host: 'another-container', pid: process.pid, expiresInMs: 500 });
    const startedAt = await store.withLock('scope-a', async () => Date.now());
    expect(startedAt).toBeGreaterThanOrEqual(expiresAt);
    await store.close?.();
  });

  it('are held across connections while the task runs, past several lease lengths', async () => {
    const path = directories.make();
    const first = createSqliteCoordinationStore({ path, lockLeaseMs: 200 });
    const second = createSqliteCoordinationStore({ path, lockLeaseMs: 200 });
    const events: string[] = [];
    const slow = first.withLock('scope-a', async () => {
      events.push('first start');
      await new Promise((resolve) => setTimeout(resolve, 700));
      events.push('first end');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await second.withLock('scope-a', async () => {
      events.push('second');
    });
    await slow;
    expect(events).toEqual(['first start', 'first end', 'second']);
    await first.close?.();
    await second.close?.();
  });
});
