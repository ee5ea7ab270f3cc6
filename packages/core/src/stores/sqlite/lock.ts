import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { StoreError } from '../../errors.js';
import { KeyedQueue } from '../keyed-queue.js';
import type { SqliteDatabase } from './database.js';

/** How long a task waits for a lock held by a live process before giving up. */
const maxWaitMs = 300_000;

const sleep = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * Per-key locks that hold across processes and across connections in one process: a row in `locks` with a lease,
 * renewed while the task runs. A waiter takes the lock over when the lease lapsed, or at once when the holder ran on
 * the same host (same host name: containers sharing a volume have their own names and pid spaces) and its process is
 * gone, so a crashed writer does not block its scope. Within one connection, tasks on a key queue in process first, so they do not poll.
 */
export class SqliteLocks {
  private readonly owner = randomUUID();
  private readonly host = hostname();
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly database: SqliteDatabase,
    private readonly leaseMs: number,
  ) {}

  withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.queue.run(key, () => this.holding(key, task));
  }

  private async holding<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    const renew = setInterval(() => {
      try {
        this.database
          .prepare('UPDATE locks SET expires_at = ? WHERE key = ? AND owner = ?')
          .run(Date.now() + this.leaseMs, key, this.owner);
      } catch {
        // A failed renewal is retried at the next tick; the lease covers several ticks.
      }
    }, this.leaseMs / 4);
    renew.unref?.();
    try {
      return await task();
    } finally {
      clearInterval(renew);
      this.database.run('withLock', () =>
        this.database.prepare('DELETE FROM locks WHERE key = ? AND owner = ?').run(key, this.owner),
      );
    }
  }

  private async acquire(key: string): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    for (let attempt = 0; ; attempt++) {
      const acquired = this.database.write('withLock', () => {
        const holder = this.database.prepare('SELECT host, pid, expires_at FROM locks WHERE key = ?').get(key) as
          | { host: string; pid: number; expires_at: number }
          | undefined;
        const now = Date.now();
        if (holder && holder.expires_at > now && (holder.host !== this.host || processAlive(holder.pid))) return false;
        this.database
          .prepare('INSERT OR REPLACE INTO locks (key, owner, host, pid, expires_at) VALUES (?, ?, ?, ?, ?)')
          .run(key, this.owner, this.host, process.pid, now + this.leaseMs);
        return true;
      });
      if (acquired) return;
      if (Date.now() > deadline) {
        throw new StoreError('sqlite', 'withLock', `another task held the lock for over ${maxWaitMs} ms`, {
          isRetryable: true,
        });
      }
      await sleep(Math.min(50, 2 + attempt * 2) * (0.5 + Math.random()));
    }
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
