/**
 * @module The view state in the URL (shareable links): each page declares its query parameters
 * with a default and what is valid; `readParams` turns a query string into values (an invalid or
 * missing value → the default, and the invalid ones are reported), `searchOf` writes values back
 * (defaults and empty values left out, parameters in declaration order), so reloading a URL
 * restores the view exactly. Pure: no DOM, tested in node.
 */
export interface ParamSpec {
  /** Value when absent or invalid (undefined: no value). */
  readonly default?: string;
  readonly pattern?: RegExp;
  readonly choices?: readonly string[];
}

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;
export type ParamValues = Record<string, string | undefined>;

export const WINDOW = /^[1-9]\d{0,2}[dwmqy]$/;
export const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const DECIMAL = /^(\d+\.?\d*|\.\d+)$/;
export const WHOLE = /^\d{1,9}$/;

export function valid(spec: ParamSpec, value: string): boolean {
  if (spec.choices && !spec.choices.includes(value)) return false;
  if (spec.pattern && !spec.pattern.test(value)) return false;
  if (spec.pattern === DAY && Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return false;
  return true;
}

export interface ReadResult {
  readonly values: ParamValues;
  /** Parameters present but invalid (shown to the user, then replaced by their default). */
  readonly invalid: readonly string[];
}

export function readParams(search: string | URLSearchParams, specs: ParamSpecs): ReadResult {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const values: ParamValues = {};
  const invalid: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const raw = q.get(name);
    if (raw === null || raw === '') values[name] = spec.default;
    else if (valid(spec, raw)) values[name] = raw;
    else {
      invalid.push(name);
      values[name] = spec.default;
    }
  }
  return { values, invalid };
}

/** `?a=1&b=x` without defaults (empty string when everything is default). */
export function searchOf(values: ParamValues, specs: ParamSpecs): string {
  const q = new URLSearchParams();
  for (const [name, spec] of Object.entries(specs)) {
    const v = values[name];
    if (v === undefined || v === '' || v === spec.default) continue;
    q.set(name, v);
  }
  const s = q.toString().replace(/%2C/gi, ',').replace(/%2F/gi, '/');
  return s ? `?${s}` : '';
}

/** One day before a UTC date ("2024-01-01" → "2023-12-31"). */
export function previousDay(dayText: string): string {
  return new Date(Date.parse(`${dayText}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Days in a window like 30d, 1w, 1m, 1q, 1y (calendar units at their longest). */
export function windowDays(window: string): number {
  const m = /^(\d+)([dwmqy])$/.exec(window);
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return n * { d: 1, w: 7, m: 31, q: 92, y: 366 }[m[2] as 'd' | 'w' | 'm' | 'q' | 'y'];
}

/**
 * Posterior draws per window for a `ci` request that stays within the server's bound on
 * windows × draws: the span (days) over the shortest window gives the most windows there can be.
 */
export function drawsFor(window: string, spanDays: number, budget = 240_000): number {
  const shortest = { d: 1, w: 7, m: 28, q: 90, y: 365 }[window.slice(-1) as 'd' | 'w' | 'm' | 'q' | 'y'] * Number(window.slice(0, -1));
  const windows = Math.max(1, Math.ceil(spanDays / shortest));
  return Math.max(100, Math.min(1000, Math.floor(budget / windows)));
}
