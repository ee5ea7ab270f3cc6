/**
 * The lexical analyser shared by every backend's lexical signal (the in-process BM25 index and Upstash sparse
 * vectors), so the same text yields the same terms everywhere: NFKC-normalised, lower-cased Unicode words and
 * numbers (with their combining marks, so "Zoë" typed either way and Devanagari words stay whole), each emoji or
 * other symbol as a term of its own ("🔴", "★", "🇫🇷"), English stop words dropped, light suffix stemming.
 * NFKC rather than NFC here: compatibility forms (full-width letters, ligatures, superscripts) should match their
 * plain spelling in a search.
 */
const stopWords = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having he her hers ' +
    'him his how i if in into is it its itself just me my myself of on or our ours she should so than that the ' +
    'their theirs them then there these they this those to too very was we were what when where which while who ' +
    'whom why will with would you your yours yourself about also am any because before after up down out over ' +
    'again further once here both each few more most other some such no nor not only own same s t don now ll ve re d m o y'
  ).split(' '),
);

const emojiPart = String.raw`\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?`;
const termPattern = new RegExp(
  String.raw`[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’]\p{L}+)?|\p{Regional_Indicator}{2}|${emojiPart}(?:\u200D${emojiPart})*|\p{So}`,
  'gu',
);

/** Terms of a text, in order, with repeats. */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(termPattern)) {
    const word = match[0].replace(/['’](s|t|re|ve|ll|d|m)$/u, '');
    if (word.length === 0 || stopWords.has(word)) continue;
    terms.push(stem(word));
  }
  return terms;
}

/** A light English stemmer: plural and common verb endings, enough to match "hiking"/"hikes"/"hiked". */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) return trimDouble(word.slice(0, -3));
  if (word.endsWith('ied') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ed') && word.length > 4) return trimDouble(word.slice(0, -2));
  if (word.endsWith('es') && /(ch|sh|x|z|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) {
    return word.slice(0, -1);
  }
  return word;
}

function trimDouble(word: string): string {
  const last = word.at(-1);
  if (word.length > 3 && last === word.at(-2) && last !== 'l' && last !== 's' && last !== 'z') {
    return word.slice(0, -1);
  }
  return word.endsWith('e') ? word : word;
}

/** 32-bit FNV-1a hash of a term: its id in sparse vectors. */
export function termId(term: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < term.length; index++) {
    hash ^= term.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Term frequencies of a text. */
export function termFrequencies(text: string): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const term of tokenize(text)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  return frequencies;
}
