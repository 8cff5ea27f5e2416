/**
 * @module Everything fixed for one industry replicate (per-region and per-pool parameters, exogenous
 * daily paths with their seeded noise, the hardware frontier) plus the mutable network state
 * (difficulty, height). Economics: hashprice = 144·(subsidy + fees)·price / H_target (USD per TH/s
 * per day); electricity cost per TH/s per day = efficiency (J/TH = W per TH/s) × 0.024 kWh per
 * W·day × USD/kWh × the miner's cost factor.
 */
import type { Rng } from '../random/prng.js';
import type { IndustryScenario } from './scenario-schema.js';
import { DAY_SEC, dayNumber, pathSeries } from './schedule.js';

/** kWh per day drawn by 1 W: 24 h / 1000. A fleet at e J/TH and 1 TH/s draws e W → e·0.024 kWh/day. */
export const KWH_PER_WATT_DAY = 0.024;

export interface World {
  readonly s: IndustryScenario;
  readonly startDay: number;
  readonly days: number;
  readonly regionNames: readonly string[];
  readonly elecUsdPerKwh: Float64Array;
  readonly entryWeight: Float64Array;
  readonly banned: Uint8Array;
  readonly fee01: Float64Array;
  /** Daily BTC price (USD) and fees per block (BTC), noise included. */
  readonly priceUsd: Float64Array;
  readonly feesBtc: Float64Array;
  /** Frontier efficiency (J/TH) per day, index `fleetDays + day` (days before the start included). */
  readonly frontier: Float64Array;
  readonly fleetDays: number;
  /** Hash rate (TH/s) at which blocks come every 600 s: the difficulty in hash units. */
  targetTh: number;
  height: number;
  /** Height and fractional day index from which the current retarget period is timed. */
  markHeight: number;
  markDay: number;
}

/** Multiply a path by exp(x_t), x an Ornstein–Uhlenbeck log-noise with daily σ and the given half-life. */
export function addLogNoise(base: Float64Array, sigmaPerDay: number, halfLifeDays: number, rng: Rng): Float64Array {
  if (sigmaPerDay === 0) return base;
  const rho = 2 ** (-1 / halfLifeDays);
  let x = 0;
  const out = new Float64Array(base.length);
  for (let i = 0; i < base.length; i++) {
    x = x * rho + sigmaPerDay * rng.normal();
    out[i] = base[i]! * Math.exp(x);
  }
  return out;
}

export function buildWorld(s: IndustryScenario, regionShare: Float64Array, frontier: Float64Array, fleetDays: number, rng: Rng): World {
  const startDay = dayNumber(s.start);
  const days = dayNumber(s.end) - startDay;
  const price = addLogNoise(pathSeries(s.priceUsd.points, startDay, days), s.priceUsd.volatilityPerDay, s.priceUsd.reversionHalfLifeDays, rng);
  const fees = addLogNoise(pathSeries(s.feesBtcPerBlock.points, startDay, days), s.feesBtcPerBlock.volatilityPerDay, s.feesBtcPerBlock.reversionHalfLifeDays, rng);
  return {
    s,
    startDay,
    days,
    regionNames: s.regions.map((r) => r.name),
    elecUsdPerKwh: Float64Array.from(s.regions.map((r) => r.electricityUsdPerKwh)),
    entryWeight: Float64Array.from(s.regions.map((r, i) => r.entryWeight ?? regionShare[i]!)),
    banned: new Uint8Array(s.regions.length),
    fee01: Float64Array.from(s.pools.map((p) => p.fee01)),
    priceUsd: price,
    feesBtc: fees,
    frontier,
    fleetDays,
    targetTh: s.initialHashrateEhs * 1e6,
    height: s.startHeight,
    markHeight: s.startHeight,
    markDay: 0,
  };
}

/** Seconds since the epoch of day index `day` (for labels). */
export function dayLabel(w: World, day: number): string {
  return new Date((w.startDay + day) * DAY_SEC * 1000).toISOString().slice(0, 10);
}
