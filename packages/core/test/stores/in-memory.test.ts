import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInMemoryCoordinationStore, createInMemoryVectorStore } from '../../src/stores/in-memory/index.js';
import { describeCoordinationStoreConformance } from '../../src/testing/coordination-store-conformance.js';
import { describeVectorStoreConformance } from '../../src/testing/vector-store-conformance.js';

describeVectorStoreConformance('in-memory', () => createInMemoryVectorStore());
describeCoordinationStoreConformance('in-memory', () => createInMemoryCoordinationStore());

const directories: string[] = [];
const freshDirectory = (): string => {
  const directory = mkdtempSync(join(tmpdir(), 'memzero-conformance-'));
  directories.push(directory);
  return directory;
};
const removeDirectories = async (): Promise<void> => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
};
describeVectorStoreConformance('in-memory with files', () => createInMemoryVectorStore({ path: freshDirectory() }), {
  teardown: removeDirectories,
});
describeCoordinationStoreConformance(
  'in-memory with files',
  () => createInMemoryCoordinationStore({ path: freshDirectory() }),
  { teardown: removeDirectories },
);
