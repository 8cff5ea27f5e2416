/**
 * @module Tests for the Eyal–Sirer closed form: values computed by hand from eq. (8), the
 * threshold values stated in the paper (γ = 0 → ⅓, γ = ½ → ¼, γ = 1 → 0), and the equivalence
 * "R(α, γ) > α ⇔ α > (1−γ)/(3−2γ)".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../domain/errors.js';
import { eyalSirerAdvantage, eyalSirerRevenue, eyalSirerThreshold } from './selfish-mining.js';

describe('eyalSirerRevenue', () => {
  it('matches hand computations', () => {
    // α = 0.4, γ = 0: numerator 0.4·0.36·1.6 − 0.064 = 0.1664; denominator 1 − 0.4·1.64 = 0.344 → 104/215.
    expect(eyalSirerRevenue(0.4, 0)).toBeCloseTo(104 / 215, 14);
    // α = ⅓, γ = 0: (16/81 − 3/81) / (13/27) = 1/3 (the γ = 0 break-even point).
    expect(eyalSirerRevenue(1 / 3, 0)).toBeCloseTo(1 / 3, 14);
    // α = ¼, γ = ½: 0.16015625 / 0.640625 = ¼ (the γ = ½ break-even point).
    expect(eyalSirerRevenue(0.25, 0.5)).toBeCloseTo(0.25, 14);
    // α = 0.35, γ = 0: 0.16415 / 0.447875.
    expect(eyalSirerRevenue(0.35, 0)).toBeCloseTo(0.16415 / 0.447875, 14);
  });

  it('is 0 at α = 0 and 1 at α = ½ for every γ', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (g) => {
        expect(eyalSirerRevenue(0, g)).toBe(0);
        expect(eyalSirerRevenue(0.5, g)).toBeCloseTo(1, 13);
      }),
    );
  });

  it('increases with γ and stays in [0, 1]', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.99, noNaN: true }), (a, g) => {
        const r = eyalSirerRevenue(a, g);
        expect(r).toBeGreaterThanOrEqual(-1e-15);
        expect(r).toBeLessThanOrEqual(1 + 1e-12);
        expect(eyalSirerRevenue(a, g + 0.01)).toBeGreaterThanOrEqual(r - 1e-15);
      }),
    );
  });
});

describe('eyalSirerThreshold', () => {
  it('gives the paper’s values: γ = 0 → ⅓, γ = ½ → ¼, γ = 1 → 0', () => {
    expect(eyalSirerThreshold(0)).toBeCloseTo(1 / 3, 15);
    expect(eyalSirerThreshold(0.5)).toBeCloseTo(0.25, 15);
    expect(eyalSirerThreshold(1)).toBe(0);
  });

  it('R(α, γ) > α exactly when α is above the threshold', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.499, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, g) => {
        const t = eyalSirerThreshold(g);
        fc.pre(Math.abs(a - t) > 1e-6);
        expect(eyalSirerAdvantage(a, g) > 0).toBe(a > t);
      }),
    );
  });
});

describe('validation', () => {
  it('rejects α outside [0, ½] and γ outside [0, 1]', () => {
    expect(() => eyalSirerRevenue(0.6, 0)).toThrow(UsageError);
    expect(() => eyalSirerRevenue(0.6, 0)).toThrow('invalid alpha (attacker hash share): 0.6');
    expect(() => eyalSirerRevenue(0.3, -0.1)).toThrow('invalid gamma (tie-break share): -0.1');
    expect(() => eyalSirerThreshold(Number.NaN)).toThrow(UsageError);
  });
});
