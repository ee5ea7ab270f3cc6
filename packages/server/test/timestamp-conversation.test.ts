import { MemoryClient as MemzeroClient } from '@memzero/client';
import { ValidationError } from '@memzero/core';
import { conversationContextFindings, conversationTurns } from '@memzero/test-tooling';
import { MemoryClient } from 'mem0ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMemoryServer } from '../src/node.js';
import { aliceKey, call, startTestServer, waitForEvent } from './start.js';

type AddAnswer = { results: { id: string; event: string; memory: string }[] };

// 2023-05-08T13:56:00Z in Unix seconds, as Mem0's platform takes `timestamp`.
const mayEighth = 1_683_554_160;

describe('timestamp and conversations on add', () => {
  let server: RunningMemoryServer;
  let client: MemoryClient;
  let memzero: MemzeroClient;
  beforeAll(async () => {
    server = await startTestServer();
    client = new MemoryClient({ apiKey: aliceKey, host: server.url });
    memzero = new MemzeroClient({ url: server.url, apiKey: aliceKey });
  });
  afterAll(() => server.stop());

  it("mem0ai: Unix seconds date the memory, resolve 'tomorrow' from that day, and filter by event_at", async () => {
    const added = (await client.add([{ role: 'user', content: 'I have a flight to Oslo tomorrow' }], {
      userId: 'tess',
      timestamp: mayEighth,
      asyncMode: false,
    } as never)) as unknown as AddAnswer;
    expect(added.results.map((event) => event.memory)).toEqual(['Has a flight to Oslo on 9 May 2023']);
    const stored = (await client.get(added.results[0]!.id)) as unknown as { eventAt?: string };
    expect(stored.eventAt).toBe('2023-05-08T13:56:00.000Z');

    const sameDay = await client.getAll({ filters: { AND: [{ user_id: 'tess' }, { event_at: '2023-05-08' }] } });
    expect(sameDay.results.map((record) => record.memory)).toEqual(['Has a flight to Oslo on 9 May 2023']);
    const otherDay = await client.getAll({ filters: { AND: [{ user_id: 'tess' }, { event_at: '2023-05-09' }] } });
    expect(otherDay.results).toEqual([]);

    // Re-dating a memory (the platform's update `timestamp`) is refused, not ignored: nothing changes.
    await expect(
      client.update(added.results[0]!.id, { text: 'Has a flight to Bergen', timestamp: mayEighth + 86_400 }),
    ).rejects.toThrow(/timestamp/);
    expect((await client.get(added.results[0]!.id)).memory).toBe('Has a flight to Oslo on 9 May 2023');
  });

  it('queued adds take an ISO timestamp too; milliseconds are refused as a validation error', async () => {
    const queued = (await client.add([{ role: 'user', content: 'I have a dentist appointment tomorrow' }], {
      userId: 'uma',
      timestamp: '2024-02-28T09:00:00Z',
    } as never)) as unknown as { eventId: string };
    const event = await waitForEvent(server, aliceKey, queued.eventId);
    expect(event.status).toBe('SUCCEEDED');
    const [record] = (await memzero.getAll({ userId: 'uma' })).results;
    expect(record?.eventAt).toBe('2024-02-28T09:00:00.000Z');
    expect(record?.memory).toMatch(/29 February 2024/);

    const refused = await call(server, 'POST', '/v3/memories/add/', {
      key: aliceKey,
      body: { messages: 'I like tea', user_id: 'uma', async_mode: false, timestamp: mayEighth * 1000 },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'validation', path: 'add.timestamp' });
    expect((await memzero.getAll({ userId: 'uma' })).results).toHaveLength(1);
  });

  it('mem0ai: turns sent one request at a time share context through run_id or conversation_id, not across', async () => {
    const turn = (content: string, options: Record<string, unknown>) =>
      client.add([{ role: 'user', content }], { userId: 'vic', infer: false, asyncMode: false, ...options } as never);
    // Mem0's clients send any extra option in snake_case: `conversationId` arrives as `conversation_id`.
    for (const [content, conversationId] of conversationTurns) await turn(content, { conversationId });
    const search = async (query: string, filters: Record<string, unknown>) =>
      (await client.search(query, { filters })).results.map((hit) => hit.memory ?? '');
    expect(await conversationContextFindings((query) => search(query, { user_id: 'vic' }))).toEqual({
      neighbourFound: true,
      otherConversationFound: false,
    });

    // A run is a conversation by default.
    await turn('Which dish should I cook in winter?', { runId: 'run-1' });
    await turn('Perhaps ramen', { runId: 'run-1' });
    expect(await search('winter', { AND: [{ user_id: 'vic' }, { run_id: 'run-1' }] })).toContain('Perhaps ramen');
  });

  it('@memzero/client passes timestamp, timeZone and conversationId through', async () => {
    const dated = await memzero.add('I have a flight to Oslo tomorrow', {
      userId: 'wes',
      // 20:00 UTC on 1 December is already 2 December in Shanghai: "tomorrow" is 3 December there.
      timestamp: new Date('2026-12-01T20:00:00Z'),
      timeZone: 'Asia/Shanghai',
    });
    expect(dated.results.map((event) => event.memory)).toEqual(['Has a flight to Oslo on 3 December 2026']);
    expect(dated.results[0]?.record?.eventAt).toBe('2026-12-01T20:00:00.000Z');

    for (const text of ['Which city should I visit in spring?', 'Probably Lisbon']) {
      await memzero.add(text, { userId: 'wes', infer: false, conversationId: 'chat-7' });
    }
    const found = await memzero.search('spring', { userId: 'wes' });
    expect(found.results.map((hit) => hit.memory)).toContain('Probably Lisbon');

    await expect(memzero.add('hi', { userId: 'wes', timeZone: 'Mars/Olympus' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(memzero.add('hi', { userId: 'wes', conversationId: '' })).rejects.toBeInstanceOf(ValidationError);
  });
});
