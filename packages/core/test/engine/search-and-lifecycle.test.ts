import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import { addEachUserMessage } from './helpers.js';

const offline = { embedder: { provider: 'lexical' } } as const;

async function seeded(): Promise<Memory> {
  const memory = new Memory({ ...offline, extractor: addEachUserMessage });
  for (const fact of [
    'Loves hiking in the Alps',
    'Works as a nurse in Lyon',
    'Allergic to peanuts',
    'Plays the cello',
  ]) {
    await memory.add(fact, { userId: 'alice', metadata: { topic: fact.includes('nurse') ? 'work' : 'life' } });
  }
  return memory;
}

describe('search', () => {
  it('ranks the relevant memory first and says which signals matched', async () => {
    const memory = await seeded();
    const result = await memory.search('Where does she go hiking?', { userId: 'alice' });
    expect(result.results[0]?.memory).toBe('Loves hiking in the Alps');
    expect(result.results[0]?.signals.lexical).toBeGreaterThan(0);
    expect(result.results[0]?.signals.dense).toBeGreaterThan(0);
    expect(result.usage).toMatchObject({ embeddingCalls: 1, llmCalls: 0 });
    expect(result.usage.storeCalls).toBe(1);
    for (const hit of result.results) {
      expect(hit.score).toBeGreaterThanOrEqual(0);
      expect(hit.score).toBeLessThanOrEqual(1);
    }
  });

  it('gives a memory the same score for the same query whatever else the query returns', async () => {
    const memory = await seeded();
    const before = (await memory.search('cello', { userId: 'alice' })).results.find(
      (hit) => hit.memory === 'Plays the cello',
    );
    await memory.add('Owns a bicycle', { userId: 'alice' });
    const after = (await memory.search('cello', { userId: 'alice', limit: 1 })).results[0];
    expect(after?.memory).toBe('Plays the cello');
    expect(after?.signals.dense).toBeCloseTo(before!.signals.dense!, 6);
  });

  it('applies threshold, limit and filters inside the scope', async () => {
    const memory = await seeded();
    const limited = await memory.search('hiking nurse peanuts cello', { userId: 'alice', limit: 2 });
    expect(limited.results).toHaveLength(2);
    const strict = await memory.search('hiking', { userId: 'alice', threshold: 0.99 });
    expect(strict.results).toEqual([]);
    const filtered = await memory.search('nurse hiking', { userId: 'alice', filters: { topic: 'work' } });
    expect(filtered.results.map((hit) => hit.memory)).toEqual(['Works as a nurse in Lyon']);
  });

  it('reranks with a configured reranker and survives its failure', async () => {
    const reranker = {
      name: 'reverse-alphabetical',
      async rerank(_query: string, documents: string[]) {
        return documents.map((document) => (document.startsWith('Plays') ? 0.9 : 0.1));
      },
    };
    const memory = new Memory({ ...offline, extractor: addEachUserMessage, reranker });
    await memory.add('Loves hiking', { userId: 'alice' });
    await memory.add('Plays the cello', { userId: 'alice' });
    const reranked = await memory.search('hiking', { userId: 'alice' });
    expect(reranked.results[0]).toMatchObject({ memory: 'Plays the cello', score: 0.9, signals: { rerank: 0.9 } });
    const failing = new Memory({
      ...offline,
      extractor: addEachUserMessage,
      reranker: { name: 'down', rerank: () => Promise.reject(new Error('503')) },
    });
    await failing.add('Loves hiking', { userId: 'alice' });
    const fallback = await failing.search('hiking', { userId: 'alice' });
    expect(fallback.results[0]?.memory).toBe('Loves hiking');
    expect(fallback.warnings.map((warning) => warning.code)).toEqual(['reranker_failed']);
  });
});

describe('lifecycle', () => {
  it('hides expired memories unless asked', async () => {
    const memory = new Memory({ ...offline, extractor: addEachUserMessage });
    await memory.add('Is in Rome this week', { userId: 'alice', expirationDate: new Date(Date.now() - 1_000) });
    await memory.add('Lives in Lyon', { userId: 'alice' });
    expect((await memory.getAll({ userId: 'alice' })).results.map((record) => record.memory)).toEqual([
      'Lives in Lyon',
    ]);
    expect((await memory.search('Rome', { userId: 'alice' })).results.map((record) => record.memory)).not.toContain(
      'Is in Rome this week',
    );
    expect((await memory.getAll({ userId: 'alice', includeExpired: true })).results).toHaveLength(2);
  });

  it('pages through getAll in stable order', async () => {
    const memory = new Memory({ ...offline, extractor: addEachUserMessage });
    const facts = Array.from({ length: 9 }, (_, index) => `Fact number ${index}`);
    for (const fact of facts) await memory.add(fact, { userId: 'alice' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await memory.getAll({ userId: 'alice', limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...page.results.map((record) => record.memory));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(facts);
  });

  it('update keeps the id, re-embeds new text and keeps the old text in history', async () => {
    const memory = new Memory({ ...offline, extractor: addEachUserMessage });
    const id = (await memory.add('Likes tea', { userId: 'alice' })).results[0]!.id!;
    const updated = await memory.update(id, { text: 'Likes coffee', metadata: { source: 'app' } });
    expect(updated).toMatchObject({ id, memory: 'Likes coffee', version: 2, metadata: { source: 'app' } });
    expect((await memory.search('coffee', { userId: 'alice' })).results[0]?.id).toBe(id);
    const history = await memory.history(id);
    expect(history.at(-1)).toMatchObject({
      event: 'UPDATE',
      previousMemory: 'Likes tea',
      newMemory: 'Likes coffee',
      actor: 'application',
    });
  });

  it('delete keeps a DELETE entry in history; purge removes history too; reset removes everything', async () => {
    const memory = new Memory({ ...offline, extractor: addEachUserMessage });
    const first = (await memory.add('Likes tea', { userId: 'alice' })).results[0]!.id!;
    const second = (await memory.add('Likes cake', { userId: 'alice' })).results[0]!.id!;
    await memory.delete(first);
    expect(await memory.get(first)).toBeNull();
    expect((await memory.history(first)).map((entry) => entry.event)).toEqual(['ADD', 'DELETE']);
    await memory.delete(second, { purge: true });
    expect(await memory.history(second)).toEqual([]);
    await memory.add('Likes pie', { userId: 'alice' });
    await memory.messages.append('chat-1', [{ role: 'user', content: 'hi' }]);
    await memory.reset();
    expect((await memory.getAll({ userId: 'alice' })).results).toEqual([]);
    expect(await memory.messages.list('chat-1')).toEqual([]);
  });
});

describe('file persistence', () => {
  const directories: string[] = [];
  afterAll(() => {
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  it('survives a restart: memories, history, messages and search come back from the SQLite file', async () => {
    const path = mkdtempSync(join(tmpdir(), 'memzero-persist-'));
    directories.push(path);
    const first = new Memory({ ...offline, extractor: addEachUserMessage, path });
    const id = (await first.add('Lives in Lyon', { userId: 'alice' })).results[0]!.id!;
    await first.update(id, 'Lives in Berlin');
    await first.messages.append('chat-1', [{ role: 'user', content: 'hello' }]);
    expect(await first.describe()).toMatchObject({ vectorStore: 'sqlite', historyStore: 'sqlite' });
    await first.close();
    expect(readdirSync(path)).toContain('memzero.db');

    const second = new Memory({ ...offline, extractor: addEachUserMessage, path });
    expect((await second.getAll({ userId: 'alice' })).results.map((record) => record.memory)).toEqual([
      'Lives in Berlin',
    ]);
    expect((await second.history(id)).map((entry) => entry.event)).toEqual(['ADD', 'UPDATE']);
    expect((await second.messages.list('chat-1')).map((message) => message.content)).toEqual(['hello']);
    expect((await second.search('Berlin', { userId: 'alice' })).results[0]?.id).toBe(id);
    await second.close();
  });
});
