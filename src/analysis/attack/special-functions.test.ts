/**
 * @module Tests for the special functions against closed forms: Γ at integers and ½, the
 * incomplete beta's elementary cases (b = 1, a = 1, a = b = ½) and its reflection symmetry.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logAddExp, logGamma, LogSum, regularizedIncompleteBeta } from './special-functions.js';

describe('logGamma', () => {
  it('matches ln((n−1)!) and Γ(½) = √π', () => {
    let fact = 1;
    for (let n = 1; n <= 20; n++) {
      expect(logGamma(n)).toBeCloseTo(Math.log(fact), 12);
      fact *= n;
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 13);
  });

  it('satisfies Γ(x+1) = x·Γ(x), including x < ½ (reflection branch)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 200, noNaN: true }), (x) => {
        expect(logGamma(x + 1)).toBeCloseTo(Math.log(x) + logGamma(x), 9);
      }),
    );
  });

  it('rejects x ≤ 0', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
  });
});

describe('LogSum / logAddExp', () => {
  it('sums without overflow and agrees with the naive sum where that is finite', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 30 }), (ls) => {
        const s = new LogSum();
        for (const l of ls) s.add(l);
        expect(s.log()).toBeCloseTo(Math.log(ls.reduce((a, l) => a + Math.exp(l), 0)), 9);
      }),
    );
    const big = new LogSum();
    big.add(1000);
    big.add(1000);
    expect(big.log()).toBeCloseTo(1000 + Math.LN2, 12);
    expect(new LogSum().log()).toBe(Number.NEGATIVE_INFINITY);
    expect(logAddExp(-2000, -2000)).toBeCloseTo(-2000 + Math.LN2, 12);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 3)).toBe(3);
  });
});

describe('regularizedIncompleteBeta', () => {
  const x01 = fc.double({ min: 0.001, max: 0.999, noNaN: true });
  const ab = fc.double({ min: 0.1, max: 50, noNaN: true });

  it('I_x(a, 1) = x^a and I_x(1, b) = 1 − (1−x)^b', () => {
    fc.assert(
      fc.property(x01, ab, (x, a) => {
        expect(regularizedIncompleteBeta(x, a, 1)).toBeCloseTo(x ** a, 11);
        expect(regularizedIncompleteBeta(x, 1, a)).toBeCloseTo(1 - (1 - x) ** a, 11);
      }),
    );
  });

  it('I_x(½, ½) = (2/π)·arcsin(√x)', () => {
    fc.assert(
      fc.property(x01, (x) => {
        expect(regularizedIncompleteBeta(x, 0.5, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(x)), 11);
      }),
    );
  });

  it('is symmetric: I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    fc.assert(
      fc.property(x01, ab, ab, (x, a, b) => {
        expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(1 - regularizedIncompleteBeta(1 - x, b, a), 10);
      }),
    );
  });

  it('takes the end points and rejects bad arguments', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(() => regularizedIncompleteBeta(1.5, 2, 3)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(0.5, 0, 3)).toThrow(RangeError);
  });
});
