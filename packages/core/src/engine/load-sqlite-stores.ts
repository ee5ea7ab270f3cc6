import { ConfigurationError } from '../errors.js';
import { importAtRunTime } from '../runtime/import-at-run-time.js';
import type { SqliteStoreOptions, SqliteStores } from '../stores/sqlite/index.js';

type SqliteModule = typeof import('../stores/sqlite/index.js');

/** Where the SQLite stores are: next to this file (unbundled), then through the package's own subpath (bundled). */
const specifiers = ['../stores/sqlite/index.js', '@memzero/core/stores/sqlite'];

/**
 * The durable SQLite stores for `path`, loaded on first use.
 * @throws ConfigurationError where `node:sqlite` is missing (edge runtimes, browsers, Node < 22.13), saying what to
 *   use instead; the stores' own ConfigurationError / StoreError for an unusable path or database
 */
export async function loadSqliteStores(options: SqliteStoreOptions): Promise<SqliteStores> {
  let lastError: unknown;
  for (const specifier of specifiers) {
    let module: SqliteModule;
    try {
      module = (await importAtRunTime(specifier)) as SqliteModule;
    } catch (error) {
      lastError = error;
      continue;
    }
    return module.createSqliteStores(options);
  }
  throw new ConfigurationError(
    'path needs the SQLite store, which runs on node:sqlite (Node >= 22.13) and is not available in this runtime or bundle: leave out path to keep memories in memory, or pass a hosted store (vectorStore and historyStore, e.g. Upstash)',
    { cause: lastError },
  );
}
