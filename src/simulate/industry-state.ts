/**
 * @module State of the mining-industry model as structure-of-arrays (one typed array per attribute,
 * one slot per miner), initial population, and slot reuse for entrants.
 */
import type { Rng } from '../random/prng.js';
import type { IndustryScenario } from './scenario-schema.js';

export const STATUS_EMPTY = 0;
export const STATUS_ACTIVE = 1;
/** Relocating or waiting to resume covertly: owns hash, mines nothing until `resumeDay`. */
export const STATUS_WAITING = 2;
export const SOLO = -1;

export interface Miners {
  size: number;
  hashTh: Float64Array;
  effJPerTh: Float64Array;
  region: Uint8Array;
  pool: Int16Array;
  capitalUsd: Float64Array;
  costFactor: Float64Array;
  status: Uint8Array;
  resumeDay: Int32Array;
  offlineDays: Int32Array;
  /** Day index on which a ban takes effect for this miner (−1 = none), and what it then does. */
  banDay: Int32Array;
  banFate: Uint8Array;
  banDest: Uint8Array;
  /** Index of the shock in scenario.shocks that hit this miner. */
  banShock: Int16Array;
  /** Uniform draw: adopts template choice once the adoption level exceeds it. */
  adoptU: Float64Array;
  /** Whether the miner was hashing on the last day (for recording). */
  online: Uint8Array;
}

export function allocMiners(size: number): Miners {
  return {
    size,
    hashTh: new Float64Array(size),
    effJPerTh: new Float64Array(size),
    region: new Uint8Array(size),
    pool: new Int16Array(size),
    capitalUsd: new Float64Array(size),
    costFactor: new Float64Array(size),
    status: new Uint8Array(size),
    resumeDay: new Int32Array(size),
    offlineDays: new Int32Array(size),
    banDay: new Int32Array(size).fill(-1),
    banFate: new Uint8Array(size),
    banDest: new Uint8Array(size),
    banShock: new Int16Array(size),
    adoptU: new Float64Array(size),
    online: new Uint8Array(size),
  };
}

/** Double the capacity, keeping every slot. */
export function growMiners(m: Miners): Miners {
  const g = allocMiners(m.size * 2);
  for (const key of Object.keys(m) as (keyof Miners)[]) {
    if (key === 'size') continue;
    (g[key] as Float64Array).set(m[key] as Float64Array);
  }
  return g;
}

/** Draw an index from non-negative weights (linear scan; −1 if all weights are zero). */
export function drawIndex(rng: Rng, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  if (!(total > 0)) return -1;
  let u = rng.uniform() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** Pareto(α) draw scaled to mean 1 for α > 1 (x_m = (α−1)/α), capped at 1000× the mean. */
export function paretoMeanOne(rng: Rng, alpha: number): number {
  const xm = alpha > 1 ? (alpha - 1) / alpha : 0.5;
  return Math.min(1000, xm / (1 - rng.uniform53()) ** (1 / alpha));
}

/**
 * Initial population: sizes Pareto(α) scaled to the initial network hash rate, regions by initial
 * share, pools by initial share (remainder solo), cost factors lognormal(0, costSpread), fleet
 * efficiency = frontier on a day drawn from the last `fleetAgeYears`.
 */
export function initMiners(s: IndustryScenario, regionShare: Float64Array, frontierBefore: (daysAgo: number) => number, rng: Rng): Miners {
  const n = s.miners.count;
  const m = allocMiners(Math.max(16, n * 2));
  const poolWeights = [...s.pools.map((p) => p.initialShare01), Math.max(0, 1 - s.pools.reduce((a, p) => a + p.initialShare01, 0))];
  for (let i = 0; i < n; i++) m.hashTh[i] = paretoMeanOne(rng, s.miners.sizeParetoAlpha);
  const byRegion = new Float64Array(regionShare.length);
  for (let i = 0; i < n; i++) {
    const r = Math.max(0, drawIndex(rng, regionShare));
    m.region[i] = r;
    byRegion[r] = byRegion[r]! + m.hashTh[i]!;
  }
  let shareTotal = 0;
  for (let r = 0; r < regionShare.length; r++) if (byRegion[r]! > 0) shareTotal += regionShare[r]!;
  for (let i = 0; i < n; i++) {
    // Rescale so that region hash shares equal the initial shares exactly (regions drawn by no miner stay empty).
    const r = m.region[i]!;
    m.hashTh[i] = (m.hashTh[i]! / byRegion[r]!) * (regionShare[r]! / shareTotal) * s.initialHashrateEhs * 1e6;
    m.status[i] = STATUS_ACTIVE;
    const p = drawIndex(rng, poolWeights);
    m.pool[i] = p === s.pools.length ? SOLO : p;
    m.costFactor[i] = Math.exp(s.miners.costSpread * rng.normal());
    m.effJPerTh[i] = frontierBefore(Math.floor(rng.uniform() * s.miners.fleetAgeYears * 365));
    m.adoptU[i] = rng.uniform();
  }
  return m;
}
