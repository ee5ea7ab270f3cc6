import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../examples/quickstart.js';
import type { RunningMemoryServer } from '../src/node.js';
import { aliceKey, startTestServer } from './start.js';

describe('examples', () => {
  it('quickstart: Mem0 client and @memzero/client against a started service', async () => {
    const lines: string[] = [];
    await main((line) => lines.push(line));
    expect(lines).toEqual([
      expect.stringMatching(/^mem0ai: +Lives in Paris$/),
      expect.stringMatching(/^@memzero\/client: UPDATE Lives in Berlin/),
    ]);
  });

  it('edge worker: a fetch handler configured from the environment', async () => {
    vi.stubEnv('MEMZERO_API_KEYS', 'edge-key-000001@edge');
    try {
      const { default: worker } = await import('../examples/edge-worker.js');
      const request = (path: string, key: string, body?: unknown) =>
        worker.fetch(
          new Request(`http://worker${path}`, {
            method: body ? 'POST' : 'GET',
            headers: { Authorization: `Token ${key}`, 'Content-Type': 'application/json' },
            ...(body ? { body: JSON.stringify(body) } : {}),
          }),
        );
      expect((await request('/v1/ping/', 'wrong-key-0001')).status).toBe(401);
      expect(await (await request('/v1/ping/', 'edge-key-000001')).json()).toMatchObject({
        status: 'ok',
        org_id: 'edge',
      });
      const added = await request('/v3/memories/add/', 'edge-key-000001', {
        messages: 'I love jazz.',
        user_id: 'u',
        async_mode: false,
      });
      expect(added.status).toBe(200);
      const found = await request('/v3/memories/search/', 'edge-key-000001', {
        query: 'jazz',
        filters: { user_id: 'u' },
      });
      expect(((await found.json()) as { results: { memory: string }[] }).results[0]?.memory).toMatch(/jazz/i);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  describe('switch: one line between the engine and the service', () => {
    let server: RunningMemoryServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server.stop());

    it('gives the same answers in process and through the service', async () => {
      // The client's example (outside this package's sources, so loaded by URL).
      const { connect, rememberAndRecall } = (await import(
        new URL('../../client/examples/switch.ts', import.meta.url).href
      )) as {
        connect(url?: string, apiKey?: string): unknown;
        rememberAndRecall(memory: unknown): Promise<string[]>;
      };
      const local = await rememberAndRecall(connect());
      const remote = await rememberAndRecall(connect(server.url, aliceKey));
      expect(remote).toEqual(local);
      expect(local[0]).toBe('Lives in Berlin');
    });
  });
});
