/**
 * @module Flatten simulation summaries into rows (long format) for table / CSV output: one row per
 * step × quantity with its mean and 5–95 % band over replicates.
 */
import type { Band, Summary } from './summary.js';

export type SimRow = Record<string, string | number | null>;

/** Steps to print: every `every`-th, always including the last. */
export function pickSteps(count: number, every: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < count; t += every) out.push(t);
  if (count > 0 && out[out.length - 1] !== count - 1) out.push(count - 1);
  return out;
}

const num = (x: number): number | null => (Number.isNaN(x) ? null : x);

function bandRow(base: SimRow, b: Band, t: number): SimRow {
  return { ...base, mean: num(b.mean[t]!), p05: num(b.p05[t]!), p95: num(b.p95[t]!) };
}

export const SUMMARY_COLUMNS = ['step', 'kind', 'distribution', 'name', 'mean', 'p05', 'p95'];

/** Long-format rows: metrics, then labelled shares, then other series, for the chosen steps. */
export function summaryRows(s: Summary, steps: readonly number[]): SimRow[] {
  const rows: SimRow[] = [];
  for (const t of steps) {
    const step = s.steps[t]!;
    for (const [dist, metrics] of Object.entries(s.metrics)) {
      for (const [id, b] of Object.entries(metrics)) rows.push(bandRow({ step, kind: 'metric', distribution: dist, name: id }, b, t));
    }
    for (const [dist, shares] of Object.entries(s.shares)) {
      for (const [label, b] of Object.entries(shares)) rows.push(bandRow({ step, kind: 'share', distribution: dist, name: label }, b, t));
    }
    for (const [name, b] of Object.entries(s.series)) rows.push(bandRow({ step, kind: 'series', distribution: '', name }, b, t));
  }
  return rows;
}

/** JSON form of a summary: arrays instead of typed arrays, null for undefined values. */
export function summaryJson(s: Summary): unknown {
  const arr = (a: Float64Array) => Array.from(a, (x) => (Number.isNaN(x) ? null : x));
  const band = (b: Band) => ({ mean: arr(b.mean), p05: arr(b.p05), p95: arr(b.p95) });
  const nested = (m: Record<string, Record<string, Band>>) =>
    Object.fromEntries(Object.entries(m).map(([k, inner]) => [k, Object.fromEntries(Object.entries(inner).map(([id, b]) => [id, band(b)]))]));
  return {
    runs: s.runs,
    steps: s.steps,
    metrics: nested(s.metrics),
    shares: nested(s.shares),
    series: Object.fromEntries(Object.entries(s.series).map(([k, b]) => [k, band(b)])),
  };
}
