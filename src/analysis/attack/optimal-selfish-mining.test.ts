/**
 * @module Tests for the optimal selfish-mining solver: Sapirshtein, Sompolinsky & Zohar (2016)
 * Table 1 values for γ = 0, the properties optimal ≥ max(α, SM1) and optimal ≤ α/(1−α), the
 * profit threshold against SM1's, and the time budget for T = 30.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { optimalProfitThreshold, optimalSelfishMining, selfishMiningProfitable } from './optimal-selfish-mining.js';
import { evaluatePolicy, sm1Policy } from './selfish-mining-mdp.js';
import { eyalSirerThreshold } from './selfish-mining.js';

describe('optimalSelfishMining', () => {
  it.each([
    [1 / 3, '0.33705'],
    [0.35, '0.37077'],
  ])('α = %f, γ = 0 → %s (Sapirshtein et al. 2016, Table 1; T = 60)', (alpha, expected) => {
    const r = optimalSelfishMining(alpha, 0, { truncation: 60 });
    expect(r.converged).toBe(true);
    expect(r.relativeRevenue.toFixed(5)).toBe(expected);
  });

  it('solves T = 30 (the default) in < 2 s (α = 0.4) and lands within 1e-4 below the paper at α = ⅓', () => {
    const t0 = performance.now();
    const r = optimalSelfishMining(0.4, 0);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.truncation).toBe(30);
    expect(r.gainUpper).toBeLessThanOrEqual(1e-10);
    // Truncation only removes policies: the T = 30 optimum is a lower bound of the paper's 0.33705.
    const third = optimalSelfishMining(1 / 3, 0).relativeRevenue;
    expect(third).toBeLessThanOrEqual(0.337055);
    expect(third).toBeGreaterThan(0.33705 - 1e-4);
  });

  it('reports a revenue its policy achieves (re-evaluated independently)', () => {
    const r = optimalSelfishMining(0.3, 0.5, { truncation: 20 });
    expect(evaluatePolicy(r.mdp, r.policy).relativeRevenue).toBeCloseTo(r.relativeRevenue, 10);
  });

  it('optimal ≥ max(α, SM1 in the same MDP) and ≤ α/(1−α)', () => {
    // Upper bound: the attacker earns ≤ α blocks per step and every orphaned honest block is
    // replaced by an accepted attacker block, so A/(A+H) ≤ A/(1−α) ≤ α/(1−α).
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.45, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, g) => {
        const r = optimalSelfishMining(a, g, { truncation: 15 });
        const sm1 = evaluatePolicy(r.mdp, sm1Policy(r.mdp)).relativeRevenue;
        expect(r.relativeRevenue).toBeGreaterThanOrEqual(a - 1e-12);
        expect(r.relativeRevenue).toBeGreaterThanOrEqual(sm1 - 1e-9);
        expect(r.relativeRevenue).toBeLessThanOrEqual(a / (1 - a) + 1e-12);
      }),
      { numRuns: 8 },
    );
  });

  it('reaches the bound α/(1−α) when the attacker wins every tie (γ = 1), up to truncation', () => {
    // With γ = 1 a withheld block can always be matched against, and win over, the next honest block.
    expect(optimalSelfishMining(0.3, 1).relativeRevenue).toBeCloseTo(0.3 / 0.7, 4);
  });

  it('is honest mining (revenue α) below the threshold and α = 0 earns 0', () => {
    expect(optimalSelfishMining(0.3, 0).relativeRevenue).toBeCloseTo(0.3, 12);
    expect(optimalSelfishMining(0, 0.5).relativeRevenue).toBe(0);
  });

  it('rejects bad options', () => {
    expect(() => optimalSelfishMining(0.3, 0, { truncation: 500 })).toThrow('invalid truncation: 500');
    expect(() => optimalSelfishMining(0.3, 0, { tolerance: 0 })).toThrow('invalid tolerance: 0');
  });
});

describe('optimalProfitThreshold', () => {
  it('γ = 0: ≈ 0.3294, below SM1’s ⅓ (the brief’s ≈ 0.329)', () => {
    const t = optimalProfitThreshold(0);
    expect(t).toBeGreaterThan(0.329);
    expect(t).toBeLessThan(0.3297);
    expect(selfishMiningProfitable(t + 1e-3, 0)).toBe(true);
    expect(selfishMiningProfitable(t - 1e-3, 0)).toBe(false);
  });

  it('never exceeds SM1’s threshold (γ = 0.25, 0.5, 1)', () => {
    for (const g of [0.25, 0.5, 1]) {
      const t = optimalProfitThreshold(g, { precision: 1e-4 });
      expect(t).toBeLessThanOrEqual(eyalSirerThreshold(g) + 1e-4);
    }
    expect(optimalProfitThreshold(1, { precision: 1e-4 })).toBeLessThanOrEqual(1e-4);
  });
});
