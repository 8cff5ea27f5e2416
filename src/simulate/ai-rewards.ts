/**
 * @module Reward rules for the AI compute market: pay-per-work (pro rata to verified work),
 * Yuma-style stake-weighted consensus (Bittensor: each provider's consensus weight is the highest
 * weight supported by at least κ of validator stake; validator weights are clipped to it; incentive
 * is the stake-weighted sum of clipped weights, normalised), and a per-entity emission cap
 * (water-filling: capped entities get the cap, the excess goes pro rata to the others).
 */

/** Shares proportional to work (all zero if no work). */
export function payPerWork(work: Float64Array): Float64Array {
  let total = 0;
  for (let i = 0; i < work.length; i++) total += work[i]!;
  return work.map((x) => (total > 0 ? x / total : 0));
}

/**
 * Yuma consensus. `weights` is validators × providers, row v = validator v's weights (each row
 * sums to 1). Consensus C_j = max{c : Σ_v S_v·[W_vj ≥ c] ≥ κ·ΣS}; clipped W̄_vj = min(W_vj, C_j);
 * rank R_j = Σ_v S_v·W̄_vj; incentive I_j = R_j / Σ R. (Bittensor smooths the quantile with a
 * sigmoid; this is the exact stake quantile.)
 */
export function yumaIncentive(weights: Float64Array, stake: Float64Array, providers: number, kappa01: number, scratch?: { order: Int32Array }): { incentive: Float64Array; consensus: Float64Array } {
  const v = stake.length;
  let totalStake = 0;
  for (let i = 0; i < v; i++) totalStake += stake[i]!;
  const need = kappa01 * totalStake;
  const consensus = new Float64Array(providers);
  const rank = new Float64Array(providers);
  const order = scratch?.order ?? new Int32Array(v);
  for (let j = 0; j < providers; j++) {
    for (let i = 0; i < v; i++) order[i] = i;
    const col = (i: number) => weights[i * providers + j]!;
    const idx = Array.from(order.subarray(0, v)).sort((a, b) => col(b) - col(a));
    let acc = 0;
    let c = 0;
    for (const i of idx) {
      acc += stake[i]!;
      if (acc >= need) {
        c = col(i);
        break;
      }
    }
    consensus[j] = c;
    let r = 0;
    for (let i = 0; i < v; i++) r += stake[i]! * Math.min(col(i), c);
    rank[j] = r;
  }
  let total = 0;
  for (let j = 0; j < providers; j++) total += rank[j]!;
  return { incentive: rank.map((r) => (total > 0 ? r / total : 0)), consensus };
}

/**
 * Cap each share at `cap01` and hand the excess to uncapped entities pro rata, repeating until no
 * share exceeds the cap. If every entity is capped (n·cap < Σ), the remainder is not paid.
 */
export function capShares(share: Float64Array, cap01: number): Float64Array {
  const out = Float64Array.from(share);
  const capped = new Uint8Array(out.length);
  for (let round = 0; round <= out.length; round++) {
    let excess = 0;
    let freeTotal = 0;
    for (let i = 0; i < out.length; i++) {
      if (capped[i] === 1) continue;
      if (out[i]! > cap01) {
        excess += out[i]! - cap01;
        out[i] = cap01;
        capped[i] = 1;
      } else freeTotal += out[i]!;
    }
    if (excess <= 0) break;
    if (freeTotal <= 0) break;
    // Each free entity gets its proportional part of the excess; out[i] / freeTotal ≤ 1 never overflows
    // (1 + excess / freeTotal would, for a tiny free total).
    for (let i = 0; i < out.length; i++) if (capped[i] === 0) out[i] = out[i]! + excess * (out[i]! / freeTotal);
  }
  return out;
}
