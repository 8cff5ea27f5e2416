/**
 * @module The concentration summary behind `nakamoto report`: the latest N days and each calendar
 * year (the current one marked partial), each with its top entities, top-5 share, Nakamoto
 * coefficient, HHI, Gini, entropy and entity count. Pure: takes a sourced series, returns data.
 */
import { addDuration, DAY_SEC, parseDuration } from '../aggregate/duration.js';
import { windowDistributions } from '../aggregate/window-distributions.js';
import type { Window } from '../aggregate/windows.js';
import { UsageError } from '../domain/errors.js';
import { prepareWeights } from '../metrics/metric.js';
import { getMetric } from '../metrics/registry.js';
import type { Provenance, SourcedSeries } from '../domain/sourced-series.js';
import { rankEntities, type RankedEntity } from './pool-ranking.js';

export interface PeriodSummary {
  readonly label: string;
  readonly start: number;
  readonly end: number;
  /** False when the period extends past the end of the data (e.g. the current year). */
  readonly complete: boolean;
  readonly total: number;
  readonly entities: number;
  readonly top: readonly RankedEntity[];
  readonly top5Share: number | null;
  readonly nakamotoCoefficient: number | null;
  readonly hhi: number | null;
  readonly gini: number | null;
  readonly entropyBits: number | null;
}

export interface ConcentrationReport {
  readonly provenance: Provenance;
  readonly coverage: { readonly start: number; readonly end: number };
  readonly latest: PeriodSummary;
  readonly years: readonly PeriodSummary[];
}

const METRICS = ['concentration-ratio=5', 'nakamoto-coefficient', 'hhi', 'gini', 'entropy', 'active-entities'].map(getMetric);

export function buildConcentrationReport(sourced: SourcedSeries, opts: { latestDays?: number; topN?: number; displayName?: (id: string) => string } = {}): ConcentrationReport {
  const cov = sourced.coverage.time;
  if (!cov || cov.end <= cov.start) throw new UsageError('report needs a source with block times (time windows)');
  const latestDays = opts.latestDays ?? 30;
  const topN = opts.topN ?? 5;
  const windows: Window[] = [{ axis: 'time', start: Math.max(cov.start, cov.end - latestDays * DAY_SEC), end: cov.end, complete: true }];
  const firstYear = new Date(cov.start * 1000).getUTCFullYear();
  const lastYear = new Date((cov.end - 1) * 1000).getUTCFullYear();
  const year = parseDuration('1y');
  for (let y = firstYear; y <= lastYear; y++) {
    const start = Date.UTC(y, 0, 1) / 1000;
    const end = addDuration(start, year, 1);
    windows.push({ axis: 'time', start: Math.max(start, cov.start), end: Math.min(end, cov.end), complete: start >= cov.start && end <= cov.end });
  }
  const dists = windowDistributions(sourced.series, windows);
  const summaries = dists.map((d, i): PeriodSummary => {
    const s = prepareWeights(d.weight);
    const [cr5, nc, hhi, gini, entropy, active] = METRICS.map((m) => m.compute(s));
    const w = windows[i]!;
    return {
      label: i === 0 ? `latest ${latestDays} days` : String(new Date(w.start * 1000).getUTCFullYear()),
      start: w.start,
      end: w.end,
      complete: w.complete,
      total: d.total,
      entities: active ?? 0,
      top: rankEntities(d, sourced.series.entities, opts.displayName).slice(0, topN),
      top5Share: cr5 ?? null,
      nakamotoCoefficient: nc ?? null,
      hhi: hhi ?? null,
      gini: gini ?? null,
      entropyBits: entropy ?? null,
    };
  });
  return { provenance: sourced.provenance, coverage: cov, latest: summaries[0]!, years: summaries.slice(1) };
}
