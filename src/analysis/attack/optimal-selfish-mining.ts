/**
 * @module Optimal selfish mining (Sapirshtein, Sompolinsky & Zohar 2016): the policy maximising
 * the attacker's relative revenue ρ = A / (A + H) in the truncated MDP. For a candidate ρ the
 * average-reward MDP with per-step reward (1−ρ)·A − ρ·H has optimal gain g(ρ), decreasing in ρ,
 * and the optimum is the root g(ρ*) = 0. The paper bisects on ρ; we use Dinkelbach's iteration
 * (ρ ← revenue of the greedy policy for the current ρ), which reaches the same root in a few
 * steps. Each g(ρ) comes from relative value iteration, whose span bounds
 * min(Tv − v) ≤ g ≤ max(Tv − v) decide the sign. Truncation makes the result a lower bound
 * of the untruncated optimum, and the profit threshold an upper bound.
 */
import { UsageError } from '../../domain/errors.js';
import {
  buildSelfishMiningMdp,
  evaluatePolicy,
  honestPolicy,
  IRRELEVANT,
  MAX_TRUNCATION,
  MIN_TRUNCATION,
  stateIndex,
  type Policy,
  type SelfishMiningMdp,
} from './selfish-mining-mdp.js';
import { requireInRange, requireInteger, requireProbability } from './validate.js';

export const DEFAULT_TRUNCATION = 30;

interface GainEstimate {
  readonly lower: number;
  readonly upper: number;
  readonly policy: Policy;
  readonly converged: boolean;
}

/**
 * Relative value iteration for reward (1−ρ)·A − ρ·H. `values` is a warm start and is updated in
 * place. Stops when the gain bounds are within `tolerance`, or earlier once their sign is known
 * (`stopOnSign`: lower > signMargin or upper < signMargin).
 */
function gainFor(mdp: SelfishMiningMdp, rho: number, values: Float64Array, tolerance: number, maxIterations: number, stopOnSign = false, signMargin = 0): GainEstimate {
  const n = mdp.stateCount;
  const { actionStart, rewardAttacker, rewardHonest, transitionStart, transitionNext, transitionProb } = mdp;
  const next = new Float64Array(n);
  const policy = new Int32Array(n);
  const ref = stateIndex(mdp.truncation, 0, 1, IRRELEVANT);
  let lower = Number.NEGATIVE_INFINITY;
  let upper = Number.POSITIVE_INFINITY;
  let converged = false;
  for (let it = 0; it < maxIterations && !converged; it++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let s = 0; s < n; s++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = -1;
      const end = actionStart[s + 1] as number;
      for (let i = actionStart[s] as number; i < end; i++) {
        let q = (1 - rho) * (rewardAttacker[i] as number) - rho * (rewardHonest[i] as number);
        const tEnd = transitionStart[i + 1] as number;
        for (let t = transitionStart[i] as number; t < tEnd; t++) q += (transitionProb[t] as number) * (values[transitionNext[t] as number] as number);
        if (q > best + 1e-13) {
          best = q;
          arg = i;
        }
      }
      next[s] = best;
      policy[s] = arg;
      const diff = best - (values[s] as number);
      if (diff < lo) lo = diff;
      if (diff > hi) hi = diff;
    }
    const offset = next[ref] as number;
    for (let s = 0; s < n; s++) values[s] = (next[s] as number) - offset;
    lower = lo;
    upper = hi;
    converged = hi - lo < tolerance || (stopOnSign && (lo > signMargin || hi < signMargin));
  }
  return { lower, upper, policy, converged };
}

export interface OptimalOptions {
  /** Truncation T of the MDP (default 30). */
  readonly truncation?: number;
  /** Convergence tolerance on the gain (default 1e-10). */
  readonly tolerance?: number;
}

export interface OptimalSelfishMining {
  readonly alpha: number;
  readonly gamma: number;
  readonly truncation: number;
  /** Relative revenue of the best policy found (achieved exactly by `policy` in the truncated MDP). */
  readonly relativeRevenue: number;
  /** Upper bound of g(ρ) at the last ρ: 0 up to tolerance at convergence. */
  readonly gainUpper: number;
  readonly policy: Policy;
  readonly mdp: SelfishMiningMdp;
  /** Dinkelbach steps taken. */
  readonly iterations: number;
  /** False if value iteration hit its iteration cap (the revenue is still achieved by `policy`). */
  readonly converged: boolean;
}

const MAX_RVI_ITERATIONS = 100_000;
const COARSE_TOLERANCE = 1e-6;

export function optimalSelfishMining(alpha: number, gamma: number, options: OptimalOptions = {}): OptimalSelfishMining {
  const truncation = options.truncation ?? DEFAULT_TRUNCATION;
  const tolerance = options.tolerance ?? 1e-10;
  requireInRange(tolerance, 'tolerance', 1e-14, 1e-2);
  const mdp = buildSelfishMiningMdp(alpha, gamma, truncation);
  let policy = honestPolicy(mdp);
  let rho = alpha; // honest mining earns exactly α
  if (alpha === 0) return { alpha, gamma, truncation, relativeRevenue: 0, gainUpper: 0, policy, mdp, iterations: 0, converged: true };
  const values = new Float64Array(mdp.stateCount);
  let gainUpper = Number.POSITIVE_INFINITY;
  let iterations = 0;
  let converged = true;
  // Coarse tolerance first (cheap policy improvement), then the requested one to certify.
  let tol = Math.max(tolerance, COARSE_TOLERANCE);
  for (; iterations < 100; iterations++) {
    const g = gainFor(mdp, rho, values, tol, MAX_RVI_ITERATIONS);
    gainUpper = g.upper;
    converged = g.converged;
    const revenue = g.upper <= tol ? rho : evaluatePolicy(mdp, g.policy).relativeRevenue;
    if (revenue > rho) {
      rho = revenue;
      policy = g.policy;
    } else if (tol > tolerance) {
      tol = tolerance;
    } else {
      break;
    }
  }
  return { alpha, gamma, truncation, relativeRevenue: rho, gainUpper, policy, mdp, iterations, converged };
}

export interface ThresholdOptions {
  readonly truncation?: number;
  /** Width of the final bracket on α (default 1e-5). */
  readonly precision?: number;
}

/** Whether some policy earns more than α: sign of g(ρ = α), since honest mining has g = 0 there. */
export function selfishMiningProfitable(alpha: number, gamma: number, truncation = DEFAULT_TRUNCATION, values?: Float64Array): boolean {
  if (alpha === 0) return false;
  const mdp = buildSelfishMiningMdp(alpha, gamma, truncation);
  const v = values && values.length === mdp.stateCount ? values : new Float64Array(mdp.stateCount);
  const margin = 1e-11;
  const g = gainFor(mdp, alpha, v, 1e-13, MAX_RVI_ITERATIONS, true, margin);
  return g.lower > margin;
}

/**
 * Profit threshold of optimal selfish mining for a given γ: the smallest α at which some policy
 * beats honest mining, bracketed by bisection to `precision`. Returns the upper end of the bracket
 * (profitable). Assumes profitability is monotone in α.
 */
export function optimalProfitThreshold(gamma: number, options: ThresholdOptions = {}): number {
  requireProbability(gamma, 'gamma (tie-break share)');
  const truncation = requireInteger(options.truncation ?? DEFAULT_TRUNCATION, 'truncation', MIN_TRUNCATION, MAX_TRUNCATION);
  const precision = requireInRange(options.precision ?? 1e-5, 'precision', 1e-9, 0.1);
  const values = new Float64Array(3 * (truncation + 1) * (truncation + 1));
  let lo = 0;
  let hi = 0.5;
  if (!selfishMiningProfitable(hi, gamma, truncation, values)) throw new UsageError(`invalid gamma: ${gamma} (no profitable α ≤ 0.5 found)`);
  while (hi - lo > precision) {
    const mid = (lo + hi) / 2;
    if (selfishMiningProfitable(mid, gamma, truncation, values)) hi = mid;
    else lo = mid;
  }
  return hi;
}
