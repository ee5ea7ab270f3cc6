import {
  createSqliteCoordinationStore,
  createSqliteStores,
  createSqliteVectorStore,
} from '../../../src/stores/sqlite/index.js';
import { describeCoordinationStoreConformance } from '../../../src/testing/coordination-store-conformance.js';
import { describeVectorStoreConformance } from '../../../src/testing/vector-store-conformance.js';
import { temporaryDirectories } from './helpers.js';

const directories = temporaryDirectories('memzero-conformance-');
const teardown = async (): Promise<void> => directories.removeAll();

describeVectorStoreConformance('sqlite', () => createSqliteVectorStore({ path: directories.make() }), { teardown });
describeCoordinationStoreConformance('sqlite', () => createSqliteCoordinationStore({ path: directories.make() }), {
  teardown,
});

// The same database seen through a second connection: every write of the first must be visible to the second's
// searches (the caches catch up from SQLite before each query).
describeVectorStoreConformance(
  'sqlite, read through a second connection',
  () => {
    const path = directories.make();
    const writer = createSqliteStores({ path }).vectorStore;
    const reader = createSqliteVectorStore({ path });
    return {
      name: 'sqlite-pair',
      upsert: (entries) => writer.upsert(entries),
      patch: (records) => writer.patch(records),
      delete: (ids) => writer.delete(ids),
      deleteScope: (scope) => writer.deleteScope(scope),
      reset: () => writer.reset(),
      fetch: (ids, scope) => reader.fetch(ids, scope),
      query: (request) => reader.query(request),
      list: (request) => reader.list(request),
    };
  },
  { teardown },
);
