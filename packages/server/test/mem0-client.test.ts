import { MemoryClient } from 'mem0ai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningMemoryServer } from '../src/node.js';
import { aliceKey, call, startTestServer, waitForEvent } from './start.js';

// The unmodified MemoryClient of the `mem0ai` package (3.x), pointed at the service.
describe("Mem0's MemoryClient against the service", () => {
  let server: RunningMemoryServer;
  let client: MemoryClient;
  beforeAll(async () => {
    server = await startTestServer();
    client = new MemoryClient({ apiKey: aliceKey, host: server.url });
  });
  afterAll(() => server.stop());

  it('pings with the key', async () => {
    await expect(client.ping()).resolves.toBeUndefined();
  });

  it('adds synchronously, searches and lists with v2 filters, gets, updates, reads history, deletes', async () => {
    const added = (await client.add([{ role: 'user', content: "I'm Alice. I live in Paris and I love sushi." }], {
      userId: 'alice',
      asyncMode: false,
    } as never)) as unknown as { results: { id: string; event: string; memory: string }[] };
    expect(added.results.map((event) => event.event)).toEqual(expect.arrayContaining(['ADD']));
    const paris = added.results.find((event) => /paris/i.test(event.memory))!;

    const found = await client.search('Where does she live?', { filters: { AND: [{ user_id: 'alice' }] } });
    expect(found.results[0]?.memory).toMatch(/Paris/);
    expect(found.results[0]?.userId).toBe('alice');

    const listed = await client.getAll({ filters: { user_id: 'alice' }, page: 1, pageSize: 1 });
    expect(listed.count).toBe(added.results.length);
    expect(listed.results).toHaveLength(1);
    expect(listed.next === null).toBe(added.results.length === 1);

    const memory = await client.get(paris.id);
    expect(memory.memory).toBe(paris.memory);

    await client.update(paris.id, { text: 'Lives in Berlin', metadata: { source: 'test' } });
    const history = (await client.history(paris.id)) as unknown as {
      event: string;
      oldMemory: string | null;
      newMemory: string | null;
    }[];
    expect(history.map((entry) => entry.event)).toEqual(['ADD', 'UPDATE']);
    expect(history[1]).toMatchObject({ oldMemory: paris.memory, newMemory: 'Lives in Berlin' });
    expect((await client.get(paris.id)).metadata).toEqual({ source: 'test' });

    await expect(client.delete(paris.id)).resolves.toMatchObject({ message: 'Memory deleted successfully!' });
    await expect(client.get(paris.id)).rejects.toMatchObject({ name: 'MemoryNotFoundError' });
  });

  it('adds asynchronously: an event id that reaches SUCCEEDED, and the memories are searchable', async () => {
    const queued = (await client.add([{ role: 'user', content: 'My dog is called Rex.' }], {
      userId: 'carol',
    })) as unknown as { status: string; eventId: string };
    expect(queued.status).toBe('PENDING');
    const event = await waitForEvent(server, aliceKey, queued.eventId);
    expect(event.status).toBe('SUCCEEDED');
    expect((event.results as { event: string }[]).some((result) => result.event === 'ADD')).toBe(true);
    const found = await client.search('dog name', { filters: { user_id: 'carol' } });
    expect(found.results.map((hit) => hit.memory).join(' ')).toMatch(/Rex/);
  });

  it('batch-updates and batch-deletes, refusing the whole batch when one id is unknown', async () => {
    const added = (await client.add(
      [
        { role: 'user', content: 'note one' },
        { role: 'user', content: 'note two' },
      ],
      {
        userId: 'dave',
        infer: false,
        asyncMode: false,
      } as never,
    )) as unknown as { results: { id: string }[] };
    const [first, second] = added.results.map((event) => event.id) as [string, string];
    await client.batchUpdate([{ memoryId: first, text: 'note one, edited' }]);
    expect((await client.get(first)).memory).toBe('note one, edited');

    await expect(client.batchDelete([second, '00000000-0000-4000-8000-000000000000'])).rejects.toMatchObject({
      name: 'MemoryNotFoundError',
    });
    expect((await client.get(second)).memory).toBe('note two');
    await client.batchDelete([first, second]);
    expect((await client.getAll({ filters: { user_id: 'dave' } })).count).toBe(0);
  });

  it('lists entities, deletes one with its memories, and stores feedback', async () => {
    const added = (await client.add([{ role: 'user', content: 'I love tea.' }], {
      userId: 'erin',
      asyncMode: false,
    } as never)) as unknown as { results: { id: string }[] };
    const users = await client.users();
    expect(users.results).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'erin', type: 'user' })]));

    const feedback = await client.feedback({
      memoryId: added.results[0]!.id,
      feedback: 'POSITIVE' as never,
      feedbackReason: 'right',
    });
    expect(feedback).toMatchObject({ memoryId: added.results[0]!.id, feedback: 'POSITIVE' });

    await client.deleteUsers({ userId: 'erin' });
    expect((await client.getAll({ filters: { user_id: 'erin' } })).count).toBe(0);
    expect((await client.users()).results.map((user) => user.name)).not.toContain('erin');
  });

  it('deletes all memories of a scope and only of it', async () => {
    await client.add([{ role: 'user', content: 'fact for frank' }], {
      userId: 'frank',
      infer: false,
      asyncMode: false,
    } as never);
    await client.add([{ role: 'user', content: 'fact for gina' }], {
      userId: 'gina',
      infer: false,
      asyncMode: false,
    } as never);
    await client.deleteAll({ userId: 'frank' });
    expect((await client.getAll({ filters: { user_id: 'frank' } })).count).toBe(0);
    expect((await client.getAll({ filters: { user_id: 'gina' } })).count).toBe(1);
  });

  it('answers platform-only features with a typed error, and a wrong key with 401', async () => {
    await expect(client.getWebhooks({ projectId: 'p' })).rejects.toThrow(/unsupported|webhooks/);
    await expect(client.createMemoryExport({ filters: { user_id: 'a' }, schema: {} })).rejects.toThrow(/exports/);
    // Mem0's client pings in its constructor and prints the refusal; keep the test output clean.
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const intruder = new MemoryClient({ apiKey: 'not-a-configured-key', host: server.url });
    await expect(intruder.ping()).rejects.toMatchObject({ name: 'AuthenticationError' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    printed.mockRestore();
    const denied = await call(server, 'GET', '/v1/ping/', { key: 'not-a-configured-key' });
    expect(denied).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
  });
});
