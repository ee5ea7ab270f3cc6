import type { CoordinationStore, HistoryEntry, PendingMutation, StoredMessage } from '../../spec/coordination-store.js';
import type { SqliteDatabase } from './database.js';
import { SqliteLocks } from './lock.js';

/** Vectors in the outbox are kept as base64 Float64 (exact, and half the size of JSON numbers). */
interface StoredMutation extends Omit<PendingMutation, 'upserts'> {
  upserts: Array<{ record: PendingMutation['upserts'][number]['record']; vector: string }>;
}

/**
 * The coordination store on SQLite: history, the outbox, recent writes and chat messages in tables of the same
 * database as the vector store, and `withLock` through {@link SqliteLocks}, so every guarantee holds across the
 * processes and `Memory` instances that share a path.
 */
export class SqliteCoordinationStore implements CoordinationStore {
  readonly name = 'sqlite';
  private readonly locks: SqliteLocks;
  private recordCalls = 0;

  constructor(private readonly database: SqliteDatabase) {
    database.retain();
    this.locks = new SqliteLocks(database, database.options.lockLeaseMs ?? 30_000);
  }

  withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.locks.withLock(key, task);
  }

  async beginMutation(mutation: PendingMutation): Promise<void> {
    this.database.write('beginMutation', () => {
      this.database
        .prepare('INSERT OR IGNORE INTO pending (id, scope_key, body) VALUES (?, ?, ?)')
        .run(mutation.id, mutation.scopeKey, JSON.stringify(encodeMutation(mutation)));
    });
  }

  async completeMutation(mutation: PendingMutation): Promise<void> {
    this.database.write(
      'completeMutation',
      () => {
        const removed = this.database.prepare('DELETE FROM pending WHERE id = ?').run(mutation.id);
        if (Number(removed.changes) === 0) return;
        const insert = this.database.prepare('INSERT OR IGNORE INTO history (id, memory_id, body) VALUES (?, ?, ?)');
        for (const entry of mutation.history) insert.run(entry.id, entry.memoryId, JSON.stringify(entry));
      },
      true,
    );
  }

  async pendingMutations(scopeKey?: string): Promise<PendingMutation[]> {
    const rows = this.database.run('pendingMutations', () =>
      scopeKey === undefined
        ? this.database.prepare('SELECT body FROM pending ORDER BY seq').all()
        : this.database.prepare('SELECT body FROM pending WHERE scope_key = ? ORDER BY seq').all(scopeKey),
    ) as Array<{ body: string }>;
    return rows.map((row) => decodeMutation(JSON.parse(row.body) as StoredMutation));
  }

  async history(memoryId: string): Promise<HistoryEntry[]> {
    const rows = this.database.run('history', () =>
      this.database.prepare('SELECT body FROM history WHERE memory_id = ? ORDER BY seq').all(memoryId),
    ) as Array<{ body: string }>;
    return rows.map((row) => JSON.parse(row.body) as HistoryEntry);
  }

  async deleteHistory(memoryIds: string[]): Promise<void> {
    if (memoryIds.length === 0) return;
    this.database.write(
      'deleteHistory',
      () => {
        const remove = this.database.prepare('DELETE FROM history WHERE memory_id = ?');
        for (const id of memoryIds) remove.run(id);
      },
      true,
    );
  }

  async recordRecentWrites(scopeKey: string, ids: string[], ttlMs: number): Promise<void> {
    if (ids.length === 0) return;
    const now = Date.now();
    this.recordCalls += 1;
    this.database.write('recordRecentWrites', () => {
      // Expired entries of this scope go now; those of scopes nobody writes any more, every 1,000 calls.
      if (this.recordCalls % 1_000 === 0)
        this.database.prepare('DELETE FROM recent_writes WHERE expires_at <= ?').run(now);
      else
        this.database.prepare('DELETE FROM recent_writes WHERE scope_key = ? AND expires_at <= ?').run(scopeKey, now);
      const insert = this.database.prepare(
        'INSERT INTO recent_writes (scope_key, memory_id, expires_at) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET expires_at = excluded.expires_at',
      );
      for (const id of ids) insert.run(scopeKey, id, now + ttlMs);
    });
  }

  async recentWrites(scopeKey: string): Promise<string[]> {
    const rows = this.database.run('recentWrites', () =>
      this.database
        .prepare('SELECT memory_id FROM recent_writes WHERE scope_key = ? AND expires_at > ?')
        .all(scopeKey, Date.now()),
    ) as Array<{ memory_id: string }>;
    return rows.map((row) => row.memory_id);
  }

  async forgetRecentWrites(scopeKey: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    this.database.write('forgetRecentWrites', () => {
      const remove = this.database.prepare('DELETE FROM recent_writes WHERE scope_key = ? AND memory_id = ?');
      for (const id of ids) remove.run(scopeKey, id);
    });
  }

  async appendMessages(sessionKey: string, messages: StoredMessage[]): Promise<void> {
    if (messages.length === 0) return;
    this.database.write('appendMessages', () => this.insertMessages(sessionKey, messages), true);
  }

  async listMessages(sessionKey: string, options: { limit?: number } = {}): Promise<StoredMessage[]> {
    const rows = this.database.run('listMessages', () =>
      options.limit === undefined
        ? this.database.prepare('SELECT body FROM messages WHERE session_key = ? ORDER BY seq').all(sessionKey)
        : this.database
            .prepare(
              'SELECT body FROM (SELECT seq, body FROM messages WHERE session_key = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
            )
            .all(sessionKey, options.limit),
    ) as Array<{ body: string }>;
    return rows.map((row) => JSON.parse(row.body) as StoredMessage);
  }

  async clearMessages(sessionKey: string): Promise<void> {
    this.database.write(
      'clearMessages',
      () => {
        this.database.prepare('DELETE FROM messages WHERE session_key = ?').run(sessionKey);
      },
      true,
    );
  }

  async replaceMessages(sessionKey: string, messages: StoredMessage[]): Promise<void> {
    this.database.write(
      'replaceMessages',
      () => {
        this.database.prepare('DELETE FROM messages WHERE session_key = ?').run(sessionKey);
        this.insertMessages(sessionKey, messages);
      },
      true,
    );
  }

  async reset(): Promise<void> {
    this.database.write(
      'reset',
      () => {
        this.database.connection.exec(
          'DELETE FROM pending; DELETE FROM history; DELETE FROM recent_writes; DELETE FROM messages;',
        );
      },
      true,
    );
  }

  async close(): Promise<void> {
    this.database.release();
  }

  private insertMessages(sessionKey: string, messages: StoredMessage[]): void {
    const insert = this.database.prepare('INSERT INTO messages (session_key, body) VALUES (?, ?)');
    for (const message of messages) insert.run(sessionKey, JSON.stringify(message));
  }
}

function encodeMutation(mutation: PendingMutation): StoredMutation {
  return {
    ...mutation,
    upserts: mutation.upserts.map((entry) => ({
      record: entry.record,
      vector: Buffer.from(Float64Array.from(entry.vector).buffer).toString('base64'),
    })),
  };
}

function decodeMutation(stored: StoredMutation): PendingMutation {
  return {
    ...stored,
    upserts: stored.upserts.map((entry) => {
      const bytes = new Uint8Array(Buffer.from(entry.vector, 'base64'));
      return { record: entry.record, vector: Array.from(new Float64Array(bytes.buffer)) };
    }),
  };
}
