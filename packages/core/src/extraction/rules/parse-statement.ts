/**
 * From message text to statements. Each clause goes through the pattern families in order and the first family
 * that recognises it wins; relations and pets named in passing ("with my sister Emma") are collected from any
 * clause that asserted something or nothing. Questions never produce statements.
 */
import type { PatternContext, PatternFunction, Statement } from './fact.js';
import { normalizeText, splitClauses, splitSentences } from './normalize-text.js';
import { parseHealth } from './patterns/health.js';
import { parseName, parsePersonalDetails } from './patterns/identity.js';
import { parseHome } from './patterns/location.js';
import { findMentionedPets, parsePets } from './patterns/pets.js';
import { parsePlans } from './patterns/plans.js';
import { parsePreferences } from './patterns/preferences.js';
import { findMentionedRelationships, parseRelationships } from './patterns/relationships.js';
import { parseWork } from './patterns/work.js';

/** In order: retractions inside each family come first, so "I no longer work at Acme" is never read as a job. */
const families: PatternFunction[] = [
  parseName,
  parseHealth,
  parseWork,
  parseHome,
  parsePersonalDetails,
  parseRelationships,
  parsePets,
  parsePlans,
  parsePreferences,
];
const mentions: PatternFunction[] = [findMentionedRelationships, findMentionedPets];

const pastTime =
  /,?\s+(?:last (?:week|month|year|night|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|recently|earlier this (?:week|month|year)|this (?:morning|week|month|year)|(?:a|an|one|two|three|four|five|six|ten|a few|a couple of|\d+) (?:days?|weeks?|months?|years?) ago)$/i;

const fromPlace = /^(I am .+?),? (from|living in|based in) (\p{Lu}.*)$/u;

const forgetPattern =
  /^(?:please\s+)?(?:forget|disregard|ignore|delete|remove|erase|scratch)\s+(?:(?:the fact |about the fact |what I said about the fact )?that |about |what I said about )?(.+)$/i;
const forgetAttribute: Array<[RegExp, Statement]> = [
  [/^my (?:name|full name)$/i, forgetKind('name', 'name')],
  [/^my (?:nickname)$/i, forgetKind('name', 'nickname')],
  [/^(?:my (?:address|home|city)|where I live)$/i, forgetKind('home')],
  [/^(?:my (?:job|work|employer|occupation)|where I work)$/i, forgetKind('work')],
  [/^my (?:birthday|date of birth)$/i, forgetKind('birthday')],
  [/^my age$/i, forgetKind('age')],
  [/^my diet$/i, forgetKind('diet')],
];

function forgetKind(kind: 'name' | 'home' | 'work' | 'birthday' | 'age' | 'diet', slot?: string): Statement {
  return { type: 'retract', retraction: { kind, ...(slot ? { slot } : {}), reason: 'The user asked to forget this' } };
}

/** Statements of one clause (already normalised and stripped of filler). */
function parseClause(clause: string, context: PatternContext): Statement[] {
  const forget = forgetPattern.exec(clause);
  if (forget) return parseForget(forget[1]!, context);
  let statements: Statement[] = [];
  // "I got laid off last week": when something happened does not change what is true now.
  const present = clause.replace(pastTime, '');
  // "I am Maria from Mexico", "I am a vegan living in Oslo": what the user is, and where they are from or live.
  const place = fromPlace.exec(present);
  const what = place ? parseClause(place[1]!, context) : [];
  if (what.length > 0) return [...what, ...parseClause(`I am ${place![2]} ${place![3]}`, context)];
  for (const family of families) {
    const found = family(family === parsePlans ? clause : present, context);
    if (found) {
      statements = found;
      break;
    }
  }
  if (statements.some((statement) => statement.type === 'retract')) return statements;
  for (const mention of mentions) statements.push(...(mention(clause, context) ?? []));
  const seen = new Set<string>();
  return statements.filter((statement) => {
    const key = statement.type === 'assert' ? statement.fact.text : '';
    if (key === '') return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "forget that I like jazz": the facts of the inner clause, retracted exactly (same slot and value). */
function parseForget(rest: string, context: PatternContext): Statement[] {
  for (const [pattern, statement] of forgetAttribute) if (pattern.test(rest.trim())) return [statement];
  return parseClause(rest.trim(), context).flatMap((statement): Statement[] => {
    if (statement.type !== 'assert') return [];
    const { fact } = statement;
    const exact = fact.kind === 'plan' ? {} : { value: fact.value };
    return [
      {
        type: 'retract',
        retraction: { kind: fact.kind, slot: fact.slot, ...exact, reason: 'The user asked to forget this' },
      },
    ];
  });
}

/** The result of reading a text: its statements, and whether every clause was understood. */
export interface ParsedText {
  statements: Statement[];
  /** True when each clause of each statement sentence gave at least one statement. */
  covered: boolean;
}

/**
 * Reads a user message (or a memory rewritten in the first person). Questions are skipped. `rewrite` may change each
 * statement sentence before it is read (the third-person forms of {@link parseMessage}).
 */
export function parseText(
  text: string,
  context: PatternContext,
  rewrite: (sentence: string) => string = (sentence) => sentence,
): ParsedText {
  const statements: Statement[] = [];
  let covered = true;
  for (const sentence of splitSentences(normalizeText(text))) {
    if (sentence.question) {
      covered = false;
      continue;
    }
    for (const clause of splitClauses(rewrite(sentence.text))) {
      const found = parseClause(clause, context);
      if (found.length === 0) covered = false;
      statements.push(...found);
    }
  }
  return { statements, covered };
}
