import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLexicalEmbedder, type Embedder, Memory } from '@memzero/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMemoryServer } from '../src/node.js';
import { aliceKey, call } from './start.js';

/**
 * The offline embedder, made slow so writes are still running when shutdown starts (the queued add slower than the
 * request in flight, so the HTTP server's own close cannot cover for a missing drain). Counts the calls begun.
 */
function slowEmbedder(onCall: () => void): Embedder {
  const lexical = createLexicalEmbedder();
  return {
    name: 'slow-lexical',
    async embed(request) {
      onCall();
      const queued = JSON.stringify(request).includes('queued');
      await new Promise((resolve) => setTimeout(resolve, queued ? 1_500 : 200));
      return lexical.embed(request);
    },
  };
}

/** Counts the adds that have completed, and how many had when the server closed the stores. */
class CountingMemory extends Memory {
  static completedAdds = 0;
  static completedWhenClosed: number | undefined;
  override async add(...input: Parameters<Memory['add']>): ReturnType<Memory['add']> {
    const result = await super.add(...input);
    CountingMemory.completedAdds++;
    return result;
  }
  override async close(): Promise<void> {
    CountingMemory.completedWhenClosed = CountingMemory.completedAdds;
    await super.close();
  }
}

describe('graceful shutdown', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'memzero-shutdown-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('finishes in-flight writes (sync and queued async adds) before closing the stores', async () => {
    let calls = 0;
    let bothStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      bothStarted = resolve;
    });
    const server = await startMemoryServer({
      port: 0,
      apiKeys: [{ key: aliceKey, organization: 'acme' }],
      memory: () =>
        new CountingMemory({
          path: join(directory, 'acme'),
          embedder: slowEmbedder(() => ++calls === 2 && bothStarted()),
        }),
    });
    // Two users, so the writes do not wait for each other's scope lock.
    const body = (text: string, asyncMode: boolean) => ({
      key: aliceKey,
      body: { messages: text, user_id: asyncMode ? 'pat' : 'quinn', infer: false, async_mode: asyncMode },
    });
    const queued = await call(server, 'POST', '/v3/memories/add/', body('queued before shutdown', true));
    expect(queued.body.status).toBe('PENDING');
    const inFlight = call(server, 'POST', '/v3/memories/add/', body('sent before shutdown', false));
    await started; // both writes are inside the engine now
    await server.stop();
    expect(CountingMemory.completedWhenClosed).toBe(2);
    expect((await inFlight).status).toBe(200);
    await expect(call(server, 'GET', '/v1/ping/', { key: aliceKey })).rejects.toThrow();

    const reopened = new Memory({ path: join(directory, 'acme') });
    const stored = [
      ...(await reopened.getAll({ userId: 'pat' })).results,
      ...(await reopened.getAll({ userId: 'quinn' })).results,
    ];
    expect(stored.map((record) => record.memory).sort()).toEqual(['queued before shutdown', 'sent before shutdown']);
    await reopened.close();
  });
});
