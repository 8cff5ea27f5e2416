import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestResponseDynamics, tullockEquilibrium } from './oligopoly.js';

// Arnosti & Weinberg, "Bitcoin: A Natural Oligopoly" (ITCS 2019): n miners, cost c_i per unit of
// hash, reward q_i^a / Σ q_j^a. For a = 1 the equilibrium has share_i = 1 − (m−1)c_i/Σ_active c.
describe('Arnosti–Weinberg equilibrium (a = 1)', () => {
  it('two miners with costs 1 and 2 (hand computation)', () => {
    // H = (m−1)R/Σc = 1/3; share_1 = 1 − 1/3 = 2/3, q_1 = 2/9; q_2 = 1/9. Check FOC: R·q_2/H² = (1/9)/(1/9) = 1 = c_1.
    const eq = tullockEquilibrium([1, 2]);
    expect(eq.share01[0]).toBeCloseTo(2 / 3, 14);
    expect(eq.hash[0]).toBeCloseTo(2 / 9, 14);
    expect(eq.hash[1]).toBeCloseTo(1 / 9, 14);
  });

  it('three miners 10 % apart: shares 13/33, 11/33, 9/33 (hand computation)', () => {
    // Σc = 3.3, m − 1 = 2: 1 − 2/3.3 = 1.3/3.3, 1 − 2.2/3.3 = 1.1/3.3, 1 − 2.4/3.3 = 0.9/3.3.
    const eq = tullockEquilibrium([1, 1.1, 1.2]);
    expect(Array.from(eq.share01)).toEqual([13 / 33, 11 / 33, 9 / 33].map((x) => expect.closeTo(x, 12) as unknown as number));
  });

  it('a miner whose cost is too high stays out: costs (1, 1, 3) → (½, ½, 0)', () => {
    // The third would enter only if 3 < (1 + 1 + 3)/2 = 2.5.
    const eq = tullockEquilibrium([1, 3, 1]);
    expect(Array.from(eq.share01)).toEqual([0.5, 0, 0.5]);
  });

  it('agent dynamics (iterated best responses) converge to the closed form for 2 and 3 miners', () => {
    for (const cost of [[1, 2], [1, 1.1, 1.2], [0.8, 1, 1.5]]) {
      const dyn = bestResponseDynamics(cost);
      const eq = tullockEquilibrium(cost);
      cost.forEach((_, i) => expect(dyn.share01[i]).toBeCloseTo(eq.share01[i]!, 6));
    }
  });

  it('lower cost → disproportionately larger share when three or more miners are active', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 3, maxLength: 8 }), (cost) => {
        const eq = tullockEquilibrium(cost);
        const active = cost.map((_, i) => i).filter((i) => eq.share01[i]! > 0);
        for (const i of active) {
          for (const j of active) {
            // A–W bound: share_j ≥ 1 − c_j/c_i whenever i invests.
            if (eq.share01[j]! < 1 - cost[j]! / cost[i]! - 1e-12) return false;
            // Strictly more than proportional: share_i/share_j > c_j/c_i when c_i < c_j (proved in docs/simulation.md).
            if (active.length >= 3 && cost[i]! < cost[j]! * (1 - 1e-9) && !(eq.share01[i]! * cost[i]! > eq.share01[j]! * cost[j]!)) return false;
          }
        }
        return Math.abs(eq.share01.reduce((a, b) => a + b, 0) - 1) < 1e-12;
      }),
    );
  });

  it('with economies of scale (a = 2), every active miner ends with at least 1 − 1/a of the hash', () => {
    const dyn = bestResponseDynamics([1, 1, 1], { scaleExponent: 2, maxRounds: 500, tol: 1e-9 });
    const active = Array.from(dyn.share01).filter((s) => s > 1e-6);
    expect(active.length).toBeLessThanOrEqual(2); // at most a/(a−1) = 2 miners
    for (const s of active) expect(s).toBeGreaterThanOrEqual(0.5 - 1e-3);
  });

  it('rejects invalid costs', () => {
    expect(() => tullockEquilibrium([1])).toThrow(/at least 2/);
    expect(() => tullockEquilibrium([1, 0])).toThrow(/invalid cost at index 1/);
    expect(() => bestResponseDynamics([1, 2], { scaleExponent: 0.5 })).toThrow(/scale exponent/);
  });
});
