/**
 * @module Monte Carlo simulators used to cross-check the closed forms: the double-spend race
 * (block by block, attacker with probability q) and Eyal–Sirer's SM1 state machine. Pure given a
 * seeded Rng (src/random/prng.ts); every run reports its own standard error.
 */
import type { Rng } from '../../random/prng.js';
import { requireInRange, requireInteger, requireProbability } from './validate.js';

export interface Estimate {
  readonly estimate: number;
  readonly standardError: number;
}

export interface DoubleSpendRun extends Estimate {
  readonly trials: number;
  readonly successes: number;
  /** Trials stopped by the step cap (counted as failures; should be 0 for a valid check). */
  readonly capped: number;
}

export interface DoubleSpendSimOptions {
  /** Blocks the attacker must exceed the honest chain by: 0 = catch up (default), 1 = overtake. */
  readonly extraBlocks?: number;
  /** Stop a race as lost when the deficit reaches this (bias ≤ (q/p)^maxDeficit). Default z + 80. */
  readonly maxDeficit?: number;
  /** Stop a race (counted in `capped`) after this many blocks. Default 1,000,000. */
  readonly maxSteps?: number;
}

/**
 * Simulate the race: blocks arrive one at a time, the attacker's with probability q, until the
 * honest chain has z blocks; then the attacker wins if it ever gets `extraBlocks` ahead.
 */
export function simulateDoubleSpend(q: number, z: number, trials: number, rng: Rng, options: DoubleSpendSimOptions = {}): DoubleSpendRun {
  requireProbability(q, 'q (attacker hash share)');
  requireInteger(z, 'z (confirmations)');
  requireInteger(trials, 'trials', 1);
  const d = requireInteger(options.extraBlocks ?? 0, 'extraBlocks', 0, 1000);
  const maxDeficit = options.maxDeficit ?? z + 80;
  const maxSteps = options.maxSteps ?? 1_000_000;
  let successes = 0;
  let capped = 0;
  for (let t = 0; t < trials; t++) {
    let honest = 0;
    let attacker = 0;
    let steps = 0;
    while (honest < z) {
      if (rng.uniform() < q) attacker++;
      else honest++;
      steps++;
    }
    let deficit = honest + d - attacker;
    while (deficit > 0 && deficit < maxDeficit && steps < maxSteps) {
      deficit += rng.uniform() < q ? -1 : 1;
      steps++;
    }
    if (deficit <= 0) successes++;
    else if (deficit < maxDeficit) capped++;
  }
  const p = successes / trials;
  return { trials, successes, capped, estimate: p, standardError: Math.sqrt((p * (1 - p)) / trials) };
}

export interface RevenueRun extends Estimate {
  readonly attackerBlocks: number;
  readonly honestBlocks: number;
}

/**
 * Eyal & Sirer's SM1 state machine (2014, Fig. 1 and Algorithm 1), crediting blocks as their
 * §4 revenue analysis does. Runs `blocks` mining events split into `batches` for a batch-means
 * standard error of the ratio estimator (delta method).
 */
export function simulateEyalSirer(alpha: number, gamma: number, blocks: number, rng: Rng, batches = 50): RevenueRun {
  requireInRange(alpha, 'alpha (attacker hash share)', 0, 0.5);
  requireProbability(gamma, 'gamma (tie-break share)');
  requireInteger(batches, 'batches', 2);
  requireInteger(blocks, 'blocks', batches);
  const perBatch = Math.floor(blocks / batches);
  const batchA = new Float64Array(batches);
  const batchH = new Float64Array(batches);
  let lead = 0;
  let tie = false; // state 0': two public branches of equal length
  for (let b = 0; b < batches; b++) {
    let a = 0;
    let h = 0;
    for (let i = 0; i < perBatch; i++) {
      const u = rng.uniform();
      if (tie) {
        tie = false;
        if (u < alpha) a += 2; // attacker extends its branch and publishes
        else if (u < alpha + gamma * (1 - alpha)) { a += 1; h += 1; } // honest block on the attacker's branch
        else h += 2; // honest block on the honest branch
      } else if (u < alpha) {
        lead++;
      } else if (lead === 0) {
        h += 1;
      } else if (lead === 1) {
        lead = 0;
        tie = true; // attacker publishes its block: a race
      } else if (lead === 2) {
        lead = 0;
        a += 2; // attacker publishes both and orphans the honest block
      } else {
        lead--;
        a += 1; // one attacker block is now certain to end up in the main chain
      }
    }
    batchA[b] = a;
    batchH[b] = h;
  }
  let sumA = 0;
  let sumT = 0;
  for (let b = 0; b < batches; b++) {
    sumA += batchA[b] as number;
    sumT += (batchA[b] as number) + (batchH[b] as number);
  }
  const r = sumT > 0 ? sumA / sumT : 0;
  let ss = 0;
  for (let b = 0; b < batches; b++) {
    const e = (batchA[b] as number) - r * ((batchA[b] as number) + (batchH[b] as number));
    ss += e * e;
  }
  const meanT = sumT / batches;
  const standardError = meanT > 0 ? Math.sqrt(ss / (batches * (batches - 1))) / meanT : 0;
  return { attackerBlocks: sumA, honestBlocks: sumT - sumA, estimate: r, standardError };
}
