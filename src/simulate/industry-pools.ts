/**
 * @module Pool choice: a miner of hash h weighs each pool p by utility
 * u_p = (1 − fee_p) − ρ·CV_p, CV_p = 1/√(144·horizon·(H_p + h)/H) — the coefficient of variation
 * of the pool's block count over the horizon, i.e. the income risk the pool pays out smoothly —
 * and solo mining by 1 − ρ/√(144·horizon·h/H). It picks by logit: P(p) ∝ exp(u_p/τ). Larger pools
 * smooth variance better, so size attracts hash (bounded by fees).
 */
import type { Rng } from '../random/prng.js';
import { BLOCKS_PER_DAY } from './schedule.js';
import { SOLO } from './industry-state.js';

export interface PoolChoiceParams {
  readonly fee01: Float64Array;
  readonly riskAversion: number;
  readonly temperature: number;
  readonly horizonDays: number;
  readonly solo: boolean;
}

/** Choose a pool (index, or SOLO = −1) for a miner with `hashTh`, given current pool hash and network hash. */
export function choosePool(rng: Rng, hashTh: number, poolHashTh: Float64Array, networkTh: number, p: PoolChoiceParams, util: Float64Array): number {
  const k = poolHashTh.length;
  const h = Math.max(networkTh, hashTh);
  const blocks = BLOCKS_PER_DAY * p.horizonDays;
  let best = -Infinity;
  for (let i = 0; i < k; i++) {
    const u = 1 - p.fee01[i]! - p.riskAversion / Math.sqrt((blocks * (poolHashTh[i]! + hashTh)) / h);
    util[i] = u;
    if (u > best) best = u;
  }
  util[k] = p.solo ? 1 - p.riskAversion / Math.sqrt((blocks * hashTh) / h) : -Infinity;
  if (util[k]! > best) best = util[k]!;
  let total = 0;
  for (let i = 0; i <= k; i++) {
    const w = Math.exp((util[i]! - best) / p.temperature);
    util[i] = w;
    total += w;
  }
  let u = rng.uniform() * total;
  for (let i = 0; i < k; i++) {
    u -= util[i]!;
    if (u < 0) return i;
  }
  return p.solo ? SOLO : k - 1;
}
