/**
 * Likes and dislikes. Each item is its own slot (`preference:sushi`) whose value is `likes` or `dislikes`, so
 * "I hate sushi now" against "Likes sushi" is a change of that one memory (an UPDATE that keeps its history).
 */
import type { Fact, PatternFunction, Statement } from '../fact.js';
import { capitalizeFirst, cleanValue, isVagueObject, keyOf, splitList, toThirdPerson } from '../words.js';
import { assert, cutAt, firstPerson, iAm, retract, stemKey } from './shared.js';

type Polarity = 'likes' | 'dislikes';

/** Phrases that contain "and" but are one thing. */
const compounds = [
  'rock and roll',
  "rock 'n' roll",
  'mac and cheese',
  'fish and chips',
  'salt and pepper',
  'black and white',
  'drum and bass',
  'rhythm and blues',
  'peanut butter and jelly',
  'dungeons and dragons',
  'pros and cons',
  'bread and butter',
  'tom and jerry',
  'simon and garfunkel',
  'strawberries and cream',
  'arts and crafts',
];

/** Objects that refer to the conversation ("I like the second option", "I love the new design"), not a taste. */
const contextual =
  /^(?:the |this |that |your )?(?:(?:first|second|third|last|previous|new|current|latest|other|final|updated|revised) )?(?:option|answer|response|idea|suggestion|result|code|example|version|one|way|design|approach|solution|draft|output|explanation|format|change|changes|update|fix|layout|plan|proposal|list|summary|name|title|recommendation)s?\b/i;

const itemStop =
  /,?\s+(?:especially|particularly|mainly|mostly|including|such as)\b|\s+(?:because|since|but|when|whenever|although|though|so much|a lot|more than|over|rather than|which|that is|as long as|if|unless|even though|especially when)\b|[;(:—–]/i;

/** The preference facts of a list of items ("sushi and ramen"). */
function preferenceFacts(rawItems: string, polarity: Polarity): Fact[] {
  let text = cleanValue(cutAt(rawItems, itemStop)).replace(/^(?:both|all of|all kinds of|all sorts of)\s+/i, '');
  const protectedItems: string[] = [];
  for (const compound of compounds) {
    text = text.replace(new RegExp(compound.replace(/'/g, "'?"), 'gi'), (match) => {
      protectedItems.push(match);
      return `\uE000${protectedItems.length - 1}\uE000`;
    });
  }
  return splitList(text)
    .map((item) => item.replace(/\uE000(\d+)\uE000/g, (_match, index: string) => protectedItems[Number(index)] ?? ''))
    .filter(
      (item) =>
        !isVagueObject(item) &&
        !/^[\d\s.,%]+$/.test(item) &&
        item.split(/\s+/).length <= 6 &&
        !/\b(?:I|you|your|he|she|they|we)\b/i.test(item) &&
        !/^to (?:think|say|believe|know|imagine|assume|hear|see)\b/i.test(item) &&
        !contextual.test(item),
    )
    .map((item) => preferenceFact(toThirdPerson(item), polarity));
}

function preferenceFact(item: string, polarity: Polarity): Fact {
  return {
    kind: 'preference',
    slot: `preference:${stemKey(item)}`,
    value: polarity,
    text: `${polarity === 'likes' ? 'Likes' : 'Dislikes'} ${item}`,
  };
}

const dislikePatterns = [
  firstPerson(
    '(?:do not|does not|no longer|never|cannot|could not) (?:really )?(?:like|love|enjoy|care for|stand|bear|tolerate) (.+)$',
  ),
  firstPerson(
    '(?:hate|hated|dislike|detest|loathe|despise|abhor|cannot stand|cannot bear|am sick of|am tired of) (.+)$',
  ),
  firstPerson('(?:have |have kind of |kind of )?(?:stopped|quit) (?:liking|enjoying|loving) (.+)$'),
  iAm(
    '(?:not|no longer|never been) (?:really )?(?:an? )?(?:(?:big|huge|great) )?(?:fan of|into|keen on|fond of|a fan of) (.+)$',
  ),
];
const likePatterns = [
  firstPerson(
    '(?:love|like|enjoy|adore|dig|fancy|prefer|relish|appreciate|am into|am (?:an? )?(?:(?:big|huge|massive|great) )?fan of|am passionate about|am obsessed with|am crazy about|am keen on|am fond of|am a lover of|have a soft spot for|have a passion for|have a thing for|can not get enough of|cannot get enough of|like to eat|love to eat) (.+)$',
  ),
  iAm("an? (?:(?:big|huge|massive|great|die-hard|diehard|lifelong) )?([\\p{L}' -]+?) fan$"),
  iAm(
    '(?:(?:big|huge|massive|great) )?(?:fans? of|into|passionate about|obsessed with|crazy about|keen on|fond of|lovers? of) (.+)$',
  ),
];
const favoritePattern = /^my (?:(?:all-time|absolute|personal) )?favou?rite ([\p{L}\s-]{2,30}?) (?:is|are) (.+)$/iu;
const favoriteReversed =
  /^(.+?) (?:is|are) my (?:(?:all-time|absolute|personal) )?favou?rite(?: ([\p{L}\s-]{2,30}))?$/iu;

const usedTo = firstPerson('used to (?:love|like|enjoy|adore) (.+)$');

/** Preferences: likes, dislikes and favourites. "I used to love X" removes the like without claiming a dislike. */
export const parsePreferences: PatternFunction = (clause) => {
  const former = usedTo.exec(clause);
  if (former) {
    const facts = preferenceFacts(former[1]!, 'likes');
    return facts.length > 0
      ? facts.map((fact) =>
          retract({ kind: 'preference', slot: fact.slot, value: 'likes', reason: 'The user no longer likes this' }),
        )
      : undefined;
  }
  for (const pattern of dislikePatterns) {
    const match = pattern.exec(clause);
    if (match) return statements(preferenceFacts(match[1]!, 'dislikes'));
  }
  for (const pattern of likePatterns) {
    const match = pattern.exec(clause);
    if (match) return statements(preferenceFacts(match[1]!.replace(/^to (?:eat|drink) /i, ''), 'likes'));
  }
  const favorite = favoritePattern.exec(clause);
  if (favorite) return statements(favoriteFacts(favorite[1]!, favorite[2]!));
  const reversed = favoriteReversed.exec(clause);
  if (reversed?.[2]) return statements(favoriteFacts(reversed[2], reversed[1]!));
  if (reversed) return statements(preferenceFacts(reversed[1]!, 'likes'));
  return undefined;
};

function favoriteFacts(rawCategory: string, rawValue: string): Fact[] {
  const category = keyOf(rawCategory);
  const value = toThirdPerson(cleanValue(cutAt(rawValue, itemStop)));
  if (category.length === 0 || isVagueObject(value)) return [];
  return [
    {
      kind: 'favorite',
      slot: `favorite:${stemKey(category)}`,
      value: keyOf(value),
      text: `${capitalizeFirst(`favorite ${category}`)} is ${value}`,
    },
  ];
}

function statements(facts: Fact[]): Statement[] | undefined {
  return facts.length > 0 ? facts.map(assert) : undefined;
}
