import { randomUUID } from 'node:crypto';
import { AIMessage, HumanMessage } from '@langchain/core/messages';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { MessagesAnnotation, StateGraph } from '@langchain/langgraph';
import { validate } from '@langchain/langgraph-checkpoint-validation';
import type {} from '@memzero/test-tooling/global-setup';
import { Redis } from '@upstash/redis';
import { describe, expect, inject, it } from 'vitest';
import { UpstashRedisSaver } from '../src/upstash-redis-saver.js';

function createSaver(ttlSeconds?: number): UpstashRedisSaver {
  return new UpstashRedisSaver({
    client: new Redis({ url: inject('upstashRedisUrl'), token: inject('upstashRedisToken') }),
    prefix: `saver-test:${randomUUID()}`,
    ttlSeconds,
  });
}

// The official LangGraph conformance suite, against the Upstash Redis REST bridge over a real redis-server. Each
// checkpointer gets its own key prefix, so instances are isolated as the suite requires.
validate({ checkpointerName: 'UpstashRedisSaver', createCheckpointer: () => createSaver() });
// Again with a time to live, which changes how every write is pipelined.
validate({ checkpointerName: 'UpstashRedisSaver with ttlSeconds', createCheckpointer: () => createSaver(3600) });

describe('UpstashRedisSaver in a graph', () => {
  it('resumes a thread from Redis with a fresh saver instance and deletes it', async () => {
    const client = new Redis({ url: inject('upstashRedisUrl'), token: inject('upstashRedisToken') });
    const prefix = `saver-graph:${randomUUID()}`;
    const model = new FakeListChatModel({ responses: ['Hello Ada.', 'You are Ada.'] });
    const build = () =>
      new StateGraph(MessagesAnnotation)
        .addNode('chat', async (state) => ({ messages: [await model.invoke(state.messages)] }))
        .addEdge('__start__', 'chat')
        .compile({ checkpointer: new UpstashRedisSaver({ client, prefix }) });
    const config = { configurable: { thread_id: 'thread:1' } };

    await build().invoke({ messages: [new HumanMessage('I am Ada')] }, config);
    const second = await build().invoke({ messages: [new HumanMessage('Who am I?')] }, config);

    expect(second.messages.map((message) => message.text)).toEqual([
      'I am Ada',
      'Hello Ada.',
      'Who am I?',
      'You are Ada.',
    ]);
    expect(second.messages[3]).toBeInstanceOf(AIMessage);
    const saver = new UpstashRedisSaver({ client, prefix });
    const history = [];
    for await (const tuple of saver.list(config)) history.push(tuple);
    expect(history.length).toBeGreaterThanOrEqual(4);
    expect(history.map((tuple) => tuple.checkpoint.id)).toEqual(
      history
        .map((tuple) => tuple.checkpoint.id)
        .sort()
        .reverse(),
    );

    await saver.deleteThread('thread:1');
    expect(await saver.getTuple(config)).toBeUndefined();
    expect(await client.keys(`${prefix}:*`)).toEqual([]);
  });
});

describe('UpstashRedisSaver time to live', () => {
  it('gives every key of a thread a time to live, except the shared thread index', async () => {
    const client = new Redis({ url: inject('upstashRedisUrl'), token: inject('upstashRedisToken') });
    const prefix = `saver-ttl:${randomUUID()}`;
    const model = new FakeListChatModel({ responses: ['Hello.'] });
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('chat', async (state) => ({ messages: [await model.invoke(state.messages)] }))
      .addEdge('__start__', 'chat')
      .compile({ checkpointer: new UpstashRedisSaver({ client, prefix, ttlSeconds: 600 }) });

    await graph.invoke({ messages: [new HumanMessage('hi')] }, { configurable: { thread_id: 't1' } });

    const keys = (await client.keys(`${prefix}:*`)).filter((key) => key !== `${prefix}:threads`);
    expect(keys.some((key) => key.includes(':writes:'))).toBe(true);
    expect(keys.some((key) => key.includes(':blobs:'))).toBe(true);
    for (const key of keys) {
      const ttl = await client.ttl(key);
      expect(ttl, key).toBeGreaterThan(0);
      expect(ttl, key).toBeLessThanOrEqual(600);
    }
    expect(await client.ttl(`${prefix}:threads`)).toBe(-1);
  });

  it('rejects a time to live that is not a positive whole number of seconds', () => {
    const client = new Redis({ url: inject('upstashRedisUrl'), token: inject('upstashRedisToken') });
    expect(() => new UpstashRedisSaver({ client, ttlSeconds: 0 })).toThrow(/ttlSeconds/);
    expect(() => new UpstashRedisSaver({ client, ttlSeconds: 1.5 })).toThrow(/ttlSeconds/);
  });
});
