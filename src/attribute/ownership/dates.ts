/**
 * @module Ownership-link dates: '' (open), YYYY, YYYY-MM or YYYY-MM-DD, each meaning the first
 * instant (00:00:00 UTC) of that year / month / day. EDI treats `from` as inclusive and `to`
 * as exclusive (helper.get_time_period: end = beginning(to) − 1 day).
 */

/** UTC seconds of the start of the period, null for '', or a string describing why it is invalid. */
export function parseLinkDate(value: string): number | null | { invalid: string } {
  if (value === '') return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return { invalid: `invalid date: ${JSON.stringify(value)} (expected YYYY, YYYY-MM or YYYY-MM-DD, or '' for open-ended)` };
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (month < 1 || month > 12 || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return { invalid: `invalid date: ${JSON.stringify(value)} (no such month or day)` };
  }
  return ms / 1000;
}

/** `2020-12-01` style label of a UTC-seconds instant (for messages). */
export function isoDay(timeSec: number): string {
  return new Date(timeSec * 1000).toISOString().slice(0, 10);
}
