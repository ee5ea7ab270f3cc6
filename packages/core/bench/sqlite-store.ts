import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLexicalEmbedder } from '../src/embedders/lexical-embedder.js';
import { Memory } from '../src/engine/memory.js';
import type { MemoryConfig } from '../src/engine/memory-config.js';
import { contentHash } from '../src/engine/normalize.js';
import { newRecord } from '../src/engine/record-factory.js';
import { scopeKey } from '../src/engine/scope.js';
import type { HistoryEntry } from '../src/spec/coordination-store.js';
import { createSqliteStores } from '../src/stores/sqlite/index.js';
import { syntheticFact, words } from './search-latency.js';

/** One measured layout of the durable store. */
export interface SqliteRow {
  memories: number;
  layout: string;
  /** Filled through the stores in batches of 2,000 (`bulk`) or through `Memory.add` in batches of 200. */
  loader: 'engine' | 'bulk';
  insertPerSecond: number;
  bytesPerMemory: number;
  openMs: number;
  firstSearchMs: number;
  p50: number;
  p95: number;
  cpuMsPerSearch: number;
  rssMb: number;
  walkSeconds?: number;
}

const offline: MemoryConfig = { llm: { provider: 'rules' }, embedder: { provider: 'lexical' } };

/** Adds `count` memories (`infer: false`, at most 200 per call), spread evenly over `users` users. */
async function fill(memory: Memory, count: number, users: number): Promise<number> {
  const started = performance.now();
  const perUser = count / users;
  if (!Number.isInteger(perUser)) throw new Error(`${count} memories do not spread evenly over ${users} users`);
  for (let user = 0; user < users; user++) {
    for (let start = 0; start < perUser; start += 200) {
      const end = Math.min(perUser, start + 200);
      const messages = [];
      for (let index = start; index < end; index++) {
        messages.push({ role: 'user' as const, content: syntheticFact(user * perUser + index) });
      }
      if (messages.length > 0) await memory.add(messages, { userId: `user-${user}`, infer: false });
    }
  }
  return (count / (performance.now() - started)) * 1_000;
}

/**
 * The same memories as {@link fill} (text, neighbours as context, ADD history), written through the stores in
 * batches of 2,000 instead of the engine: how the 1M databases are built in reasonable time.
 */
export async function bulkLoad(path: string, count: number, users: number): Promise<number> {
  const started = performance.now();
  const { vectorStore, historyStore } = createSqliteStores({ path });
  const embedder = createLexicalEmbedder();
  const perUser = count / users;
  let clock = Date.UTC(2026, 0, 1);
  for (let user = 0; user < users; user++) {
    const scope = { userId: `user-${user}` };
    for (let start = 0; start < perUser; start += 2_000) {
      const texts: string[] = [];
      for (let index = start; index < Math.min(perUser, start + 2_000); index++) {
        texts.push(syntheticFact(user * perUser + index));
      }
      const { embeddings } = await embedder.embed({ texts, purpose: 'document' } as never);
      const upserts = texts.map((text, index) => {
        const record = newRecord(
          text,
          contentHash(text),
          { scope, metadata: {}, memoryType: 'semantic_memory' },
          new Date(clock++),
        );
        const neighbours = [...texts.slice(Math.max(0, index - 2), index), ...texts.slice(index + 1, index + 3)];
        if (neighbours.length > 0) record.context = neighbours.join('\n');
        return { record, vector: embeddings[index]! };
      });
      const history: HistoryEntry[] = upserts.map(({ record }) => ({
        id: crypto.randomUUID(),
        memoryId: record.id,
        event: 'ADD',
        newMemory: record.memory,
        version: 1,
        actor: 'application',
        createdAt: record.createdAt,
        scope,
      }));
      // The outbox entry carries the history only: this loader has no crash to recover from.
      const mutation = {
        id: crypto.randomUUID(),
        scopeKey: scopeKey(scope),
        upserts: [],
        patches: [],
        deletes: [],
        history,
        createdAt: new Date(clock).toISOString(),
      };
      await historyStore.beginMutation(mutation);
      await vectorStore.upsert(upserts);
      await historyStore.completeMutation(mutation);
    }
  }
  await vectorStore.close?.();
  await historyStore.close?.();
  return (count / (performance.now() - started)) * 1_000;
}

function bytesOnDisk(path: string): number {
  return readdirSync(path).reduce((total, file) => total + statSync(join(path, file)).size, 0);
}

async function searchTimings(
  memory: Memory,
  users: number,
  queries: number,
): Promise<{ p50: number; p95: number; cpu: number }> {
  const timings: number[] = [];
  let cpu = 0;
  for (let index = 0; index < queries + 20; index++) {
    const query = `does the user like ${words[index % words.length]} or ${words[(index * 13) % words.length]}?`;
    const userId = `user-${(index * 7_919) % users}`;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await memory.search(query, { userId, limit: 10 });
    const elapsed = performance.now() - started;
    const cpuUsed = process.cpuUsage(cpuBefore);
    if (index >= 20) {
      timings.push(elapsed);
      cpu += (cpuUsed.user + cpuUsed.system) / 1_000;
    }
  }
  timings.sort((left, right) => left - right);
  return {
    p50: timings[Math.floor(timings.length * 0.5)]!,
    p95: timings[Math.floor(timings.length * 0.95)]!,
    cpu: cpu / queries,
  };
}

/**
 * The durable store through the whole engine: fill (insert/s), close, reopen (open time, bytes on disk), search
 * latency with CPU time (the first search of a scope builds its in-process index, reported apart), and, for one
 * scope, a full `getAll` walk at 100 per page.
 */
export async function measureSqliteStore(
  sizes: number[],
  layouts: Array<{ name: string; users: number }>,
  onRow: (row: SqliteRow) => void,
  options: { bulkFrom?: number; queries?: number } = {},
): Promise<void> {
  const queries = options.queries ?? 200;
  for (const size of sizes) {
    for (const layout of layouts) {
      const path = mkdtempSync(join(tmpdir(), 'memzero-bench-sqlite-'));
      try {
        let insertPerSecond: number;
        if (size >= (options.bulkFrom ?? Number.POSITIVE_INFINITY)) {
          insertPerSecond = await bulkLoad(path, size, layout.users);
        } else {
          const writer = new Memory({ ...offline, path });
          insertPerSecond = await fill(writer, size, layout.users);
          await writer.close();
        }

        let started = performance.now();
        const memory = new Memory({ ...offline, path });
        await memory.getAll({ userId: 'user-0', limit: 1 });
        const openMs = performance.now() - started;
        started = performance.now();
        await memory.search('warm up', { userId: 'user-0', limit: 10 });
        const firstSearchMs = performance.now() - started;
        // Steady state: the queried scopes' indexes are built by a first pass (one user's was built above).
        if (layout.users > 1) await searchTimings(memory, layout.users, queries);
        const timings = await searchTimings(memory, layout.users, size >= 1_000_000 ? 50 : queries);
        const row: SqliteRow = {
          memories: size,
          layout: layout.name,
          loader: size >= (options.bulkFrom ?? Number.POSITIVE_INFINITY) ? 'bulk' : 'engine',
          insertPerSecond,
          bytesPerMemory: bytesOnDisk(path) / size,
          openMs,
          firstSearchMs,
          p50: timings.p50,
          p95: timings.p95,
          cpuMsPerSearch: timings.cpu,
          rssMb: process.memoryUsage().rss / 2 ** 20,
        };
        if (layout.users === 1) {
          started = performance.now();
          let cursor: string | undefined;
          let seen = 0;
          do {
            const page = await memory.getAll({ userId: 'user-0', limit: 100, ...(cursor ? { cursor } : {}) });
            seen += page.results.length;
            cursor = page.nextCursor;
          } while (cursor);
          if (seen !== size) throw new Error(`getAll walk saw ${seen} of ${size}`);
          row.walkSeconds = (performance.now() - started) / 1_000;
        }
        await memory.close();
        onRow(row);
      } finally {
        rmSync(path, { recursive: true, force: true });
      }
    }
  }
}

/**
 * Whether search cost follows the scope: CPU time of a search in a 50-memory scope when the store holds 2,000 such
 * scopes (100k memories) and 10,000 (500k). In memory the engine fills the store; SQLite is loaded through its stores.
 */
export async function measureScopeIsolation(
  store: 'in-memory' | 'sqlite',
  onRow: (row: { store: string; memories: number; cpuMsPerSearch: number; p50: number }) => void,
): Promise<void> {
  for (const users of [2_000, 10_000]) {
    const path = mkdtempSync(join(tmpdir(), 'memzero-bench-scope-'));
    try {
      let memory: Memory;
      if (store === 'sqlite') {
        await bulkLoad(path, users * 50, users);
        memory = new Memory({ ...offline, path });
      } else {
        memory = new Memory(offline);
        await fill(memory, users * 50, users);
      }
      // Build each queried scope's index first: steady-state cost, not the first search.
      await searchTimings(memory, users, 200);
      const timings = await searchTimings(memory, users, 200);
      onRow({ store, memories: users * 50, cpuMsPerSearch: timings.cpu, p50: timings.p50 });
      await memory.close();
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  }
}
