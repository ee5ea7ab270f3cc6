/**
 * Whether `timeZone` is an IANA time zone name this runtime knows (`UTC`, `Europe/Berlin`, ...): one `Intl` knows.
 * A module of its own, apart from the date parser (`date-input.ts`), which is loaded only when a date is given.
 */
export function isTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
