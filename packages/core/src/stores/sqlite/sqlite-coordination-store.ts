import type {
  CoordinationStore,
  HistoryEntry,
  PendingMutation,
  RecentWrite,
  RecentWritesOptions,
  StoredMessage,
} from '../../spec/coordination-store.js';
import type { MemoryRecord } from '../../spec/memory-record.js';
import type { SqliteDatabase } from './database.js';
import { SqliteLocks } from './lock.js';

/** Entries of each kind kept per scope key (the contract asks for at least 1,000). */
const recentCap = 1_000;

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

  async recordRecentWrites(scopeKeys: string[], writes: RecentWrite[], ttlMs: number): Promise<void> {
    if (scopeKeys.length === 0 || writes.length === 0) return;
    const now = Date.now();
    this.recordCalls += 1;
    this.database.write('recordRecentWrites', () => {
      // Expired entries of these keys go now; those of keys nobody writes any more, every 1,000 calls.
      if (this.recordCalls % 1_000 === 0) {
        this.database.prepare('DELETE FROM recent_writes WHERE expires_at <= ?').run(now);
      }
      const expire = this.database.prepare('DELETE FROM recent_writes WHERE scope_key = ? AND expires_at <= ?');
      const insert = this.database.prepare(
        'INSERT OR REPLACE INTO recent_writes (scope_key, memory_id, kind, record, expires_at) VALUES (?, ?, ?, ?, ?)',
      );
      // Only the newest `recentCap` entries of each kind are kept per key.
      const trim = this.database.prepare(
        `DELETE FROM recent_writes WHERE scope_key = ? AND kind = ? AND seq <= (
           SELECT seq FROM recent_writes WHERE scope_key = ? AND kind = ? ORDER BY seq DESC LIMIT 1 OFFSET ${recentCap})`,
      );
      for (const key of scopeKeys) {
        expire.run(key, now);
        for (const write of writes) {
          insert.run(key, write.id, write.kind, write.record ? JSON.stringify(write.record) : null, now + ttlMs);
        }
        for (const kind of new Set(writes.map((write) => write.kind))) trim.run(key, kind, key, kind);
      }
    });
  }

  async recentWrites(scopeKey: string, options: RecentWritesOptions = {}): Promise<RecentWrite[]> {
    const limit = options.limit ?? -1;
    const rows = this.database.run('recentWrites', () =>
      options.kind === undefined
        ? this.database
            .prepare(
              'SELECT memory_id, kind, record FROM recent_writes WHERE scope_key = ? AND expires_at > ? ORDER BY seq DESC LIMIT ?',
            )
            .all(scopeKey, Date.now(), limit)
        : this.database
            .prepare(
              'SELECT memory_id, kind, record FROM recent_writes WHERE scope_key = ? AND kind = ? AND expires_at > ? ORDER BY seq DESC LIMIT ?',
            )
            .all(scopeKey, options.kind, Date.now(), limit),
    ) as Array<{ memory_id: string; kind: RecentWrite['kind']; record: string | null }>;
    return rows.map((row) => ({
      id: row.memory_id,
      kind: row.kind,
      ...(row.record === null ? {} : { record: JSON.parse(row.record) as MemoryRecord }),
    }));
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
