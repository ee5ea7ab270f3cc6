/**
 * Dates as callers write them, read the same way on every server: the process's own time zone (`TZ`) never enters.
 *
 * - A date-time with `Z` or an offset (`2026-12-01T13:00:00+01:00`) is that instant.
 * - A date-time without one (`2026-12-01T13:00`) is a wall-clock time in the configured IANA time zone (default
 *   `UTC`), as Temporal's `ZonedDateTime.from` reads it: a time skipped by a daylight-saving change moves forward,
 *   a repeated one takes the earlier instant.
 * - A date (`2026-12-01`) is the whole calendar day in that zone, from its start to the next day's start.
 * - Anything else (`12/01/2026`, `Dec 1 2026`, `2026-13-01`) is refused: callers turn `undefined` into their own
 *   typed error.
 */

/** A date-time, or a whole day from `start` (inclusive) to `end` (exclusive), in epoch milliseconds. */
export type DateInput = { kind: 'instant'; time: number } | { kind: 'day'; start: number; end: number };

const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;
const dayMs = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Reads an ISO 8601 date or date-time string (see the module notes); `undefined` when it is not one. */
export function parseDateInput(text: string, timeZone: string): DateInput | undefined {
  const match = isoPattern.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zulu, sign, offsetHours, offsetMinutes] = match;
  const date = validDay(Number(year), Number(month), Number(day));
  if (date === undefined) return undefined;
  if (hour === undefined) {
    const start = zonedTime(date, timeZone);
    return { kind: 'day', start, end: zonedTime(date + dayMs, timeZone) };
  }
  const [h, m, s] = [Number(hour), Number(minute), Number(second ?? 0)];
  if (h > 23 || m > 59 || s > 59) return undefined;
  const wall = date + ((h * 60 + m) * 60 + s) * 1000 + Math.floor(Number(`0.${fraction ?? 0}`) * 1000);
  if (zulu) return { kind: 'instant', time: wall };
  if (sign) {
    const [oh, om] = [Number(offsetHours), Number(offsetMinutes ?? 0)];
    if (oh > 23 || om > 59) return undefined;
    return { kind: 'instant', time: wall - (sign === '-' ? -1 : 1) * (oh * 60 + om) * 60_000 };
  }
  return { kind: 'instant', time: zonedTime(wall, timeZone) };
}

/** The calendar date of an instant in a time zone, as `YYYY-MM-DD`. */
export function calendarDate(time: number, timeZone: string): string {
  return new Date(time + offsetAt(time, timeZone)).toISOString().slice(0, 10);
}

/** UTC midnight of a valid calendar day, or undefined (`2026-02-30`). */
function validDay(year: number, month: number, day: number): number | undefined {
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return time;
}

/**
 * The instant at which clocks in `timeZone` show `wall` (a wall-clock time written as if it were UTC). Offsets a day
 * before and after cover any one transition: of two valid readings the earlier wins; in a gap, the offset from
 * before the change applies, which moves the time forward.
 */
function zonedTime(wall: number, timeZone: string): number {
  const before = wall - offsetAt(wall - dayMs, timeZone);
  const after = wall - offsetAt(wall + dayMs, timeZone);
  const valid = [before, after].filter((time) => time + offsetAt(time, timeZone) === wall);
  return valid.length > 0 ? Math.min(...valid) : before;
}

/** The zone's offset from UTC at an instant, in milliseconds (local minus UTC). */
function offsetAt(time: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(time))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return local - (time - (((time % 1000) + 1000) % 1000));
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, cached);
  }
  return cached;
}
