import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Fresh temporary directories, removed by `removeAll`. */
export function temporaryDirectories(prefix = 'memzero-sqlite-'): { make(): string; removeAll(): void } {
  const made: string[] = [];
  return {
    make() {
      const directory = mkdtempSync(join(tmpdir(), prefix));
      made.push(directory);
      return directory;
    },
    removeAll() {
      for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
    },
  };
}
