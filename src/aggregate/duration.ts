/**
 * @module Window and step lengths: `1d`, `7d`, `30d` (fixed days), `1m` (calendar months),
 * `1y` (calendar years), `2016b` (blocks), plus `1w` = 7d and `1q` = 3 months. All times UTC.
 */
import { UsageError } from '../domain/errors.js';

export type DurationUnit = 'day' | 'month' | 'block';

export interface Duration {
  readonly unit: DurationUnit;
  readonly n: number;
  /** As written, e.g. `30d`. */
  readonly text: string;
}

export const DAY_SEC = 86_400;

export function parseDuration(text: string, what = 'window'): Duration {
  const m = /^(\d+)\s*([dwmqyb])$/i.exec(text.trim());
  const n = m ? Number(m[1]) : Number.NaN;
  if (!m || !Number.isSafeInteger(n) || n < 1 || n > 1_000_000) {
    throw new UsageError(`invalid ${what}: ${text} (expected e.g. 1d, 7d, 30d, 1w, 1m, 1q, 1y or 2016b)`);
  }
  const u = (m[2] as string).toLowerCase();
  const t = text.trim();
  switch (u) {
    case 'd':
      return { unit: 'day', n, text: t };
    case 'w':
      return { unit: 'day', n: 7 * n, text: t };
    case 'm':
      return { unit: 'month', n, text: t };
    case 'q':
      return { unit: 'month', n: 3 * n, text: t };
    case 'y':
      return { unit: 'month', n: 12 * n, text: t };
    default:
      return { unit: 'block', n, text: t };
  }
}

/** Add `k` durations to a UTC time in seconds (calendar-aware for months; day of month clamped). */
export function addDuration(timeSec: number, d: Duration, k: number): number {
  if (d.unit === 'day') return timeSec + k * d.n * DAY_SEC;
  if (d.unit === 'block') throw new UsageError(`invalid use of block duration ${d.text} with times`);
  const date = new Date(timeSec * 1000);
  const y = date.getUTCFullYear();
  const mo = date.getUTCMonth() + k * d.n;
  const day = date.getUTCDate();
  const lastDay = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  const ms = Date.UTC(y, mo, Math.min(day, lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
  return ms / 1000;
}

/** `YYYY-MM-DD` (or full ISO UTC) → seconds; UsageError otherwise. */
export function parseDate(text: string, what: string): number {
  const t = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?Z?)?$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return ms / 1000;
  }
  throw new UsageError(`invalid ${what}: ${text} (expected a UTC date YYYY-MM-DD)`);
}

export function formatDay(timeSec: number): string {
  return new Date(timeSec * 1000).toISOString().slice(0, 10);
}

export function startOfDay(timeSec: number): number {
  return Math.floor(timeSec / DAY_SEC) * DAY_SEC;
}
