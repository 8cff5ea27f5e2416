/**
 * @module Summaries over replicates: for every metric, share and series, per recorded step, the
 * mean and the 5 % and 95 % quantiles (linear interpolation between order statistics, Hyndman &
 * Fan type 7 — R's and NumPy's default). NaN (a metric undefined in a replicate) is left out.
 */
import { quantileSorted } from '../random/quantile.js';
import type { ReplicateResult } from './record.js';

export interface Band {
  readonly mean: Float64Array;
  readonly p05: Float64Array;
  readonly p95: Float64Array;
}

export interface Summary {
  readonly runs: number;
  readonly steps: readonly string[];
  readonly metrics: Record<string, Record<string, Band>>;
  readonly shares: Record<string, Record<string, Band>>;
  readonly series: Record<string, Band>;
}

export { quantileSorted } from '../random/quantile.js';

function band(rows: readonly (Float64Array | undefined)[], steps: number): Band {
  const mean = new Float64Array(steps);
  const p05 = new Float64Array(steps);
  const p95 = new Float64Array(steps);
  const vals = new Float64Array(rows.length);
  for (let t = 0; t < steps; t++) {
    let n = 0;
    let sum = 0;
    for (const r of rows) {
      const x = r?.[t];
      if (x === undefined || Number.isNaN(x)) continue;
      vals[n++] = x;
      sum += x;
    }
    const v = vals.subarray(0, n).sort();
    mean[t] = n ? sum / n : NaN;
    p05[t] = quantileSorted(v, 0.05);
    p95[t] = quantileSorted(v, 0.95);
  }
  return { mean, p05, p95 };
}

function nestedBands(results: readonly ReplicateResult[], pick: (r: ReplicateResult) => Record<string, Record<string, Float64Array>>, steps: number): Record<string, Record<string, Band>> {
  const out: Record<string, Record<string, Band>> = {};
  for (const r of results) {
    for (const [dist, inner] of Object.entries(pick(r))) {
      out[dist] ??= {};
      for (const key of Object.keys(inner)) out[dist][key] ??= band([], 0);
    }
  }
  for (const [dist, inner] of Object.entries(out)) {
    for (const key of Object.keys(inner)) inner[key] = band(results.map((r) => pick(r)[dist]?.[key]), steps);
  }
  return out;
}

/** Summarise replicates that share one step axis (the longest one is used). */
export function summarize(results: readonly ReplicateResult[]): Summary {
  const steps = results.reduce<readonly string[]>((a, r) => (r.steps.length > a.length ? r.steps : a), []);
  const n = steps.length;
  const seriesNames = [...new Set(results.flatMap((r) => Object.keys(r.series)))];
  return {
    runs: results.length,
    steps,
    metrics: nestedBands(results, (r) => r.metrics, n),
    shares: nestedBands(results, (r) => r.shares, n),
    series: Object.fromEntries(seriesNames.map((s) => [s, band(results.map((r) => r.series[s]), n)])),
  };
}
