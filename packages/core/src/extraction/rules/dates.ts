/**
 * Finds a date expression in a clause and resolves it against "today" into an absolute phrase ("tomorrow" ->
 * "on 25 November 2026"). Dates are calendar days (UTC midnight of the day in the configured time zone), so no clock
 * or locale enters the result. The absolute phrases this file writes are parsed back unchanged.
 */

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const weekdayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const month =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const weekday = '(sunday|monday|tuesday|wednesday|thursday|friday|saturday)';
const dayNumber = '(\\d{1,2})(?:st|nd|rd|th)?';
const count = '(\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';
const numberWords: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const dayMs = 86_400_000;

/** A date expression found in a text. */
export interface FoundDate {
  /** Where the expression starts and ends in the searched text. */
  start: number;
  end: number;
  /** The absolute phrase, with its preposition ("on 3 May 2027", "in March 2027", "in the week of 30 November 2026"). */
  phrase: string;
  /** The day, when the expression names one. */
  day?: Date;
  /** Whether the user gave the year (rather than it being inferred). */
  explicitYear: boolean;
}

/**
 * How a date without a year is read: `future` takes the next occurrence (plans), `yearless` keeps no year
 * (birthdays, anniversaries).
 */
export type DateMode = 'future' | 'yearless';

/** The calendar day of `now` in `timeZone`, as UTC midnight. */
export function calendarDay(now: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(now)
    .reduce<Record<string, number>>((result, part) => {
      if (part.type !== 'literal') result[part.type] = Number(part.value);
      return result;
    }, {});
  return new Date(Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1));
}

/** "3 May 2027", or "3 May" without the year. */
export function formatDay(day: Date, withYear = true): string {
  const text = `${day.getUTCDate()} ${monthNames[day.getUTCMonth()]}`;
  return withYear ? `${text} ${day.getUTCFullYear()}` : text;
}

function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * dayMs);
}

function monthIndex(name: string): number {
  return monthNames.findIndex((candidate) => candidate.toLowerCase().startsWith(name.toLowerCase().slice(0, 3)));
}

function countValue(word: string): number {
  return numberWords[word.toLowerCase()] ?? Number(word);
}

/** A valid calendar day or undefined ("31 February" is not a date). */
function makeDay(year: number, monthIndexValue: number, dayOfMonth: number): Date | undefined {
  const day = new Date(Date.UTC(year, monthIndexValue, dayOfMonth));
  return day.getUTCMonth() === monthIndexValue && day.getUTCDate() === dayOfMonth ? day : undefined;
}

type Resolver = (match: RegExpExecArray, today: Date, mode: DateMode) => Omit<FoundDate, 'start' | 'end'> | undefined;

function dayResult(day: Date, withYear = true): Omit<FoundDate, 'start' | 'end'> {
  return { phrase: `on ${formatDay(day, withYear)}`, day, explicitYear: false };
}

function monthDay(
  today: Date,
  mode: DateMode,
  monthText: string,
  dayText: string,
  yearText?: string,
): ReturnType<Resolver> {
  const monthValue = monthIndex(monthText);
  const dayValue = Number(dayText);
  if (yearText) {
    const day = makeDay(Number(yearText), monthValue, dayValue);
    return day ? { ...dayResult(day), explicitYear: true } : undefined;
  }
  const thisYear = makeDay(today.getUTCFullYear(), monthValue, dayValue) ?? makeDay(2024, monthValue, dayValue);
  if (!thisYear) return undefined;
  if (mode === 'yearless') return dayResult(thisYear, false);
  const day = thisYear < today ? makeDay(today.getUTCFullYear() + 1, monthValue, dayValue) : thisYear;
  return day ? dayResult(day) : undefined;
}

function startOfWeek(day: Date): Date {
  return addDays(day, -((day.getUTCDay() + 6) % 7));
}

function addMonths(day: Date, months: number): Date {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + months, 1));
}

function monthPhrase(day: Date): string {
  return `in ${monthNames[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

const seasonStart: Record<string, number> = { spring: 2, summer: 5, fall: 8, autumn: 8, winter: 11 };

/** Ordered: at the same start position, the first pattern wins, so the longer forms come first. */
const resolvers: Array<[RegExp, Resolver]> = [
  [/\bin the week of (\d{1,2}) ([a-z]+) (\d{4})\b/i, (match) => ({ phrase: match[0], explicitYear: true })],
  [/\bon the weekend of (\d{1,2}) ([a-z]+) (\d{4})\b/i, (match) => ({ phrase: match[0], explicitYear: true })],
  [
    /\bin (a few|a couple of|several) (days|weeks|months|years)(?: \(from (\d{1,2} [a-z]+ \d{4})\))?/i,
    (match, today) => ({
      phrase: `in ${match[1]!.toLowerCase()} ${match[2]!.toLowerCase()} (from ${match[3] ?? formatDay(today)})`,
      explicitYear: true,
    }),
  ],
  [
    /\b(?:on )?(\d{4})-(\d{2})-(\d{2})\b/i,
    (match) => {
      const day = makeDay(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
      return day ? { ...dayResult(day), explicitYear: true } : undefined;
    },
  ],
  [
    new RegExp(`\\b(?:on )?(?:the )?${dayNumber} (?:of )?${month}(?:,? (\\d{4}))?\\b`, 'i'),
    (match, today, mode) => monthDay(today, mode, match[2]!, match[1]!, match[3]),
  ],
  [
    new RegExp(`\\b(?:on )?${month} (?:the )?${dayNumber}\\b(?:,? (\\d{4})\\b)?`, 'i'),
    (match, today, mode) => monthDay(today, mode, match[1]!, match[2]!, match[3]),
  ],
  [
    new RegExp(
      `\\b(?:(?:in|during|next|this|coming) (?:early |mid-?|late )?${month}(?: (\\d{4}))?|${month} (\\d{4}))\\b`,
      'i',
    ),
    (match, today) => {
      const monthValue = monthIndex(match[1] ?? match[3]!);
      const yearText = match[2] ?? match[4];
      const year = yearText
        ? Number(yearText)
        : monthValue < today.getUTCMonth()
          ? today.getUTCFullYear() + 1
          : today.getUTCFullYear();
      return { phrase: `in ${monthNames[monthValue]} ${year}`, explicitYear: yearText !== undefined };
    },
  ],
  [/\bin (\d{4})\b/i, (match) => ({ phrase: `in ${match[1]}`, explicitYear: true })],
  [
    /\bin (spring|summer|fall|autumn|winter) (\d{4})\b/i,
    (match) => ({ phrase: `in ${match[1]!.toLowerCase()} ${match[2]}`, explicitYear: true }),
  ],
  [
    /\b(this|next) (spring|summer|fall|autumn|winter)\b/i,
    (match, today) => {
      const season = match[2]!.toLowerCase();
      const start = seasonStart[season] ?? 0;
      const seasonEnd = start + 3;
      const current = today.getUTCMonth() >= start && today.getUTCMonth() < seasonEnd;
      const passed = today.getUTCMonth() >= seasonEnd;
      let year = today.getUTCFullYear();
      if (passed || (match[1]!.toLowerCase() === 'next' && current)) year += 1;
      return { phrase: `in ${season} ${year}`, explicitYear: false };
    },
  ],
  [/\bthe day after tomorrow\b/i, (_match, today) => dayResult(addDays(today, 2))],
  [/\b(?:today|tonight|this (?:morning|afternoon|evening))\b/i, (_match, today) => dayResult(today)],
  [/\btomorrow(?: (?:morning|afternoon|evening|night))?\b/i, (_match, today) => dayResult(addDays(today, 1))],
  [
    /\b(this|next) weekend\b/i,
    (match, today) => {
      const saturday = addDays(startOfWeek(today), 5 + (match[1]!.toLowerCase() === 'next' ? 7 : 0));
      return { phrase: `on the weekend of ${formatDay(saturday)}`, day: saturday, explicitYear: false };
    },
  ],
  [
    /\b(this|next) week\b/i,
    (match, today) => {
      const monday = addDays(startOfWeek(today), match[1]!.toLowerCase() === 'next' ? 7 : 0);
      return { phrase: `in the week of ${formatDay(monday)}`, day: monday, explicitYear: false };
    },
  ],
  [
    /\b(this|next) month\b/i,
    (match, today) => ({
      phrase: monthPhrase(addMonths(today, match[1]!.toLowerCase() === 'next' ? 1 : 0)),
      explicitYear: false,
    }),
  ],
  [
    /\b(this|next) year\b/i,
    (match, today) => ({
      phrase: `in ${today.getUTCFullYear() + (match[1]!.toLowerCase() === 'next' ? 1 : 0)}`,
      explicitYear: false,
    }),
  ],
  [
    new RegExp(`\\bin ${count} (day|week|month|year)s?\\b`, 'i'),
    (match, today) => {
      const amount = countValue(match[1]!);
      const unit = match[2]!.toLowerCase();
      if (!Number.isFinite(amount)) return undefined;
      if (unit === 'day') return dayResult(addDays(today, amount));
      if (unit === 'week') return dayResult(addDays(today, amount * 7));
      if (unit === 'month') return { phrase: monthPhrase(addMonths(today, amount)), explicitYear: false };
      return { phrase: `in ${today.getUTCFullYear() + amount}`, explicitYear: false };
    },
  ],
  [
    new RegExp(`\\b(?:(this|next|coming|on) )?${weekday}\\b`, 'i'),
    (match, today) => {
      const qualifier = (match[1] ?? 'on').toLowerCase();
      const target = weekdayNames.indexOf(match[2]!.toLowerCase());
      if (qualifier === 'next') {
        const monday = addDays(startOfWeek(today), 7);
        return dayResult(addDays(monday, (target + 6) % 7));
      }
      const ahead = (target - today.getUTCDay() + 7) % 7;
      return dayResult(addDays(today, ahead === 0 && qualifier !== 'this' ? 7 : ahead));
    },
  ],
];

/** The earliest date expression in `text` (the longest form when several start at the same place). */
export function findDate(text: string, today: Date, mode: DateMode = 'future'): FoundDate | undefined {
  let best: FoundDate | undefined;
  for (const [pattern, resolve] of resolvers) {
    const match = pattern.exec(text);
    if (!match) continue;
    if (best && match.index >= best.start) continue;
    const resolved = resolve(match, today, mode);
    if (resolved) best = { ...resolved, start: match.index, end: match.index + match[0].length };
  }
  return best;
}
