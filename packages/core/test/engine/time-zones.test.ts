// This file runs with the server in New York: nothing below may depend on the process's own time zone.
process.env.TZ = 'America/New_York';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import type { MemoryConfig } from '../../src/engine/memory-config.js';
import { evaluateFilter } from '../../src/filters/evaluate-filter.js';
import { parseFilter } from '../../src/filters/parse-filter.js';
import type { MemoryRecord } from '../../src/spec/memory-record.js';
import { MockLanguageModel } from '../../src/testing/mock-language-model.js';
import { scriptedExtractor } from './helpers.js';

const offline: MemoryConfig = { llm: { provider: 'rules' }, embedder: { provider: 'lexical' } };

/** A memory whose clock the test sets. */
function clocked(config: MemoryConfig = {}): { memory: Memory; at: (iso: string) => void } {
  let now = new Date('2026-11-30T12:00:00Z');
  return {
    memory: new Memory({ ...offline, ...config, now: () => now }),
    at: (iso) => {
      now = new Date(iso);
    },
  };
}

const visible = async (memory: Memory): Promise<string[]> =>
  (await memory.getAll({ userId: 'u' })).results.map((record) => record.memory);

describe('dates mean the same instant on every server (process TZ = America/New_York)', () => {
  it('runs in a zone that is not UTC', () => {
    expect(new Date(2026, 11, 1, 13).toISOString()).toBe('2026-12-01T18:00:00.000Z');
  });

  it('reads a date-time without offset in the configured zone (UTC by default), with an offset as that instant', async () => {
    const expiry = async (config: MemoryConfig, value: string, timeZone?: string): Promise<string | undefined> => {
      const memory = new Memory({ ...offline, ...config });
      const { results } = await memory.add('note', {
        userId: 'u',
        infer: false,
        expirationDate: value,
        ...(timeZone ? { timeZone } : {}),
      });
      return results[0]!.record?.expiresAt;
    };
    expect(await expiry({}, '2026-12-01T13:00')).toBe('2026-12-01T13:00:00.000Z');
    expect(await expiry({ timeZone: 'Asia/Shanghai' }, '2026-12-01T13:00')).toBe('2026-12-01T05:00:00.000Z');
    expect(await expiry({ timeZone: 'Asia/Shanghai' }, '2026-12-01T13:00', 'Europe/Berlin')).toBe(
      '2026-12-01T12:00:00.000Z',
    );
    expect(await expiry({ timeZone: 'Asia/Shanghai' }, '2026-12-01T13:00:00-05:00')).toBe('2026-12-01T18:00:00.000Z');
    expect(await expiry({}, '2026-12-01T13:00:00.250Z')).toBe('2026-12-01T13:00:00.250Z');
  });

  it('finds a memory with created_at gte a date-time without offset', async () => {
    const { memory } = clocked();
    await memory.add('note', { userId: 'u', infer: false });
    const found = (filters: Record<string, unknown>) =>
      memory.getAll({ userId: 'u', filters }).then(({ results }) => results.length);
    // Written at 12:00Z: 11:00 (UTC) is before it, 11:00 in Berlin (10:00Z) too, 11:00 in New York (16:00Z) not.
    expect(await found({ created_at: { gte: '2026-11-30T11:00' } })).toBe(1);
    expect(
      await memory.search('note', { userId: 'u', filters: { created_at: { gte: '2026-11-30T11:00' } } }),
    ).toMatchObject({ results: [{ memory: 'note' }] });
    expect(
      await memory
        .getAll({ userId: 'u', timeZone: 'Europe/Berlin', filters: { created_at: { gte: '2026-11-30T11:00' } } })
        .then(({ results }) => results.length),
    ).toBe(1);
    expect(
      await memory
        .getAll({ userId: 'u', timeZone: 'America/New_York', filters: { created_at: { gte: '2026-11-30T11:00' } } })
        .then(({ results }) => results.length),
    ).toBe(0);
  });

  it('refuses dates that are not ISO 8601 with a typed error', async () => {
    const memory = new Memory(offline);
    for (const value of ['12/01/2026', 'Dec 1 2026', '2026-13-01', '2026-02-30', '2026-12-01T24:00', 'tomorrow', '']) {
      await expect(memory.add('note', { userId: 'u', infer: false, expirationDate: value })).rejects.toMatchObject({
        code: 'validation',
      });
      await expect(memory.getAll({ userId: 'u', filters: { created_at: { gte: value } } })).rejects.toMatchObject({
        code: 'invalid_filter',
      });
    }
    await expect(memory.getAll({ userId: 'u', filters: { created_at: { contains: '2026' } } })).rejects.toMatchObject({
      code: 'invalid_filter',
    });
    await expect(memory.add('note', { userId: 'u', infer: false, timeZone: 'Mars/Olympus' })).rejects.toMatchObject({
      code: 'validation',
    });
    expect(() => new Memory({ ...offline, timeZone: 'Mars/Olympus' })).toThrow(
      expect.objectContaining({ code: 'configuration' }),
    );
  });

  it('keeps a memory with a date-only expirationDate visible through that day in the zone, hidden from the next', async () => {
    for (const [config, perCall, lastInstant] of [
      [{}, undefined, '2026-12-01T23:59:59.999Z'],
      [{ timeZone: 'Asia/Shanghai' }, undefined, '2026-12-01T15:59:59.999Z'],
      [{ timeZone: 'Asia/Shanghai' }, 'America/Los_Angeles', '2026-12-02T07:59:59.999Z'],
    ] as const) {
      const { memory, at } = clocked(config);
      await memory.add('renew passport', {
        userId: 'u',
        infer: false,
        expirationDate: '2026-12-01',
        ...(perCall ? { timeZone: perCall } : {}),
      });
      // (The engine's clock only moves forward, by at least 1 ms a call: search first, a second early.)
      at(new Date(Date.parse(lastInstant) - 1000).toISOString());
      expect((await memory.search('passport', { userId: 'u' })).results).toHaveLength(1);
      at(lastInstant);
      expect(await visible(memory)).toEqual(['renew passport']);
      at(new Date(Date.parse(lastInstant) + 1).toISOString());
      expect(await visible(memory)).toEqual([]);
      expect((await memory.search('passport', { userId: 'u' })).results).toHaveLength(0);
    }
  });

  it('applies the zone to update expirationDate too', async () => {
    const { memory } = clocked({ timeZone: 'Asia/Tokyo' });
    const [event] = (await memory.add('note', { userId: 'u', infer: false })).results;
    const updated = await memory.update(event!.id!, { expirationDate: '2026-12-01' });
    expect(updated.expiresAt).toBe('2026-12-01T15:00:00.000Z');
    const perCall = await memory.update(event!.id!, { expirationDate: '2026-12-01T09:00', timeZone: 'UTC' });
    expect(perCall.expiresAt).toBe('2026-12-01T09:00:00.000Z');
  });
});

describe('date-only filters mean the whole day in the zone (property, against a reference)', () => {
  const day = { start: Date.parse('2026-11-30T16:00:00Z'), end: Date.parse('2026-12-01T16:00:00Z') };
  const reference: Record<string, (time: number) => boolean> = {
    eq: (time) => time >= day.start && time < day.end,
    ne: (time) => !(time >= day.start && time < day.end),
    gt: (time) => time >= day.end,
    gte: (time) => time >= day.start,
    lt: (time) => time < day.start,
    lte: (time) => time < day.end,
    in: (time) => time >= day.start && time < day.end,
    nin: (time) => !(time >= day.start && time < day.end),
  };
  it('matches exactly the reference for every operator', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(reference)),
        fc.integer({ min: day.start - 2 * 86_400_000, max: day.end + 2 * 86_400_000 }),
        fc.constantFrom('createdAt', 'created_at', 'eventAt', 'event_at', 'timestamp'),
        (operator, time, field) => {
          const value = operator === 'in' || operator === 'nin' ? ['2026-12-01'] : '2026-12-01';
          const filter = parseFilter({ [field]: { [operator]: value } }, 'filters', 'Asia/Shanghai')!;
          const iso = new Date(time).toISOString();
          const record = { createdAt: iso, eventAt: iso } as MemoryRecord;
          expect(evaluateFilter(filter, record)).toBe(reference[operator]!(time));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('ne and nin match records without the field, like every ne', () => {
    const record = { createdAt: '2026-12-01T00:00:00.000Z' } as MemoryRecord;
    expect(evaluateFilter(parseFilter({ eventAt: { ne: '2026-12-01' } })!, record)).toBe(true);
    expect(evaluateFilter(parseFilter({ eventAt: { nin: ['2026-12-01', '2026-12-02T10:00Z'] } })!, record)).toBe(true);
    expect(evaluateFilter(parseFilter({ eventAt: '2026-12-01' })!, record)).toBe(false);
  });
});

describe('timeZone: "today" is the user\'s calendar day', () => {
  // 20:00 UTC on 30 November is already 1 December (a Tuesday) in Shanghai.
  const now = () => new Date('2026-11-30T20:00:00Z');

  it("tells the model the day in the configured zone, or the call's", async () => {
    const todayLine = async (config: MemoryConfig, timeZone?: string): Promise<string | undefined> => {
      const model = new MockLanguageModel({ responses: ['{"memories":[]}'] });
      const memory = new Memory({ ...config, llm: model, embedder: { provider: 'lexical' }, now });
      await memory.add('hello', { userId: 'u', ...(timeZone ? { timeZone } : {}) });
      return model.calls[0]!.prompt.split('\n').find((line) => line.startsWith('Today:'));
    };
    expect(await todayLine({})).toBe('Today: 2026-11-30 (Monday)');
    expect(await todayLine({ timeZone: 'Asia/Shanghai' })).toBe('Today: 2026-12-01 (Tuesday)');
    expect(await todayLine({ timeZone: 'Asia/Shanghai' }, 'America/Los_Angeles')).toBe('Today: 2026-11-30 (Monday)');
  });

  it("resolves the rule extractor's relative dates in that zone", async () => {
    const added = async (config: MemoryConfig, timeZone?: string): Promise<string[]> => {
      const memory = new Memory({ ...offline, ...config, now });
      const { results } = await memory.add('I have a flight to Oslo tomorrow', {
        userId: 'u',
        ...(timeZone ? { timeZone } : {}),
      });
      return results.map((event) => event.memory ?? '');
    };
    expect(await added({})).toEqual(['Has a flight to Oslo on 1 December 2026']);
    expect(await added({ timeZone: 'Asia/Shanghai' })).toEqual(['Has a flight to Oslo on 2 December 2026']);
    expect(await added({}, 'Asia/Shanghai')).toEqual(['Has a flight to Oslo on 2 December 2026']);
    // The rule extractor's own zone applies when neither the config nor the call names one.
    expect(await added({ llm: { provider: 'rules', config: { timeZone: 'Asia/Shanghai' } } })).toEqual([
      'Has a flight to Oslo on 2 December 2026',
    ]);
  });
});

describe('timestamp: when the conversation happened', () => {
  it('is stored as eventAt, resolves relative dates from that day, and is filterable', async () => {
    const memory = new Memory(offline);
    const { results } = await memory.add('I have a flight to Oslo tomorrow', {
      userId: 'u',
      timestamp: '2023-05-08T13:56:00Z',
    });
    expect(results[0]).toMatchObject({ event: 'ADD', memory: 'Has a flight to Oslo on 9 May 2023' });
    expect(results[0]!.record?.eventAt).toBe('2023-05-08T13:56:00.000Z');
    await memory.add('we met in spring', { userId: 'u', infer: false, timestamp: 1_700_000_000 });
    await memory.add('no date given', { userId: 'u', infer: false });
    const texts = async (filters: Record<string, unknown>): Promise<string[]> =>
      (await memory.getAll({ userId: 'u', filters })).results.map((record) => record.memory);
    expect(await texts({ event_at: '2023-05-08' })).toEqual(['Has a flight to Oslo on 9 May 2023']);
    expect(await texts({ timestamp: { gte: '2023-06-01' } })).toEqual(['we met in spring']);
    expect(await texts({ eventAt: '*' })).toHaveLength(2);
    expect(await texts({ NOT: { eventAt: '*' } })).toEqual(['no date given']);
    expect(
      (await memory.getAll({ userId: 'u', filters: { timestamp: { gte: '2023-06-01' } } })).results[0]!.eventAt,
    ).toBe(new Date(1_700_000_000_000).toISOString());
  });

  it('accepts a Date and a date read in the zone; refuses milliseconds and other forms', async () => {
    const memory = new Memory({ ...offline, timeZone: 'Asia/Shanghai' });
    const eventAt = async (timestamp: unknown): Promise<string | undefined> =>
      (await memory.add(`note ${String(timestamp)}`, { userId: 'u', infer: false, timestamp: timestamp as never }))
        .results[0]!.record?.eventAt;
    expect(await eventAt(new Date('2023-05-08T13:56:00Z'))).toBe('2023-05-08T13:56:00.000Z');
    expect(await eventAt('2023-05-08')).toBe('2023-05-07T16:00:00.000Z');
    expect(await eventAt('2023-05-08T08:00')).toBe('2023-05-08T00:00:00.000Z');
    for (const bad of [Date.now(), -1, Number.NaN, '05/08/2023', true]) {
      await expect(eventAt(bad)).rejects.toMatchObject({ code: 'validation' });
    }
  });

  it("an UPDATE decided for a dated conversation moves the memory's eventAt", async () => {
    const extractor = scriptedExtractor((input) =>
      input.candidates.length === 0
        ? [{ event: 'ADD', text: 'Lives in Paris' }]
        : [{ event: 'UPDATE', target: input.candidates[0]!.alias, text: 'Lives in Berlin' }],
    );
    const memory = new Memory({ ...offline, extractor });
    await memory.add('I live in Paris', { userId: 'u', timestamp: '2023-01-01T10:00:00Z' });
    const { results } = await memory.add('I moved to Berlin', { userId: 'u', timestamp: '2024-02-02T10:00:00Z' });
    expect(results[0]).toMatchObject({ event: 'UPDATE', record: { eventAt: '2024-02-02T10:00:00.000Z' } });
    expect(extractor.calls[1]!.now.toISOString()).toBe('2024-02-02T10:00:00.000Z');
  });
});

describe('README: dates and time zones', () => {
  it('runs as written (offline default)', async () => {
    const key = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const dated = new Memory({ timeZone: 'Asia/Shanghai' });
      const added = await dated.add('I have a flight to Oslo tomorrow', {
        userId: 'alice',
        timestamp: '2023-05-08T13:56:00Z',
      });
      expect(added.results).toMatchObject([
        { event: 'ADD', memory: 'Has a flight to Oslo on 9 May 2023', record: { eventAt: '2023-05-08T13:56:00.000Z' } },
      ]);
      const found = await dated.getAll({ userId: 'alice', filters: { event_at: '2023-05-08' } });
      expect(found.results.map((record) => record.memory)).toEqual(['Has a flight to Oslo on 9 May 2023']);
    } finally {
      if (key !== undefined) process.env.OPENAI_API_KEY = key;
    }
  });
});
