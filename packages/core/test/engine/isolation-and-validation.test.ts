import { beforeEach, describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import { FilterError, MemoryError, MissingScopeError, NotFoundError, ValidationError } from '../../src/errors.js';
import { addEachUserMessage } from './helpers.js';

const offline = { embedder: { provider: 'lexical' } } as const;

describe('tenant isolation', () => {
  let memory: Memory;
  let aliceId: string;
  beforeEach(async () => {
    memory = new Memory({ ...offline, extractor: addEachUserMessage });
    aliceId = (await memory.add('Likes secret recipes', { userId: 'alice' })).results[0]!.id!;
    await memory.add('Likes hiking', { userId: 'bob' });
    await memory.add('Likes secret gardens', { userId: 'alice', agentId: 'chef' });
  });

  it('search never returns another scope, whatever the filter', async () => {
    const filters = [
      undefined,
      { user_id: 'alice' },
      { userId: 'alice' },
      { OR: [{ user_id: 'alice' }, { user_id: 'bob' }] },
      { NOT: [{ user_id: 'bob' }] },
      { user_id: '*' },
      { user_id: { in: ['alice', 'bob'] } },
    ];
    for (const filters_ of filters) {
      const result = await memory.search('secret recipes', {
        userId: 'bob',
        ...(filters_ ? { filters: filters_ } : {}),
      });
      expect(result.results.every((hit) => hit.userId === 'bob')).toBe(true);
    }
  });

  it('takes the scope from top-level filter equalities the way Mem0 OSS callers write them, never from OR/NOT', async () => {
    const mem0Style = await memory.search('secret', { filters: { user_id: 'alice' }, topK: 5 });
    expect(mem0Style.results.length).toBeGreaterThan(0);
    expect(mem0Style.results.every((hit) => hit.userId === 'alice')).toBe(true);
    const page = await memory.getAll({ filters: { user_id: 'bob' } });
    expect(page.results.map((record) => record.memory)).toEqual(['Likes hiking']);
    await expect(memory.search('secret', { filters: { OR: [{ user_id: 'alice' }] } } as never)).rejects.toBeInstanceOf(
      MissingScopeError,
    );
    await expect(memory.search('secret', { filters: { user_id: '*' } } as never)).rejects.toBeInstanceOf(
      MissingScopeError,
    );
    expect((await memory.getAll({ userId: 'alice', topK: 1 })).results).toHaveLength(1);
  });

  it('a narrower scope sees only its own memories, a wider one sees the narrower ones', async () => {
    const agent = await memory.getAll({ userId: 'alice', agentId: 'chef' });
    expect(agent.results.map((record) => record.memory)).toEqual(['Likes secret gardens']);
    const user = await memory.getAll({ userId: 'alice' });
    expect(user.results).toHaveLength(2);
  });

  it('get and update with a scope do not reach another scope', async () => {
    expect(await memory.get(aliceId, { userId: 'bob' })).toBeNull();
    expect(await memory.get(aliceId, { userId: 'alice' })).not.toBeNull();
    await expect(memory.update(aliceId, 'hacked', { userId: 'bob' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(memory.delete(aliceId, { userId: 'bob' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await memory.get(aliceId))?.memory).toBe('Likes secret recipes');
  });

  it('deleteAll removes one scope only', async () => {
    const removed = await memory.deleteAll({ userId: 'alice', agentId: 'chef' });
    expect(removed.deleted).toHaveLength(1);
    expect((await memory.getAll({ userId: 'alice' })).results).toHaveLength(1);
    expect((await memory.getAll({ userId: 'bob' })).results).toHaveLength(1);
  });
});

describe('bad input gives typed errors and changes nothing', () => {
  const cases: Array<[string, (memory: Memory) => Promise<unknown>, new (...args: never[]) => MemoryError]> = [
    ['add without scope', (memory) => memory.add('Likes tea', {} as never), MissingScopeError],
    ['add with blank userId', (memory) => memory.add('Likes tea', { userId: '  ' }), ValidationError],
    ['add with a non-string userId', (memory) => memory.add('Likes tea', { userId: 42 as never }), ValidationError],
    ['add with control characters in userId', (memory) => memory.add('x', { userId: 'a\u0000b' }), ValidationError],
    ['add of an empty string', (memory) => memory.add('   ', { userId: 'alice' }), ValidationError],
    ['add of no messages', (memory) => memory.add([], { userId: 'alice' }), ValidationError],
    ['add of a huge message', (memory) => memory.add('x'.repeat(40_000), { userId: 'alice' }), ValidationError],
    [
      'add with a bad role',
      (memory) => memory.add([{ role: 'robot', content: 'x' } as never], { userId: 'alice' }),
      ValidationError,
    ],
    ['add with a number as content', (memory) => memory.add(42 as never, { userId: 'alice' }), ValidationError],
    [
      'add with bad metadata keys',
      (memory) => memory.add('x', { userId: 'alice', metadata: { 'a b': 1 } }),
      ValidationError,
    ],
    [
      'add with a bad expiration date',
      (memory) => memory.add('x', { userId: 'alice', expirationDate: 'soon' }),
      ValidationError,
    ],
    ['search without scope', (memory) => memory.search('tea', {} as never), MissingScopeError],
    ['search with an empty query', (memory) => memory.search('', { userId: 'alice' }), ValidationError],
    ['search with a bad limit', (memory) => memory.search('tea', { userId: 'alice', limit: 0 }), ValidationError],
    [
      'search with a bad threshold',
      (memory) => memory.search('tea', { userId: 'alice', threshold: 2 }),
      ValidationError,
    ],
    [
      'search with an unknown operator',
      (memory) => memory.search('tea', { userId: 'alice', filters: { a: { like: 'x' } } }),
      FilterError,
    ],
    [
      'search with a bad field name',
      (memory) => memory.search('tea', { userId: 'alice', filters: { "a' OR 1": 'x' } }),
      FilterError,
    ],
    [
      'search with an empty OR',
      (memory) => memory.search('tea', { userId: 'alice', filters: { OR: [] } }),
      FilterError,
    ],
    ['getAll with a bad cursor', (memory) => memory.getAll({ userId: 'alice', cursor: 'nope' }), ValidationError],
    ['update of an unknown id', (memory) => memory.update('no-such-id', 'x'), NotFoundError],
    ['update with empty text', (memory) => memory.update('no-such-id', { text: '' }), ValidationError],
    ['delete of an unknown id', (memory) => memory.delete('no-such-id'), NotFoundError],
    ['get with an empty id', (memory) => memory.get(''), ValidationError],
    ['deleteAll without scope', (memory) => memory.deleteAll({}), MissingScopeError],
  ];
  for (const [name, call, errorType] of cases) {
    it(name, async () => {
      const memory = new Memory({ ...offline, extractor: addEachUserMessage });
      await memory.add('Likes tea', { userId: 'alice' });
      const error = await call(memory).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(errorType);
      expect(MemoryError.isInstance(error)).toBe(true);
      expect((error as Error).message).not.toContain('Likes tea');
      const all = await memory.getAll({ userId: 'alice' });
      expect(all.results.map((record) => record.memory)).toEqual(['Likes tea']);
    });
  }
});
