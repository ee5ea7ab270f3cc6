import { startUpstashTestServers } from '@memzero/test-tooling';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import type { ExtractionOperation } from '../../src/spec/extractor.js';
import type { MemoryRecord } from '../../src/spec/memory-record.js';
import { createUpstashRedisStore } from '../../src/stores/upstash/redis/index.js';
import { createUpstashVectorStore } from '../../src/stores/upstash/vector/index.js';
import { scriptedExtractor } from '../engine/helpers.js';

// Random sequences of add / update / delete / search / getAll over two users, run on Upstash (emulator + Redis
// bridge over redis-server) with random query visibility delays (0–2 s) and injected 429 / 5xx failures, and on the
// in-process stores as the reference model. fast-check prints the seed and the shrunk command list on failure.
const servers = await startUpstashTestServers();
afterAll(() => servers.close());
const redis = { url: servers.redis.url, token: servers.redis.token };

const users = ['u1', 'u2'] as const;
const slots = ['city', 'drink'] as const;
const values = ['alpha', 'bravo', 'charlie'] as const;
/** How the store keeps engine strings in Upstash metadata (base64url). */
const encoded = (value: string): string => Buffer.from(value, 'utf8').toString('base64url');
const title = (slot: string): string => `${slot[0]!.toUpperCase()}${slot.slice(1)}`;

/** "My city is alpha" sets the slot (ADD, or UPDATE of the slot's memory); "I have no city" retracts it. */
const slotExtractor = () =>
  scriptedExtractor((input): ExtractionOperation[] => {
    const text = input.messages[0]!.text;
    const set = /^My (\w+) is (\w+)$/.exec(text);
    const slot = set?.[1] ?? /^I have no (\w+)$/.exec(text)?.[1] ?? '';
    const current = input.candidates.filter((candidate) => candidate.text.startsWith(`${title(slot)} is `));
    if (!set) return current.map((candidate) => ({ event: 'DELETE', target: candidate.alias }));
    const wanted = `${title(slot)} is ${set[2]}`;
    if (current.length === 0) return [{ event: 'ADD', text: wanted }];
    return current.map((candidate) =>
      candidate.text === wanted
        ? { event: 'NONE', target: candidate.alias }
        : { event: 'UPDATE', target: candidate.alias, text: wanted },
    );
  });

interface Systems {
  reference: Memory;
  upstash: Memory;
  /** Ids Upstash deleted: never seen again. */
  deleted: Set<string>;
}

const offline = { embedder: { provider: 'lexical' } } as const;

/** The memory of a slot in one system (by its text), found exactly through getAll. */
async function slotMemory(memory: Memory, userId: string, slot: string): Promise<MemoryRecord | undefined> {
  const all = (await memory.getAll({ userId })).results;
  return all.find((record) => record.memory.startsWith(`${title(slot)} is `));
}

/** Runs `task` on Upstash; a failure after the outbox begin is completed by `reconcile()` (failures off). */
async function onUpstash(systems: Systems, task: (memory: Memory) => Promise<unknown>): Promise<void> {
  try {
    await task(systems.upstash);
  } catch (error) {
    servers.vector.failNextRequests(0);
    servers.redis.failNextRequests(0);
    if (!(error instanceof Error) || !('isRetryable' in error) || !error.isRetryable) throw error;
    await systems.upstash.reconcile();
  }
}

type Command = fc.AsyncCommand<object, Systems>;
const command = (label: string, run: (systems: Systems) => Promise<void>): Command => ({
  check: () => true,
  run: (_model, systems) => run(systems),
  toString: () => label,
});

const commands = [
  fc
    .tuple(fc.constantFrom(...users), fc.constantFrom(...slots), fc.constantFrom(...values))
    .map(([userId, slot, value]) =>
      command(`add(${userId}: My ${slot} is ${value})`, async (systems) => {
        await systems.reference.add(`My ${slot} is ${value}`, { userId });
        await onUpstash(systems, (memory) => memory.add(`My ${slot} is ${value}`, { userId }));
      }),
    ),
  // A burst: several messages about one slot in quick succession (a chat turn after turn), each deciding from the
  // one before while the index still lags.
  fc
    .tuple(
      fc.constantFrom(...users),
      fc.constantFrom(...slots),
      fc.array(fc.constantFrom(...values), { minLength: 2, maxLength: 4 }),
    )
    .map(([userId, slot, burst]) =>
      command(`burst(${userId}: ${slot} = ${burst.join(', ')})`, async (systems) => {
        for (const value of burst) {
          await systems.reference.add(`My ${slot} is ${value}`, { userId });
          await onUpstash(systems, (memory) => memory.add(`My ${slot} is ${value}`, { userId }));
        }
      }),
    ),
  fc.tuple(fc.constantFrom(...users), fc.constantFrom(...slots)).map(([userId, slot]) =>
    command(`add(${userId}: I have no ${slot})`, async (systems) => {
      await systems.reference.add(`I have no ${slot}`, { userId });
      await onUpstash(systems, (memory) => memory.add(`I have no ${slot}`, { userId }));
    }),
  ),
  fc
    .tuple(fc.constantFrom(...users), fc.constantFrom(...slots), fc.constantFrom(...values))
    .map(([userId, slot, value]) =>
      command(`update(${userId}/${slot} -> ${value})`, async (systems) => {
        const [reference, upstash] = await Promise.all([
          slotMemory(systems.reference, userId, slot),
          slotMemory(systems.upstash, userId, slot),
        ]);
        expect(upstash === undefined).toBe(reference === undefined);
        if (!reference || !upstash) return;
        await systems.reference.update(reference.id, `${title(slot)} is ${value}`, { userId });
        await onUpstash(systems, (memory) => memory.update(upstash.id, `${title(slot)} is ${value}`, { userId }));
      }),
    ),
  fc.tuple(fc.constantFrom(...users), fc.constantFrom(...slots), fc.boolean()).map(([userId, slot, purge]) =>
    command(`delete(${userId}/${slot}${purge ? ', purge' : ''})`, async (systems) => {
      const [reference, upstash] = await Promise.all([
        slotMemory(systems.reference, userId, slot),
        slotMemory(systems.upstash, userId, slot),
      ]);
      expect(upstash === undefined).toBe(reference === undefined);
      if (!reference || !upstash) return;
      await systems.reference.delete(reference.id, { userId, purge });
      await onUpstash(systems, (memory) => memory.delete(upstash.id, { userId, purge }));
      systems.deleted.add(upstash.id);
    }),
  ),
  fc.tuple(fc.constantFrom(...users), fc.constantFrom(...slots)).map(([userId, slot]) =>
    command(`search(${userId}: ${slot})`, async (systems) => {
      const hits = (await systems.upstash.search(slot, { userId })).results;
      for (const hit of hits) expect(systems.deleted.has(hit.id), `deleted ${hit.memory} returned`).toBe(false);
    }),
  ),
  fc.constantFrom(...users).map((userId) =>
    command(`getAll(${userId})`, async (systems) => {
      await expectSameMemories(systems, userId);
    }),
  ),
  fc.oneof(fc.constantFrom(0, 2_000), fc.integer({ min: 20, max: 400 })).map((delay) =>
    command(`visibilityDelay(${delay})`, async () => {
      servers.vector.setVisibilityDelay(delay);
    }),
  ),
  // Pauses let some writes become visible to queries while later ones are not yet: the stale copies to catch.
  fc
    .integer({ min: 10, max: 300 })
    .map((pause) => command(`wait(${pause})`, () => new Promise((resolve) => setTimeout(resolve, pause)))),
  fc
    .tuple(fc.constantFrom('redis', 'vector', 'upsert'), fc.constantFrom(429, 500, 503), fc.integer({ min: 1, max: 2 }))
    .map(([target, status, count]) =>
      command(`fail(${target}, ${status} x${count})`, async () => {
        // Redis and Vector failures stay within the retries; failed upserts outlast them, so the write fails after
        // its outbox entry and `reconcile()` must complete it.
        if (target === 'redis') servers.redis.failNextRequests(count, status);
        else if (target === 'vector') servers.vector.failNextRequests(count, status);
        else servers.vector.failNextRequests(count + 3, status, 'upsert');
      }),
    ),
];

/** Same current memories (text and version) in the scope, no duplicate slot, nothing deleted back. */
async function expectSameMemories(systems: Systems, userId: string): Promise<void> {
  const summary = (records: MemoryRecord[]) =>
    records.map((record) => `${record.memory} v${record.version}`).sort((left, right) => left.localeCompare(right));
  const reference = (await systems.reference.getAll({ userId })).results;
  const upstash = (await systems.upstash.getAll({ userId })).results;
  expect(summary(upstash), `current memories of ${userId}`).toEqual(summary(reference));
  for (const record of upstash) expect(systems.deleted.has(record.id)).toBe(false);
}

describe('the Upstash path against the in-process reference (model-based)', () => {
  it('random adds, updates, deletes and searches under lag and failures end in the same memories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 24 }), async (sequence) => {
        const vectorStore = createUpstashVectorStore({
          url: servers.vector.url,
          token: servers.vector.token,
          redis,
          retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 },
        });
        const historyStore = createUpstashRedisStore({
          ...redis,
          retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 },
        });
        servers.vector.failNextRequests(0);
        servers.redis.failNextRequests(0);
        servers.vector.setVisibilityDelay(150);
        await vectorStore.reset();
        await historyStore.reset();
        const systems: Systems = {
          reference: new Memory({ ...offline, extractor: slotExtractor() }),
          upstash: new Memory({ ...offline, extractor: slotExtractor(), vectorStore, historyStore }),
          deleted: new Set(),
        };
        await fc.asyncModelRun(() => ({ model: {}, real: systems }), sequence);
        // Settle: failures off, the index caught up, pending writes completed.
        servers.vector.failNextRequests(0);
        servers.redis.failNextRequests(0);
        servers.vector.flush();
        await systems.upstash.reconcile();
        expect(await historyStore.pendingMutations()).toEqual([]);
        for (const userId of users) {
          await expectSameMemories(systems, userId);
          const current = (await systems.upstash.getAll({ userId })).results;
          // Nothing orphaned: what the index holds for the user is exactly what getAll lists (active records).
          const indexed = servers.vector
            .records()
            .filter(
              (record) => record.metadata?.userId === encoded(userId) && record.metadata?.status === encoded('active'),
            )
            .map((record) => record.id)
            .sort();
          expect(indexed).toEqual(current.map((record) => record.id).sort());
          for (const record of current) {
            const history = await systems.upstash.history(record.id, { userId });
            expect(history.map((entry) => entry.version)).toEqual(
              Array.from({ length: record.version }, (_, index) => index + 1),
            );
          }
        }
      }),
      { numRuns: 20, verbose: 1, endOnFailure: true },
    );
  }, 120_000);
});
