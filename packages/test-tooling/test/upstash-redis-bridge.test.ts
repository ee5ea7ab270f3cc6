import { Redis } from '@upstash/redis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startUpstashRedisBridge } from '../src/upstash-redis-bridge.js';

const url = inject('upstashRedisUrl');
const token = inject('upstashRedisToken');
const redis = new Redis({ url, token, enableTelemetry: false });
const post = (path: string, body: unknown): Promise<Response> =>
  fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
const key = (name: string): string => `bridge-test:${name}:${Math.random().toString(36).slice(2)}`;

describe('Upstash Redis bridge with the unmodified @upstash/redis client', () => {
  it('round-trips strings, UTF-8 and objects through base64 responses', async () => {
    const name = key('set');
    expect(await redis.set(name, 'héllo ✓ 日本')).toBe('OK');
    expect(await redis.get(name)).toBe('héllo ✓ 日本');
    await redis.set(name, { nested: { value: 1 } });
    expect(await redis.get(name)).toEqual({ nested: { value: 1 } });
    expect(await redis.ping()).toBe('PONG');
    expect(await redis.type(name)).toBe('string');
  });

  it('serves hashes, lists, sorted sets and streams', async () => {
    const hash = key('hash');
    await redis.hset(hash, { a: 'x', b: 2 });
    expect(await redis.hgetall(hash)).toEqual({ a: 'x', b: 2 });
    const list = key('list');
    expect(await redis.rpush(list, 'one', 'two', 'three')).toBe(3);
    expect(await redis.lrange(list, 0, -1)).toEqual(['one', 'two', 'three']);
    const zset = key('zset');
    await redis.zadd(zset, { score: 2, member: 'b' }, { score: 1, member: 'a' });
    expect(await redis.zrange(zset, 0, -1)).toEqual(['a', 'b']);
    const stream = key('stream');
    const id = await redis.xadd(stream, '*', { field: 'value' });
    expect(Object.keys(await redis.xrange(stream, '-', '+'))).toEqual([id]);
  });

  it('runs explicit pipelines and transactions, with per-item runtime errors', async () => {
    const name = key('pipe');
    const results = await redis.pipeline().set(name, 'v').get(name).incr(key('counter')).exec();
    expect(results).toEqual(['OK', 'v', 1]);
    const listKey = key('multi');
    await redis.set(listKey, 'not a list');
    await expect(redis.multi().set(key('ok'), '1').lpush(listKey, 'x').exec()).rejects.toThrow(/WRONGTYPE/);
  });

  it('reports wrong arity as a 400 error the client throws', async () => {
    await expect(redis.eval('return 1', [], [])).resolves.toBe(1);
    await expect(redis.get('')).resolves.toBeNull();
    const response = await post('/', ['get']);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/wrong number of arguments/) });
    const pipeline = await post('/pipeline', [['set', key('p'), 'v'], ['get']]);
    expect(pipeline.status).toBe(200);
    expect(await pipeline.json()).toEqual([{ result: 'OK' }, { error: expect.stringMatching(/wrong number/) }]);
    const transaction = await post('/multi-exec', [['set', key('m'), 'v'], ['nosuchcommand']]);
    expect(transaction.status).toBe(400);
    expect(await transaction.json()).toEqual({ error: expect.stringMatching(/unknown command/) });
  });

  it('batches concurrent commands through auto-pipelining', async () => {
    const counter = key('auto');
    const values = await Promise.all(Array.from({ length: 20 }, () => redis.incr(counter)));
    expect(values.sort((left, right) => left - right)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });

  it('runs scripts via EVALSHA with NOSCRIPT fallback, SCRIPT LOAD, and strips allow-key-locking', async () => {
    const script = redis.createScript<number>(
      "#!lua flags=allow-key-locking\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])",
    );
    const counter = key('script');
    expect(await script.exec([counter], ['5'])).toBe(5);
    expect(await script.exec([counter], ['2'])).toBe(7);
    const plain = "return 'loaded'";
    const sha = await redis.scriptLoad(plain);
    expect(await redis.evalsha(sha, [], [])).toBe('loaded');
    expect(await redis.scriptExists(sha)).toEqual([1]);
  });

  it('accepts path commands, the _token query parameter, and sends a sync token', async () => {
    const name = key('path');
    const set = await fetch(`${url}/set/${encodeURIComponent(name)}/hello?EX=100&_token=${token}`);
    expect(await set.json()).toEqual({ result: 'OK' });
    expect(set.headers.get('upstash-sync-token')).toBeTruthy();
    const get = await post('/', ['GET', name]);
    expect(await get.json()).toEqual({ result: 'hello' });
    const encoded = await fetch(`${url}/get/${encodeURIComponent(name)}`, {
      headers: { authorization: `Bearer ${token}`, 'upstash-encoding': 'base64' },
    });
    expect(await encoded.json()).toEqual({ result: Buffer.from('hello').toString('base64') });
    const method = await fetch(`${url}/`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(method.status).toBe(405);
  });

  it('refuses blocking and connection-state commands', async () => {
    for (const command of [
      ['blpop', key('b'), '1'],
      ['select', '1'],
      ['xread', 'block', '1', 'streams', 's', '$'],
    ]) {
      const response = await post('/', command);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/not available/) });
    }
  });

  it('rejects a bad token with 401, counts requests and commands, and injects failures', async () => {
    const bridge = await startUpstashRedisBridge({ redisPort: inject('redisPort') });
    try {
      const wrong = new Redis({ url: bridge.url, token: 'wrong', retry: false, enableTelemetry: false });
      await expect(wrong.get('x')).rejects.toThrow(/Unauthorized/);
      const client = new Redis({ url: bridge.url, token: bridge.token, enableTelemetry: false });
      bridge.resetStats();
      await client.pipeline().set(key('s'), 1).set(key('t'), 2).exec();
      expect(bridge.stats().requests['/pipeline']).toBe(1);
      expect(bridge.stats().commands).toBe(2);
      bridge.failNextRequests(1, 503);
      await expect(client.get(key('u'))).rejects.toThrow(/injected failure/);
      await expect(client.get(key('u'))).resolves.toBeNull();
    } finally {
      await bridge.close();
    }
  });
});

afterAll(async () => {
  await redis.flushdb().catch(() => undefined);
});
