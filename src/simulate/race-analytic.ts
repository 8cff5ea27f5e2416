/**
 * @module Closed forms the block-race simulator is checked against: Eyal–Sirer selfish-mining
 * revenue, the fork (stale) probability 1 − e^{−d/T}, and a first-order orphan model for honest
 * miners with propagation delays (which shows why latency favours large miners).
 */

/**
 * Relative revenue of a selfish pool with hash share α and tie-break share γ (Eyal & Sirer 2014,
 * eq. (8)): R = [α(1−α)²(4α+γ(1−2α)) − α³] / [1 − α(1+(2−α)α)].
 */
export function selfishRevenue(alpha: number, gamma: number): number {
  const a = alpha;
  return (a * (1 - a) ** 2 * (4 * a + gamma * (1 - 2 * a)) - a ** 3) / (1 - a * (1 + (2 - a) * a));
}

/** Threshold above which selfish mining pays (Eyal & Sirer 2014, eq. (9)): (1−γ)/(3−2γ). */
export function selfishThreshold(gamma: number): number {
  return (1 - gamma) / (3 - 2 * gamma);
}

/** Probability that another block is found while one propagates for `delaySec`: 1 − e^{−d/T}. */
export function forkProbability(delaySec: number, meanIntervalSec = 600): number {
  return 1 - Math.exp(-delaySec / meanIntervalSec);
}

/**
 * First-order orphan probability of a block found by party i, honest miners, delays d (per finder):
 * as the earlier block of a fork (another party j finds within d_i, then j's side — only j — wins
 * the next block) and as the later one (j found first, i finds within d_j, then everyone but i
 * mines on j's block). p_i = Σ_{j≠i} [(1−e^{−α_j d_i/T})·α_j + (α_j/α_i)(1−e^{−α_i d_j/T})(1−α_i)].
 * Neglects forks of three or more blocks (terms of order (d/T)²).
 */
export function orphanProbabilities(share01: ArrayLike<number>, delaySec: ArrayLike<number>, meanIntervalSec = 600): Float64Array {
  const k = share01.length;
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const ai = share01[i]!;
    let p = 0;
    for (let j = 0; j < k; j++) {
      if (j === i) continue;
      const aj = share01[j]!;
      p += (1 - Math.exp((-aj * delaySec[i]!) / meanIntervalSec)) * aj;
      if (ai > 0) p += (aj / ai) * (1 - Math.exp((-ai * delaySec[j]!) / meanIntervalSec)) * (1 - ai);
    }
    out[i] = p;
  }
  return out;
}

/** Stale rate and revenue share per party implied by `orphanProbabilities`. */
export function honestRaceApprox(share01: ArrayLike<number>, delaySec: ArrayLike<number>, meanIntervalSec = 600): { staleRate01: number; revenueShare01: Float64Array } {
  const p = orphanProbabilities(share01, delaySec, meanIntervalSec);
  const k = share01.length;
  const kept = new Float64Array(k);
  let total = 0;
  let stale = 0;
  for (let i = 0; i < k; i++) {
    kept[i] = share01[i]! * (1 - p[i]!);
    total += kept[i]!;
    stale += share01[i]! * p[i]!;
  }
  for (let i = 0; i < k; i++) kept[i] = kept[i]! / total;
  return { staleRate01: stale, revenueShare01: kept };
}
