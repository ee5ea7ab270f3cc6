/** Work: employer and role, one job at a time. A role alone keeps the known employer (a promotion); see README. */
import type { Fact, PatternContext, PatternFunction, Statement } from '../fact.js';
import { capitalizePlace, cleanValue, keyOf, toThirdPerson } from '../words.js';
import { parseHome } from './location.js';
import { article, assert, cutAt, firstPerson, iAm, keywordsOf, retract, withoutDate } from './shared.js';

/** Head nouns that make "I am a <role>" a job (so "I am a fan of jazz" or "I am a night owl" are not). */
const occupations =
  'engineer|developer|programmer|designer|manager|director|analyst|scientist|researcher|consultant|architect|teacher|' +
  'professor|lecturer|tutor|nurse|doctor|physician|surgeon|dentist|pharmacist|therapist|psychologist|lawyer|attorney|' +
  'paralegal|accountant|auditor|banker|trader|student|intern|writer|author|journalist|editor|reporter|chef|cook|baker|' +
  'waiter|waitress|barista|bartender|mechanic|electrician|plumber|carpenter|builder|technician|pilot|driver|firefighter|' +
  'officer|soldier|police officer|paramedic|vet|veterinarian|artist|musician|photographer|actor|actress|dancer|singer|' +
  'producer|marketer|recruiter|salesperson|cashier|clerk|librarian|secretary|assistant|administrator|founder|cofounder|' +
  'co-founder|ceo|cto|cfo|coo|entrepreneur|freelancer|contractor|farmer|gardener|cleaner|caregiver|carer|coach|trainer|' +
  'instructor|translator|interpreter|economist|statistician|mathematician|physicist|chemist|biologist|lead|specialist|' +
  'coordinator|strategist|planner|advisor|adviser|representative|agent|owner|supervisor|operator|administrator|' +
  'partner|associate|principal|vp|vice president|head of [\\p{L}]+|sre|devops|pm|product owner|scrum master|data scientist|professional|resident|postdoc|phd student|illustrator|animator';

const companyStop =
  /\s+(?:as|since|for|because|but|and|where|which|who|in|on|near|with|now|from|to|so|though|until|during|these|this|last|next|doing|after|before|while|remotely|full-time|part-time)\b|[,;(]/i;
const roleStop =
  /\s+(?:since|because|but|and|where|which|who|in|near|with|now|from|so|though|until|during|these|this|last|next|after|before|while|remotely|full-time|part-time)\b|[,;(]/i;

function cleanCompany(raw: string): string | undefined {
  const company = cleanValue(cutAt(raw, companyStop));
  if (company.length === 0 || company.split(/\s+/).length > 5) return undefined;
  if (/^(?:home|it|the moment|night|nights|weekends?|myself|a living|me|you|us|them|him|her)$/i.test(company))
    return undefined;
  // "I start work at 9": a time, not an employer.
  if (/^\d{1,2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?$/i.test(company)) return undefined;
  if (/^(?:a|an|the|my|our)\s/i.test(company)) return toThirdPerson(company);
  return capitalizePlace(company);
}

function cleanRole(raw: string): string | undefined {
  const role = cleanValue(cutAt(raw, roleStop)).replace(/^(?:an?|the)\s+/i, '');
  if (role.length === 0 || role.split(/\s+/).length > 5) return undefined;
  // "I am not a doctor", "I am studying medicine at Oxford": a negation or an activity, not a job title.
  if (/\b(?:not|no|never)\b/i.test(role) || /^\p{L}+ing\b/iu.test(role)) return undefined;
  // "a retired pilot", "a former teacher", "an aspiring writer": not the job the user has.
  if (/^(?:retired|former|ex-?|aspiring|future|wannabe|would-be)\b/i.test(role)) return undefined;
  return toThirdPerson(role);
}

/** The canonical work fact ("Works at Acme as a data engineer"). */
export function workFact(employer: string | undefined, role: string | undefined): Fact | undefined {
  if (!employer && !role) return undefined;
  const rolePart = role ? `as ${article(role)} ${role}` : '';
  const text = employer ? `Works at ${employer}${role ? ` ${rolePart}` : ''}` : `Works ${rolePart}`;
  return {
    kind: 'work',
    slot: 'work',
    value: `${keyOf(employer ?? '')}|${keyOf(role ?? '')}`,
    text,
    work: { ...(employer ? { employer } : {}), ...(role ? { role } : {}) },
  };
}

const workManner = '(?: remotely| full-time| part-time| freelance| fully remote)?';
const working = '(?:work|am (?:currently |now |still )?working|have been working)';
const atWithRole = firstPerson(`${working}${workManner} (?:at|for) (.+?)(?: as (.+))?$`);
const asWithEmployer = firstPerson(`${working} as (.+?)(?: (?:at|for|with) (.+))?$`);
/** "I am a <role> at <company>": the role must end in an occupation ("I am a beginner at Python" is not a job). */
const roleAtEmployer = iAm(
  `(?:an? |the )?((?:[\\p{L}-]+ ){0,3}(?:${occupations})s?) (?:at|for|with) ((?:an? )?\\p{L}.*)$`,
);
const roleOnly = iAm(
  `(?:an? )?((?:[\\p{L}-]+ ){0,3}(?:${occupations})s?)(?: by (?:trade|profession)| now| these days| nowadays)?$`,
);
const newJob = firstPerson(
  '(?:got|started|have started|landed|accepted|took)(?: an? | my | the | this )?(?:new |first )?(?:job|position|role|internship|gig|offer)(?: as (.+?))?(?: (?:at|with|from) (.+?))?(?: as (.+))?$',
);
const hiredAs = firstPerson('(?:got|was|have been) hired as (.+?) (?:at|by) (.+)$');
const became = firstPerson(`(?:became|have become|qualified as) (?:an? )?((?:[\\p{L}-]+ ){0,3}(?:${occupations}))$`);
/** "I start at Deloitte next month", "I'm starting a new job at Airbnb", "I start as a nurse at the city hospital". */
const starting = '(?:start|am starting|will start|will be starting|begin|am beginning)';
const jobWord = '(?: (?:an? |my |the )?(?:new )?(job|position|role|work|internship))?';
const startAt = firstPerson(`${starting}${jobWord} (?:at|with) (.+?)(?: as (.+))?$`);
const startAs = firstPerson(
  `${starting}${jobWord} as (?:an? )?((?:[\\p{L}-]+ ){0,3}(?:${occupations}))(?: (?:at|with|for) (.+))?$`,
);
const joined = firstPerson(
  '(?:joined|started at|(?:got|was|have been|have just been) hired (?:at|by)|am employed (?:at|by)) (.+?)(?: as (.+))?$',
);
const inPlace = /^(.+?) in (\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3})$/u;
const myJob = /^my (?:job|occupation|profession|position|role) is (?:being )?(?:an? )?(.+)$/iu;
const promoted = firstPerson('(?:got|was|have been) promoted to (.+)$');

const resignedFrom = firstPerson('(?:quit|left|resigned from) (\\p{Lu}.*)$');
const leavePatterns: Array<[RegExp, number | undefined]> = [
  [firstPerson('(?:do not|no longer|used to) work (?:at|for|with) (.+?)(?: anymore| any more)?$'), 1],
  [firstPerson('(?:quit|left|resigned from) my (?:job|position|role)(?: (?:at|with) (.+))?$'), 1],
  [resignedFrom, 1],
  [firstPerson('(?:got|was|have been) (?:fired|laid off|let go)(?: from (.+))?$'), 1],
  [iAm('(?:now )?(?:unemployed|between jobs|out of work|jobless|retired)$'), undefined],
];
const notRoleAnymore = iAm(`(?:not|no longer) (?:an? )?(.+?)(?: anymore| any more)$`);
const notWorkingAs = firstPerson(
  '(?:do not|no longer|stopped|quit) work(?:ing)? as (?:an? )?(.+?)(?: anymore| any more)?$',
);

/** Work: "I work at/for", "I am a <role> at <company>", "I work as", "I joined", "I quit", "I got laid off". */
export const parseWork: PatternFunction = (clause, context) => {
  for (const [pattern, group] of leavePatterns) {
    const match = pattern.exec(clause);
    if (!match) continue;
    const employer = group !== undefined && match[group] ? cleanCompany(match[group]) : undefined;
    if (pattern === resignedFrom && !/^\p{Lu}/u.test(match[1]!)) return undefined;
    if (employer && /^(?:school|college|university|home|it|that|smoking|drinking|social media)$/i.test(employer)) {
      return undefined;
    }
    return [
      retract({
        kind: 'work',
        ...(employer ? { keywords: keywordsOf(employer) } : {}),
        reason: 'The user no longer works there',
      }),
    ];
  }
  const leftRole = notWorkingAs.exec(clause);
  if (leftRole) {
    return [retract({ kind: 'work', keywords: keywordsOf(leftRole[1]!), reason: 'The user no longer has this job' })];
  }
  const notRole = notRoleAnymore.exec(clause);
  if (notRole && new RegExp(`(?:${occupations})s?$`, 'i').test(notRole[1]!)) {
    return [retract({ kind: 'work', keywords: keywordsOf(notRole[1]!), reason: 'The user no longer has this job' })];
  }
  // "I am a dentist in Leeds", "I work as a nurse in Boston": a role with no employer, and where the user lives.
  const located = inPlace.exec(clause);
  const job = located ? matchJob(located[1]!, context) : undefined;
  if (located && job && !job.work?.employer)
    return [assert(job), ...(parseHome(`I live in ${located[2]}`, context) ?? [])];
  return one(matchJob(clause, context));
};

/** A job that starts soon is the user's job: "I start next week as a nurse at the city hospital". */
function startingJob(clause: string, context: PatternContext): Fact | undefined {
  const { rest } = withoutDate(clause, context);
  const as = startAs.exec(rest);
  if (as) return workFact(as[3] ? cleanCompany(as[3]) : undefined, cleanRole(as[2]!));
  const at = startAt.exec(rest);
  // Without "job", only a company name makes it one: "I'm starting at Stripe", not "I'm starting with the basics".
  if (!at || (!at[1] && !/^\p{Lu}/u.test(at[2]!))) return undefined;
  return workFact(cleanCompany(at[2]!), optionalRole(at[3]));
}

function matchJob(clause: string, context: PatternContext): Fact | undefined {
  const starts = startingJob(clause, context);
  if (starts) return starts;
  let match = hiredAs.exec(clause);
  if (match) return workFact(cleanCompany(match[2]!), cleanRole(match[1]!));
  match = newJob.exec(clause);
  if (match) return workFact(match[2] ? cleanCompany(match[2]) : undefined, optionalRole(match[1] ?? match[3]));
  match = joined.exec(clause);
  if (match) return workFact(cleanCompany(match[1]!), optionalRole(match[2]));
  match = atWithRole.exec(clause);
  if (match) return workFact(cleanCompany(match[1]!), optionalRole(match[2]));
  match = asWithEmployer.exec(clause);
  if (match) return workFact(match[2] ? cleanCompany(match[2]) : undefined, cleanRole(match[1]!));
  match = roleAtEmployer.exec(clause);
  const role = match ? cleanRole(match[1]!) : undefined;
  if (
    match &&
    role &&
    /^(?:\p{Lu}|(?:a|an) \p{L})/u.test(match[2]!) &&
    !/\b(?:fan|member|regular|customer|volunteer|guest|student of)\b/i.test(role)
  ) {
    return workFact(cleanCompany(match[2]!), role);
  }
  match = roleOnly.exec(clause) ?? became.exec(clause) ?? myJob.exec(clause) ?? promoted.exec(clause);
  if (match) return workFact(undefined, cleanRole(match[1]!));
  return undefined;
}

function optionalRole(raw: string | undefined): string | undefined {
  return raw ? cleanRole(raw) : undefined;
}

function one(fact: Fact | undefined): Statement[] | undefined {
  return fact ? [assert(fact)] : undefined;
}
