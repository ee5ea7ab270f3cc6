/**
 * Building blocks of the clause patterns. Every pattern is anchored at the start of a clause ("I live in ...",
 * "my name is ..."), so a negation, a hedge ("I think I like") or another person's fact ("my sister lives in ...")
 * never matches a positive pattern by accident.
 */
import { stem } from '../../../search/tokenize.js';
import { findDate } from '../dates.js';
import type { Fact, PatternContext, Retraction, Statement } from '../fact.js';
import { keyOf } from '../words.js';

/** Adverbs allowed between the subject and the verb ("I really love", "I just moved", "I do like"). */
const adverbs =
  'really|also|actually|just|recently|now|currently|still|absolutely|totally|kind of|kinda|sort of|truly|definitely|honestly|finally|already|do|seriously|genuinely|personally|officially|mostly|usually|always|generally|even|particularly|especially|very|so|quite|pretty much|basically|literally|happily|proudly|originally|newly|since';

/** `^I <adverbs>* <body>` as a case-insensitive Unicode pattern. */
export function firstPerson(body: string, subject = 'I'): RegExp {
  return new RegExp(`^${subject}\\s+(?:(?:${adverbs}),?\\s+)*${body}`, 'iu');
}

/** `^I am <adverbs>* <body>`; also matches "I have been <body>". */
export function iAm(body: string): RegExp {
  return new RegExp(`^I\\s+(?:am|have been)\\s+(?:(?:${adverbs})\\s+)*${body}`, 'iu');
}

/** Cuts a free-text value at the first word that starts another thought ("Berlin with my wife" -> "Berlin"). */
export function cutAt(text: string, stop: RegExp): string {
  const match = stop.exec(text);
  return match ? text.slice(0, match.index) : text;
}

/** A slot key from a phrase: comparison key with each word lightly stemmed ("dogs" and "dog" agree). */
export function stemKey(text: string): string {
  return keyOf(text)
    .split(' ')
    .filter((word) => word.length > 0)
    .map((word) => stem(word))
    .join(' ');
}

/** Stemmed content words of a phrase, for matching a retraction against facts ("the trip to Japan" -> japan). */
export function keywordsOf(text: string, generic: ReadonlySet<string> = new Set()): string[] {
  const words = keyOf(text)
    .split(' ')
    .filter((word) => word.length > 0 && !fillerWords.has(word));
  const specific = words.filter((word) => !generic.has(word));
  return (specific.length > 0 ? specific : words).map((word) => stem(word));
}

const fillerWords = new Set([
  'my',
  'our',
  'their',
  'to',
  'of',
  'in',
  'on',
  'at',
  'for',
  'with',
  'anymore',
  'any',
  'more',
  'now',
  'that',
  'this',
  'i',
  'we',
  'am',
  'is',
  'are',
  'was',
  'be',
]);

export function assert(fact: Fact): Statement {
  return { type: 'assert', fact };
}

export function retract(retraction: Retraction): Statement {
  return { type: 'retract', retraction };
}

/** The determiner of one more of something: "a", "one", "another", "a second" ("I have another dog named Max"). */
export const oneMore = '(?:an? |one |another |(?:an? )?(?:second|third|fourth|other) |one more )';

/** "a" or "an" for a noun phrase. */
export function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase) && !/^(?:uni|use|eu|one)/i.test(phrase) ? 'an' : 'a';
}

/** Takes the first one to three words of a name, stopping at a word that is clearly not part of it. */
export function takeName(raw: string): string | undefined {
  const words: string[] = [];
  for (const word of raw.trim().split(/\s+/)) {
    const clean = word.replace(/[.,;:!?"()]+$/u, '');
    if (nameStopWords.has(clean.toLowerCase()) || !/^\p{L}[\p{L}'-]*$/u.test(clean)) break;
    words.push(clean);
    if (clean !== word || words.length === 3) break;
  }
  return words.length > 0 ? words.join(' ') : undefined;
}

const nameStopWords = new Set(
  (
    'and but or by from in at on to so because though although who which that btw lol haha too now actually ' +
    'anymore i and also either not no yes is are was were he she they it we you since for with as if when just ' +
    'really here there right thanks thank please okay ok'
  ).split(' '),
);

/**
 * The leading capitalised words of a phrase ("Emma lives" -> "Emma"). Patterns are case-insensitive (and `/iu`
 * makes `\p{Lu}` match any letter), so capitalisation, the only sign of a name in running text, is checked here.
 */
export function leadingCapitalized(text: string): string | undefined {
  const name = takeName(text);
  if (!name) return undefined;
  const words: string[] = [];
  for (const word of name.split(' ')) {
    if (!/^\p{Lu}/u.test(word)) break;
    words.push(word);
  }
  return words.length > 0 && !pronouns.has(words[0]!.toLowerCase()) ? words.join(' ') : undefined;
}

/** Capitalised words that start a sentence but never name someone ("He is my brother", "She passed away"). */
const pronouns = new Set(
  (
    'i me my you your he him his she her it its we us our they them their this that these those there here who ' +
    'what everyone everybody someone somebody nobody anyone anybody something nothing everything'
  ).split(' '),
);

/** The clause without its date expression, and the resolved date. */
export function withoutDate(clause: string, context: PatternContext): { rest: string; date?: string } {
  const found = findDate(clause, context.today, 'future');
  if (!found) return { rest: clause };
  const rest = `${clause.slice(0, found.start)} ${clause.slice(found.end)}`
    .replace(/\s+,/g, ',')
    .replace(/^[\s,]+|[\s,]+$/g, '')
    .replace(/\s+/g, ' ');
  return { rest, date: found.phrase };
}
