import type { CoordinationStore } from '../../spec/coordination-store.js';
import type { VectorStore } from '../../spec/vector-store.js';
import { SqliteDatabase, type SqliteStoreOptions } from './database.js';
import { SqliteCoordinationStore } from './sqlite-coordination-store.js';
import { SqliteVectorStore } from './sqlite-vector-store.js';

export type { SqliteStoreOptions } from './database.js';
export { databaseFileName } from './database.js';

/** The two stores of one SQLite database. */
export interface SqliteStores {
  vectorStore: VectorStore;
  historyStore: CoordinationStore;
}

/**
 * The durable embedded stores: one SQLite database (`memzero.db`, WAL) under `options.path`, through `node:sqlite`
 * (Node ≥ 22.13; no native build). Safe with several processes and `Memory` instances on one path: locks span
 * processes, searches see other processes' commits, nothing is lost on a crash. `new Memory({ path })` uses them.
 * Both stores share one connection; closing both closes it.
 * @throws ConfigurationError when the path is a file, not writable, or holds a database of a newer memzero
 * @throws StoreError when the database file is damaged
 */
export function createSqliteStores(options: SqliteStoreOptions): SqliteStores {
  const database = SqliteDatabase.open(options);
  return { vectorStore: new SqliteVectorStore(database), historyStore: new SqliteCoordinationStore(database) };
}

/** The vector store alone, on its own connection (see {@link createSqliteStores}). */
export function createSqliteVectorStore(options: SqliteStoreOptions): VectorStore {
  return new SqliteVectorStore(SqliteDatabase.open(options));
}

/** The coordination store alone, on its own connection (see {@link createSqliteStores}). */
export function createSqliteCoordinationStore(options: SqliteStoreOptions): CoordinationStore {
  return new SqliteCoordinationStore(SqliteDatabase.open(options));
}
