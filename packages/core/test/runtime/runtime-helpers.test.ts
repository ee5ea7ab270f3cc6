import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import { base64ToBytes, base64UrlToText, bytesToBase64, textToBase64Url } from '../../src/runtime/base64.js';
import { md5Hex, sha256Hex } from '../../src/runtime/hash.js';
import { randomUUID } from '../../src/runtime/random-uuid.js';
import { HeldLocks } from '../../src/stores/upstash/redis/held-locks.js';

/** Any text, lone surrogates included (fast-check's `unit: 'binary'` strings are slow to generate). */
const anyText = fc
  .array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 40 })
  .map((codes) => String.fromCodePoint(...codes));

// The Web-runtime helpers replace node:crypto and Buffer: stored hashes, deterministic ids, cursors and encoded
// fields must stay byte-for-byte what the Node versions produced, or existing stores would stop deduplicating.
describe('runtime helpers agree with the Node built-ins they replace', () => {
  it('md5Hex and sha256Hex equal createHash for any text, one block or many', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ maxLength: 300 })), (text) => {
        expect(md5Hex(text)).toBe(createHash('md5').update(text).digest('hex'));
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
      }),
    );
  });

  it('base64 and base64url equal Buffer and round-trip', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), anyText, (bytes, text) => {
        const expected = Buffer.from(bytes).toString('base64');
        expect(bytesToBase64(bytes)).toBe(expected);
        expect([...base64ToBytes(expected)]).toEqual([...bytes]);
        expect([...base64ToBytes(Buffer.from(bytes).toString('base64url'))]).toEqual([...bytes]);
        const encoded = textToBase64Url(text);
        expect(encoded).toBe(Buffer.from(text, 'utf8').toString('base64url'));
        expect(base64UrlToText(encoded)).toBe(Buffer.from(encoded, 'base64url').toString('utf8'));
      }),
    );
  });

  it('decodes garbage without throwing, so callers turn it into their typed error', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => base64UrlToText(text)).not.toThrow();
      }),
    );
  });

  it('a malformed getAll cursor is a ValidationError, not a decoding exception', async () => {
    const memory = new Memory();
    await expect(memory.getAll({ userId: 'alice', cursor: '%%%not-base64' })).rejects.toMatchObject({
      code: 'validation',
    });
  });
});

describe('randomUUID', () => {
  it('falls back to getRandomValues where crypto.randomUUID is missing (browsers outside secure contexts)', () => {
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 200 }, () => randomUUID()));
      expect(ids.size).toBe(200);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    expect(typeof crypto.randomUUID).toBe('function');
  });
});

describe('usage without AsyncLocalStorage', () => {
  it('concurrent calls on one Memory each count only their own store calls', async () => {
    const memory = new Memory({ embedder: { provider: 'lexical' } });
    await memory.add('I live in Paris and I love sushi', { userId: 'alice' });
    const alone = (await memory.search('sushi', { userId: 'alice' })).usage.storeCalls;
    const results = await Promise.all([
      ...Array.from({ length: 5 }, (_, index) =>
        memory.add(`I adopted a cat named Cat${index}`, { userId: `u${index}` }),
      ),
      ...Array.from({ length: 5 }, () => memory.search('sushi', { userId: 'alice' })),
    ]);
    const searches = results.slice(5);
    for (const search of searches) expect(search.usage.storeCalls).toBe(alone);
    for (const add of results.slice(0, 5)) expect(add.usage.storeCalls).toBeGreaterThan(alone);
  });
});

describe('HeldLocks: the lock context of the Upstash Redis store', () => {
  it('gives a task its own lock, and nothing outside it', async () => {
    const locks = new HeldLocks<{ token: string; pending?: string[] }>();
    expect(locks.get('scope-a')).toBeUndefined();
    await locks.run('scope-a', { token: 't1', pending: ['p'] }, async () => {
      expect(locks.get('scope-a')).toEqual({ token: 't1', pending: ['p'] });
      expect(locks.get('scope-b')).toBeUndefined();
      expect(locks.get(undefined)).toBeUndefined();
    });
    expect(locks.get('scope-a')).toBeUndefined();
  });

  it('fails closed when one instance holds a key twice (a lease was lost and taken again)', async () => {
    const locks = new HeldLocks<{ token: string; pending?: string[]; recent?: string[] }>();
    let release!: () => void;
    const first = locks.run(
      'scope-a',
      { token: 't1', pending: ['p'] },
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    await locks.run('scope-a', { token: 't2', recent: ['r'] }, async () => {
      const seen = locks.get('scope-a');
      expect(seen?.token).not.toBe('t1');
      expect(seen?.token).not.toBe('t2');
      expect(seen?.pending).toBeUndefined();
      expect(seen?.recent).toBeUndefined();
      release();
      await first;
      expect(locks.get('scope-a')?.token).toBe('t2');
    });
    await expect(
      locks.run('scope-a', { token: 't3' }, async () => {
        throw new Error('task failed');
      }),
    ).rejects.toThrow('task failed');
    expect(locks.get('scope-a')).toBeUndefined();
  });
});
