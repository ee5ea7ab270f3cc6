import { Index } from '@upstash/vector';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startUpstashVectorEmulator, type UpstashVectorEmulator } from '../src/upstash-vector-emulator.js';

let emulator: UpstashVectorEmulator;
let index: Index;

beforeAll(async () => {
  emulator = await startUpstashVectorEmulator({
    dimension: 3,
    denseEmbeddingModel: { name: 'test-dense', embed: (text) => [text.length, 1, 0] },
    sparseEmbeddingModel: {
      name: 'test-sparse',
      embed: (text) => {
        const indices = [...new Set(text.split(' ').map((word) => word.length))];
        return { indices, values: indices.map(() => 1) };
      },
    },
  });
  index = new Index({ url: emulator.url, token: emulator.token, enableTelemetry: false });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await index.reset({ all: true });
  emulator.setVisibilityDelay(0);
});

const cities = [
  {
    id: 'istanbul',
    vector: [1, 0, 0],
    sparseVector: { indices: [1, 2], values: [1, 1] },
    metadata: {
      country: 'Turkey',
      population: 15_000_000,
      is_capital: false,
      tags: ['Tourism', 'Finance'],
      geo: { continent: 'Asia' },
    },
  },
  {
    id: 'ankara',
    vector: [0.9, 0.1, 0],
    sparseVector: { indices: [2], values: [3] },
    metadata: { country: 'Turkey', population: 5_000_000, is_capital: true, tags: ['Government'] },
  },
  {
    id: 'paris',
    vector: [0, 1, 0],
    sparseVector: { indices: [3], values: [1] },
    metadata: {
      country: 'France',
      population: 2_100_000,
      is_capital: true,
      tags: ['Tourism'],
      geo: { continent: 'Europe' },
    },
  },
];

describe('Upstash Vector emulator with the unmodified @upstash/vector client', () => {
  it('upserts, queries dense with normalised cosine scores, and projects fields', async () => {
    expect(await index.upsert(cities)).toBe('Success');
    const results = await index.query({ vector: [1, 0, 0], topK: 2, includeMetadata: true });
    expect(results.map((result) => result.id)).toEqual(['istanbul', 'ankara']);
    expect(results[0]?.score).toBeCloseTo(1);
    expect(results[0]?.metadata?.country).toBe('Turkey');
    expect(results[0]).not.toHaveProperty('vector');
    const withVectors = await index.query({ vector: [0, 1, 0], topK: 1, includeVectors: true });
    expect(withVectors[0]?.vector).toEqual([0, 1, 0]);
    expect(withVectors[0]?.sparseVector).toEqual({ indices: [3], values: [1] });
  });

  it('evaluates the documented filter language', async () => {
    await index.upsert(cities);
    const ids = async (filter: string): Promise<string[]> =>
      (await index.query({ vector: [1, 1, 1], topK: 10, filter })).map((result) => String(result.id)).sort();
    expect(await ids("country = 'Turkey' AND (population > 10000000 OR is_capital = false)")).toEqual(['istanbul']);
    expect(await ids('tags CONTAINS "Tourism"')).toEqual(['istanbul', 'paris']);
    expect(await ids("tags NOT CONTAINS 'Tourism'")).toEqual(['ankara']);
    expect(await ids("country IN ('France', 'Spain')")).toEqual(['paris']);
    expect(await ids("country NOT IN ('France')")).toEqual(['ankara', 'istanbul']);
    expect(await ids("country GLOB 'T*y'")).toEqual(['ankara', 'istanbul']);
    expect(await ids("country NOT GLOB '[A-F]*'")).toEqual(['ankara', 'istanbul']);
    expect(await ids('HAS FIELD geo.continent')).toEqual(['istanbul', 'paris']);
    expect(await ids('has not field geo')).toEqual(['ankara']);
    expect(await ids("geo.continent != 'Asia'")).toEqual(['paris']);
    expect(await ids("tags[#-1] = 'Finance'")).toEqual(['istanbul']);
    expect(await ids("tags[0] = 'Government' or population <= 2100000")).toEqual(['ankara', 'paris']);
    expect(await ids("country = 'Turkey' OR country = 'France' AND is_capital = true")).toEqual([
      'ankara',
      'istanbul',
      'paris',
    ]);
    await expect(index.query({ vector: [1, 1, 1], topK: 1, filter: 'tags[' })).rejects.toThrow(/Invalid filter/);
    await expect(index.query({ vector: [1, 1, 1], topK: 1, filter: 'population > 1e6' })).rejects.toThrow(
      /Invalid filter/,
    );
    await expect(index.query({ vector: [1, 1, 1], topK: 1, filter: "country = 'x" })).rejects.toThrow(/Invalid filter/);
  });

  it('scores sparse queries with IDF, and fuses hybrid queries with RRF and DBSF', async () => {
    await index.upsert(cities);
    const sparse = await index.query({ sparseVector: { indices: [2], values: [1] }, topK: 5 });
    expect(sparse.map((result) => result.id)).toEqual(['ankara', 'istanbul']);
    const weighted = await index.query({
      sparseVector: { indices: [1, 2], values: [1, 1] },
      topK: 5,
      weightingStrategy: 'IDF' as never,
    });
    expect(weighted[0]?.id).toBe('istanbul');
    const idfOfTwoDocs = Math.log((3 - 2 + 0.5) / (2 + 0.5) + 1);
    const idfOfOneDoc = Math.log((3 - 1 + 0.5) / (1 + 0.5) + 1);
    expect(weighted[0]?.score).toBeCloseTo(idfOfOneDoc + idfOfTwoDocs, 5);
    const fused = await index.query({ vector: [0, 1, 0], sparseVector: { indices: [2], values: [1] }, topK: 3 });
    expect(fused.map((result) => result.id)).toContain('paris');
    expect(fused[0]?.score).toBeCloseTo(1 / 61 + 1 / 62, 5);
    const dbsf = await index.query({
      vector: [0, 1, 0],
      sparseVector: { indices: [2], values: [1] },
      topK: 3,
      fusionAlgorithm: 'DBSF' as never,
    });
    expect(dbsf).toHaveLength(3);
  });

  it('answers a batch of queries in one request, nested (and normalised for one query)', async () => {
    await index.upsert(cities);
    emulator.resetStats();
    const [dense, sparse] = await index.queryMany([
      { vector: [0, 1, 0], topK: 1 },
      { sparseVector: { indices: [1], values: [1] }, topK: 1 },
    ]);
    expect(dense?.[0]?.id).toBe('paris');
    expect(sparse?.[0]?.id).toBe('istanbul');
    expect(emulator.stats().requests).toEqual({ query: 1 });
    const single = await index.queryMany([{ vector: [0, 1, 0], topK: 1 }]);
    expect(single[0]?.[0]?.id).toBe('paris');
  });

  it('fetches by ids and prefix, ranges with a cursor, and deletes by ids, prefix and filter', async () => {
    await index.upsert(cities);
    const fetched = await index.fetch(['paris', 'nowhere'], { includeMetadata: true });
    expect(fetched[0]?.metadata?.country).toBe('France');
    expect(fetched[1]).toBeNull();
    expect((await index.fetch({ prefix: 'an' })).map((vector) => vector?.id)).toEqual(['ankara']);
    const first = await index.range({ cursor: 0, limit: 2 });
    expect(first.vectors.map((vector) => vector.id)).toEqual(['ankara', 'istanbul']);
    const second = await index.range({ cursor: first.nextCursor, limit: 2 });
    expect(second.vectors.map((vector) => vector.id)).toEqual(['paris']);
    expect(second.nextCursor).toBe('');
    expect(await index.delete({ filter: "country = 'France'" })).toEqual({ deleted: 1 });
    expect(await index.delete({ prefix: 'ank' })).toEqual({ deleted: 1 });
    expect(await index.delete(['istanbul', 'gone'])).toEqual({ deleted: 1 });
    expect((await index.info()).vectorCount).toBe(0);
  });

  it('updates metadata with PATCH (merge patch) and OVERWRITE', async () => {
    await index.upsert(cities);
    expect(
      await index.update({
        id: 'paris',
        metadata: { population: 2_200_000, tags: null },
        metadataUpdateMode: 'PATCH' as never,
      }),
    ).toEqual({ updated: 1 });
    const [patched] = await index.fetch(['paris'], { includeMetadata: true });
    expect(patched?.metadata).toEqual({
      country: 'France',
      population: 2_200_000,
      is_capital: true,
      geo: { continent: 'Europe' },
    });
    await index.update({ id: 'paris', metadata: { only: 1 } });
    expect((await index.fetch(['paris'], { includeMetadata: true }))[0]?.metadata).toEqual({ only: 1 });
    expect(await index.update({ id: 'missing', metadata: {} })).toEqual({ updated: 0 });
  });

  it('keeps namespaces apart, lists and deletes them', async () => {
    await index.upsert(cities[0]!, { namespace: 'tenant-a' });
    expect(await index.namespace('tenant-a').fetch(['istanbul'])).toHaveLength(1);
    expect((await index.fetch(['istanbul']))[0]).toBeNull();
    expect(await index.listNamespaces()).toEqual(expect.arrayContaining(['', 'tenant-a']));
    const info = await index.info();
    expect(info.namespaces['tenant-a']?.vectorCount).toBe(1);
    expect(await index.deleteNamespace('tenant-a')).toBe('Success');
    await expect(index.deleteNamespace('tenant-a')).rejects.toThrow(/does not exist/);
  });

  it('pages through a resumable query, and renames namespaces over REST', async () => {
    await index.upsert(cities);
    const { result, fetchNext, stop } = await index.resumableQuery({ vector: [1, 0, 0], topK: 1, maxIdle: 60 });
    expect(result.map((item) => item.id)).toEqual(['istanbul']);
    expect((await fetchNext(1)).map((item) => item.id)).toEqual(['ankara']);
    expect((await fetchNext(5)).map((item) => item.id)).toEqual(['paris']);
    expect(await stop()).toBe('Success');
    await index.upsert(cities[2]!, { namespace: 'old' });
    const renamed = await fetch(`${emulator.url}/rename-namespace`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.token}` },
      body: JSON.stringify({ namespace: 'old', newNamespace: 'new' }),
    });
    expect(await renamed.json()).toEqual({ result: { renamed: 1 } });
    expect((await index.namespace('new').fetch(['paris']))[0]?.id).toBe('paris');
  });

  it('embeds data with the pluggable hosted models', async () => {
    await index.upsert([
      { id: 'a', data: 'hi there', metadata: { n: 1 } },
      { id: 'b', data: 'a much longer sentence' },
    ]);
    const results = await index.query({ data: 'hi there', topK: 2, includeData: true, includeMetadata: true });
    expect(results[0]?.id).toBe('a');
    expect(results[0]?.data).toBe('hi there');
    const denseOnly = await index.query({ data: 'hi there', topK: 2, queryMode: 'DENSE' as never });
    expect(denseOnly[0]?.score).toBeCloseTo(1);
  });

  it('validates dimensions, hybrid components, ids and topK with the documented messages', async () => {
    await index.upsert(cities);
    await expect(
      index.upsert({ id: 'x', vector: [1, 2], sparseVector: { indices: [1], values: [1] } }),
    ).rejects.toThrow('Invalid vector dimension: 2, expected: 3');
    await expect(index.upsert({ id: 'x', vector: [1, 2, 3] })).rejects.toThrow(/Sparse vector is required/);
    await expect(
      index.upsert({ id: '', vector: [1, 2, 3], sparseVector: { indices: [1], values: [1] } }),
    ).rejects.toThrow(/non-empty/);
    await expect(index.query({ vector: [1, 0, 0], topK: 1001 })).rejects.toThrow(/topK/);
  });

  it('delays query visibility of writes and deletes, but never fetch', async () => {
    emulator.setVisibilityDelay(60_000);
    await index.upsert(cities);
    expect(await index.query({ vector: [1, 0, 0], topK: 3 })).toEqual([]);
    expect((await index.fetch(['paris']))[0]?.id).toBe('paris');
    expect((await index.info()).pendingVectorCount).toBe(3);
    emulator.flush();
    expect(await index.query({ vector: [1, 0, 0], topK: 3 })).toHaveLength(3);
    await index.delete('paris');
    expect((await index.fetch(['paris']))[0]).toBeNull();
    expect((await index.query({ vector: [0, 1, 0], topK: 3 })).map((result) => result.id)).toContain('paris');
  });

  it('rejects a wrong token and injects failures', async () => {
    const wrong = new Index({ url: emulator.url, token: 'nope', enableTelemetry: false });
    await expect(wrong.info()).rejects.toThrow('Unauthorized');
    emulator.failNextRequests(1, 429);
    await expect(index.info()).rejects.toThrow(/HTTP 429/);
    await expect(index.info()).resolves.toHaveProperty('vectorCount');
  });
});
