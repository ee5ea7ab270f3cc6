import { MemoryClient, ServiceError } from '@memzero/client';
import { MissingScopeError, NotFoundError, ValidationError } from '@memzero/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMemoryServer } from '../src/node.js';
import { aliceKey, startTestServer } from './start.js';

// @memzero/client has the engine's method names and result types: the same calls as `new Memory()`.
describe('@memzero/client against the service', () => {
  let server: RunningMemoryServer;
  let memory: MemoryClient;
  beforeAll(async () => {
    server = await startTestServer();
    memory = new MemoryClient({ url: server.url, apiKey: aliceKey });
  });
  afterAll(() => server.stop());

  it('runs the engine scenario: add with conflict resolution, search, getAll pages, update, history, delete', async () => {
    const first = await memory.add("Hi, I'm Alice. I live in Paris and I love sushi.", { userId: 'alice' });
    expect(first.results.every((event) => event.event === 'ADD')).toBe(true);
    expect(first.usage.storeCalls).toBeGreaterThan(0);

    const moved = await memory.add('I moved to Berlin!', { userId: 'alice' });
    const update = moved.results.find((event) => event.event === 'UPDATE');
    expect(update).toMatchObject({
      previousMemory: expect.stringMatching(/Paris/),
      memory: expect.stringMatching(/Berlin/),
    });

    const { results } = await memory.search('Where does she live?', { userId: 'alice' });
    expect(results[0]).toMatchObject({ memory: expect.stringMatching(/Berlin/), userId: 'alice' });
    expect(results[0]!.score).toBeGreaterThan(0);
    expect(results[0]!.signals).toBeTypeOf('object');

    const page = await memory.getAll({ userId: 'alice', limit: 1 });
    expect(page.results).toHaveLength(1);
    const rest = await memory.getAll({ userId: 'alice', limit: 100, cursor: page.nextCursor! });
    expect(rest.nextCursor).toBeUndefined();
    expect([...page.results, ...rest.results].map((record) => record.id)).toHaveLength(first.results.length);

    const id = update!.id!;
    const edited = await memory.update(id, { text: 'Lives in Hamburg', metadata: { checked: true } });
    expect(edited).toMatchObject({ memory: 'Lives in Hamburg', metadata: { checked: true }, version: 3 });
    const history = await memory.history(id);
    expect(history.map((entry) => entry.event)).toEqual(['ADD', 'UPDATE', 'UPDATE']);
    expect(history[2]).toMatchObject({
      previousMemory: expect.stringMatching(/Berlin/),
      newMemory: 'Lives in Hamburg',
    });

    expect(await memory.get(id, { userId: 'bob' })).toBeNull();
    expect((await memory.get(id, { userId: 'alice' }))?.memory).toBe('Lives in Hamburg');
    await expect(memory.delete(id)).resolves.toEqual({ deleted: [id] });
    expect(await memory.get(id)).toBeNull();
    await expect(memory.delete(id)).rejects.toBeInstanceOf(NotFoundError);

    const removed = await memory.deleteAll({ userId: 'alice' });
    expect(removed.deleted.length).toBe(first.results.length - 1);
    expect((await memory.getAll({ userId: 'alice' })).results).toEqual([]);
  });

  it('throws the engine errors for bad input, and ServiceError for a wrong key', async () => {
    await expect(memory.add('hello', {})).rejects.toBeInstanceOf(MissingScopeError);
    await expect(memory.search('x', { userId: 'a', filters: { AND: 'nope' } as never })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(memory.add([{ role: 'robot', content: 'hi' }] as never, { userId: 'a' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const stranger = new MemoryClient({ url: server.url, apiKey: 'unknown-key-123' });
    await expect(stranger.search('x', { userId: 'a' })).rejects.toMatchObject({
      name: 'ServiceError',
      status: 401,
      serviceCode: 'unauthorized',
    });
    expect(ServiceError).toBeDefined();
  });
});
