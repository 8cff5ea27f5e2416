/**
 * @module A window request (`window, step, anchor, from, to, partial, at` as text, as the CLI and
 * the HTTP API receive them) → WindowSpec and covered range, validated with precise messages.
 */
import { addDuration, DAY_SEC, formatDay, parseDate, parseDuration } from '../../aggregate/duration.js';
import { windowAxis, type WindowSpec } from '../../aggregate/windows.js';
import { resolveRange, type Range } from '../../analysis/window-metrics.js';
import { UsageError } from '../../domain/errors.js';
import type { Coverage } from '../series-source.js';

export interface WindowRequest {
  window: string;
  step?: string;
  anchor?: string;
  from?: string;
  to?: string;
  partial?: boolean;
  at?: string;
}

function parsePoint(text: string, axis: 'time' | 'height', what: string): number {
  if (axis === 'height') {
    if (!/^\d+$/.test(text.trim())) throw new UsageError(`invalid ${what}: ${text} (block windows take a block height)`);
    return Number(text);
  }
  return parseDate(text, what);
}

/** A window request parsed and checked on its own (no data needed). */
interface ParsedWindowRequest {
  readonly size: ReturnType<typeof parseDuration>;
  readonly step: ReturnType<typeof parseDuration>;
  readonly axis: 'time' | 'height';
  /** End (exclusive) of the one window `--at` selects. */
  readonly atEnd?: number;
  readonly from?: number;
  readonly to?: number;
  readonly anchor?: number;
}

function parseWindowRequest(opts: WindowRequest): ParsedWindowRequest {
  const size = parseDuration(opts.window, 'window');
  const step = opts.step ? parseDuration(opts.step, 'step') : size;
  const axis = windowAxis({ size, step, anchor: 0 });
  if (opts.at !== undefined) {
    if (axis !== 'time') throw new UsageError('--at takes a time window (e.g. --window 1y), not a block window');
    if (opts.from !== undefined || opts.to !== undefined || opts.anchor !== undefined) throw new UsageError('--at selects one window: do not combine it with --from, --to or --anchor');
    return { size, step, axis, atEnd: parseDate(opts.at, '--at') + DAY_SEC };
  }
  const from = opts.from !== undefined ? parsePoint(opts.from, axis, '--from') : undefined;
  const to = opts.to !== undefined ? parsePoint(opts.to, axis, '--to') : undefined;
  if (from !== undefined && to !== undefined && to <= from) throw new UsageError(`invalid --to: ${opts.to} (must be after --from ${opts.from})`);
  const anchor = opts.anchor !== undefined ? parsePoint(opts.anchor, axis, '--anchor') : undefined;
  return { size, step, axis, from, to, anchor };
}

/**
 * Everything about a window request that does not depend on the data — the window and step, and
 * the dates or heights given — checked before any data is loaded, so a bad parameter costs nothing
 * (`resolveWindows` checks the rest against the data's coverage).
 */
export function checkWindowRequest(opts: WindowRequest): void {
  parseWindowRequest(opts);
}

/**
 * `stock`: the series is a stock, so `--at DATE` may lie after the last snapshot (the stock holds
 * until the next one: the window reads the latest snapshot at or before the end of DATE).
 */
export function resolveWindows(opts: WindowRequest, coverage: Coverage, o: { stock?: boolean } = {}): { spec: WindowSpec; range: Range } {
  const { size, step, axis, atEnd, from, to, anchor } = parseWindowRequest(opts);
  if (atEnd !== undefined) {
    const end = atEnd;
    const start = addDuration(end, size, -1);
    if (o.stock && coverage.time && end > coverage.time.start) return { spec: { size, step: size, anchor: start }, range: { start, end } };
    const range = resolveRange(coverage, axis, start, end);
    if (range.start !== start || range.end !== end) {
      const cov = coverage.time!;
      throw new UsageError(`the ${size.text} window ending ${opts.at} (${formatDay(start)} → ${opts.at}) is outside the data (${formatDay(cov.start)} → ${formatDay(cov.end - 1)})`);
    }
    return { spec: { size, step: size, anchor: start }, range };
  }
  const range = resolveRange(coverage, axis, from, to);
  return { spec: { size, step, anchor: anchor ?? range.start, partial: Boolean(opts.partial) }, range };
}
