/**
 * @module Calendar and protocol schedules for the mining model: UTC day numbers, the subsidy
 * halving schedule (50 BTC halved every 210,000 blocks, integer satoshis as in Bitcoin Core's
 * GetBlockSubsidy), and exogenous paths (BTC price, fees) interpolated log-linearly between dated points.
 */
export const DAY_SEC = 86_400;
export const HALVING_INTERVAL = 210_000;
export const RETARGET_INTERVAL = 2016;
export const TARGET_BLOCK_SEC = 600;
export const BLOCKS_PER_DAY = DAY_SEC / TARGET_BLOCK_SEC;

/** Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (validated by the scenario schema). */
export function dayNumber(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / 1000 / DAY_SEC;
}

export function isoDay(dayNo: number): string {
  return new Date(dayNo * DAY_SEC * 1000).toISOString().slice(0, 10);
}

/** Block subsidy in BTC at a height: floor(50e8 / 2^halvings) satoshis; 0 after 64 halvings. */
export function subsidyBtc(height: number): number {
  const halvings = Math.floor(height / HALVING_INTERVAL);
  if (halvings >= 64) return 0;
  return Math.floor(5_000_000_000 / 2 ** halvings) / 1e8;
}

/**
 * Value of a dated path on `dayNo`: log-linear interpolation between points (sorted by date),
 * constant before the first and after the last. Zero values interpolate linearly instead.
 */
export function pathValue(points: readonly (readonly [number, number])[], dayNo: number): number {
  const first = points[0]!;
  if (dayNo <= first[0]) return first[1];
  for (let i = 1; i < points.length; i++) {
    const b = points[i]!;
    if (dayNo <= b[0]) {
      const a = points[i - 1]!;
      const f = (dayNo - a[0]) / (b[0] - a[0]);
      if (a[1] > 0 && b[1] > 0) return a[1] * (b[1] / a[1]) ** f;
      return a[1] + (b[1] - a[1]) * f;
    }
  }
  return points[points.length - 1]![1];
}

/** Per-day values of a path over [startDay, startDay + days). */
export function pathSeries(points: readonly (readonly [string, number])[], startDay: number, days: number): Float64Array {
  const pts = points.map(([d, v]) => [dayNumber(d), v] as const);
  const out = new Float64Array(days);
  for (let i = 0; i < days; i++) out[i] = pathValue(pts, startDay + i);
  return out;
}
