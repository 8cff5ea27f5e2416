/**
 * @module One row of the contrast report: for one series (a distribution at one level), the latest
 * value of the shared concentration metrics — largest entity and its share, top-5 share, Nakamoto
 * coefficient, HHI, entity count — with 95% posterior intervals where the data is a block sample,
 * and the direction of HHI over a stated period (docs/trends.md). Pure: takes a sourced series.
 */
import { DAY_SEC, parseDate, parseDuration } from '../../aggregate/duration.js';
import type { Window } from '../../aggregate/windows.js';
import { windowDistributions } from '../../aggregate/window-distributions.js';
import { prepareWeights } from '../../metrics/metric.js';
import { getMetric } from '../../metrics/registry.js';
import type { Provenance, SourcedSeries } from '../../domain/sourced-series.js';
import { rankEntities } from '../pool-ranking.js';
import { DEFAULT_INTERVALS, posteriorIntervals } from '../uncertainty/posterior.js';
import { Rng } from '../../random/prng.js';
import { trendOf, type Trend } from '../trend/trend.js';
import { computeWindowMetrics } from '../window-metrics.js';

export type World = 'bitcoin' | 'ai';

/** What to summarise: one entry of the contrast list (src/pipeline/queries/contrast-series.ts). */
export interface ContrastSeriesSpec {
  /** Stable key (JSON, verdict references, dashboard anchors). */
  readonly key: string;
  readonly world: World;
  /** Short label, e.g. "pools", "owners", "chip owners (Epoch)". */
  readonly lens: string;
  readonly distribution: string;
  readonly level?: string;
  readonly source?: string;
  /** Window of the trend (calendar-aligned): 1m, 1q or 1y. */
  readonly trendWindow: string;
  /** First day of the trend period (default: the data's first covered day). */
  readonly trendFrom?: string;
  /** End of the usable data (exclusive, UTC day): a level whose evidence stops before the series does (template families end with the Blockchair scriptSig data). */
  readonly dataTo?: string;
  /** Latest value over the last N days of data (flows, e.g. blocks), or the last trend window (stocks, yearly flows). */
  readonly latestDays?: number;
  /** Who published the numbers (kept apart where publishers differ). */
  readonly publisher: string;
  /** Also test the last N windows on their own (e.g. 24 months), when the series has at least N + 5: a long rise can hide a recent fall. */
  readonly recentWindows?: number;
  /** True when the observations are a random sample (blocks) and intervals apply. */
  readonly sampled: boolean;
  readonly caveat?: string;
}

export interface Share {
  readonly name: string;
  readonly share: number;
}

export interface LatestValue {
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly total: number;
  readonly largest: Share | null;
  readonly top1: number | null;
  readonly top5: number | null;
  readonly nakamotoCoefficient: number | null;
  readonly hhi: number | null;
  readonly entities: number | null;
  /** 95% intervals (posterior, block sampling) for top1, top5, nakamotoCoefficient, hhi; null when not a sample. */
  readonly intervals: Readonly<Record<'top1' | 'top5' | 'nakamotoCoefficient' | 'hhi', { lo: number | null; hi: number | null }>> | null;
}

export interface TrendPointOut {
  readonly start: number;
  readonly hhi: number;
}

export interface ContrastRow {
  readonly key: string;
  readonly world: World;
  readonly lens: string;
  readonly distribution: string;
  readonly level: string;
  readonly publisher: string;
  readonly unit: string;
  readonly provenance: Provenance;
  readonly latest: LatestValue | null;
  /** Trend of HHI per window over the stated period. */
  readonly trend: Trend & { readonly metric: 'hhi'; readonly window: string };
  /** The same test over the last `recentWindows` windows only (absent when not asked or too short). */
  readonly recent?: Trend;
  /** HHI per trend window (for charts). */
  readonly points: readonly TrendPointOut[];
  readonly caveat: string | null;
  /** Why the series is missing (dataset not found, …); the rest of the row is empty then. */
  readonly unavailable?: string;
}

const M = {
  top1: getMetric('max-share'),
  top5: getMetric('concentration-ratio=5'),
  nc: getMetric('nakamoto-coefficient'),
  hhi: getMetric('hhi'),
  active: getMetric('active-entities'),
};
const ALL = [M.top1, M.top5, M.nc, M.hhi, M.active];
const fmtDay = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);

/** The series with its covered time range ending at `dataTo` (exclusive), when given and earlier. */
function clipCoverage(sourced: SourcedSeries, dataTo: string | undefined): SourcedSeries {
  const cov = sourced.coverage.time;
  if (dataTo === undefined || !cov) return sourced;
  const end = parseDate(dataTo, 'dataTo');
  if (end >= cov.end) return sourced;
  return { ...sourced, coverage: { ...sourced.coverage, time: { ...cov, end: Math.max(cov.start, end) } } };
}

function latestOf(spec: ContrastSeriesSpec, sourced: SourcedSeries, lastWindow: Window | null, displayName: (id: string) => string, seed: number): LatestValue | null {
  const cov = sourced.coverage.time!;
  let w: Window | null = lastWindow;
  let label: string;
  if (spec.latestDays !== undefined) {
    w = { axis: 'time', start: Math.max(cov.start, cov.end - spec.latestDays * DAY_SEC), end: cov.end, complete: true };
    label = `${spec.latestDays} days to ${fmtDay(w.end - 1)}`;
  } else {
    if (!w) return null;
    if (sourced.series.kind === 'stock') {
      // The snapshot a stock window is read at: its latest observation time inside the window.
      let snap = -Infinity;
      const ts = sourced.series.timeSec;
      for (let i = 0; i < ts.length; i++) if (ts[i]! >= w.start && ts[i]! < w.end && ts[i]! > snap) snap = ts[i]!;
      label = Number.isFinite(snap) ? `snapshot ${fmtDay(snap)}` : `snapshot in ${fmtDay(w.start)} → ${fmtDay(Math.min(w.end, cov.end) - 1)}`;
    } else {
      label = `year ${fmtDay(w.start).slice(0, 4)}${w.end - w.start > 370 * DAY_SEC || w.end - w.start < 360 * DAY_SEC ? ` (${fmtDay(w.start)} → ${fmtDay(w.end - 1)})` : ''}`;
    }
  }
  const [d] = windowDistributions(sourced.series, [w]);
  if (!d || d.total <= 0) return null;
  const sorted = prepareWeights(d.weight);
  const [top1, top5, nc, hhi, active] = ALL.map((m) => m.compute(sorted) ?? null);
  const ranked = rankEntities(d, sourced.series.entities, displayName);
  let intervals: LatestValue['intervals'] = null;
  if (spec.sampled) {
    const iv = posteriorIntervals(d.weight, [M.top1, M.top5, M.nc, M.hhi], Rng.forReplicate(seed, 0), DEFAULT_INTERVALS);
    const pick = (id: string) => ({ lo: iv[id]?.lo ?? null, hi: iv[id]?.hi ?? null });
    intervals = { top1: pick(M.top1.id), top5: pick(M.top5.id), nakamotoCoefficient: pick(M.nc.id), hhi: pick(M.hhi.id) };
  }
  return {
    label,
    start: w.start,
    end: Math.min(w.end, cov.end),
    total: d.total,
    largest: ranked[0] ? { name: ranked[0].name, share: ranked[0].share } : null,
    top1: top1 ?? null,
    top5: top5 ?? null,
    nakamotoCoefficient: nc ?? null,
    hhi: hhi ?? null,
    entities: active ?? null,
    intervals,
  };
}

export interface SummariseOptions {
  readonly displayName?: (id: string) => string;
  readonly seed?: number;
}

export function summariseSeries(spec: ContrastSeriesSpec, full: SourcedSeries, opts: SummariseOptions = {}): ContrastRow {
  const sourced = clipCoverage(full, spec.dataTo);
  const cov = sourced.coverage.time;
  const seed = opts.seed ?? 1;
  const base = {
    key: spec.key,
    world: spec.world,
    lens: spec.lens,
    distribution: spec.distribution,
    level: sourced.provenance.level,
    publisher: spec.publisher,
    unit: sourced.provenance.unit,
    provenance: sourced.provenance,
    caveat: spec.caveat ?? null,
  };
  const size = parseDuration(spec.trendWindow, 'trend window');
  if (!cov || cov.end <= cov.start) {
    return { ...base, latest: null, points: [], trend: { ...trendOf([]), metric: 'hhi', window: size.text } };
  }
  const from = spec.trendFrom !== undefined ? Math.max(cov.start, parseDate(spec.trendFrom, 'trendFrom')) : cov.start;
  const stock = sourced.series.kind === 'stock';
  const windowSpec = { size, step: size, anchor: 0, partial: stock };
  const results = from < cov.end ? computeWindowMetrics({ time: sourced.series }, windowSpec, { start: from, end: cov.end }, [M.hhi]) : [];
  const points = results.filter((r) => r.total > 0 && (r.values[M.hhi.id] ?? null) !== null).map((r) => ({ start: r.window.start, hhi: r.values[M.hhi.id]! }));
  const last = [...results].reverse().find((r) => r.total > 0)?.window ?? null;
  const tp = points.map((p) => ({ t: p.start, value: p.hhi }));
  const trend = trendOf(tp, { seed });
  const k = spec.recentWindows;
  const recent = k !== undefined && tp.length >= k + 5 ? trendOf(tp.slice(-k), { seed }) : undefined;
  return { ...base, latest: latestOf(spec, sourced, last, opts.displayName ?? ((x) => x), seed), points, trend: { ...trend, metric: 'hhi', window: size.text }, ...(recent ? { recent } : {}) };
}
