/** Where the user lives: one home, updated by a move, deleted by "I don't live in X anymore". */
import type { Fact, PatternFunction } from '../fact.js';
import { capitalizePlace, cleanValue, keyOf } from '../words.js';
import { assert, cutAt, firstPerson, iAm, keywordsOf, retract } from './shared.js';

const subject = '(?:I|we)';
const placeStop =
  /\s+(?:with|since|for|because|but|and|where|which|who|when|while|after|before|as|from|to|so|though|although|until|till|last|next|this|ago|right|a (?:year|month|week|few|couple)|\d+ (?:years?|months?|weeks?|days?)|(?:one|two|three|four|five|six|seven|eight|nine|ten) (?:years?|months?|weeks?|days?))\b|[;(]|,\s+(?!\p{Lu})/iu;
const dwelling =
  /^(?:a|an|the|my|our)\s+(?:[\p{L}-]+\s+){0,2}(?:flat|apartment|house|studio|condo|dorm|home|room|loft|cabin|place)\b/iu;

/** A place phrase from the words after "in"/"to", or undefined when it is not one. */
function takePlace(raw: string): string | undefined {
  let text = raw.trim();
  const home = dwelling.exec(text);
  if (home) {
    const inner = /\s(?:in|near)\s+(.+)$/i.exec(text.slice(home[0].length));
    if (!inner) return undefined;
    text = inner[1]!;
  }
  const place = cleanValue(cutAt(text, placeStop).replace(/\s+(?:in|since) \d{4}$/i, ''));
  if (place.length === 0 || place.split(/\s+/).length > 6) return undefined;
  if (/^(?:my|our|your|his|her|their|it|there|here|town|the city|the area)$/i.test(place)) return undefined;
  if (/^(?:my|our|your|his|her|their|it)\s/i.test(place)) return undefined;
  // "the moment", "the next question": after "the", a place is a name ("the U.S.", "the Bronx") or a kind of place.
  if (
    /^the(?:$|\s+(?!\p{Lu}|(?:countryside|suburbs|mountains|city|city centre|city center|woods|country)$))/u.test(place)
  )
    return undefined;
  // The sentence's full stop also ended an abbreviation ("the U.S."): give it back.
  return capitalizePlace(place).replace(/\b((?:\p{Lu}\.)+\p{Lu})$/u, '$1.');
}

function homeFact(place: string): Fact {
  // "Paris, France" and "Paris" are the same home: the value is the part before the first comma.
  return { kind: 'home', slot: 'home', value: keyOf(place.split(',')[0]!), text: `Lives in ${place}` };
}

const livePatterns = [
  firstPerson('(?:live|reside|stay) in (.+)$', subject),
  new RegExp(
    `^${subject}\\s+(?:am|are|have been)\\s+(?:now\\s+|currently\\s+|still\\s+)?(?:living|residing|based|located|settled) (?:in|out of) (.+)$`,
    'iu',
  ),
  firstPerson('(?:have\\s+)?(?:moved|relocated)(?: back)?(?: home)?(?: from .+?)? to (.+)$', subject),
  firstPerson('call (.+?) home$', subject),
  /^my (?:home|house|apartment|flat|place) is in (.+)$/iu,
  /^(?:I|we) (?:have\s+)?(?:just\s+)?(?:settled|arrived|landed) (?:down )?in (.+?) for good$/iu,
];
const leavePatterns = [
  firstPerson('(?:do not|no longer|used to) (?:live|reside|stay) in (.+?)(?: anymore| any more)?$', subject),
  iAm('(?:not|no longer) (?:living|based|located) in (.+?)(?: anymore| any more)?$'),
  firstPerson('(?:have\\s+)?(?:moved|relocated) (?:away )?(?:out of|from|away from) (?!.*\\sto\\s)([^,]+)$', subject),
  firstPerson('left (.+?) for good$', subject),
];

/** Home: "I live in", "I am based in", "I moved to", "I relocated to"; retracted by "I don't live in X anymore". */
export const parseHome: PatternFunction = (clause) => {
  for (const pattern of leavePatterns) {
    const match = pattern.exec(clause);
    if (!match) continue;
    const place = takePlace(match[1]!);
    if (!place) return undefined;
    return [retract({ kind: 'home', keywords: keywordsOf(place), reason: 'The user no longer lives there' })];
  }
  for (const pattern of livePatterns) {
    const match = pattern.exec(clause);
    if (!match) continue;
    const place = takePlace(match[1]!);
    return place ? [assert(homeFact(place))] : undefined;
  }
  return undefined;
};
