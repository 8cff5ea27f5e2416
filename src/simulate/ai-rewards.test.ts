import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capShares, payPerWork, yumaIncentive } from './ai-rewards.js';

describe('Yuma consensus', () => {
  it('matches a hand-computed 3-validator, 2-provider case', () => {
    // Stakes 0.4, 0.35, 0.25; weights v1 (0.9, 0.1), v2 (0.5, 0.5), v3 (0.2, 0.8); κ = 0.5.
    // Provider 0, weights descending: 0.9 (stake .4, cum .4 < .5), 0.5 (cum .75 ≥ .5) → C0 = 0.5.
    // Provider 1: 0.8 (cum .25), 0.5 (cum .6) → C1 = 0.5.
    // Clipped weights min(W, C): v1 (0.5, 0.1), v2 (0.5, 0.5), v3 (0.2, 0.5).
    // R0 = .4·.5 + .35·.5 + .25·.2 = 0.425; R1 = .4·.1 + .35·.5 + .25·.5 = 0.34; I = (0.425, 0.34)/0.765 = (5/9, 4/9).
    const w = Float64Array.from([0.9, 0.1, 0.5, 0.5, 0.2, 0.8]);
    const { incentive, consensus } = yumaIncentive(w, Float64Array.from([0.4, 0.35, 0.25]), 2, 0.5);
    expect(Array.from(consensus)).toEqual([0.5, 0.5]);
    expect(incentive[0]).toBeCloseTo(5 / 9, 14);
    expect(incentive[1]).toBeCloseTo(4 / 9, 14);
  });

  it('clips a minority validator that inflates one provider: its extra weight earns nothing', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.49, noNaN: true }), fc.double({ min: 0.01, max: 0.9, noNaN: true }), (minority, bias) => {
        // Two providers; honest validators (stake 1 − minority) weigh them (0.5, 0.5).
        const honest = Float64Array.from([0.5, 0.5, 0.5, 0.5]);
        const colluding = Float64Array.from([0.5, 0.5, 0.5 + bias / 2, 0.5 - bias / 2]);
        const stake = Float64Array.from([1 - minority, minority]);
        const a = yumaIncentive(honest, stake, 2, 0.5).incentive;
        const b = yumaIncentive(colluding, stake, 2, 0.5).incentive;
        // Provider 0's consensus stays 0.5, so the colluder's surplus is clipped; provider 1 loses a little.
        return b[0]! >= a[0]! - 1e-12 && b[0]! * (1 - minority * bias / 2) <= 0.5 + 1e-12;
      }),
    );
  });
});

describe('emission cap (water-filling)', () => {
  it('caps (0.5, 0.3, 0.2) at 0.4 as (0.4, 0.36, 0.24) (hand computation)', () => {
    // Excess 0.1 goes 3:2 to the others: +0.06, +0.04.
    const out = capShares(Float64Array.from([0.5, 0.3, 0.2]), 0.4);
    expect(out[0]).toBeCloseTo(0.4, 14);
    expect(out[1]).toBeCloseTo(0.36, 14);
    expect(out[2]).toBeCloseTo(0.24, 14);
  });

  it('cascades: (0.6, 0.35, 0.05) at cap 0.4 → (0.4, 0.4, 0.2)', () => {
    // Round 1: excess 0.2 → 0.35·(1 + 0.2/0.4) = 0.525, 0.075; round 2: excess 0.125 → 0.075 + 0.125 = 0.2.
    const out = capShares(Float64Array.from([0.6, 0.35, 0.05]), 0.4);
    expect(Array.from(out).map((x) => Number(x.toFixed(12)))).toEqual([0.4, 0.4, 0.2]);
  });

  it('a tiny free share takes the whole excess without overflow (found by fast-check: [≈1, 5e-324], cap ½)', () => {
    const out = capShares(Float64Array.from([1 - 5e-324, 5e-324]), 0.5000000005);
    expect([...out].every(Number.isFinite)).toBe(true);
    expect(out[0]).toBe(0.5000000005);
    expect(out[1]).toBeLessThanOrEqual(0.5000000005 + 1e-12);
  });

  it('never exceeds the cap, keeps the total when n·cap ≥ 1, and keeps the order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.double({ min: 0.01, max: 1, noNaN: true }), (raw, cap) => {
        const share = payPerWork(Float64Array.from(raw));
        const total = share.reduce((a, b) => a + b, 0);
        if (total === 0) return true;
        const out = capShares(share, cap);
        const sum = out.reduce((a, b) => a + b, 0);
        if (out.some((x) => x > cap + 1e-12)) return false;
        if (cap * share.filter((x) => x > 0).length >= 1 + 1e-9 && Math.abs(sum - 1) > 1e-9) return false;
        for (let i = 0; i < out.length; i++) for (let j = 0; j < out.length; j++) if (share[i]! > share[j]! && out[i]! < out[j]! - 1e-12) return false;
        return true;
      }),
    );
  });
});
