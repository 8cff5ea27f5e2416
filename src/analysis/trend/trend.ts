/**
 * @module One trend verdict for a metric over time: the Theil–Sen slope per year with a moving-block
 * bootstrap 95% interval, and the Mann–Kendall test with the Hamed–Rao autocorrelation correction.
 * Direction is "rising" / "falling" when the corrected two-sided p is below α (default 0.05), else
 * "no clear trend"; fewer than `minPoints` (default 5) windows is "too short". Definitions and
 * references: docs/trends.md.
 */
import { blockBootstrapSlope } from './block-bootstrap.js';
import { mannKendall } from './mann-kendall.js';
import { theilSen } from './theil-sen.js';

export type TrendDirection = 'rising' | 'falling' | 'no clear trend' | 'too short';

export interface TrendPoint {
  /** Window start, Unix seconds. */
  readonly t: number;
  readonly value: number;
}

export interface Trend {
  readonly direction: TrendDirection;
  readonly n: number;
  /** First and last window start (Unix s); null when there are no points. */
  readonly from: number | null;
  readonly to: number | null;
  /** Theil–Sen slope in value units per year, with its block-bootstrap 95% interval. */
  readonly slopePerYear: number | null;
  readonly slopeLo: number | null;
  readonly slopeHi: number | null;
  /** Mann–Kendall S, Kendall tau, Hamed–Rao-corrected z and two-sided p. */
  readonly s: number | null;
  readonly tau: number | null;
  readonly z: number | null;
  readonly p: number | null;
  readonly method: string;
}

export const TREND_METHOD = 'Theil–Sen slope (moving-block bootstrap 95% interval) · Mann–Kendall, Hamed–Rao corrected, two-sided α = 0.05';
const YEAR_SEC = 365.2425 * 86_400;

export interface TrendOptions {
  readonly alpha?: number;
  readonly minPoints?: number;
  readonly replicates?: number;
  readonly seed?: number;
}

export function trendOf(points: readonly TrendPoint[], opts: TrendOptions = {}): Trend {
  const pts = points.filter((p) => Number.isFinite(p.value));
  const n = pts.length;
  const base = { n, from: pts[0]?.t ?? null, to: pts[n - 1]?.t ?? null, method: TREND_METHOD };
  if (n < (opts.minPoints ?? 5)) return { ...base, direction: 'too short', slopePerYear: null, slopeLo: null, slopeHi: null, s: null, tau: null, z: null, p: null };
  const x = Float64Array.from(pts, (p) => (p.t - pts[0]!.t) / YEAR_SEC);
  const y = Float64Array.from(pts, (p) => p.value);
  const fit = theilSen(x, y);
  const iv = blockBootstrapSlope(x, y, { replicates: opts.replicates ?? 500, seed: opts.seed ?? 1 });
  const mk = mannKendall(y);
  const alpha = opts.alpha ?? 0.05;
  const direction: TrendDirection = mk.p < alpha && mk.s !== 0 ? (mk.s > 0 ? 'rising' : 'falling') : 'no clear trend';
  return { ...base, direction, slopePerYear: fit.slope, slopeLo: iv.lo, slopeHi: iv.hi, s: mk.s, tau: mk.tau, z: mk.z, p: mk.p };
}
