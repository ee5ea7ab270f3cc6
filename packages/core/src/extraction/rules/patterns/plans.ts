/**
 * Plans and wishes with their dates: "I'm going to visit Japan next month" -> "Plans to visit Japan in December
 * 2026". The slot is the activity, the value its date, so a new date for the same activity is an UPDATE and a
 * cancellation ("we cancelled the trip to Japan") deletes it.
 */
import type { Fact, PatternFunction } from '../fact.js';
import { cleanValue, keyOf, toThirdPerson } from '../words.js';
import { parseHome } from './location.js';
import { article, assert, cutAt, keywordsOf, retract, stemKey, withoutDate } from './shared.js';

/** Progressive forms and their base verbs ("I'm flying to Tokyo" -> "fly to Tokyo"). */
const progressive: Record<string, string> = {
  going: 'go',
  flying: 'fly',
  visiting: 'visit',
  traveling: 'travel',
  travelling: 'travel',
  moving: 'move',
  starting: 'start',
  taking: 'take',
  leaving: 'leave',
  heading: 'head',
  driving: 'drive',
  meeting: 'meet',
  seeing: 'see',
  getting: 'get',
  having: 'have',
  running: 'run',
  attending: 'attend',
  hosting: 'host',
  throwing: 'throw',
  celebrating: 'celebrate',
  joining: 'join',
  coming: 'come',
  returning: 'return',
  spending: 'spend',
  doing: 'do',
  playing: 'play',
  watching: 'watch',
  buying: 'buy',
  selling: 'sell',
  learning: 'learn',
  studying: 'study',
  camping: 'go camping',
  hiking: 'go hiking',
  skiing: 'go skiing',
  presenting: 'present',
  interviewing: 'interview',
  graduating: 'graduate',
  retiring: 'retire',
  relocating: 'move',
  emigrating: 'emigrate',
  renovating: 'renovate',
  adopting: 'adopt',
  launching: 'launch',
  opening: 'open',
  competing: 'compete',
  cooking: 'cook',
  baking: 'bake',
  picking: 'pick',
  applying: 'apply',
  switching: 'switch',
  quitting: 'quit',
  marrying: 'marry',
  training: 'train',
  racing: 'race',
  performing: 'perform',
  speaking: 'speak',
  volunteering: 'volunteer',
  proposing: 'propose',
};

/** Verbs, to tell "going to visit Japan" (a verb follows) from "going to Japan" (a place follows). */
const planVerbs = new Set(
  (
    'visit travel go fly move start learn run take buy get attend study quit retire adopt build launch open hike ' +
    'climb spend write finish apply join switch sell marry propose graduate begin celebrate host organize organise ' +
    'throw renovate train compete volunteer camp ski surf sail drive tour explore enroll enrol sign register book ' +
    'record publish save invest return leave meet see have change try'
  ).split(' '),
);
/**
 * Life plans that stand without a date ("I want to learn Spanish", "I'm planning to retire"). Everyday verbs ("I'm
 * going to run the tests", "I want to open the file") need a date to count, which keeps chat about the task at
 * hand out of memory.
 */
const datelessPlanVerbs = new Set(
  'visit travel fly move learn study quit retire buy sell marry propose graduate enroll enrol attend celebrate renovate volunteer hike climb emigrate relocate'.split(
    ' ',
  ),
);
/** Activities that are conversation, not plans ("I'll be there", "I'll think about it", "I'll let you know"). */
const notPlans =
  /^(?:be|think|let|check|talk|say|tell|ask|do it|do that|see about|get back|keep|remember|need|have to|try to|go now|go ahead|sleep|wait)\b|\b(?:you|your|it)\b$|\byou\b/i;

const intentions =
  /^(?:I|we) (?:(?:am|are|have been) (?:(?:still|also|now|really|seriously|definitely) )?(?:planning|going|about|scheduled|due|set|hoping|intending|aiming) to|(?:(?:still|also|now|really|definitely|finally) )?(?:plan|intend|aim|will|shall|have decided|decided|have planned) to|(?:(?:still|also|now|really|definitely|finally) )?will) (.+)$/iu;
const wishes =
  /^(?:I|we) (?:(?:really|still|also|would|'d) )*(?:want|wish|hope|would like|would love|dream|am dreaming|have always wanted|have been wanting) (?:to |of )(.+)$/iu;
const ongoing = /^(?:I|we) (?:am|are) (\p{L}+ing)\b(.*)$/iu;
const events =
  /^(?:I|we) (?:have|have got|got) (an? |my |our )?((?:[\p{L}'-]+ ){0,2}(?:trip|flight|vacation|holiday|appointment|meeting|interview|exam|test|wedding|conference|party|concert|surgery|operation|date|presentation|deadline|race|marathon|match|game|recital|show|checkup|check-up|doctor's appointment)\b.*)$/iu;
const myEvent =
  /^(?:my|our) ((?:[\p{L}'-]+ ){0,2}(?:trip|flight|vacation|holiday|appointment|meeting|interview|exam|wedding|conference|party|concert|surgery|presentation|race|marathon)\b.*?) is (.+)$/iu;

const planningA = /^(?:I|we) (?:am|are) (?:planning|organizing|organising|booking) (an?|our|my) (.+)$/iu;
const planningOn = /^(?:I|we) (?:am|are) planning (?:on|of) (\p{L}+ing)\b(.*)$/iu;
const tripWords = /^(?:[\p{L}-]+ )?(?:trip|vacation|holiday|journey|road trip|getaway|honeymoon|visit)\b/iu;

const activityStop = /\s+(?:because|since|but|so that|so|which|although|though|if|unless|and then)\b|[;(]/i;

function planFact(verb: 'Plans to' | 'Wants to' | 'Has', activity: string, date: string | undefined): Fact | undefined {
  const cleaned = cleanValue(toThirdPerson(cutAt(activity, activityStop)).replace(/\s+/g, ' '));
  if (cleaned.length === 0 || cleaned.split(' ').length > 12) return undefined;
  const subject = verb === 'Has' ? `Has ${article(cleaned)}` : verb;
  return {
    kind: 'plan',
    slot: `plan:${stemKey(cleaned)}`,
    value: keyOf(date ?? ''),
    text: `${subject} ${cleaned}${date ? ` ${date}` : ''}`,
  };
}

/** What follows "going to" when it is a place or an event rather than a verb ("Japan", "their wedding", "dinner"). */
const destination =
  /^(?:\p{Lu}|(?:the|a|an|my|our|their|his|her|your|some|this|that|another)\s|[\p{L}-]+'s?\s|(?:dinner|lunch|breakfast|brunch|church|school|work|college|university|class|bed|camp|court|therapy|rehab|practice|prom|mass|town)\b)/u;

/** "go to Japan" when "going to" is followed by a place or an event rather than a verb. */
function activityAfterGoingTo(activity: string): string {
  const first = activity.split(' ')[0]?.toLowerCase() ?? '';
  if (planVerbs.has(first) || progressive[first] !== undefined) return activity;
  return destination.test(activity) ? `go to ${activity}` : activity;
}

/**
 * Trips, moves and milestones that are plans even without a date ("I'm moving to Rome", "I'm visiting Lisbon",
 * "I'm going to Japan", "we're getting married"); places must be capitalised, so "I'm moving to the next step" or
 * "I'm visiting the website" are not plans.
 */
const datelessTrip =
  /^(?:(?:move|fly|travel|go|emigrate)(?: back)? to (?:\p{Lu}[\p{L}'.-]*(?: |$)){1,3}$|move (?:abroad|house|back home)$|visit (?:\p{Lu}|(?:my|our) \p{L})|(?:retire|graduate|emigrate)$|get (?:married|engaged)$)/u;

/** "I am moving from Paris to Rome": where the user lives now, and the move ahead. */
const moveBetween =
  /^(?:I|we) (?:am|are) (?:(?:now|finally|officially|also) )?(?:moving|relocating)( back)? (?:from (.+?) to (.+)|to (.+?) from (.+))$/iu;

const cancellations = [
  /^(?:I|we) (?:have |had |just )?(?:cancelled|canceled|called off|scrapped|dropped|gave up on|postponed indefinitely|are not doing|am not doing) (?:the |my |our |that )?(.+)$/iu,
  /^(?:I|we) (?:am|are) (?:not|no longer) (?:going|planning|traveling|travelling|flying|moving|heading)(?: to)? (.+?)(?: anymore| any more| after all)?$/iu,
  /^(?:I|we) (?:do not|no longer|will not) (?:plan|want|intend|need) to (.+?)(?: anymore| any more| after all)?$/iu,
  /^(?:I|we) (?:will not|are not going to|am not going to) (.+?)(?: anymore| any more| after all)$/iu,
  /^(?:I|we) changed (?:my|our) minds? about (.+)$/iu,
  /^(?:the |my |our )?(.+?) (?:is|was|has been|got) (?:cancelled|canceled|called off|off)$/iu,
];
const generic = new Set([
  'trip',
  'travel',
  'vacation',
  'holiday',
  'journey',
  'visit',
  'plan',
  'plans',
  'go',
  'going',
  'tour',
  'flight',
  'fly',
  'idea',
]);

/** Plans, wishes and scheduled events, with relative dates resolved against today. */
export const parsePlans: PatternFunction = (clause, context) => {
  for (const pattern of cancellations) {
    const match = pattern.exec(clause);
    if (!match) continue;
    const object = withoutDate(match[1]!, context).rest;
    if (/^(?:it|that|this|them)$/i.test(object)) return undefined;
    return [retract({ kind: 'plan', keywords: keywordsOf(object, generic), reason: 'The plan was cancelled' })];
  }
  const { rest, date } = withoutDate(clause, context);
  const between = moveBetween.exec(rest);
  if (between) {
    const plan = planFact('Plans to', `move${between[1] ?? ''} to ${between[3] ?? between[4]}`, date);
    return [...(parseHome(`I live in ${between[2] ?? between[5]}`, context) ?? []), ...(plan ? [assert(plan)] : [])];
  }
  const event = events.exec(rest);
  if (event && date) return one(planFact('Has', event[2]!, date));
  const mine = myEvent.exec(clause);
  if (mine) {
    const found = withoutDate(mine[2]!, context);
    return found.date && found.rest.length === 0 ? one(planFact('Has', mine[1]!, found.date)) : undefined;
  }
  const planning = planningA.exec(rest);
  if (planning) {
    const verb = tripWords.test(planning[2]!) ? 'take' : 'have';
    return one(planFact('Plans to', `${verb} ${planning[1]} ${planning[2]}`, date));
  }
  const planningVerb = planningOn.exec(rest);
  if (planningVerb) {
    const base = progressive[planningVerb[1]!.toLowerCase()];
    const activity = base ? `${base}${planningVerb[2]}`.trim() : '';
    return base && acceptable(activity, date) ? one(planFact('Plans to', activity, date)) : undefined;
  }
  const intention = intentions.exec(rest);
  if (intention) {
    const isGoingTo = /\bgoing to\b/i.test(rest.slice(0, rest.length - intention[1]!.length));
    const activity = isGoingTo ? activityAfterGoingTo(intention[1]!) : intention[1]!;
    // "I'm going to the gym" is now; "I'm going to Japan in March" is a plan: a trip needs a date. So does a bare
    // "I will ...", which in a chat is mostly about the task at hand ("I will write the function").
    if (activity !== intention[1] && !date && !datelessTrip.test(activity)) return undefined;
    if (!date && /^(?:I|we) (?:\p{L}+ )?(?:will|shall) /iu.test(rest)) return undefined;
    return acceptable(activity, date) ? one(planFact('Plans to', activity, date)) : undefined;
  }
  const wish = wishes.exec(rest);
  if (wish && acceptable(wish[1]!, date)) return one(planFact(date ? 'Plans to' : 'Wants to', wish[1]!, date));
  const doing = ongoing.exec(rest);
  const base = doing ? progressive[doing[1]!.toLowerCase()] : undefined;
  if (doing && base && !date) {
    const activity = `${base}${doing[2]}`.trim();
    return datelessTrip.test(activity) ? one(planFact('Plans to', activity, undefined)) : undefined;
  }
  if (doing && date) {
    if (!base) return undefined;
    const activity = `${base}${doing[2]}`.trim();
    // "I'm having pizza tonight" is a meal, "I'm having a party on Saturday" is a plan.
    const object = doing[2]!.trim();
    if (/^\p{Ll}+$/u.test(object) && !/^(?:married|engaged|divorced|home|abroad|house|out)$/.test(object))
      return undefined;
    return acceptable(activity, date) ? one(planFact('Plans to', activity, date)) : undefined;
  }
  return undefined;
};

function acceptable(activity: string, date: string | undefined): boolean {
  const first = activity.trim().split(' ')[0]?.toLowerCase() ?? '';
  if (notPlans.test(activity.trim())) return false;
  if (date || datelessTrip.test(activity.trim())) return true;
  if (first === 'move' && !/^move (?:to \p{Lu}|abroad|house|out|back)/u.test(activity.trim())) return false;
  const words = activity.trim().split(' ').length;
  return datelessPlanVerbs.has(first) && (words >= 2 || /^(?:retire|graduate|emigrate|relocate|travel)$/i.test(first));
}

function one(fact: Fact | undefined): ReturnType<PatternFunction> {
  return fact ? [assert(fact)] : undefined;
}
