/**
 * @module Dates in Epoch exports → UTC seconds, and calendar-quarter arithmetic. Epoch uses ISO
 * `YYYY-MM-DD` (models, clusters), US `M/D/YYYY` or `M/D/YY` (chip estimates) and, for a few
 * decommission dates, `YYYY-MM` (read as the first day of the month). Anything else, or an
 * impossible date such as 2023-02-30, is an `invalid date` DecodeError.
 */
import { DecodeError } from '../../domain/errors.js';
import type { InputPosition } from '../../domain/errors.js';

const DAY_SEC = 86_400;

/** UTC seconds at 00:00 of a calendar date, or null when the date does not exist. */
export function utcDateSec(year: number, month: number, day: number): number | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return ms / 1000;
}

function invalid(pos: InputPosition, raw: string, expected: string): DecodeError {
  return new DecodeError(pos, `invalid date: ${JSON.stringify(raw)} (expected ${expected})`);
}

/** `YYYY-MM-DD` → UTC seconds at midnight. */
export function parseIsoDateSec(pos: InputPosition, raw: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  const sec = m ? utcDateSec(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (sec === null) throw invalid(pos, raw, 'YYYY-MM-DD');
  return sec;
}

/** `YYYY-MM-DD`, or `YYYY-MM` read as the first of the month. */
export function parseIsoDateOrMonthSec(pos: InputPosition, raw: string): number {
  const t = raw.trim();
  const month = /^(\d{4})-(\d{2})$/.exec(t);
  if (month) {
    const sec = utcDateSec(Number(month[1]), Number(month[2]), 1);
    if (sec === null) throw invalid(pos, raw, 'YYYY-MM-DD or YYYY-MM');
    return sec;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t)) throw invalid(pos, raw, 'YYYY-MM-DD or YYYY-MM');
  return parseIsoDateSec(pos, t);
}

/** `M/D/YYYY`, `M/D/YY` (20YY) or ISO `YYYY-MM-DD` → UTC seconds at midnight. */
export function parseUsOrIsoDateSec(pos: InputPosition, raw: string): number {
  const t = raw.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(t);
  if (us) {
    const year = us[3]!.length === 2 ? 2000 + Number(us[3]) : Number(us[3]);
    const sec = utcDateSec(year, Number(us[1]), Number(us[2]));
    if (sec === null) throw invalid(pos, raw, 'M/D/YYYY');
    return sec;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return parseIsoDateSec(pos, t);
  throw invalid(pos, raw, 'M/D/YYYY or YYYY-MM-DD');
}

/** A calendar quarter as `year * 4 + (quarter − 1)`: consecutive quarters are consecutive integers. */
export type QuarterIndex = number;

export function quarterOfSec(sec: number): QuarterIndex {
  const d = new Date(sec * 1000);
  return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
}

/** First second of the quarter. */
export function quarterStartSec(q: QuarterIndex): number {
  return Date.UTC(Math.floor(q / 4), (q % 4) * 3, 1) / 1000;
}

/** Last second of the quarter (23:59:59 UTC on 31 Mar / 30 Jun / 30 Sep / 31 Dec): the time stamp of a quarter-end stock. */
export function quarterEndSec(q: QuarterIndex): number {
  return quarterStartSec(q + 1) - 1;
}

/** `2025-Q4`. */
export function quarterLabel(q: QuarterIndex): string {
  return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
}

/** True when `sec` is 00:00 UTC of a quarter's last day (how Epoch's `End date` columns mark a quarter). */
export function isQuarterLastDay(sec: number): boolean {
  return sec + DAY_SEC === quarterStartSec(quarterOfSec(sec) + 1);
}

/** `YYYY-MM-DD` of a UTC time. */
export function isoDate(sec: number): string {
  return new Date(sec * 1000).toISOString().slice(0, 10);
}
