/** Diet (one at a time: "Is vegetarian" -> "Is vegan") and allergies or intolerances (several). */
import type { Fact, PatternFunction, Statement } from '../fact.js';
import { splitList, toThirdPerson } from '../words.js';
import { article, assert, cutAt, firstPerson, iAm, retract, stemKey } from './shared.js';

const diets = 'vegetarian|vegan|pescatarian|pescetarian|flexitarian|plant-based|plant based|carnivore|raw vegan';
const restrictions = 'lactose|gluten|dairy|fructose|histamine';

function dietFact(diet: string): Fact {
  const value = diet.toLowerCase().replace(' ', '-').replace('pescetarian', 'pescatarian');
  return { kind: 'diet', slot: 'diet', value, text: `Is ${value}` };
}

function allergyFact(substance: string, noun: boolean): Fact {
  return {
    kind: 'allergy',
    slot: `allergy:${stemKey(substance)}`,
    value: 'allergic',
    text: noun ? `Has ${article(substance)} ${substance} allergy` : `Is allergic to ${substance}`,
  };
}

function intoleranceFact(substance: string): Fact {
  const value = substance.toLowerCase();
  return { kind: 'allergy', slot: `allergy:${stemKey(value)}`, value: 'intolerant', text: `Is ${value} intolerant` };
}

const dietNow = [
  iAm(`(?:an? )?(?:strict |fully |full )?(${diets})(?: now| again| too)?$`),
  firstPerson(`(?:went|became|turned|have gone|have become|switched to being) (?:an? )?(?:strict |full )?(${diets})$`),
  firstPerson(`(?:follow|eat|keep) an? (${diets}) diet$`),
];
const dietRetractions = [
  iAm(`(?:not|no longer) (?:an? )?(${diets})(?: anymore| any more)?$`),
  firstPerson(`(?:stopped|quit|gave up) being (?:an? )?(${diets})$`),
  firstPerson('(?:eat|eating) meat again$'),
  firstPerson('(?:started|have started|am) eating meat(?: again)?$'),
];
const allergyStop = /\s+(?:so|but|because|which|since|as|and it|that)\b|[;(]/i;
const allergicTo = iAm('(?:(?:very|severely|seriously|deathly|mildly|highly|super) )?allergic to (.+)$');
const allergyNoun = firstPerson(
  "(?:have|suffer from) (?:an? |severe |a severe |a mild |bad )?([\\p{L}' -]+?) allerg(?:y|ies)$",
);
const intolerant = iAm(`(${restrictions}) intolerant$`);
const notAllergic = iAm('(?:not|no longer) allergic to (.+?)(?: anymore| any more)?$');
const celiac = iAm('(?:a )?(?:celiac|coeliac)$');

/** Diet, allergies and intolerances. */
export const parseHealth: PatternFunction = (clause) => {
  for (const pattern of dietRetractions) {
    const match = pattern.exec(clause);
    if (match) {
      const diet = match[1] ? dietFact(match[1]) : undefined;
      return [
        retract({
          kind: 'diet',
          ...(diet ? { value: diet.value } : {}),
          reason: 'The user no longer follows this diet',
        }),
      ];
    }
  }
  const notAllergicMatch = notAllergic.exec(clause);
  if (notAllergicMatch) {
    return splitList(notAllergicMatch[1]!).map((substance) =>
      retract({ kind: 'allergy', slot: `allergy:${stemKey(substance)}`, reason: 'The user is no longer allergic' }),
    );
  }
  for (const pattern of dietNow) {
    const match = pattern.exec(clause);
    if (match) return [assert(dietFact(match[1]!))];
  }
  const allergic = allergicTo.exec(clause);
  if (allergic) return allergies(splitList(cutAt(allergic[1]!, allergyStop)), false);
  const noun = allergyNoun.exec(clause);
  if (noun)
    return allergies(
      [noun[1]!.replace(/^(?:(?:severe|mild|bad|serious|slight|terrible|strong|life-threatening) )+/i, '').trim()],
      true,
    );
  const intolerance = intolerant.exec(clause);
  if (intolerance) return [assert(intoleranceFact(intolerance[1]!))];
  if (celiac.test(clause)) return [assert(intoleranceFact('gluten'))];
  return undefined;
};

function allergies(items: string[], noun: boolean): Statement[] | undefined {
  const statements = items
    .filter((item) => item.length > 0 && !/^(?:it|that|this|them|something|everything)$/i.test(item))
    .map((item) => assert(allergyFact(toThirdPerson(item.toLowerCase()), noun)));
  return statements.length > 0 ? statements : undefined;
}
