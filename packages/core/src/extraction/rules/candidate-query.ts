/**
 * A search text for finding the memories a message may change. A message says "I moved to Berlin"; the memory it
 * updates says "Lives in Paris": they share no word, so a similarity search on the message alone misses it once a
 * scope holds many memories. The canonical texts of the message's facts, plus the words every memory of the same
 * attribute shares ("Lives in"), make that search find it.
 */
import type { FactKind, PatternContext } from './fact.js';
import { parseMessage } from './parse-memory.js';

/** Words that every canonical memory of a kind contains. */
const kindWords: Record<FactKind, string> = {
  name: 'Name is; Prefers to be called',
  home: 'Lives in',
  origin: 'Is from',
  work: 'Works at; Works as',
  birthday: 'Birthday is',
  age: 'years old',
  diet: 'Is vegetarian; Is vegan; Is pescatarian',
  allergy: 'Is allergic to; allergy; intolerant',
  preference: 'Likes; Dislikes',
  favorite: 'Favorite',
  relationship: 'Has named; Is married to',
  pet: 'Has named',
  plan: 'Plans to; Wants to',
};

/** The search text for `texts` (user messages), or '' when the rules recognise nothing in them. */
export function candidateQuery(texts: string[], context: PatternContext): string {
  const lines = new Set<string>();
  for (const text of texts) {
    for (const statement of parseMessage(text, context)) {
      if (statement.type === 'assert') {
        lines.add(statement.fact.text);
        lines.add(kindWords[statement.fact.kind]);
      } else {
        const { kind, keywords } = statement.retraction;
        lines.add([kindWords[kind], ...(keywords ?? [])].join('; '));
      }
    }
  }
  return [...lines].join('\n');
}
