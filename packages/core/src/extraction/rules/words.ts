/**
 * Small string helpers shared by the patterns: casing of names and places, clean values, list splitting and the
 * first-to-third person rewrite used in fact texts.
 */

const nameParticles = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'da',
  'di',
  'du',
  'la',
  'le',
  'bin',
  'al',
]);
const placeSmallWords = new Set([
  'of',
  'the',
  'a',
  'an',
  'on',
  'upon',
  'near',
  'in',
  'am',
  'de',
  'del',
  'la',
  'le',
  'sur',
]);

/** Upper-cases the first letter of each part of a word split by `-` and `'` ("jean-luc" -> "Jean-Luc"). */
function capitalizeWord(word: string): string {
  return word.replace(
    /(^|[-'])(\p{Ll})/gu,
    (_match, separator: string, letter: string) => separator + letter.toUpperCase(),
  );
}

/**
 * Capitalises a person's name written in one case ("alice smith", "ALICE") and keeps mixed case as the user wrote it
 * ("McKenzie"). Lower-case particles stay lower-case inside a name ("Ludwig van Beethoven").
 */
export function capitalizeName(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word, index) => {
      const mixedCase = /\p{Lu}/u.test(word) && /\p{Ll}/u.test(word);
      if (mixedCase) return word;
      const lower = word.toLowerCase();
      if (index > 0 && nameParticles.has(lower)) return lower;
      return capitalizeWord(lower);
    })
    .join(' ');
}

/**
 * Capitalises a place written in lower case ("new york" -> "New York", "a village near lyon" keeps its small words)
 * and keeps any word the user already capitalised.
 */
export function capitalizePlace(place: string): string {
  return place
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word, index) => {
      if (/\p{Lu}/u.test(word)) return word;
      if (index > 0 && placeSmallWords.has(word)) return word;
      if (index === 0 && /^(a|an|the)$/.test(word)) return word;
      return capitalizeWord(word);
    })
    .join(' ');
}

/** Upper-cases the first letter of a sentence. */
export function capitalizeFirst(text: string): string {
  return text.replace(/^\p{Ll}/u, (letter) => letter.toUpperCase());
}

const trailingNoise =
  /(?:\s*,)?\s+(?:by the way|btw|lol|haha+|though|fyi|too|as well|either|now|anymore|any more|these days|nowadays|lately|right now|at the moment|currently|again|already|still|a lot|so much|very much|really|actually|also|instead|then|since then|recently|for now|for good|i guess|i think|honestly|someday|some day|one day|sometime|at some point|eventually|soon)$/i;

/** Trims spaces, quotes, trailing punctuation and trailing filler words ("sushi, by the way" -> "sushi"). */
export function cleanValue(value: string): string {
  let current = value.trim();
  for (;;) {
    const next = current
      .replace(/^["'“‘(\s]+|["'”’)\s.,;:!?…-]+$/gu, '')
      .replace(trailingNoise, '')
      .trim();
    if (next === current) return next;
    current = next;
  }
}

/** Splits "sushi, ramen and pho" into its items. */
export function splitList(text: string): string[] {
  return text
    .split(/\s*,\s*(?:and\s+|or\s+|&\s+)?|\s+(?:and|or|&|as well as|plus)\s+/i)
    .map(cleanValue)
    .filter((item) => item.length > 0);
}

/** A comparison key: lower case, no articles or punctuation, single spaces. */
export function keyOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .replace(/\b(?:a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const thirdPerson: Record<string, string> = {
  my: 'their',
  our: 'their',
  me: 'them',
  us: 'them',
  myself: 'themselves',
  ourselves: 'themselves',
  mine: 'theirs',
  ours: 'theirs',
};

/** Rewrites first-person words inside a value so a fact stands alone ("call my mom" -> "call their mom"). */
export function toThirdPerson(text: string): string {
  return text.replace(
    /\b(my|our|me|us|myself|ourselves|mine|ours)\b/gi,
    (word) => thirdPerson[word.toLowerCase()] ?? word,
  );
}

/** Pronouns and vague words that are never the object of a real preference ("I like it", "I love you"). */
const vagueObjects = new Set([
  'it',
  'that',
  'this',
  'these',
  'those',
  'them',
  'you',
  'him',
  'her',
  'everything',
  'anything',
  'nothing',
  'something',
  'one',
  'both',
  'all',
  'so',
  'too',
  'very',
  'much',
  'lot',
  'what',
  'how',
  'when',
  'where',
  'who',
  'which',
  'why',
  'if',
  'yours',
  'your',
  'his',
  'their',
  'its',
  'my',
  'our',
  'myself',
]);

/** Whether an extracted object is too vague or personal to be a preference ("it", "your idea", "my wife"). */
export function isVagueObject(value: string): boolean {
  const first = value.toLowerCase().split(/\s+/)[0] ?? '';
  return value.length === 0 || vagueObjects.has(first);
}
