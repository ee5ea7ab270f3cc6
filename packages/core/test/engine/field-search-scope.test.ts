import { describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import { scopeFromKey } from '../../src/engine/recent-writes.js';
import { readScope, scopeKey } from '../../src/engine/scope.js';
import { FilterError, ValidationError } from '../../src/errors.js';
import { parseFilter } from '../../src/filters/parse-filter.js';
import { tokenize } from '../../src/search/tokenize.js';
import { isMetadataKey } from '../../src/spec/filter.js';
import { compileUpstashFilter } from '../../src/stores/upstash/vector/compile-upstash-filter.js';
import { addEachUserMessage } from './helpers.js';

// Issue #12, items 9 to 12: the right values from replayed field reports.
const offline = { embedder: { provider: 'lexical' } } as const;

describe('item 9: Unicode normalisation', () => {
  it('finds "Zoë" typed with a combining accent, with the same score as the precomposed query', async () => {
    const memory = new Memory(offline);
    await memory.add('My friend Zo\u00eb lives in Lyon', { userId: 'alice', infer: false });
    const precomposed = await memory.search('Zo\u00eb', { userId: 'alice' });
    const decomposed = await memory.search('Zoe\u0308', { userId: 'alice' });
    expect(precomposed.results).toHaveLength(1);
    expect(decomposed.results.map((hit) => [hit.id, hit.score])).toEqual(
      precomposed.results.map((hit) => [hit.id, hit.score]),
    );
  });

  it('stores texts in NFC (nothing visible changes) and deduplicates canonical equivalents', async () => {
    const memory = new Memory({ ...offline, extractor: addEachUserMessage });
    const first = await memory.add('Zoe\u0308 likes crêpes', { userId: 'bob' });
    expect(first.results[0]!.memory).toBe('Zo\u00eb likes crêpes'.normalize('NFC'));
    const again = await memory.add('Zo\u00eb likes cre\u0302pes', { userId: 'bob' });
    expect(again.results).toMatchObject([{ event: 'NONE' }]);
    const superscript = await memory.add('Room 2² is booked', { userId: 'bob', infer: false });
    expect(superscript.results[0]!.memory).toBe('Room 2² is booked');
  });

  it('matches compatibility forms in the lexical analyser (NFKC): full-width and ligatures', () => {
    expect(tokenize('ＡＢＣ ﬁle')).toEqual(tokenize('abc file'));
    expect(tokenize('नमस्ते दुनिया')).toEqual(['नमस्ते', 'दुनिया']);
  });
});

describe('item 10: symbols are terms', () => {
  it('finds "Priority 🔴 renew passport" by its emoji', async () => {
    const memory = new Memory(offline);
    await memory.add('Priority 🔴 renew passport', { userId: 'alice', infer: false });
    await memory.add('Priority 🟢 water the plants', { userId: 'alice', infer: false });
    const { results } = await memory.search('🔴', { userId: 'alice' });
    expect(results.map((hit) => hit.memory)).toEqual(['Priority 🔴 renew passport']);
  });

  it('keeps emoji sequences, flags and other symbols whole', () => {
    expect(tokenize('👨‍👩‍👧 🇫🇷 👍🏽 ★')).toEqual(['👨‍👩‍👧', '🇫🇷', '👍🏽', '★']);
  });
});

describe('item 11: scope keys', () => {
  it('never gives two different scopes the same key', () => {
    expect(scopeKey({ userId: '-', agentId: 'x' })).not.toBe(scopeKey({ agentId: 'x' }));
    expect(scopeKey({ userId: '|' })).not.toBe(scopeKey({ agentId: '' as never }));
    const keys = new Set(
      [{ userId: 'a' }, { agentId: 'a' }, { runId: 'a' }, { appId: 'a' }, { userId: 'a', agentId: 'a' }].map(scopeKey),
    );
    expect(keys.size).toBe(5);
    for (const scope of [{ userId: '-', agentId: 'x' }, { agentId: 'x' }, { runId: 'a|b', appId: '%2D' }]) {
      expect(scopeFromKey(scopeKey(scope))).toEqual(scope);
    }
  });

  it('does not match a verbatim add in one scope to the memory of another', async () => {
    const memory = new Memory(offline);
    const agentOnly = await memory.add('Use metric units', { agentId: 'x', infer: false });
    const dashUser = await memory.add('Use metric units', { userId: '-', agentId: 'x', infer: false });
    expect(agentOnly.results[0]!.event).toBe('ADD');
    expect(dashUser.results[0]!.event).toBe('ADD');
    expect(dashUser.results[0]!.id).not.toBe(agentOnly.results[0]!.id);
    expect((await memory.getAll({ userId: '-', agentId: 'x' })).results).toHaveLength(1);
  });

  it('refuses ids with surrounding whitespace and lone surrogates with a ValidationError', async () => {
    const memory = new Memory(offline);
    for (const userId of [' alice', 'alice ', '\talice', 'a\uD800b', '\uDC00']) {
      await expect(memory.add('hi', { userId })).rejects.toBeInstanceOf(ValidationError);
      await expect(memory.search('hi', { userId })).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(memory.get('\uD800')).rejects.toBeInstanceOf(ValidationError);
    expect(readScope({ userId: 'Zoë 😀' }, 'add')).toEqual({ userId: 'Zoë 😀' });
  });
});

describe('item 12: inherited names and hyphenated metadata keys', () => {
  it('refuses constructor, toString and __proto__ as filter keys with a FilterError', async () => {
    const memory = new Memory(offline);
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'metadata.constructor']) {
      const filters = JSON.parse(`{${JSON.stringify(key)}: "x"}`) as Record<string, unknown>;
      expect(() => parseFilter(filters)).toThrow(FilterError);
      await expect(memory.search('x', { userId: 'alice', filters })).rejects.toBeInstanceOf(FilterError);
      await expect(memory.getAll({ userId: 'alice', filters })).rejects.toBeInstanceOf(FilterError);
    }
  });

  it('refuses on write any metadata key a filter could never name', async () => {
    const memory = new Memory(offline);
    for (const key of ['constructor', '__proto__', 'a.b', 'has space', '1st', '']) {
      const metadata = JSON.parse(`{${JSON.stringify(key)}: 1}`) as Record<string, unknown>;
      await expect(memory.add('hi', { userId: 'alice', metadata, infer: false })).rejects.toBeInstanceOf(
        ValidationError,
      );
    }
    expect(await memory.getAll({ userId: 'alice' })).toMatchObject({ results: [] });
  });

  it('accepts hyphenated metadata keys on write and in filters, in process and for Upstash', async () => {
    const memory = new Memory(offline);
    await memory.add('Dentist at 9', { userId: 'alice', infer: false, metadata: { 'event-type': 'appointment' } });
    await memory.add('Gym at 7', { userId: 'alice', infer: false, metadata: { 'event-type': 'habit' } });
    const { results } = await memory.search('dentist gym', {
      userId: 'alice',
      filters: { 'event-type': 'appointment' },
    });
    expect(results.map((hit) => hit.memory)).toEqual(['Dentist at 9']);
    expect(isMetadataKey('event-type')).toBe(true);
    const compiled = compileUpstashFilter({ userId: 'alice' }, parseFilter({ 'event-type': 'appointment' }));
    expect(compiled.filter).toContain("metadata.event-type = 'appointment'");
  });
});
