import { describe, expect, it } from 'vitest';
import { conversationOption, Memory, ValidationError } from '../../src/index.js';

describe('conversationOption', () => {
  it('passes framework keys the engine accepts and drops the others', () => {
    expect(conversationOption('thread-1')).toEqual({ conversationId: 'thread-1' });
    expect(conversationOption(42)).toEqual({ conversationId: '42' });
    expect(conversationOption('x'.repeat(256))).toEqual({ conversationId: 'x'.repeat(256) });
    for (const dropped of [undefined, null, '', 'x'.repeat(257), Number.NaN, { id: 1 }, ['a']]) {
      expect(conversationOption(dropped)).toEqual({});
    }
  });

  it('refuses an invalid key the caller passed as an option, naming the option', () => {
    expect(conversationOption('chat-1', 'sessionId')).toEqual({ conversationId: 'chat-1' });
    expect(conversationOption(undefined, 'sessionId')).toEqual({});
    for (const invalid of ['', 'x'.repeat(257), { id: 1 }]) {
      expect(() => conversationOption(invalid, 'sessionId')).toThrow(ValidationError);
    }
    expect(() => conversationOption('', 'sessionId')).toThrow(/sessionId/);
  });

  it('gives the engine a key it accepts: two turns stored one call at a time share context', async () => {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
    for (const turn of ['Which city should I visit in spring?', 'Probably Lisbon']) {
      await memory.add(turn, { userId: 'u', infer: false, ...conversationOption(7) });
    }
    const found = await memory.search('spring', { userId: 'u' });
    expect(found.results.map((hit) => hit.memory)).toContain('Probably Lisbon');
    // Without a key, each call stands alone.
    for (const turn of ['Which town should we see in autumn?', 'Maybe Porto']) {
      await memory.add(turn, { userId: 'u', infer: false, ...conversationOption(undefined) });
    }
    const alone = await memory.search('autumn', { userId: 'u' });
    expect(alone.results.map((hit) => hit.memory)).not.toContain('Maybe Porto');
  });
});
