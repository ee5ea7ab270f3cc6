/** Pets: one slot per pet (`pet:dog:rex`); "Has a dog" is refined by "my dog Rex"; "my dog Rex died" deletes it. */
import type { Fact, PatternFunction, Statement } from '../fact.js';
import { capitalizeName, keyOf } from '../words.js';
import { article, assert, firstPerson, keywordsOf, leadingCapitalized, oneMore, retract, takeName } from './shared.js';

const species: Record<string, string> = {
  dog: 'dog',
  puppy: 'dog',
  pup: 'dog',
  retriever: 'dog',
  labrador: 'dog',
  lab: 'dog',
  poodle: 'dog',
  terrier: 'dog',
  beagle: 'dog',
  bulldog: 'dog',
  shepherd: 'dog',
  husky: 'dog',
  corgi: 'dog',
  dachshund: 'dog',
  chihuahua: 'dog',
  pug: 'dog',
  spaniel: 'dog',
  cat: 'cat',
  kitten: 'cat',
  kitty: 'cat',
  hamster: 'hamster',
  rabbit: 'rabbit',
  bunny: 'rabbit',
  parrot: 'parrot',
  budgie: 'parrot',
  bird: 'bird',
  fish: 'fish',
  goldfish: 'fish',
  turtle: 'turtle',
  tortoise: 'turtle',
  snake: 'snake',
  lizard: 'lizard',
  gecko: 'lizard',
  iguana: 'lizard',
  horse: 'horse',
  pony: 'horse',
  'guinea pig': 'guinea pig',
  ferret: 'ferret',
  hedgehog: 'hedgehog',
  chinchilla: 'chinchilla',
  rat: 'rat',
};
const animal = `((?:(?!(?:a|an|the|got|have|one|another|second|third|fourth|other|more)\\b)[\\p{L}-]+ ){0,2}?(?:${Object.keys(species).join('|')}))`;
const capitalizedName = "(\\p{Lu}[\\p{L}'-]*(?:\\s+\\p{Lu}[\\p{L}'-]*)?)";

/** The canonical pet fact ("Has a dog named Rex", "Has a golden retriever named Max", "Has a cat"). */
function petFact(rawAnimal: string, name: string | undefined): Fact {
  const animalText = rawAnimal.toLowerCase().trim();
  const last = animalText.endsWith('guinea pig') ? 'guinea pig' : (animalText.split(' ').pop() ?? animalText);
  const kind = species[last] ?? last;
  const display = name ? capitalizeName(name) : undefined;
  const nameKey = keyOf(display ?? '');
  return {
    kind: 'pet',
    slot: `pet:${kind}:${nameKey}`,
    value: nameKey,
    text: `Has ${article(animalText)} ${animalText}${display ? ` named ${display}` : ''}`,
    ...(display ? { refines: `pet:${kind}:` } : {}),
  };
}

const verbs = '(?:have got|have just got|have|got|adopted|rescued|bought|own)';
const named = firstPerson(`${verbs} ${oneMore}?${animal},? (?:named|called|whose name is) (.+)$`, '(?:I|we)');
const apposition = firstPerson(`${verbs} ${oneMore}?${animal},? ${capitalizedName}$`, '(?:I|we)');
const unnamed = firstPerson(`${verbs} ${oneMore}${animal}$`, '(?:I|we)');
const nameIs = new RegExp(`^my ${animal}(?:'s name is| is named| is called) (.+)$`, 'iu');
const mentioned = new RegExp(`\\bmy ${animal},?\\s+${capitalizedName}`, 'giu');
/** "passed" alone ("Rex passed") but not with an object ("passed my driving test", "passed the ball"). */
const gone = new RegExp(
  `^(?:my ${animal}(?:,? ${capitalizedName})?|${capitalizedName}) (?:died|passed away|passed on|passed(?=$|,| (?:last|yesterday|this|today|recently|suddenly|peacefully|in|on|at)\\b)|ran away|is gone|was put down|had to be put down)`,
  'iu',
);
const noLonger = firstPerson(
  `(?:no longer have|do not have|gave away|rehomed|had to rehome|lost) (?:an? |my |our )?${animal}(?:,? ${capitalizedName})?`,
  '(?:I|we)',
);

/** Pets. */
export const parsePets: PatternFunction = (clause) => {
  const goneMatch = gone.exec(clause) ?? noLonger.exec(clause);
  if (goneMatch) {
    const animalText = goneMatch[1];
    const rawName = goneMatch.slice(2).find((group) => group !== undefined);
    // After "my dog" a name may be lower case ("my dog rex died") but not a filler word ("a cat anymore"); alone,
    // it must be capitalised and not a pronoun ("I ran away", "She passed away").
    const name = animalText ? takeName(rawName ?? '') : leadingCapitalized(rawName ?? '');
    if (!animalText && (!name || name !== rawName)) return undefined;
    const kind = animalText ? petFact(animalText, undefined).slot : undefined;
    return [
      retract({
        kind: 'pet',
        ...(kind ? { slotPrefix: kind } : {}),
        ...(name ? { keywords: keywordsOf(name) } : {}),
        reason: 'The pet is no longer with the user',
      }),
    ];
  }
  let match = named.exec(clause) ?? nameIs.exec(clause);
  if (match) return one(petFact(match[1]!, takeName(match[2]!)));
  match = apposition.exec(clause);
  const appositionName = match ? leadingCapitalized(match[2]!) : undefined;
  if (match && appositionName === match[2]) return one(petFact(match[1]!, appositionName));
  match = unnamed.exec(clause);
  if (match) return one(petFact(match[1]!, undefined));
  return undefined;
};

/** Pets named anywhere in a clause: "I took my dog Rex to the vet". */
export const findMentionedPets: PatternFunction = (clause) => {
  const facts: Statement[] = [];
  for (const match of clause.matchAll(mentioned)) {
    const name = leadingCapitalized(match[2]!);
    if (name) facts.push(assert(petFact(match[1]!, name)));
  }
  return facts.length > 0 ? facts : undefined;
};

function one(fact: Fact): Statement[] {
  return [assert(fact)];
}
