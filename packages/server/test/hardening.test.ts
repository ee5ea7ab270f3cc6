import { ConfigurationError, createInMemoryVectorStore } from '@memzero/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryServer } from '../src/index.js';
import type { RunningMemoryServer } from '../src/node.js';
import { aliceKey, bobKey, call, startTestServer, supportKey, waitForEvent } from './start.js';

describe('auth, tenancy and bad input over HTTP', () => {
  let server: RunningMemoryServer;
  const logged: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      bodyLimitBytes: 20_000,
      corsOrigins: ['https://app.example'],
      log: (entry) => logged.push(JSON.stringify(entry)),
    });
  });
  afterAll(() => server.stop());

  const add = (key: string, body: Record<string, unknown>) =>
    call(server, 'POST', '/v3/memories/add/', { key, body: { async_mode: false, infer: false, ...body } });

  it('keeps two organisations apart: no read, search, list, update, delete or history across keys', async () => {
    const added = await add(aliceKey, { messages: 'Alice secret: the vault code is 1234', user_id: 'shared-user' });
    expect(added.status).toBe(200);
    const id = (added.body.results as { id: string }[])[0]!.id;
    await add(bobKey, { messages: 'Bob note about the garden', user_id: 'shared-user' });

    const bobSearch = await call(server, 'POST', '/v3/memories/search/', {
      key: bobKey,
      body: { query: 'vault code garden note', filters: { user_id: 'shared-user' } },
    });
    expect((bobSearch.body.results as { memory: string }[]).map((hit) => hit.memory)).toEqual([
      'Bob note about the garden',
    ]);
    const bobList = await call(server, 'POST', '/v3/memories/', {
      key: bobKey,
      body: { filters: { user_id: 'shared-user' } },
    });
    expect(bobList.body.count).toBe(1);
    for (const [method, path, body] of [
      ['GET', `/v1/memories/${id}/`, undefined],
      ['PUT', `/v1/memories/${id}/`, { text: 'overwritten' }],
      ['DELETE', `/v1/memories/${id}/`, undefined],
      ['GET', `/v1/memories/${id}/history/`, undefined],
      ['POST', '/v1/feedback/', { memory_id: id, feedback: 'NEGATIVE' }],
      ['DELETE', '/v1/batch/', { memories: [{ memory_id: id }] }],
    ] as const) {
      const answer = await call(server, method, path, { key: bobKey, ...(body ? { body } : {}) });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.code).toBe('not_found');
    }
    const queued = await call(server, 'POST', '/v3/memories/add/', {
      key: aliceKey,
      body: { messages: 'x y z', user_id: 'q' },
    });
    const event = await call(server, 'GET', `/v1/event/${queued.body.event_id}/`, { key: bobKey });
    expect(event).toMatchObject({ status: 404, body: { code: 'not_found' } });
    await call(server, 'DELETE', '/v1/memories/?user_id=shared-user', { key: bobKey });
    const users = await call(server, 'GET', '/v1/entities/', { key: bobKey });
    expect(users.body.count).toBe(0);
    const alice = await call(server, 'GET', `/v1/memories/${id}/`, { key: aliceKey });
    expect(alice.body.memory).toBe('Alice secret: the vault code is 1234');
  });

  it('narrows an app-restricted key to its app, and refuses another app_id with 403', async () => {
    const own = await add(supportKey, { messages: 'ticket 42 is about billing', user_id: 'u1' });
    expect((own.body.results as { record: { app_id: string } }[])[0]!.record.app_id).toBe('support');
    const other = await add(aliceKey, { messages: 'not for support', user_id: 'u1', app_id: 'sales' });
    const otherId = (other.body.results as { id: string }[])[0]!.id;

    const listed = await call(server, 'POST', '/v3/memories/', {
      key: supportKey,
      body: { filters: { user_id: 'u1' } },
    });
    expect((listed.body.results as { memory: string }[]).map((record) => record.memory)).toEqual([
      'ticket 42 is about billing',
    ]);
    expect((await call(server, 'GET', `/v1/memories/${otherId}/`, { key: supportKey })).status).toBe(404);
    const forbidden = await add(supportKey, { messages: 'x', user_id: 'u1', app_id: 'sales' });
    expect(forbidden).toMatchObject({ status: 403, body: { code: 'forbidden_scope', path: 'app_id' } });
    const search = await call(server, 'POST', '/v3/memories/search/', {
      key: supportKey,
      body: { query: 'billing', filters: { AND: [{ user_id: 'u1' }, { app_id: 'sales' }] } },
    });
    expect(search.status).toBe(403);
    // The unrestricted key of the same organisation sees both apps.
    const all = await call(server, 'POST', '/v3/memories/', { key: aliceKey, body: { filters: { user_id: 'u1' } } });
    expect(all.body.count).toBe(2);

    // History is scoped too: the restricted key reads its own memory's history after deleting it, never another app's.
    const ownId = (own.body.results as { id: string }[])[0]!.id;
    expect((await call(server, 'DELETE', `/v1/memories/${ownId}/`, { key: supportKey })).status).toBe(200);
    const history = await call(server, 'GET', `/v1/memories/${ownId}/history/`, { key: supportKey });
    expect(history.status).toBe(200);
    const entries = history.body as unknown as { event: string; user_id?: string }[];
    expect(entries.map((entry) => entry.event)).toEqual(['ADD', 'DELETE']);
    expect(entries.every((entry) => entry.user_id === 'u1')).toBe(true);
    const otherHistory = await call(server, 'GET', `/v1/memories/${otherId}/history/`, { key: supportKey });
    expect(otherHistory).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect((await call(server, 'GET', `/v1/memories/${otherId}/history/`, { key: aliceKey })).status).toBe(200);
  });

  it('answers a missing or wrong key with 401 in the error shape, and never logs keys', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Token nope-nope-nope' },
      { Authorization: `Basic ${aliceKey}` },
    ];
    for (const headers of attempts) {
      const answer = await call(server, 'POST', '/v3/memories/search/', {
        headers,
        body: { query: 'x', user_id: 'a' },
      });
      expect(answer).toMatchObject({ status: 401, body: { code: 'unauthorized', detail: expect.any(String) } });
    }
    const bearer = await call(server, 'GET', '/v1/ping/', { headers: { Authorization: `Bearer ${aliceKey}` } });
    expect(bearer.body).toMatchObject({ status: 'ok', org_id: 'acme' });
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toMatch(/test-key|vault code/);
  });

  it('answers bad JSON, bad fields, huge bodies, unknown routes, wrong methods and missing scope with typed 4xx', async () => {
    const cases: [string, string, Parameters<typeof call>[3], number, string][] = [
      ['POST', '/v3/memories/add/', { raw: '{"messages": [' }, 400, 'invalid_json'],
      ['POST', '/v3/memories/add/', { raw: '' }, 400, 'invalid_json'],
      ['POST', '/v3/memories/add/', { body: { messages: 'hi', user_id: 'a', infer: 'yes' } }, 400, 'validation'],
      ['POST', '/v3/memories/add/', { body: { messages: [], user_id: 'a' } }, 400, 'validation'],
      [
        'POST',
        '/v3/memories/add/',
        { body: { messages: [{ role: 'robot', content: 'hi' }], user_id: 'a' } },
        400,
        'validation',
      ],
      ['POST', '/v3/memories/add/', { body: { messages: 'hi' } }, 400, 'missing_scope'],
      [
        'POST',
        '/v3/memories/add/',
        { body: { messages: 'hi', user_id: 'a', custom_categories: [{ a: 'b' }] } },
        400,
        'unsupported',
      ],
      ['POST', '/v3/memories/search/', { body: { query: 'x' } }, 400, 'missing_scope'],
      ['POST', '/v3/memories/search/', { body: { query: 'x', user_id: 'a', top_k: 0 } }, 400, 'validation'],
      [
        'POST',
        '/v3/memories/search/',
        { body: { query: 'x', filters: { user_id: 'a', age: { between: 1 } } } },
        400,
        'invalid_filter',
      ],
      [
        'POST',
        '/v3/memories/search/',
        { body: { query: 'x', user_id: 'a', filters: { user_id: 'b' } } },
        400,
        'validation',
      ],
      ['POST', '/v3/memories/', { body: {} }, 400, 'missing_scope'],
      ['POST', '/v3/memories/?page=0', { body: { user_id: 'a' } }, 400, 'validation'],
      ['DELETE', '/v1/memories/', {}, 400, 'missing_scope'],
      ['PUT', '/v1/memories/abc/', { body: {} }, 400, 'validation'],
      ['PUT', '/v1/batch/', { body: { memories: [] } }, 400, 'validation'],
      ['DELETE', '/v2/entities/planet/mars/', {}, 400, 'validation'],
      [
        'POST',
        '/v3/memories/add/',
        { raw: JSON.stringify({ messages: 'x'.repeat(30_000), user_id: 'a' }) },
        413,
        'payload_too_large',
      ],
      ['GET', '/v1/nothing-here/', {}, 404, 'route_not_found'],
      ['GET', '/v1/memories/00000000-0000-4000-8000-000000000000/', {}, 404, 'not_found'],
      ['GET', '/v1/event/00000000-0000-4000-8000-000000000000/', {}, 404, 'not_found'],
      ['GET', '/v3/memories/add/', {}, 405, 'method_not_allowed'],
      ['PATCH', '/v1/memories/abc/', { body: { text: 'x' } }, 405, 'method_not_allowed'],
      ['GET', '/api/v1/webhooks/projects/p1/', {}, 501, 'unsupported'],
      ['POST', '/v2/profiles/jobs/', { body: {} }, 501, 'unsupported'],
    ];
    for (const [method, path, options, status, code] of cases) {
      const answer = await call(server, method, path, { key: aliceKey, ...options });
      expect({ method, path, status: answer.status, code: answer.body.code }).toEqual({ method, path, status, code });
      expect(answer.body.detail).toEqual(expect.any(String));
    }
    const wrongMethod = await call(server, 'GET', '/v3/memories/add/', { key: aliceKey });
    expect(wrongMethod.headers.get('allow')).toContain('POST');
  });

  it('reports an async add the engine refuses as a FAILED event with the typed error, storing nothing', async () => {
    const queued = await call(server, 'POST', '/v3/memories/add/', {
      key: aliceKey,
      // Metadata over the engine's 16,000-byte limit, in a body under the server's limit.
      body: { messages: 'hello', metadata: { note: 'x'.repeat(16_500) }, user_id: 'long' },
    });
    expect(queued.body.status).toBe('PENDING');
    const event = await waitForEvent(server, aliceKey, queued.body.event_id as string);
    expect(event).toMatchObject({ status: 'FAILED', error: { code: 'validation' }, results: [] });
    expect(JSON.stringify(event)).not.toContain('xxxx');
    expect((await call(server, 'POST', '/v3/memories/', { key: aliceKey, body: { user_id: 'long' } })).body.count).toBe(
      0,
    );
  });

  it('serves the OpenAPI document without a key, and CORS headers for allowed origins only', async () => {
    const document = await call(server, 'GET', '/openapi.json');
    expect(document.status).toBe(200);
    const paths = document.body.paths as Record<string, Record<string, { requestBody?: unknown }>>;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/v3/memories/add/', '/v3/memories/search/', '/mcp']));
    expect(JSON.stringify(paths['/v3/memories/add/']!.post!.requestBody)).toContain('async_mode');

    const allowed = await fetch(`${server.url}/v1/ping/`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const denied = await fetch(`${server.url}/v1/ping/`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('configuration', () => {
  it('refuses a store instance in the shared config, which would put every organisation in one store', () => {
    expect(() =>
      createMemoryServer({ apiKeys: [aliceKey], memory: { vectorStore: createInMemoryVectorStore() } }),
    ).toThrow(ConfigurationError);
    expect(() =>
      createMemoryServer({ apiKeys: [aliceKey], memory: { vectorStore: { provider: 'in-memory' } } }),
    ).not.toThrow();
  });

  it('refuses keys that are too short or configured twice, without naming the key', async () => {
    const short = createMemoryServer({ apiKeys: ['short'] });
    await expect(short.ready).rejects.toThrow(ConfigurationError);
    const twice = createMemoryServer({ apiKeys: [aliceKey, { key: aliceKey, organization: 'other' }] });
    const error = await twice.ready.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(String((error as Error).message)).not.toContain(aliceKey);
  });
});
