import { Memory } from '@memzero/core';
import { type RunningMemoryServer, type StartMemoryServerOptions, startMemoryServer } from '../src/node.js';

export const aliceKey = 'test-key-alice-0001';
export const bobKey = 'test-key-bob-000002';
export const supportKey = 'test-key-support-03';

/** A service on a free loopback port with three keys: two organisations, and one key restricted to an app. */
export async function startTestServer(options: StartMemoryServerOptions = {}): Promise<RunningMemoryServer> {
  const memories = new Map<string, Memory>();
  return startMemoryServer({
    port: 0,
    apiKeys: [
      { key: aliceKey, organization: 'acme' },
      { key: bobKey, organization: 'globex' },
      { key: supportKey, organization: 'acme', appId: 'support' },
    ],
    memory: (organization) => {
      const memory = new Memory();
      memories.set(organization, memory);
      return memory;
    },
    ...options,
  });
}

/** Calls the service with a key; returns status and parsed JSON. */
export async function call(
  server: { url: string },
  method: string,
  path: string,
  options: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(options.key ? { Authorization: `Token ${options.key}` } : {}),
      ...(options.body !== undefined || options.raw !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.raw !== undefined
      ? { body: options.raw }
      : options.body !== undefined
        ? { body: JSON.stringify(options.body) }
        : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
}

/** Polls an async add's event until it has finished. */
export async function waitForEvent(
  server: { url: string },
  key: string,
  eventId: string,
): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { body } = await call(server, 'GET', `/v1/event/${eventId}/`, { key });
    if (body.status === 'SUCCEEDED' || body.status === 'FAILED') return body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('event did not finish');
}
