/**
 * Reads an existing memory back into facts. Memories are plain texts, written by this extractor ("Lives in
 * Berlin"), by a model ("User lives in Berlin", "The user's name is Alice") or verbatim by `infer: false`. Each
 * sentence is rewritten in the first person ("I live in Berlin") and read by the same patterns as a user message,
 * so every canonical form round-trips and common model phrasings are understood too. Unknown texts give no facts
 * and are left alone.
 */
import type { Fact, PatternContext, Statement } from './fact.js';
import { normalizeText, splitSentences } from './normalize-text.js';
import { parseText } from './parse-statement.js';

/** A memory as the rules understand it. */
export interface ParsedMemory {
  facts: Fact[];
  /** Whether every clause was understood, so the text may be rewritten from its facts without losing anything. */
  covered: boolean;
}

const thirdPersonVerbs: Record<string, string> = {
  is: 'am',
  has: 'have',
  was: 'was',
  does: 'do',
  goes: 'go',
  "isn't": 'am not',
  "doesn't": 'do not',
};
const possessiveNouns =
  /^(?:name|full name|first name|nickname|birthday|date of birth|favou?rite\b.*|home|job|occupation|wife|husband|partner|sister|brother|mother|father|mom|dad|dog|cat)\b/i;

/** "Name: Alice", "Location: Berlin": labelled memories some models write. */
const labelPrefixes: Record<string, string> = {
  name: 'my name is',
  'full name': 'my name is',
  nickname: 'call me',
  location: 'I live in',
  city: 'I live in',
  home: 'I live in',
  residence: 'I live in',
  'lives in': 'I live in',
  hometown: 'I am from',
  origin: 'I am from',
  occupation: 'I work as a',
  job: 'I work as a',
  profession: 'I work as a',
  role: 'I work as a',
  employer: 'I work at',
  company: 'I work at',
  likes: 'I like',
  loves: 'I love',
  dislikes: 'I dislike',
  allergies: 'I am allergic to',
  allergy: 'I am allergic to',
  diet: 'I am',
  birthday: 'my birthday is',
  age: 'I am',
  pet: 'I have a',
  plans: 'I plan to',
};
/** Memories that start with an adjective ("Allergic to peanuts", "Married to Sam", "Vegetarian"). */
const adjectiveStart =
  /^(?:allergic|intolerant|lactose|gluten|married|engaged|vegetarian|vegan|pescatarian|based|originally|single|divorced|retired|\d{1,3} years old)\b/i;

function verbToFirstPerson(verb: string): string {
  const lower = verb.toLowerCase();
  const known = thirdPersonVerbs[lower];
  if (known) return known;
  if (/(?:ss|sh|ch|x|z|o)es$/.test(lower)) return lower.slice(0, -2);
  if (/[^aeiou]ies$/.test(lower)) return `${lower.slice(0, -3)}y`;
  if (/[^s]s$/.test(lower)) return lower.slice(0, -1);
  return lower;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * "Lives in Berlin" -> "I live in Berlin"; "User's name is Alice" -> "my name is Alice". `userNames` are names
 * known to be the user's, which a model may use as the subject ("Alice lives in Paris").
 */
function toFirstPerson(sentence: string, userNames: readonly string[] = []): string {
  const subject = ['(?:the\\s+)?user', ...userNames.map(escapeRegExp)].join('|');
  let text = sentence.trim().replace(new RegExp(`^(?:${subject})(?:'s|’s)\\s+`, 'iu'), 'my ');
  text = text.replace(new RegExp(`^(?:${subject})\\s+(?=\\p{Ll})`, 'iu'), '');
  text = text.replace(/\bUser(?:'s|’s)\s/g, 'my ').replace(/\bUser\b/g, 'me');
  text = text
    .replace(/\btheir\b/gi, 'my')
    .replace(/\bthemselves\b/gi, 'myself')
    .replace(/\bthem\b/gi, 'me')
    .replace(/\btheirs\b/gi, 'mine');
  text = text.replace(
    /\b(and|but)\s+(is|has|likes|loves|lives|works|enjoys|dislikes|hates|plans|wants|prefers)\b/gi,
    (_m, joiner: string, verb: string) => `${joiner} ${verbToFirstPerson(verb)}`,
  );
  if (/^(?:my|I|I'm|I’m|we|our)\s/i.test(text)) return text;
  const labelled = /^([\p{L} ]{2,20}):\s*(.+)$/u.exec(text);
  if (labelled) {
    const prefix = labelPrefixes[labelled[1]!.trim().toLowerCase()];
    if (prefix) return `${prefix} ${labelled[2]}`;
  }
  if (adjectiveStart.test(text)) return `I am ${text}`;
  if (possessiveNouns.test(text) && /\s(?:is|are)\s/i.test(text)) return `my ${text}`;
  const [first = '', ...rest] = text.split(' ');
  return ['I', verbToFirstPerson(first), ...rest].join(' ');
}

const labels = Object.keys(labelPrefixes).join('|');
/**
 * The third-person forms agents and tools write into a user's turn ("User lives in Oslo", "Favorite color is green",
 * "Likes hiking", "Name: Jeremy"): a sentence that starts with the user as subject, a verb of the canonical memories,
 * an attribute ("name is", "favorite X is") or a known label.
 */
const thirdPersonStart = new RegExp(
  `^(?:(?:the\\s+)?user(?:'s)?\\s|(?:lives|works|likes|loves|enjoys|dislikes|hates|has|is|plans|wants|prefers|moved|relocated|was born)\\s(?!(?:\\S+\\s+)?(?:is|are|was|were)\\b)|(?:name|full name|nickname|birthday|favou?rite [\\p{L} -]{2,30}?) is\\s|(?:${labels}):\\s)`,
  'iu',
);

/** A user message's statements; third-person sentences are read like memories ({@link toFirstPerson}). */
export function parseMessage(text: string, context: PatternContext): Statement[] {
  return parseText(text, context, (sentence) => (thirdPersonStart.test(sentence) ? toFirstPerson(sentence) : sentence))
    .statements;
}

/** The facts of one memory text; see {@link toFirstPerson} for `userNames`. */
export function parseMemory(text: string, context: PatternContext, userNames: readonly string[] = []): ParsedMemory {
  const facts: Fact[] = [];
  let covered = true;
  for (const sentence of splitSentences(normalizeText(text))) {
    const parsed = parseText(toFirstPerson(sentence.text, userNames), context);
    covered &&= parsed.covered && !sentence.question;
    for (const statement of parsed.statements) if (statement.type === 'assert') facts.push(statement.fact);
  }
  return { facts, covered: covered && facts.length > 0 };
}
