import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createSqliteVectorStore } from '../src/stores/sqlite/index.js';
import { bulkLoad } from './sqlite-store.js';

/** One measured size of the first search on a reopened SQLite store. */
export interface ColdBuildRow {
  memories: number;
  /** `stored terms` (schema 2 rows) or `tokenizing` (rows without terms, as a schema 1 database has them). */
  terms: 'stored terms' | 'tokenizing';
  /** CPU time of the first search (which builds the scope's index) per 10,000 memories: median of the repeats. */
  cpuMsPer10k: number;
  /** CPU time of that first search, in ms (median). */
  cpuMs: number;
}

/**
 * CPU time of the first search of a one-user scope on a fresh connection, which builds the scope's in-process index
 * from SQLite, with stored terms and with them cleared (each repeat clears them again: the first build stores them).
 * CPU time rather than wall time, so the numbers hold on a loaded machine.
 */
export async function measureColdBuild(sizes: number[], repeats: number, report: (row: ColdBuildRow) => void) {
  for (const memories of sizes) {
    const path = mkdtempSync(join(tmpdir(), 'memzero-cold-'));
    try {
      await bulkLoad(path, memories, 1);
      for (const terms of ['tokenizing', 'stored terms'] as const) {
        const samples: number[] = [];
        for (let repeat = 0; repeat < repeats; repeat++) {
          if (terms === 'tokenizing') {
            const database = new DatabaseSync(join(path, 'memzero.db'));
            database.exec('UPDATE memories SET terms = NULL');
            database.close();
          }
          const store = createSqliteVectorStore({ path });
          const before = process.cpuUsage();
          await store.query({ scope: { userId: 'user-0' }, text: 'hiking', topK: 10 });
          const used = process.cpuUsage(before);
          samples.push((used.user + used.system) / 1_000);
          await store.close?.();
        }
        const cpuMs = samples.sort((left, right) => left - right)[Math.floor(samples.length / 2)]!;
        report({ memories, terms, cpuMs, cpuMsPer10k: (cpuMs / memories) * 10_000 });
      }
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  }
}
