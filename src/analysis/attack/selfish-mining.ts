/**
 * @module Selfish mining, Eyal & Sirer (2014, "Majority is not Enough", §4, eq. (8)): the relative
 * revenue of their strategy (SM1) for an attacker with hash share α whose block wins a tie among a
 * share γ of the honest miners, and the profit threshold α > (1−γ)/(3−2γ). Model: zero
 * propagation delay, one attacker, revenue = attacker's share of main-chain blocks in the long run
 * (i.e. after difficulty adjusts).
 */
import { requireInRange, requireProbability } from './validate.js';

function checkAlphaGamma(alpha: number, gamma: number): void {
  requireInRange(alpha, 'alpha (attacker hash share)', 0, 0.5);
  requireProbability(gamma, 'gamma (tie-break share)');
}

/**
 * R(α, γ) = [α(1−α)²(4α + γ(1−2α)) − α³] / [1 − α(1 + (2−α)α)], for 0 ≤ α ≤ 1/2.
 * (The denominator is > 0 on that range: it equals 1/8 at α = 1/2.)
 */
export function eyalSirerRevenue(alpha: number, gamma: number): number {
  checkAlphaGamma(alpha, gamma);
  const a = alpha;
  const num = a * (1 - a) ** 2 * (4 * a + gamma * (1 - 2 * a)) - a ** 3;
  const den = 1 - a * (1 + (2 - a) * a);
  return num / den;
}

/** Smallest α above which SM1 beats honest mining: (1−γ)/(3−2γ) (γ=0 → 1/3, γ=½ → 1/4, γ=1 → 0). */
export function eyalSirerThreshold(gamma: number): number {
  requireProbability(gamma, 'gamma (tie-break share)');
  return (1 - gamma) / (3 - 2 * gamma);
}

/** SM1's revenue minus honest revenue α: > 0 exactly when α is above the threshold. */
export function eyalSirerAdvantage(alpha: number, gamma: number): number {
  return eyalSirerRevenue(alpha, gamma) - alpha;
}
