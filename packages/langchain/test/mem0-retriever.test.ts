import { Document } from '@langchain/core/documents';
import { Memory } from '@memzero/core';
import { describe, expect, it } from 'vitest';
import { Mem0Retriever } from '../src/mem0-retriever.js';

function offlineMemory(): Memory {
  return new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
}

describe('Mem0Retriever', () => {
  it('returns the scope’s memories as Documents with id, score and timestamps, best first', async () => {
    const memory = offlineMemory();
    await memory.add('I live in Berlin', { userId: 'alice', metadata: { source: 'chat' } });
    await memory.add('I love green tea', { userId: 'alice' });
    await memory.add('I live in Paris', { userId: 'bob' });

    const documents = await new Mem0Retriever({ memory, userId: 'alice' }).invoke('Where does the user live? Berlin?');

    expect(documents.length).toBeGreaterThan(0);
    const [best] = documents;
    expect(best).toBeInstanceOf(Document);
    expect(best?.pageContent).toMatch(/Berlin/);
    expect(best?.id).toBe(best?.metadata.id);
    expect(best?.metadata.userId).toBe('alice');
    expect(best?.metadata.metadata).toEqual({ source: 'chat' });
    expect(best?.metadata.score).toBeGreaterThan(0);
    expect(best?.metadata.score).toBeLessThanOrEqual(1);
    expect(Number.isNaN(Date.parse(best?.metadata.createdAt ?? ''))).toBe(false);
    expect(Number.isNaN(Date.parse(best?.metadata.updatedAt ?? ''))).toBe(false);
    const scores = documents.map((document) => document.metadata.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(documents.map((document) => document.pageContent).join('\n')).not.toMatch(/Paris/);
    const stored = await memory.get(best?.metadata.id ?? '', { userId: 'alice' });
    expect(stored?.memory).toBe(best?.pageContent);
  });

  it('honours limit and filters', async () => {
    const memory = offlineMemory();
    await memory.add('Lives in Berlin', { userId: 'carol', metadata: { topic: 'home' }, infer: false });
    await memory.add('Works in Munich', { userId: 'carol', metadata: { topic: 'work' }, infer: false });

    const filtered = await new Mem0Retriever({ memory, userId: 'carol', filters: { topic: 'work' } }).invoke(
      'Munich Berlin',
    );
    expect(filtered.map((document) => document.metadata.metadata.topic)).toEqual(['work']);
    const limited = await new Mem0Retriever({ memory, userId: 'carol', limit: 1 }).invoke('Berlin Munich');
    expect(limited).toHaveLength(1);
  });

  it('needs a scope', async () => {
    await expect(new Mem0Retriever({ memory: offlineMemory() }).invoke('anything')).rejects.toMatchObject({
      code: 'missing_scope',
    });
  });
});
