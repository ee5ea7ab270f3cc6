import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { BackgroundWrites } from '../../src/adapters/background-writes.js';
import { checkAdapterOptions } from '../../src/adapters/check-adapter-options.js';
import { turnMessages } from '../../src/adapters/recall.js';
import { ConfigurationError, StoreError, ValidationError } from '../../src/errors.js';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve: () => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('BackgroundWrites', () => {
  it('returns before the write finishes, hands it to waitUntil, and flush waits for writes started meanwhile', async () => {
    const handed: Array<Promise<unknown>> = [];
    const writes = new BackgroundWrites('test', { waitUntil: (promise) => handed.push(promise) });
    const first = deferred();
    const second = deferred();
    const done: string[] = [];
    await writes.store({ userId: 'a' }, async () => {
      await first.promise;
      done.push('first');
      // A write started while flush() is waiting is waited for too.
      void writes.store({ userId: 'a' }, async () => {
        await second.promise;
        done.push('second');
      });
    });
    expect(writes.pending()).toBe(1);
    expect(handed).toHaveLength(1);
    const flushed = writes.flush();
    first.resolve();
    setTimeout(second.resolve, 5);
    await flushed;
    expect(done).toEqual(['first', 'second']);
    expect(writes.pending()).toBe(0);
  });

  it('reports failures to onError with the scope, never rejects, and survives a throwing hook', async () => {
    const onError = vi.fn(() => {
      throw new Error('hook bug');
    });
    const writes = new BackgroundWrites('test', { onError });
    await writes.store({ userId: 'a' }, () => Promise.reject(new StoreError('s', 'upsert', 'down')));
    await expect(writes.flush()).resolves.toBeUndefined();
    expect(onError).toHaveBeenCalledWith(expect.any(StoreError), { operation: 'store', scope: { userId: 'a' } });
  });

  it('logs one line with the error kind only (never its message), or nothing with logger: false', async () => {
    const warn = vi.fn();
    const writes = new BackgroundWrites('@memzero/x', { logger: { warn } });
    await writes.store({ userId: 'a' }, () => Promise.reject(new TypeError('secret memory text')));
    await writes.flush();
    expect(warn).toHaveBeenCalledWith(
      '@memzero/x: storing the turn failed with TypeError; the answer was not affected. Pass onError to handle it.',
    );
    const silent = new BackgroundWrites('x', { logger: false });
    await silent.store({}, () => Promise.reject(new Error('x')));
    await silent.flush();
  });

  it('with awaitStorage, runs the write in the caller and propagates its failure', async () => {
    const onError = vi.fn();
    const writes = new BackgroundWrites('test', { awaitStorage: true, onError });
    let ran = false;
    await writes.store({}, async () => {
      ran = true;
    });
    expect(ran).toBe(true);
    await expect(writes.store({}, () => Promise.reject(new StoreError('s', 'upsert', 'down')))).rejects.toBeInstanceOf(
      StoreError,
    );
    expect(onError).not.toHaveBeenCalled();
    expect(writes.pending()).toBe(0);
  });

  it('every write of a random mix settles once, failures are reported once each, flush leaves nothing pending', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ fail: fc.boolean(), delay: fc.nat(3) }), { maxLength: 20 }),
        async (plan) => {
          const reported: unknown[] = [];
          const writes = new BackgroundWrites('test', { onError: (error) => reported.push(error) });
          let finished = 0;
          for (const step of plan) {
            await writes.store({ userId: 'u' }, async () => {
              await new Promise((resolve) => setTimeout(resolve, step.delay));
              finished++;
              if (step.fail) throw new StoreError('s', 'upsert', 'down');
            });
          }
          await writes.flush();
          expect(finished).toBe(plan.length);
          expect(reported).toHaveLength(plan.filter((step) => step.fail).length);
          expect(writes.pending()).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('checkAdapterOptions', () => {
  const requirements = { methods: ['search', 'add'], example: "x({ memory: new Memory(), userId: 'a' })" };
  it('throws typed errors with a fix, before anything runs', () => {
    expect(() => checkAdapterOptions('x', undefined, requirements)).toThrow(ConfigurationError);
    expect(() => checkAdapterOptions('x', { userId: 'a' }, requirements)).toThrow(/options\.memory is required/);
    expect(() => checkAdapterOptions('x', { memory: { search() {} } }, requirements)).toThrow(/has no add\(\)/);
    const memory = { search() {}, add() {} };
    for (const bad of [
      { threshold: 1.5 },
      { limit: 0 },
      { limit: 2.5 },
      { store: 'always' },
      { awaitStorage: 'yes' },
      { onError: 'log' },
      { userId: '' },
      { user_id: 7 },
    ]) {
      expect(() => checkAdapterOptions('x', { memory, ...bad }, requirements)).toThrow(ValidationError);
    }
    expect(() =>
      checkAdapterOptions('x', { memory, userId: 'a', threshold: 0, store: false }, requirements),
    ).not.toThrow();
    expect(() => checkAdapterOptions('x', { user_id: 'a' }, { ...requirements, memoryOptional: true })).not.toThrow();
  });
});

describe('turnMessages', () => {
  it("keeps the user's texts and the answer for 'turn', the user's only for 'user', nothing for false", () => {
    expect(turnMessages([' I live in Rome ', ''], ' Nice! ', 'turn')).toEqual([
      { role: 'user', content: 'I live in Rome' },
      { role: 'assistant', content: 'Nice!' },
    ]);
    expect(turnMessages(['I live in Rome'], 'Nice!', 'user')).toEqual([{ role: 'user', content: 'I live in Rome' }]);
    expect(turnMessages(['I live in Rome'], 'Nice!', false)).toEqual([]);
    expect(turnMessages(['  '], 'Nice!', 'turn')).toEqual([]);
  });
});
