/** Relative dates resolved against a fixed "now": Tuesday 24 November 2026. */
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { createRuleExtractor } from '../../src/extraction/rules/index.js';
import { added, extract } from './rule-extractor-helpers.js';

const cases: Array<[string, string]> = [
  ['today', 'on 24 November 2026'],
  ['tonight', 'on 24 November 2026'],
  ['tomorrow', 'on 25 November 2026'],
  ['tomorrow morning', 'on 25 November 2026'],
  ['the day after tomorrow', 'on 26 November 2026'],
  ['on Friday', 'on 27 November 2026'],
  ['this Friday', 'on 27 November 2026'],
  ['next Friday', 'on 4 December 2026'],
  ['on Tuesday', 'on 1 December 2026'],
  ['next Monday', 'on 30 November 2026'],
  ['this weekend', 'on the weekend of 28 November 2026'],
  ['next weekend', 'on the weekend of 5 December 2026'],
  ['next week', 'in the week of 30 November 2026'],
  ['in 3 days', 'on 27 November 2026'],
  ['in two weeks', 'on 8 December 2026'],
  ['in a month', 'in December 2026'],
  ['in two months', 'in January 2027'],
  ['next month', 'in December 2026'],
  ['next year', 'in 2027'],
  ['in 2028', 'in 2028'],
  ['on May 3rd', 'on 3 May 2027'],
  ['on the 3rd of December', 'on 3 December 2026'],
  ['on December 3, 2027', 'on 3 December 2027'],
  ['on 15 Jan', 'on 15 January 2027'],
  ['on 2027-01-15', 'on 15 January 2027'],
  ['in March', 'in March 2027'],
  ['in December', 'in December 2026'],
  ['in early April 2028', 'in April 2028'],
  ['next summer', 'in summer 2027'],
  ['this winter', 'in winter 2026'],
  ['in a few weeks', 'in a few weeks (from 24 November 2026)'],
];

describe('rule extractor: relative dates', () => {
  it.each(cases)('"I am going to visit Rome %s"', async (expression, phrase) => {
    expect(await added(`I am going to visit Rome ${expression}`)).toEqual([`Plans to visit Rome ${phrase}`]);
  });

  it('resolves a date at the start of the sentence', async () => {
    expect(await added('Tomorrow I will meet my sister Emma in Paris')).toEqual([
      'Plans to meet their sister Emma in Paris on 25 November 2026',
      'Has a sister named Emma',
    ]);
  });

  it('crosses the year', async () => {
    const operations = await extract('I have a flight to Oslo tomorrow', [], {}, new Date('2026-12-31T12:00:00Z'));
    expect(operations).toEqual([{ event: 'ADD', text: 'Has a flight to Oslo on 1 January 2027' }]);
  });

  it('keeps a birthday without a year, unless one was given', async () => {
    expect(await added('My birthday is tomorrow')).toEqual(['Birthday is 25 November']);
    expect(await added('My birthday is on December 1st')).toEqual(['Birthday is 1 December']);
    expect(await added('I was born on July 4, 1990')).toEqual(['Birthday is 4 July 1990']);
  });

  it('takes "today" in the configured time zone', async () => {
    const lateEvening = new Date('2026-11-24T23:30:00Z');
    expect(await extract('I have a dentist appointment tomorrow', [], { timeZone: 'UTC' }, lateEvening)).toEqual([
      { event: 'ADD', text: 'Has a dentist appointment on 25 November 2026' },
    ]);
    expect(await extract('I have a dentist appointment tomorrow', [], { timeZone: 'Asia/Tokyo' }, lateEvening)).toEqual(
      [{ event: 'ADD', text: 'Has a dentist appointment on 26 November 2026' }],
    );
  });

  it('rejects an unknown time zone when it is created', () => {
    expect(() => createRuleExtractor({ timeZone: 'Mars/Olympus_Mons' })).toThrow(ConfigurationError);
  });

  it('updates a plan whose date changed and keeps one whose date did not', async () => {
    expect(await extract("I'm going to visit Japan in April", ['Plans to visit Japan in March 2027'])).toEqual([
      { event: 'UPDATE', target: 1, text: 'Plans to visit Japan in April 2027', reason: 'Plan changed' },
    ]);
    expect(await extract('I plan to visit Japan in March', ['Plans to visit Japan in March 2027'])).toEqual([
      { event: 'NONE', target: 1, reason: 'Plan already known' },
    ]);
    expect(await extract('I want to visit Japan', ['Plans to visit Japan in March 2027'])).toEqual([
      { event: 'NONE', target: 1, reason: 'Plan already known' },
    ]);
  });
});
