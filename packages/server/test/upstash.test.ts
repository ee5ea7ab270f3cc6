import { startUpstashTestServers, type UpstashTestServers } from '@memzero/test-tooling';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningMemoryServer, startMemoryServer } from '../src/node.js';
import { aliceKey, bobKey, call } from './start.js';

// Two instances of the service on one Upstash Vector index and one Upstash Redis (the emulator and the bridge in
// front of a real redis-server), configured by environment variables only: organisations get their own namespace
// and key prefixes, instances share data.
describe('the service on Upstash, with several instances', () => {
  let upstash: UpstashTestServers;
  let first: RunningMemoryServer;
  let second: RunningMemoryServer;
  let limited: RunningMemoryServer;
  beforeAll(async () => {
    upstash = await startUpstashTestServers();
    // Configured the way a deployment is: only environment variables.
    vi.stubEnv('UPSTASH_VECTOR_REST_URL', upstash.vector.url);
    vi.stubEnv('UPSTASH_VECTOR_REST_TOKEN', upstash.vector.token);
    vi.stubEnv('UPSTASH_REDIS_REST_URL', upstash.redis.url);
    vi.stubEnv('UPSTASH_REDIS_REST_TOKEN', upstash.redis.token);
    vi.stubEnv('MEMZERO_API_KEYS', `${aliceKey}@acme,${bobKey}@globex`);
    first = await startMemoryServer({ port: 0 });
    second = await startMemoryServer({ port: 0 });
    vi.stubEnv('MEMZERO_RATE_LIMIT', '3/60');
    limited = await startMemoryServer({ port: 0 });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await Promise.all([first?.stop(), second?.stop(), limited?.stop()]);
    await upstash?.close();
  });

  it('shares an organisation across instances and keeps organisations apart', async () => {
    const added = await call(first, 'POST', '/v3/memories/add/', {
      key: aliceKey,
      body: { messages: 'I work at the harbour office.', user_id: 'sam', async_mode: false },
    });
    expect(added.status).toBe(200);
    const id = (added.body.results as { id: string }[])[0]!.id;

    const fromSecond = await call(second, 'GET', `/v1/memories/${id}/`, { key: aliceKey });
    expect(fromSecond.body.memory).toMatch(/harbour/);
    const listed = await call(second, 'POST', '/v3/memories/', {
      key: aliceKey,
      body: { filters: { user_id: 'sam' } },
    });
    expect(listed.body.count).toBe(1);
    const entities = await call(second, 'GET', '/v1/entities/', { key: aliceKey });
    expect(entities.body.results).toEqual([expect.objectContaining({ name: 'sam', type: 'user', total_memories: 1 })]);

    expect((await call(second, 'GET', `/v1/memories/${id}/`, { key: bobKey })).status).toBe(404);
    const bobList = await call(first, 'POST', '/v3/memories/', { key: bobKey, body: { filters: { user_id: 'sam' } } });
    expect(bobList.body.count).toBe(0);
    expect((await call(first, 'GET', '/v1/entities/', { key: bobKey })).body.count).toBe(0);
  });

  it('rate-limits per key with @upstash/ratelimit, answering 429 with Retry-After', async () => {
    for (let index = 0; index < 3; index++) {
      expect((await call(limited, 'GET', '/v1/ping/', { key: aliceKey })).status).toBe(200);
    }
    const refused = await call(limited, 'GET', '/v1/ping/', { key: aliceKey });
    expect(refused).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call(limited, 'GET', '/v1/ping/', { key: bobKey })).status).toBe(200);
  });
});
