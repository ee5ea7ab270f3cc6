/**
 * People in the user's life. Partner, mother and father are one slot each (a new partner's name updates it);
 * siblings, children and friends are one slot per name. A relation first known without a name ("Has a sister") is
 * refined by a later name ("my sister Emma") instead of being added twice.
 */
import type { Fact, PatternFunction, Statement } from '../fact.js';
import { capitalizeName, keyOf } from '../words.js';
import {
  article,
  assert,
  firstPerson,
  iAm,
  keywordsOf,
  leadingCapitalized,
  oneMore,
  retract,
  takeName,
} from './shared.js';

const partners = 'wife|husband|partner|spouse|girlfriend|boyfriend|fiancée|fiancé|fiancee|fiance';
const singles: Record<string, string> = {
  mom: 'mother',
  mum: 'mother',
  mother: 'mother',
  mommy: 'mother',
  mama: 'mother',
  dad: 'father',
  father: 'father',
  daddy: 'father',
  papa: 'father',
};
const many =
  'best friend|friend|sister|brother|son|daughter|cousin|aunt|uncle|grandmother|grandma|granny|grandfather|grandpa|' +
  'niece|nephew|boss|manager|colleague|coworker|co-worker|roommate|flatmate|housemate|neighbou?r|stepmother|' +
  'stepfather|stepson|stepdaughter|stepsister|stepbrother|twin|kid|child|baby|mentor|therapist|doctor';
const relation = `(${partners}|${Object.keys(singles).join('|')}|${many})`;
const modifiers = '(?:(?:older|younger|little|big|baby|twin|eldest|oldest|youngest|elder|new|good|close)\\s+)*';
const capitalizedName = "(\\p{Lu}[\\p{L}'-]*(?:\\s+\\p{Lu}[\\p{L}'-]*)?)";

/** The canonical relationship fact ("Has a sister named Emma", "Has a wife named Anna"). */
function relationshipFact(rawRelation: string, name: string | undefined): Fact {
  const noun = rawRelation
    .toLowerCase()
    .replace(/^grandma$|^granny$/, 'grandmother')
    .replace(/^grandpa$/, 'grandfather');
  const group = new RegExp(`^(?:${partners})$`).test(noun) ? 'partner' : singles[noun];
  const canonicalNoun = singles[noun] ?? noun;
  const display = name ? capitalizeName(name) : undefined;
  const text = `Has ${article(canonicalNoun)} ${canonicalNoun}${display ? ` named ${display}` : ''}`;
  const nameKey = keyOf(display ?? '');
  if (group) return { kind: 'relationship', slot: `relationship:${group}`, value: nameKey, text };
  return {
    kind: 'relationship',
    slot: `relationship:${canonicalNoun}:${nameKey}`,
    value: nameKey,
    text,
    ...(display ? { refines: `relationship:${canonicalNoun}:` } : {}),
  };
}

function partnerFact(verb: string, name: string | undefined): Fact {
  const display = name ? capitalizeName(name) : undefined;
  return {
    kind: 'relationship',
    slot: 'relationship:partner',
    value: keyOf(display ?? ''),
    text: display ? `Is ${verb} ${display}` : `Is ${verb.replace(/ to$| with$/, '')}`,
  };
}

const named = firstPerson(`(?:have|got) ${oneMore}?${modifiers}${relation},? (?:named|called|whose name is) (.+)$`);
const apposition = firstPerson(`have ${oneMore}?${modifiers}${relation},? ${capitalizedName}$`);
const unnamed = firstPerson(`have ${oneMore}?${modifiers}${relation}$`);
const nameIs = new RegExp(`^my ${modifiers}${relation}(?:'s name is| is named| is called| goes by) (.+)$`, 'iu');
const myRelationIsName = new RegExp(`^my ${modifiers}${relation} is ${capitalizedName}$`, 'iu');
const isMy = new RegExp(`^${capitalizedName} is my ${modifiers}${relation}$`, 'u');
const married = iAm('(married to|engaged to|dating|seeing|in a relationship with|going out with) (.+)$');
const marriedVerb = firstPerson('(?:got married to|married|got engaged to) (.+)$');
const marriedOnly = iAm('(married|engaged)(?: now)?$');
const mentioned = new RegExp(`\\bmy ${modifiers}${relation},?\\s+${capitalizedName}`, 'giu');

const breakUps = [
  firstPerson(`(?:broke up|split up|separated|parted ways) with (?:my ${relation}\\s*)?(.*)$`),
  firstPerson('(?:got |am |have been )?divorced(?: from)?\\s*(?:my (?:wife|husband|partner|spouse)\\s*)?(.*)$'),
  new RegExp(
    `^(?:my ${relation}|${capitalizedName}) and I (?:broke up|split up|separated|divorced|got divorced)(.*)$`,
    'iu',
  ),
  /^we (?:broke up|split up|separated|got divorced|divorced|are divorced|are no longer together)(.*)$/iu,
  iAm('(?:single(?: now| again)?|no longer (?:married|engaged|together|in a relationship)(?: with (.+))?)$'),
];
const unfriended = firstPerson(
  '(?:am not|am no longer|are not|are no longer) friends with (.+?)(?: anymore| any more)?$',
);

/** Relationships anchored at the clause start: "I have a sister named Emma", "Emma is my sister", break-ups. */
export const parseRelationships: PatternFunction = (clause) => {
  for (const pattern of breakUps) {
    const match = pattern.exec(clause);
    if (!match) continue;
    const name = takeName(match.slice(1).findLast((group) => group !== undefined && group.trim() !== '') ?? '');
    const isRelationWord = name !== undefined && new RegExp(`^${relation}$`, 'i').test(name);
    return [
      retract({
        kind: 'relationship',
        slotPrefix: 'relationship:partner',
        ...(name && !isRelationWord ? { keywords: keywordsOf(name) } : {}),
        reason: 'The relationship ended',
      }),
    ];
  }
  const friend = unfriended.exec(clause);
  if (friend) {
    const name = takeName(friend[1]!);
    return name
      ? [
          retract({
            kind: 'relationship',
            slotPrefix: 'relationship:',
            keywords: keywordsOf(name),
            reason: 'No longer friends',
          }),
        ]
      : undefined;
  }
  let match = named.exec(clause) ?? nameIs.exec(clause);
  if (match) return one(relationshipFact(match[1]!, takeName(match[2]!)));
  match = apposition.exec(clause);
  const appositionName = match ? leadingCapitalized(match[2]!) : undefined;
  if (match && appositionName === match[2]) return one(relationshipFact(match[1]!, appositionName));
  match = myRelationIsName.exec(clause);
  const statedName = match ? leadingCapitalized(match[2]!) : undefined;
  if (match && statedName === match[2]) return one(relationshipFact(match[1]!, statedName));
  match = isMy.exec(clause);
  // "He is my brother" names nobody.
  if (match && leadingCapitalized(match[1]!) === match[1]) return one(relationshipFact(match[2]!, match[1]!));
  match = married.exec(clause) ?? marriedVerb.exec(clause);
  if (match) {
    const verb = match[2] ? match[1]!.toLowerCase() : 'married to';
    const name = takeName(match[2] ?? match[1]!);
    return name ? one(partnerFact(verb, name)) : undefined;
  }
  match = marriedOnly.exec(clause);
  if (match) return one(partnerFact(match[1]!.toLowerCase(), undefined));
  match = unnamed.exec(clause);
  if (match) return one(relationshipFact(match[1]!, undefined));
  return undefined;
};

/** Relations named anywhere in a clause: "I went hiking with my sister Emma". */
export const findMentionedRelationships: PatternFunction = (clause) => {
  const facts: Statement[] = [];
  for (const match of clause.matchAll(mentioned)) {
    const name = leadingCapitalized(match[2]!);
    if (name) facts.push(assert(relationshipFact(match[1]!, name)));
  }
  return facts.length > 0 ? facts : undefined;
};

function one(fact: Fact): Statement[] {
  return [assert(fact)];
}
