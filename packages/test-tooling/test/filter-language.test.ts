import { describe, expect, it } from 'vitest';
import {
  FilterSyntaxError,
  globToRegExp,
  matchesFilter,
  parseFilterExpression,
} from '../src/vector/filter-language.js';

const matches = (filter: string, metadata: unknown): boolean => matchesFilter(parseFilterExpression(filter), metadata);

describe('Upstash filter language', () => {
  it('binds AND tighter than OR and reads keywords in any case', () => {
    const metadata = { a: 1, b: 2, c: 3 };
    expect(matches('a = 0 or b = 2 and c = 3', metadata)).toBe(true);
    expect(matches('(a = 0 OR b = 2) AND c = 4', metadata)).toBe(false);
    expect(matches('a = 1 AnD b = 2', metadata)).toBe(true);
  });

  it('makes every predicate on a missing field false except HAS NOT FIELD; null is present', () => {
    expect(matches("x != 'y'", {})).toBe(false);
    expect(matches("x NOT IN ('y')", {})).toBe(false);
    expect(matches('HAS NOT FIELD x', {})).toBe(true);
    expect(matches('HAS FIELD x', { x: null })).toBe(true);
    expect(matches("x != 'y'", { x: null })).toBe(true);
  });

  it('compares only same types, numbers only for ordering', () => {
    expect(matches("n = '1'", { n: 1 })).toBe(false);
    expect(matches('n = 1', { n: 1 })).toBe(true);
    expect(matches('n > 0', { n: '5' })).toBe(false);
    expect(matches('flag = TRUE', { flag: true })).toBe(true);
    expect(matches('n >= -1.5', { n: -1.5 })).toBe(true);
  });

  it('reads dot paths and array indexes from the start and the end', () => {
    const metadata = { geo: { tags: ['a', 'b', 'c'] } };
    expect(matches("geo.tags[0] = 'a'", metadata)).toBe(true);
    expect(matches("geo.tags[#-1] = 'c'", metadata)).toBe(true);
    expect(matches("geo.tags[5] = 'c'", metadata)).toBe(false);
    expect(matches("geo.tags CONTAINS 'b'", metadata)).toBe(true);
    expect(matches("geo NOT CONTAINS 'b'", metadata)).toBe(false);
  });

  it('matches GLOB patterns case-sensitively with classes and negated classes', () => {
    // The documentation's example: Istanbul matches, Izmir (ends in m-z) and Ankara (no s/z second) do not.
    expect(globToRegExp('?[sz]*[^m-z]').test('Istanbul')).toBe(true);
    expect(globToRegExp('?[sz]*[^m-z]').test('Izmir')).toBe(false);
    expect(globToRegExp('?[sz]*[^m-z]').test('Ankara')).toBe(false);
    expect(globToRegExp('*[*]*').test('a*b')).toBe(true);
    expect(globToRegExp('*[*]*').test('ab')).toBe(false);
    expect(matches("name GLOB 'P*'", { name: 'paris' })).toBe(false);
  });

  it('reads quotes of the other kind literally and backslash escapes', () => {
    expect(matches(`s = "it's"`, { s: "it's" })).toBe(true);
    expect(matches(`s = 'say "hi"'`, { s: 'say "hi"' })).toBe(true);
    expect(matches("s = 'a\\'b'", { s: "a'b" })).toBe(true);
  });

  it('rejects what the service rejects', () => {
    for (const filter of [
      'industries[]',
      'industries[',
      '.invalidPath',
      'a = 1e6',
      "a = 'open",
      'a =',
      'a = 1 b = 2',
      'NOT (a = 1)',
      'a < "x"',
    ]) {
      expect(() => parseFilterExpression(filter), filter).toThrow(FilterSyntaxError);
    }
  });
});
