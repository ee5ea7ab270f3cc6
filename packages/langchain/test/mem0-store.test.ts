import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { type LangGraphRunnableConfig, MessagesAnnotation, StateGraph } from '@langchain/langgraph';
import { type BaseStore, InMemoryStore, type Item, type Operation } from '@langchain/langgraph-checkpoint';
import { Memory } from '@memzero/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { Mem0Store } from '../src/mem0-store.js';

/**
 * The offline engine with a clock that ticks one millisecond per reading: LangGraph's InMemoryStore orders by
 * insertion, the engine by creation time, and fast in-process writes would otherwise share a millisecond.
 */
function offlineMemory(): Memory {
  let tick = Date.parse('2026-01-01T00:00:00.000Z');
  return new Memory({
    llm: { provider: 'rules' },
    embedder: { provider: 'lexical' },
    now: () => {
      tick += 1;
      return new Date(tick);
    },
  });
}

/** What both stores must agree on: everything but timestamps and scores. */
function shape(item: Item | null): unknown {
  return item && { namespace: item.namespace, key: item.key, value: item.value };
}

async function seed(store: BaseStore): Promise<void> {
  await store.put(['users', 'u1'], 'prefs', { theme: 'dark', size: 3, text: 'Prefers dark mode' });
  await store.put(['users', 'u1'], 'food', { likes: 'green tea', size: 1, text: 'Drinks green tea' });
  await store.put(['users', 'u2'], 'prefs', { theme: 'light', size: 5, text: 'Prefers light mode' });
  await store.put(['docs', 'python'], 'd1', { text: 'Python tutorial', size: 2 });
  await store.put(['users', 'u2', 'notes'], 'n1', { text: 'Lives in Berlin', size: 4 });
}

describe('Mem0Store parity with InMemoryStore', () => {
  let reference: InMemoryStore;
  let store: Mem0Store;

  beforeEach(async () => {
    reference = new InMemoryStore();
    store = new Mem0Store({ memory: offlineMemory() });
    await seed(reference);
    await seed(store);
  });

  async function both<T>(operation: (target: BaseStore) => Promise<T>): Promise<[T, T]> {
    return [await operation(reference), await operation(store)];
  }

  it('gets items, including missing ones', async () => {
    for (const [namespace, key] of [
      [['users', 'u1'], 'prefs'],
      [['users', 'u2', 'notes'], 'n1'],
      [['users', 'u1'], 'missing'],
      [['nowhere'], 'prefs'],
    ] as const) {
      const [expected, actual] = await both((target) => target.get([...namespace], key));
      expect(shape(actual)).toEqual(shape(expected));
    }
    const item = await store.get(['users', 'u1'], 'prefs');
    expect(item?.createdAt).toBeInstanceOf(Date);
    expect(item?.updatedAt).toBeInstanceOf(Date);
  });

  it('replaces a value in place and deletes items', async () => {
    const before = await store.get(['users', 'u1'], 'prefs');
    await both((target) => target.put(['users', 'u1'], 'prefs', { theme: 'blue', size: 3, text: 'Prefers blue' }));
    await both((target) => target.delete(['users', 'u1'], 'food'));
    await both((target) => target.delete(['users', 'u1'], 'never-existed'));

    for (const key of ['prefs', 'food']) {
      const [expected, actual] = await both((target) => target.get(['users', 'u1'], key));
      expect(shape(actual)).toEqual(shape(expected));
    }
    const after = await store.get(['users', 'u1'], 'prefs');
    expect(after?.createdAt.getTime()).toBe(before?.createdAt.getTime());
    expect(after?.updatedAt.getTime()).toBeGreaterThan(before?.updatedAt.getTime() ?? 0);
    const [expected, actual] = await both((target) => target.search(['users']));
    expect(actual.map(shape)).toEqual(expected.map(shape));
  });

  it('searches by namespace prefix in insertion order, with limit and offset', async () => {
    for (const [prefix, options] of [
      [[], {}],
      [['users'], {}],
      [['users', 'u2'], {}],
      [['users', 'u'], {}],
      [['docs'], {}],
      [['users'], { limit: 2 }],
      [['users'], { limit: 2, offset: 1 }],
      [[], { offset: 4 }],
    ] as const) {
      const [expected, actual] = await both((target) => target.search([...prefix], options));
      expect(actual.map(shape)).toEqual(expected.map(shape));
      expect(actual.every((item) => item.score === undefined)).toBe(true);
    }
  });

  it('filters on value keys with exact matches and every comparison operator', async () => {
    for (const filter of [
      { theme: 'dark' },
      { size: 3 },
      { size: { $gt: 2 } },
      { size: { $gte: 3, $lt: 5 } },
      { size: { $lte: 2 } },
      { theme: { $ne: 'dark' } },
      { theme: { $eq: 'light' } },
      { size: { $in: [1, 5] } },
      { size: { $nin: [1, 5] } },
      { theme: 'dark', size: 3 },
      { likes: 'green tea' },
    ]) {
      const [expected, actual] = await both((target) => target.search(['users'], { filter }));
      expect(actual.map(shape)).toEqual(expected.map(shape));
    }
  });

  it('lists namespaces with prefix, suffix, wildcards, maxDepth, limit and offset', async () => {
    for (const options of [
      {},
      { prefix: ['users'] },
      { suffix: ['prefs'] },
      { suffix: ['notes'] },
      { prefix: ['users', '*'] },
      { maxDepth: 1 },
      { maxDepth: 2, prefix: ['users'] },
      { limit: 2 },
      { limit: 2, offset: 1 },
    ]) {
      const [expected, actual] = await both((target) => target.listNamespaces(options));
      expect(actual).toEqual(expected);
    }
  });

  it('applies a batch as InMemoryStore does: reads see the state before the batch, the last put wins', async () => {
    const operations: Operation[] = [
      { namespace: ['batch'], key: 'k', value: { text: 'first' } },
      { namespace: ['batch'], key: 'k' },
      { namespace: ['batch'], key: 'k', value: { text: 'second' } },
      { namespacePrefix: ['batch'], limit: 10, offset: 0 },
    ];
    const [expected, actual] = (await both((target) => target.batch(operations))) as [unknown[], unknown[]];
    expect([shape(actual[1] as Item | null), (actual[3] as Item[]).map(shape)]).toEqual([
      shape(expected[1] as Item | null),
      (expected[3] as Item[]).map(shape),
    ]);
    const [expectedAfter, actualAfter] = await both((target) => target.get(['batch'], 'k'));
    expect(shape(actualAfter)).toEqual(shape(expectedAfter));
  });

  it('rejects the namespaces InMemoryStore rejects', async () => {
    for (const namespace of [['a:b'], ['a.b'], [''], []]) {
      const [expected, actual] = await Promise.all([
        reference.put(namespace, 'k', { x: 1 }).then(
          () => 'ok',
          (error: Error) => error.name,
        ),
        store.put(namespace, 'k', { x: 1 }).then(
          () => 'ok',
          (error: Error) => error.name,
        ),
      ]);
      expect(actual).toBe(expected);
    }
  });
});

describe('Mem0Store search with a query', () => {
  it('ranks by the engine’s hybrid relevance inside the prefix and filter, with scores', async () => {
    const store = new Mem0Store({ memory: offlineMemory(), index: { fields: ['text'] } });
    await seed(store);

    const results = await store.search(['users'], { query: 'Where does the user live? Berlin' });
    expect(results[0]?.key).toBe('n1');
    expect(results[0]?.score).toBeGreaterThan(0);
    expect(results.every((item) => item.namespace[0] === 'users')).toBe(true);
    const scores = results.map((item) => item.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const filtered = await store.search(['users'], { query: 'mode', filter: { theme: 'light' } });
    expect(filtered.map((item) => item.key)).toEqual(['prefs']);
    expect(filtered[0]?.namespace).toEqual(['users', 'u2']);
    const paged = await store.search([], { query: 'tea Berlin Python mode', limit: 2, offset: 1 });
    const all = await store.search([], { query: 'tea Berlin Python mode', limit: 3 });
    expect(paged.map(shape)).toEqual(all.slice(1, 3).map(shape));
  });

  it('indexes the configured fields only, and per-call index fields when put is called directly', async () => {
    const memory = offlineMemory();
    const store = new Mem0Store({ memory, index: { fields: ['title', 'tags[*]'] } });
    await store.put(['notes'], 'a', { title: 'Sailing trip', tags: ['sea', 'wind'], body: 'quantum chromodynamics' });
    await store.put(['notes'], 'b', { title: 'Physics', body: 'sailing' }, ['body']);
    await store.put(['notes'], 'c', { count: 3 });

    const texts = (await memory.getAll({ appId: 'langgraph' })).results.map((record) => record.memory);
    expect(texts).toEqual(['Sailing trip\nsea\nwind', 'sailing', '{"count":3}']);
    const sailing = await store.search(['notes'], { query: 'sailing' });
    expect(
      sailing
        .slice(0, 2)
        .map((item) => item.key)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(sailing.slice(0, 2).every((item) => (item.score ?? 0) > 0)).toBe(true);
  });
});

describe('Mem0Store namespaces and scopes', () => {
  it('maps namespace labels to scope fields, so the engine API sees the same memories', async () => {
    const memory = offlineMemory();
    const store = new Mem0Store({ memory, scope: { appId: 'my-app' }, namespaceScope: { userId: 1 } });
    await store.put(['memories', 'alice'], 'home', { text: 'Lives in Berlin' });
    await store.put(['memories', 'bob'], 'home', { text: 'Lives in Paris' });

    const alice = await memory.search('Berlin', { userId: 'alice' });
    expect(alice.results.map((hit) => [hit.appId, hit.userId, hit.metadata.langgraph])).toEqual([
      ['my-app', 'alice', expect.objectContaining({ key: 'home', namespace: ['memories', 'alice'] })],
    ]);
    expect((await store.search(['memories'])).map((item) => item.namespace[1])).toEqual(['alice', 'bob']);
    expect((await store.search(['memories', 'bob'])).map((item) => item.value)).toEqual([{ text: 'Lives in Paris' }]);
    const otherApp = new Mem0Store({ memory, scope: { appId: 'other-app' }, namespaceScope: { userId: 1 } });
    expect(await otherApp.search(['memories'])).toEqual([]);
  });

  it('rejects a scope-less store and label positions that are not scope fields', () => {
    const memory = offlineMemory();
    expect(() => new Mem0Store({ memory, scope: {} })).toThrow(/scope/);
    expect(() => new Mem0Store({ memory, namespaceScope: { userId: -1 } })).toThrow(/namespaceScope/);
    expect(() => new Mem0Store({ memory, namespaceScope: { tenant: 0 } as never })).toThrow(/namespaceScope/);
  });

  it('ignores memories the store did not write', async () => {
    const memory = offlineMemory();
    await memory.add('I live in Berlin', { appId: 'langgraph' });
    const store = new Mem0Store({ memory });
    expect(await store.search([])).toEqual([]);
    expect(await store.listNamespaces()).toEqual([]);
  });

  it('keeps one memory per item when puts of the same key run concurrently', async () => {
    const memory = offlineMemory();
    const store = new Mem0Store({ memory });
    await Promise.all([1, 2, 3, 4].map((round) => store.put(['race'], 'k', { text: `value ${round}` })));
    const records = (await memory.getAll({ appId: 'langgraph' })).results;
    expect(records).toHaveLength(1);
    expect((await store.get(['race'], 'k'))?.value).toEqual({ text: 'value 4' });
  });

  it('forgets a namespace once its last item is deleted', async () => {
    const store = new Mem0Store({ memory: offlineMemory() });
    await store.put(['a'], 'k', { x: 1 });
    await store.put(['b'], 'k', { x: 2 });
    await store.delete(['a'], 'k');
    expect(await store.listNamespaces()).toEqual([['b']]);
  });
});

describe('Mem0Store in a LangGraph graph', () => {
  it('lets a node read and write the store through the runtime', async () => {
    const memory = offlineMemory();
    const store = new Mem0Store({ memory, namespaceScope: { userId: 1 }, index: { fields: ['text'] } });
    const model = new FakeListChatModel({ responses: ['Noted.', 'You live in Berlin.'] });
    const systemPrompts: string[] = [];

    const graph = new StateGraph(MessagesAnnotation)
      .addNode('chat', async (state, config: LangGraphRunnableConfig) => {
        const userId = String(config.configurable?.userId);
        const namespace = ['memories', userId];
        const last = state.messages.at(-1);
        const found = await config.store?.search(namespace, { query: last?.text ?? '', limit: 3 });
        const system = `Known: ${(found ?? []).map((item) => item.value.text).join('; ')}`;
        systemPrompts.push(system);
        if (last && /I live in/.test(last.text)) {
          await config.store?.put(namespace, 'home', { text: last.text });
        }
        return { messages: [await model.invoke([new SystemMessage(system), ...state.messages])] };
      })
      .addEdge('__start__', 'chat')
      .compile({ store });

    await graph.invoke({ messages: [new HumanMessage('I live in Berlin')] }, { configurable: { userId: 'alice' } });
    const answer = await graph.invoke(
      { messages: [new HumanMessage('Where do I live?')] },
      { configurable: { userId: 'alice' } },
    );

    expect(answer.messages.at(-1)).toBeInstanceOf(AIMessage);
    expect(systemPrompts[0]).toBe('Known: ');
    expect(systemPrompts[1]).toBe('Known: I live in Berlin');
    expect((await store.get(['memories', 'alice'], 'home'))?.value).toEqual({ text: 'I live in Berlin' });
    expect((await memory.search('Berlin', { userId: 'alice' })).results.map((hit) => hit.memory)).toEqual([
      'I live in Berlin',
    ]);
  });
});
