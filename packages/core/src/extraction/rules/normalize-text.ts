/**
 * Turns a message into clauses the patterns can anchor on: one apostrophe style, contractions expanded (keeping
 * the user's casing, which tells names apart), sentences and clauses split, greetings and filler removed.
 */

const contractions: Array<[RegExp, string]> = [
  [/\b(I)['’]m\b/gi, '$1 am'],
  [
    /\bim\b(?=\s+(?:a|an|the|from|in|at|based|allergic|vegan|vegetarian|married|planning|going|not|no|so|really|moving|\d))/g,
    'I am',
  ],
  // "hi im Paolo": "im" before a capitalised name.
  [/\bim\b(?=\s+\p{Lu}\p{Ll})/gu, 'I am'],
  [/\b(I|we|you|they)['’]ve\b/gi, '$1 have'],
  [/\b(I|we|you|they)['’]ll\b/gi, '$1 will'],
  [/\b(I|we|you|they)['’]d\b/gi, '$1 would'],
  [/\b(we|you|they)['’]re\b/gi, '$1 are'],
  [/\b(it|that|name|birthday|what|where|who|he|she)['’]s\b/gi, '$1 is'],
  [/\bcan['’]?t\b/gi, 'cannot'],
  [/\bwon['’]t\b/gi, 'will not'],
  [/\b(do|does|did|is|are|was|were|have|has|had|would|could|should|must)n['’]t\b/gi, '$1 not'],
  [/\b(do|does|did|is|are|was|were|have|has|had|would|could|should)nt\b/gi, '$1 not'],
  [/\bain['’]t\b/gi, 'am not'],
  [/\bgonna\b/gi, 'going to'],
  [/\bwanna\b/gi, 'want to'],
  [/\bi\b/g, 'I'],
];

/** Abbreviations whose dot does not end a sentence. */
const abbreviations = /\b(Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Mt|vs|etc|e\.g|i\.e|a\.m|p\.m|approx|Inc|Ltd|Co|Corp)\./gi;

/** One apostrophe, no emoji, single spaces, contractions expanded. */
export function normalizeText(text: string): string {
  // A message shouted in capitals carries no casing information: read it as lower case ("I LOVE SUSHI").
  const shouted = /\p{Lu}{3}/u.test(text) && !/\p{Ll}/u.test(text);
  let result = (shouted ? text.toLowerCase() : text)
    .replace(/[’‘`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\p{Extended_Pictographic}/gu, ' ')
    .replace(/[ \t]+/g, ' ');
  for (const [pattern, replacement] of contractions) result = result.replace(pattern, replacement);
  // "really, really love": repeated intensifiers carry no fact and would make every pattern backtrack over them.
  return result.replace(/\b(really|very|so|super|totally|truly)(?:,?\s+\1\b)+/gi, '$1');
}

/** A sentence and whether it was asked. */
export interface Sentence {
  text: string;
  question: boolean;
}

const questionStart =
  /^(?:(?:what|where|who|whom|whose|when|why|how|which)\b|(?:do|does|did|am|is|are|was|were|can|could|would|should|will|shall|have|has)\s+(?:I|you|we|my|it|they|he|she|there|that|this)\b)/i;

const rememberRequest =
  /^(?:please\s+)?(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:remember|note|keep in mind|save|store)\s+(?:that\s+)?/i;

/** Splits a normalised text into sentences; a polite "can you remember that ...?" is a statement, not a question. */
export function splitSentences(text: string): Sentence[] {
  const protectedText = text
    .replace(abbreviations, (match) => match.replace(/\./g, '\uE000'))
    .replace(/\b(?:\p{Lu}\.){2,}/gu, (match) => match.replace(/\./g, '\uE000'));
  const sentences: Sentence[] = [];
  // A sentence ends at . ! ? ; followed by a space or the end, so "example.com" and "3.5" stay whole.
  for (const piece of protectedText.split(/(?<=[.!?;])\s+|\n+/)) {
    let sentence = piece.replace(/\uE000/g, '.').trim();
    if (sentence.length === 0) continue;
    let question = /\?\s*$/.test(sentence);
    const request = rememberRequest.exec(sentence);
    if (request) {
      sentence = sentence.slice(request[0].length);
      question = false;
    }
    sentence = sentence.replace(/[.!?;]+$/, '').trim();
    const tag = question ? trailingQuestion.exec(sentence) : null;
    if (tag && !questionStart.test(stripFiller(sentence.slice(0, tag.index)))) {
      // "My name is Jeremy, what's yours?": a statement, then a short question back.
      sentences.push({ text: sentence.slice(0, tag.index).trim(), question: false });
      question = true;
      sentence = tag[1]!;
    }
    const stripped = stripFiller(sentence);
    if (questionStart.test(stripped)) question = true;
    if (stripped.length > 0) sentences.push({ text: sentence, question });
  }
  return sentences;
}

/** A short question after the last comma: "what's yours", "you", "and you", "how about you", "do you", "any tips". */
const trailingQuestion = new RegExp(
  String.raw`,\s*((?:(?:and|so|but)\s+)?(?:(?:what|how)\s+about\s+)?(?:you|yours|yourself|u)|(?:${questionStart.source.slice(1)})[^,]{0,40}|(?:any|anything)\b[^,]{0,30})$`,
  'i',
);

const greeting = '(?:hi|hey|hello|yo|greetings|good (?:morning|afternoon|evening))';
/** Greetings (with punctuation, or followed directly by "I" / "my": "Hi my name is Jeremy"), interjections, labels. */
const leadingFiller = new RegExp(
  String.raw`^(?:(?!(?:\p{L}+ ){0,3}(?:said|says|told|asked|wrote|writes|replied|thinks|thought)\b)(?:\p{L}+ ){0,3}\p{L}+:\s+|${greeting}(?:\s+there|\s+\p{L}+)?\s*[,!.:-]+\s*|(?:${greeting}\s+)+(?:(?:there|all|everyone|everybody|guys|folks|again)\s+)?(?=(?:I|my|we|our|(?:you can |please )?call me)\b)|(?:sadly|unfortunately|luckily|fortunately|happily|finally|guess what|wait|then|and then|so then|after that|later|right now|now|currently|these days|nowadays|lately|recently|at the moment|as of now|since then|well|so|ok|okay|oh|ah|yeah|yes|yep|no|nope|also|and|but|anyway|anyways|btw|by the way|actually|fyi|just so you know|for the record|for your information|to be honest|honestly|tbh|um|uh|hmm|great|cool|thanks|thank you|sure|right|alright|plus|oh and|and also|oh by the way|quick update|update|news|guess what|fun fact|heads up)\b\s*[,!.:-]*\s*|(?:please\s+)?(?:remember|note|keep in mind|be aware|know)\s+that\s+|(?:do not|never) forget(?: that)?\s+)`,
  'iu',
);

const trailingFiller =
  /(?:\s*,)?\s+(?:by the way|btw|lol|haha+|fyi|for the record|just so you know|if you must know|as you know|you know|I guess|I think|in case you were wondering|in case you need to know|if that matters|if that helps|nice to meet you|pleased to meet you|nice meeting you|good to meet you)\s*$/i;

/** Removes greetings, interjections and trailing filler ("Hi! So, I live in Berlin, by the way"). */
export function stripFiller(clause: string): string {
  let current = clause.trim();
  for (;;) {
    const next = current
      .replace(leadingFiller, '')
      .replace(trailingFiller, '')
      .replace(/^[,\s]+|[,\s]+$/g, '');
    if (next === current) return current;
    current = next;
  }
}

/** Verbs that continue a first-person clause after "and" without repeating "I" ("I live in Berlin and work at Acme"). */
const continuationVerbs =
  'live|work|love|like|enjoy|adore|hate|dislike|detest|have|had|moved|relocated|just|also|really|recently|currently|plan|am|started|joined|got|own';

const amContinuation =
  /\s*,?\s+and\s+(?=(?:allergic|vegan|vegetarian|pescatarian|based|married|engaged|from|originally)\b)|,\s+(?=(?:a|an|from|living|based|originally)\s|\d{1,3}\b)/i;

const clauseSplitters: RegExp[] = [
  /\s*[,;]?\s+(?:and|but|so|plus|while|whereas|and also|and now|but now)\s+(?=(?:I|my|we|our)\b)/i,
  /\s*,\s+(?=(?:I|my|we|our)\s)/i,
];

/** Splits a sentence into first-person clauses; a subject-less continuation gets its "I" back. */
export function splitClauses(sentence: string): string[] {
  let parts = [sentence];
  for (const splitter of clauseSplitters) parts = parts.flatMap((part) => part.split(splitter));
  const continuation = new RegExp(`\\s*,?\\s+and\\s+(?=(?:${continuationVerbs})\\b)`, 'i');
  parts = parts.flatMap((part) => {
    const pieces = part.split(continuation);
    return pieces.map((piece, index) => (index > 0 ? `I ${piece}` : piece));
  });
  // "I am vegetarian and allergic to nuts", "I am Alice, a data engineer at Acme": the "I am" carries over.
  parts = parts.flatMap((part) => {
    if (!/^I am\s/i.test(part)) return [part];
    const pieces = part.split(amContinuation);
    return pieces.map((piece, index) => (index > 0 ? `I am ${piece}` : piece));
  });
  // "I have a son named Leo and a daughter named Mia": the "I have" carries over.
  parts = parts.flatMap((part) => {
    if (!/^I (?:have|have got|got|adopted)\s/i.test(part)) return [part];
    const verb = /^I (have got|have|got|adopted)/i.exec(part)![1];
    const pieces = part.split(/\s*,?\s+and\s+(?=(?:a|an|one)\s)/i);
    return pieces.map((piece, index) => (index > 0 ? `I ${verb} ${piece}` : piece));
  });
  return parts.map(stripFiller).filter((part) => part.length > 0);
}
