/** Name, preferred name, age, origin and birthday: single-valued facts about who the user is. */
import { findDate, formatDay } from '../dates.js';
import type { Fact, PatternFunction, Statement } from '../fact.js';
import { capitalizeName, capitalizePlace, cleanValue, keyOf } from '../words.js';
import { assert, cutAt, firstPerson, iAm, takeName } from './shared.js';

/** Capitalised words after "I am" that are not names ("I am German", "I am Vegan", "I am Back"). */
const notNames = new Set(
  (
    'american british english german french italian spanish canadian australian chinese japanese korean indian ' +
    'mexican brazilian dutch swedish norwegian danish finnish polish russian ukrainian irish scottish welsh greek ' +
    'turkish portuguese swiss austrian belgian israeli egyptian nigerian kenyan argentinian chilean colombian ' +
    'catholic christian muslim jewish hindu buddhist atheist agnostic vegan vegetarian fine good okay ok here back ' +
    'sorry done ready sure happy glad tired not so very also just still new married single in at on from going ' +
    'planning allergic based living working moving the a an retired pregnant engaged divorced excited busy home ' +
    'hungry sick free available late early certain afraid interested curious confused bored stuck lost gay ' +
    'lesbian bisexual trans queer straight deaf blind autistic monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
);

function nameFact(raw: string): Fact | undefined {
  const name = takeName(raw);
  if (!name || notNames.has(name.split(' ')[0]!.toLowerCase())) return undefined;
  const display = capitalizeName(name);
  return { kind: 'name', slot: 'name', value: keyOf(display), text: `Name is ${display}` };
}

function nicknameFact(raw: string): Fact | undefined {
  const name = takeName(raw);
  if (!name) return undefined;
  const display = capitalizeName(name);
  return { kind: 'name', slot: 'nickname', value: keyOf(display), text: `Prefers to be called ${display}` };
}

const namePatterns = [
  /^my (?:full |first |real |given )?name is (?!not\b)(.+)$/iu,
  /^(?:the )?name is (?!not\b)(.+)$/iu,
];
const nicknamePatterns = [
  /^(?:you can |you may |please |just )?call me (.+)$/iu,
  firstPerson('(?:go by|prefer to be called|like to be called|would like to be called) (.+)$'),
  /^(?:everyone|everybody|people|my friends) calls? me (.+)$/iu,
];
/** "I am Alice": only a capitalised word that ends the clause, so "I am tired" or "I am Alice's dad" never match. */
const introduction = /^I am (\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,2})$/u;
const agePatterns = [
  iAm('(\\d{1,3})(?: years old| yrs old| y/?o)?$'),
  firstPerson('turned (\\d{1,3})(?: years old)?$'),
];
const originPatterns = [
  iAm('(?:originally )?from (.+)$'),
  firstPerson('(?:originally )?(?:come|hail) from (.+)$'),
  firstPerson('grew up in (.+)$'),
];
const birthdayPatterns = [
  /^my (?:birthday|bday|b-day|date of birth) is (.+)$/iu,
  firstPerson('was born (?:on )?(.+)$'),
];

const placeStop =
  /\s+(?:with|since|for|because|but|and|where|which|who|when|while|after|before|as|to|so|though|although|until|till|last|next|this|ago|originally|right)\b|[;(]/i;

/** Name and preferred name. */
export const parseName: PatternFunction = (clause) => {
  for (const pattern of namePatterns) {
    const match = pattern.exec(clause);
    if (match) return single(nameFact(match[1]!));
  }
  for (const pattern of nicknamePatterns) {
    const match = pattern.exec(clause);
    if (match) return single(nicknameFact(match[1]!));
  }
  const introduced = introduction.exec(clause);
  if (introduced) return single(nameFact(introduced[1]!));
  return undefined;
};

/** Age, origin and birthday. */
export const parsePersonalDetails: PatternFunction = (clause, context) => {
  for (const pattern of agePatterns) {
    const match = pattern.exec(clause);
    const age = match ? Number(match[1]) : Number.NaN;
    if (age > 0 && age < 120) {
      return [assert({ kind: 'age', slot: 'age', value: String(age), text: `Is ${age} years old` })];
    }
  }
  for (const pattern of originPatterns) {
    const match = pattern.exec(clause);
    if (!match) continue;
    const place = capitalizePlace(cleanValue(cutAt(match[1]!, placeStop)));
    if (place.length === 0 || /^(?:my|the|a|an|work|home|school)\b/i.test(place)) return undefined;
    return [assert({ kind: 'origin', slot: 'origin', value: keyOf(place), text: `Is from ${place}` })];
  }
  for (const pattern of birthdayPatterns) {
    const match = pattern.exec(clause);
    if (!match) continue;
    const found = findDate(match[1]!, context.today, 'yearless');
    // A birthday is a day: "next week" or "this weekend" is not one.
    if (!found?.day || found.start > 3 || !/^on \d/.test(found.phrase)) return undefined;
    const value = formatDay(found.day, found.explicitYear);
    return [assert({ kind: 'birthday', slot: 'birthday', value: keyOf(value), text: `Birthday is ${value}` })];
  }
  return undefined;
};

function single(fact: Fact | undefined): Statement[] | undefined {
  return fact ? [assert(fact)] : undefined;
}
