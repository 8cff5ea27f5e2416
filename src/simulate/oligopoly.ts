/**
 * @module The Arnosti–Weinberg mining game ("Bitcoin: A Natural Oligopoly", ITCS 2019): n miners
 * choose hash q_i at unit cost c_i and win a fixed prize R in proportion to q_i^a / Σ q_j^a.
 * `tullockEquilibrium` is the closed-form Nash equilibrium for a = 1; `bestResponseDynamics` is
 * the agent-based counterpart (miners repeatedly best-respond) for any a ≥ 1.
 */
import { UsageError } from '../domain/errors.js';

export interface OligopolyOutcome {
  /** Hash per miner (prize R = 1 unit of money per period). */
  readonly hash: Float64Array;
  /** Share of total hash per miner. */
  readonly share01: Float64Array;
}

function checkCosts(cost: ArrayLike<number>): void {
  if (cost.length < 2) throw new UsageError('oligopoly: need at least 2 miners');
  for (let i = 0; i < cost.length; i++) {
    const c = cost[i]!;
    if (!(c > 0) || !Number.isFinite(c)) throw new UsageError(`oligopoly: invalid cost at index ${i}: ${c} (must be > 0)`);
  }
}

/**
 * Equilibrium of the linear-cost contest (a = 1, prize R). First-order condition
 * R·(H − q_i)/H² = c_i gives q_i = H − c_i H²/R; over the active set S (|S| = m),
 * H = (m − 1)R / Σ_S c and share_i = 1 − (m − 1)c_i / Σ_S c. S is the largest prefix of miners
 * sorted by cost with c_i < Σ_S c/(m − 1); everyone else mines nothing.
 */
export function tullockEquilibrium(cost: ArrayLike<number>, prize = 1): OligopolyOutcome {
  checkCosts(cost);
  const n = cost.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => cost[a]! - cost[b]!);
  let m = 2;
  let sum = cost[order[0]!]! + cost[order[1]!]!;
  while (m < n) {
    const next = cost[order[m]!]!;
    if (next * m >= sum + next) break; // c_next ≥ (Σ + c_next)/m: the next miner would not enter
    sum += next;
    m++;
  }
  const total = ((m - 1) * prize) / sum;
  const hash = new Float64Array(n);
  const share01 = new Float64Array(n);
  for (let r = 0; r < m; r++) {
    const i = order[r]!;
    share01[i] = 1 - ((m - 1) * cost[i]!) / sum;
    hash[i] = share01[i]! * total;
  }
  return { hash, share01 };
}

/** Profit of a miner investing q against others' Σ q_j^a = rest: R q^a/(q^a + rest) − c q. */
function profit(q: number, rest: number, c: number, a: number, prize: number): number {
  if (q <= 0) return rest > 0 ? 0 : -0;
  const qa = q ** a;
  return (prize * qa) / (qa + rest) - c * q;
}

/** Best response to others' Σ q_j^a: closed form for a = 1 (√(R·X/c) − X), else grid + golden section. */
export function bestResponse(rest: number, c: number, a: number, prize = 1): number {
  if (a === 1) return Math.max(0, Math.sqrt((prize * rest) / c) - rest);
  const hi = prize / c; // never worth spending more than the prize
  let bestQ = 0;
  let bestP = 0;
  const grid = 200;
  for (let g = 1; g <= grid; g++) {
    const q = (hi * g) / grid;
    const p = profit(q, rest, c, a, prize);
    if (p > bestP) {
      bestP = p;
      bestQ = q;
    }
  }
  if (bestQ === 0) return 0;
  let lo = Math.max(0, bestQ - hi / grid);
  let up = Math.min(hi, bestQ + hi / grid);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 80; it++) {
    const x1 = up - phi * (up - lo);
    const x2 = lo + phi * (up - lo);
    if (profit(x1, rest, c, a, prize) >= profit(x2, rest, c, a, prize)) up = x2;
    else lo = x1;
  }
  const q = (lo + up) / 2;
  return profit(q, rest, c, a, prize) > 0 ? q : 0;
}

/**
 * Miners take turns best-responding (Gauss–Seidel order) from equal starting hash until no miner
 * moves by more than `tol` (relative) or `maxRounds` pass. Economies of scale enter through a ≥ 1.
 */
export function bestResponseDynamics(cost: ArrayLike<number>, options: { scaleExponent?: number; prize?: number; maxRounds?: number; tol?: number } = {}): OligopolyOutcome & { rounds: number } {
  checkCosts(cost);
  const a = options.scaleExponent ?? 1;
  if (!(a >= 1)) throw new UsageError(`oligopoly: invalid scale exponent ${a} (must be ≥ 1)`);
  const prize = options.prize ?? 1;
  const maxRounds = options.maxRounds ?? 10_000;
  const tol = options.tol ?? 1e-12;
  const n = cost.length;
  const hash = new Float64Array(n).fill(prize / (n * n * Math.max(...Array.from(cost))));
  let rounds = 0;
  for (; rounds < maxRounds; rounds++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let rest = 0;
      for (let j = 0; j < n; j++) if (j !== i) rest += hash[j]! ** a;
      const q = bestResponse(rest, cost[i]!, a, prize);
      moved = Math.max(moved, Math.abs(q - hash[i]!) / Math.max(q, hash[i]!, 1e-300));
      hash[i] = q;
    }
    if (moved <= tol) break;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += hash[i]!;
  const share01 = hash.map((q) => (total > 0 ? q / total : 0));
  return { hash, share01, rounds };
}
