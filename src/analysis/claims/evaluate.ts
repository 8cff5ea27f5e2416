/**
 * @module Evaluate claims against the data. Per window a claim holds, fails, or is uncertain:
 * with block-sampled data the probability that it holds is read off posterior draws (holds when
 * P ≥ 0.95, fails when P ≤ 0.05, uncertain between); with other data it is decided by the value.
 * A claim's verdict is its verdict in the latest window, with the tally over the whole history.
 */
import { addDuration, DAY_SEC, parseDate, parseDuration } from '../../aggregate/duration.js';
import { windowDistributions, type WindowDistribution } from '../../aggregate/window-distributions.js';
import { divideWindows, type Window } from '../../aggregate/windows.js';
import { Rng } from '../../random/prng.js';
import type { SourcedSeries } from '../../domain/sourced-series.js';
import type { IntervalOptions } from '../uncertainty/posterior.js';
import { measureDraws, parseMeasure, pointValue, type MeasureFn } from './measure.js';
import type { Claim, Measure, Op } from './schema.js';

export type Verdict = 'holds' | 'fails' | 'uncertain' | 'no data';

export interface WindowVerdict {
  readonly start: number;
  readonly end: number;
  readonly left: number | null;
  readonly right: number | null;
  /** Probability the claim holds (1 or 0 when the data is not a sample). */
  readonly probability: number | null;
  readonly verdict: Verdict;
}

export interface ClaimResult {
  readonly claim: Claim;
  readonly verdict: Verdict;
  readonly probability: number | null;
  readonly latest: WindowVerdict | null;
  readonly tally: Readonly<Record<Verdict, number>>;
  readonly windows: readonly WindowVerdict[];
  readonly evidence: string;
}

export type SeriesLoader = (m: Measure) => Promise<SourcedSeries>;

const compareOp = (a: number, op: Op, b: number): boolean => (op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b);

interface Side {
  readonly fn: MeasureFn;
  readonly sourced: SourcedSeries;
}

function sampled(s: SourcedSeries): boolean {
  return s.provenance.unit === 'blocks';
}

function distributionIn(s: SourcedSeries, w: Window): WindowDistribution {
  return windowDistributions(s.series, [w])[0]!;
}

/** P(left op right) from draws (or point values when a side is not sampled); and the verdict. */
function judge(left: Side, right: Side | number, w: Window, op: Op, opts: IntervalOptions, seed: number, k: number): WindowVerdict {
  const dl = distributionIn(left.sourced, w);
  const lv = pointValue(left.fn, dl, left.sourced.series.entities);
  let rv: number | null;
  let rDraws: Float64Array | null = null;
  if (typeof right === 'number') rv = right;
  else {
    const dr = distributionIn(right.sourced, w);
    rv = pointValue(right.fn, dr, right.sourced.series.entities);
    if (sampled(right.sourced) && rv !== null) rDraws = measureDraws(right.fn, dr, right.sourced.series.entities, Rng.forReplicate(seed, 2 * k + 1), opts);
  }
  if (lv === null || rv === null) return { start: w.start, end: w.end, left: lv, right: rv, probability: null, verdict: 'no data' };
  const lDraws = sampled(left.sourced) ? measureDraws(left.fn, dl, left.sourced.series.entities, Rng.forReplicate(seed, 2 * k), opts) : null;
  let probability: number;
  if (!lDraws && !rDraws) probability = compareOp(lv, op, rv) ? 1 : 0;
  else {
    let hits = 0;
    let n = 0;
    for (let d = 0; d < opts.draws; d++) {
      const a = lDraws ? lDraws[d]! : lv;
      const b = rDraws ? rDraws[d]! : rv;
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      n++;
      if (compareOp(a, op, b)) hits++;
    }
    probability = n === 0 ? Number.NaN : hits / n;
  }
  const verdict: Verdict = Number.isNaN(probability) ? 'no data' : probability >= opts.confidence ? 'holds' : probability <= 1 - opts.confidence ? 'fails' : 'uncertain';
  return { start: w.start, end: w.end, left: lv, right: rv, probability: Number.isNaN(probability) ? null : probability, verdict };
}

/** Calendar-aligned complete windows over a series' coverage (stocks: windows containing a snapshot). */
/**
 * Windows of a claim over the data. One rule for "latest" across the project: day-sized windows
 * (30d, 90d) are anchored so the last one ends on the last full day of data — the same latest 30
 * days as `nakamoto report` and `nakamoto pools` — (`anchor` overrides, so both sides of a compare
 * share windows); calendar windows (1m, 1q, 1y) are calendar months, quarters and years.
 */
function windowsOf(s: SourcedSeries, windowText: string, from?: number, anchor?: number): Window[] {
  const size = parseDuration(windowText, 'claim window');
  const cov = s.coverage.time;
  if (!cov) return [];
  const a = anchor ?? (size.unit === 'day' ? cov.end : 0);
  return divideWindows({ size, step: size, anchor: a, partial: s.series.kind === 'stock' }, Math.max(cov.start, from ?? cov.start), cov.end);
}

function windowEnding(day: string, windowText: string): Window {
  const end = parseDate(day, 'claim date') + DAY_SEC;
  const size = parseDuration(windowText, 'claim window');
  return { axis: 'time', start: addDuration(end, size, -1), end, complete: true };
}

const fmt = (x: number | null) => (x === null ? '–' : Number.isInteger(x) ? String(x) : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));
const NEGATED: Record<Op, string> = { '>': '≤', '>=': '<', '<': '≥', '<=': '>' };
const OP_HOLDS: Record<Op, (a: number, b: number) => boolean> = { '>': (a, b) => a > b, '>=': (a, b) => a >= b, '<': (a, b) => a < b, '<=': (a, b) => a <= b };

/**
 * The comparison as it is decided on the point values: "0.331 >= 0.300" when it holds, and
 * "3 > 2 (claim: ≤ 2)"-style — the negated operator, then the claim's — when it does not, so a
 * failing claim never prints a false inequality.
 */
export function comparisonText(left: number | null, op: Op, right: number | null): string {
  if (left === null || right === null) return `${fmt(left)} ${op} ${fmt(right)}`;
  return OP_HOLDS[op](left, right) ? `${fmt(left)} ${op} ${fmt(right)}` : `${fmt(left)} ${NEGATED[op]} ${fmt(right)} (claim: ${op} ${fmt(right)})`;
}
const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);

export async function evaluateClaim(claim: Claim, load: SeriesLoader, opts: IntervalOptions, seed: number): Promise<ClaimResult> {
  let windows: WindowVerdict[] = [];
  if (claim.kind === 'threshold') {
    const side = { fn: parseMeasure(claim.metric), sourced: await load(claim) };
    windows = windowsOf(side.sourced, claim.window).map((w, k) => judge(side, claim.value, w, claim.op, opts, seed, k));
  } else if (claim.kind === 'compare') {
    const left = { fn: parseMeasure(claim.left.metric), sourced: await load(claim.left) };
    const right = { fn: parseMeasure(claim.right.metric), sourced: await load(claim.right) };
    const from = claim.from ? parseDate(claim.from, 'from') : undefined;
    const size = parseDuration(claim.window, 'claim window');
    const anchor = size.unit === 'day' ? (left.sourced.coverage.time?.end ?? 0) : 0;
    const rightStarts = new Set(windowsOf(right.sourced, claim.window, from, anchor).map((w) => w.start));
    windows = windowsOf(left.sourced, claim.window, from, anchor)
      .filter((w) => rightStarts.has(w.start))
      .map((w, k) => judge(left, right, w, claim.op, opts, seed, k));
  } else {
    const sourced = await load(claim);
    const fn = parseMeasure(claim.metric);
    const before = windowEnding(claim.before, claim.window);
    const after = windowEnding(claim.after, claim.window);
    const beforeValue = pointValue(fn, distributionIn(sourced, before), sourced.series.entities);
    const afterSide = { fn, sourced };
    if (beforeValue === null) windows = [{ start: after.start, end: after.end, left: null, right: null, probability: null, verdict: 'no data' }];
    else {
      // The baseline is itself uncertain when sampled: compare draws of both windows.
      const beforeSide: Side | number = sampled(sourced) ? { fn, sourced } : beforeValue;
      const j = judgeChange(afterSide, beforeSide, after, before, claim.op, opts, seed);
      windows = [j];
    }
  }
  const tally: Record<Verdict, number> = { holds: 0, fails: 0, uncertain: 0, 'no data': 0 };
  for (const w of windows) tally[w.verdict]++;
  const latest = [...windows].reverse().find((w) => w.verdict !== 'no data') ?? null;
  const verdict: Verdict = latest?.verdict ?? 'no data';
  const evidence = latest
    ? `latest window ${day(latest.start)} → ${day(latest.end - 1)}: ${comparisonText(latest.left, claim.op, latest.right)}` +
      (latest.probability !== null && latest.probability > 0 && latest.probability < 1 ? ` (P = ${latest.probability.toFixed(3)})` : '') +
      (windows.length > 1 ? `; over ${windows.length} windows: holds ${tally.holds}, fails ${tally.fails}, uncertain ${tally.uncertain}` : '')
    : 'no window with data';
  return { claim, verdict, probability: latest?.probability ?? null, latest, tally, windows, evidence };
}

function judgeChange(after: Side, before: Side | number, wAfter: Window, wBefore: Window, op: Op, opts: IntervalOptions, seed: number): WindowVerdict {
  const da = distributionIn(after.sourced, wAfter);
  const av = pointValue(after.fn, da, after.sourced.series.entities);
  const bSide = typeof before === 'number' ? null : before;
  const db = bSide ? distributionIn(bSide.sourced, wBefore) : null;
  const bv = typeof before === 'number' ? before : pointValue(bSide!.fn, db!, bSide!.sourced.series.entities);
  if (av === null || bv === null) return { start: wAfter.start, end: wAfter.end, left: av, right: bv, probability: null, verdict: 'no data' };
  if (!sampled(after.sourced)) {
    const p = compareOp(av, op, bv) ? 1 : 0;
    return { start: wAfter.start, end: wAfter.end, left: av, right: bv, probability: p, verdict: p ? 'holds' : 'fails' };
  }
  const aDraws = measureDraws(after.fn, da, after.sourced.series.entities, Rng.forReplicate(seed, 0), opts)!;
  const bDraws = bSide ? measureDraws(bSide.fn, db!, bSide.sourced.series.entities, Rng.forReplicate(seed, 1), opts) : null;
  let hits = 0;
  for (let d = 0; d < opts.draws; d++) if (compareOp(aDraws[d]!, op, bDraws ? bDraws[d]! : bv)) hits++;
  const p = hits / opts.draws;
  const verdict: Verdict = p >= opts.confidence ? 'holds' : p <= 1 - opts.confidence ? 'fails' : 'uncertain';
  return { start: wAfter.start, end: wAfter.end, left: av, right: bv, probability: p, verdict };
}
