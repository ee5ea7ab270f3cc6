import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { ConfigurationError, StoreError } from '../../errors.js';
import { importJournal } from './import-journal.js';
import { migrations, schema, schemaVersion } from './schema.js';

/** Options of the SQLite stores. */
export interface SqliteStoreOptions {
  /** A directory; memzero keeps one database file, `memzero.db` (with its WAL files), inside it. */
  path: string;
  /**
   * When commits reach the disk. `write`: once per engine write, when the coordination store completes its batch
   * (the batch's earlier commits are in the same WAL file and are synced with it), so an acknowledged add, update or
   * delete survives a power loss at one sync per write. `commit`: every commit (SQLite `synchronous = FULL`).
   * `crash`: at checkpoints only (`synchronous = NORMAL`): survives a crash of the process, not of the machine.
   * Every mode survives SIGKILL and never corrupts the database.
   * @default 'write'
   */
  durability?: 'write' | 'commit' | 'crash';
  /** How long a write waits for another connection's write transaction, in milliseconds. @default 10000 */
  busyTimeoutMs?: number;
  /** Lease of a `withLock` lock, renewed while the task runs; a lapsed lease is taken over. @default 30000 */
  lockLeaseMs?: number;
  /** Weight of a record's `context` terms relative to its own in the lexical signal. @default 0.7 */
  contextWeight?: number;
  /** Records held by the per-scope search caches; past it the least recently used scopes are dropped. @default 1000000 */
  cacheSize?: number;
}

/** The database file inside `path`. */
export const databaseFileName = 'memzero.db';

const storeName = 'sqlite';

/**
 * One connection to a memzero database, shared by the vector store and the coordination store of one `Memory`.
 * Every transaction runs synchronously (no `await` inside), so tasks interleaving on the connection never share one.
 */
export class SqliteDatabase {
  private readonly statements = new Map<string, StatementSync>();
  private users = 0;

  private constructor(
    readonly connection: DatabaseSync,
    readonly options: SqliteStoreOptions,
  ) {}

  /**
   * Opens (creating when needed) the database under `options.path`: checks the directory, refuses a database of a
   * newer schema or a file that is not one (without writing anything), switches to WAL, creates the tables, and
   * imports a directory written by the JSON-lines journal of earlier versions once.
   * @throws ConfigurationError when the path is unusable or the database is from a newer version
   * @throws StoreError when the file is damaged or SQLite fails
   */
  static open(options: SqliteStoreOptions): SqliteDatabase {
    const directory = checkDirectory(options.path);
    const file = join(directory, databaseFileName);
    const existing = statSync(file, { throwIfNoEntry: false });
    if (existing && !existing.isFile()) {
      throw new ConfigurationError(`${file} exists and is not a file: move it away or choose another path`);
    }
    let connection: DatabaseSync;
    try {
      connection = new DatabaseSync(file, { timeout: options.busyTimeoutMs ?? 10_000 });
    } catch (error) {
      throw toStoreError('open', error, file);
    }
    const database = new SqliteDatabase(connection, options);
    try {
      database.initialise(file);
    } catch (error) {
      connection.close();
      throw error;
    }
    return database;
  }

  /** A prepared statement, cached per SQL text. */
  prepare(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs `body` in a write transaction (taken at once, so it never fails half-way on a lock upgrade). A `durable`
   * transaction is synced to disk on commit in the `write` durability mode (see {@link SqliteStoreOptions}).
   */
  write<T>(operation: string, body: () => T, durable = false): T {
    const syncThis = durable && (this.options.durability ?? 'write') === 'write';
    return this.run(operation, () => {
      if (syncThis) this.connection.exec('PRAGMA synchronous = FULL');
      try {
        this.connection.exec('BEGIN IMMEDIATE');
        try {
          const result = body();
          this.connection.exec('COMMIT');
          return result;
        } catch (error) {
          if (this.connection.isTransaction) this.connection.exec('ROLLBACK');
          throw error;
        }
      } finally {
        if (syncThis) this.connection.exec('PRAGMA synchronous = NORMAL');
      }
    });
  }

  /** Runs reads, mapping SQLite failures to typed errors. */
  run<T>(operation: string, body: () => T): T {
    try {
      return body();
    } catch (error) {
      throw toStoreError(operation, error);
    }
  }

  /** Changes when another connection (in this process or another) commits. */
  dataVersion(): number {
    return (this.prepare('PRAGMA data_version').get() as { data_version: number }).data_version;
  }

  meta(key: string): string | undefined {
    return (this.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  /** Counts a store using the connection; {@link release} closes it when the last one lets go. */
  retain(): this {
    this.users += 1;
    return this;
  }

  release(): void {
    this.users -= 1;
    if (this.users > 0 || !this.connection.isOpen) return;
    this.statements.clear();
    this.connection.close();
  }

  private initialise(file: string): void {
    const version = this.run('open', () => this.readVersion(file));
    if (version > schemaVersion) {
      throw new ConfigurationError(
        `${file} was written by a newer version of memzero (schema ${version}; this one reads up to ${schemaVersion}): upgrade @memzero/core, or choose another path. The file was not changed.`,
      );
    }
    this.run('open', () => {
      // A memory's row (record JSON and a 2 KiB vector for 512 dimensions) leaves most of a 4 KiB page unused; 16 KiB
      // pages hold five. Only a new, empty database takes a page size (WAL fixes it afterwards).
      if (version === 0) this.connection.exec('PRAGMA page_size = 16384');
      this.connection.exec('PRAGMA journal_mode = WAL');
      this.connection.exec(`PRAGMA synchronous = ${this.options.durability === 'commit' ? 'FULL' : 'NORMAL'}`);
    });
    if (version < schemaVersion) {
      this.write('open', () => {
        const current = this.readVersion(file);
        if (current >= schemaVersion) return;
        // Migrations alter tables an older schema created; a new database gets them from `schema` directly.
        if (current > 0) for (let from = current; from < schemaVersion; from++) this.connection.exec(migrations[from]!);
        this.connection.exec(schema);
        this.connection.exec(`PRAGMA user_version = ${schemaVersion}`);
      });
    }
    importJournal(this, this.options.path);
  }

  private readVersion(file: string): number {
    try {
      return (this.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    } catch (error) {
      throw toStoreError('open', error, file);
    }
  }
}

function checkDirectory(path: unknown): string {
  if (typeof path !== 'string' || path.trim().length === 0) {
    throw new ConfigurationError('path must be a directory path (a non-empty string)');
  }
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats && !stats.isDirectory()) {
    throw new ConfigurationError(
      `path ${path} is a file, not a directory: pass a directory (memzero keeps ${databaseFileName} inside it)`,
    );
  }
  if (!stats) {
    try {
      mkdirSync(path, { recursive: true });
    } catch (error) {
      throw new ConfigurationError(`cannot create the directory ${path}: create it or choose another path`, {
        cause: error,
      });
    }
  }
  return path;
}

/** SQLite's primary result codes that need their own advice. */
const busy = new Set([5, 6]);
const damaged = new Set([11, 26]);
const readOnly = new Set([8, 14, 23]);

/**
 * A typed error for a SQLite failure: what happened and what to do, never the data (SQLite's own message names
 * tables and constraints, not values).
 */
export function toStoreError(operation: string, error: unknown, file?: string): Error {
  if (error instanceof StoreError || error instanceof ConfigurationError) return error;
  const code =
    typeof (error as { errcode?: unknown }).errcode === 'number' ? (error as { errcode: number }).errcode : -1;
  const primary = code & 0xff;
  const where = file ?? 'the memzero database';
  if (busy.has(primary)) {
    return new StoreError(storeName, operation, 'the database is busy (another connection holds a write transaction)', {
      cause: error,
      isRetryable: true,
    });
  }
  if (damaged.has(primary)) {
    return new StoreError(
      storeName,
      operation,
      `${where} is damaged or not a SQLite database: move it away and restore a backup; memzero did not change it`,
      { cause: error },
    );
  }
  if (readOnly.has(primary)) {
    return new ConfigurationError(
      `cannot open ${where} for writing (read-only directory or file, or no permission): make the directory writable or choose another path`,
      { cause: error },
    );
  }
  if (primary === 13) {
    return new StoreError(storeName, operation, 'the disk is full', { cause: error, isRetryable: true });
  }
  return new StoreError(storeName, operation, 'SQLite failed', { cause: error, isRetryable: primary === 10 });
}
