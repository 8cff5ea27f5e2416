/**
 * @module Tests for the double-spend probabilities: the whitepaper's own tables (Nakamoto 2008,
 * §11), the exact model against Rosenfeld's finite sum, hand-derived closed forms, exact rational
 * values, the incomplete-beta form of Grunspan & Pérez-Marco, and the asymptotic decay rate 4pq.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../domain/errors.js';
import {
  confirmationsFor,
  exactLogProbability,
  exactProbability,
  exactProbabilityBeta,
  nakamotoLogProbability,
  nakamotoProbability,
} from './double-spend.js';

/** Rosenfeld (2014) eq. for q < p, summed naively (fine for small z): 1 − Σ_{k≤z} C(k+z−1,k)(p^z q^k − p^k q^z). */
function rosenfeldNaive(q: number, z: number): number {
  const p = 1 - q;
  if (z === 0) return 1;
  let s = 0;
  let c = 1; // C(k+z−1, k)
  for (let k = 0; k <= z; k++) {
    s += c * (p ** z * q ** k - p ** k * q ** z);
    c = (c * (k + z)) / (k + 1);
  }
  return 1 - s;
}

const share = fc.double({ min: 0.01, max: 0.49, noNaN: true });

describe('Nakamoto (whitepaper §11) Poisson model', () => {
  // Nakamoto (2008), "Bitcoin: A Peer-to-Peer Electronic Cash System", §11, printed to 7 decimals.
  const q01 = [1.0, 0.2045873, 0.0509779, 0.0131722, 0.0034552, 0.0009137, 0.0002428, 0.0000647, 0.0000173, 0.0000046, 0.0000012];
  const q03 = [1.0, 0.1773523, 0.0416605, 0.0101008, 0.0024804, 0.0006132, 0.0001522, 0.0000379, 0.0000095, 0.0000024, 0.0000006];

  it.each(q01.map((p, z) => [z, p]))('q = 0.1, z = %i → %f', (z, p) => {
    expect(nakamotoProbability(0.1, z).toFixed(7)).toBe(p.toFixed(7));
  });

  it.each(q03.map((p, i) => [5 * i, p]))('q = 0.3, z = %i → %f', (z, p) => {
    expect(nakamotoProbability(0.3, z).toFixed(7)).toBe(p.toFixed(7));
  });

  it.each([
    [0.1, 5],
    [0.15, 8],
    [0.2, 11],
    [0.25, 15],
    [0.3, 24],
    [0.35, 41],
    [0.4, 89],
    [0.45, 340],
  ])('"solving for P less than 0.1%%": q = %f needs z = %i', (q, z) => {
    expect(confirmationsFor(q, 0.001, 'nakamoto')).toBe(z);
  });
});

describe('exact (negative binomial) model', () => {
  it('equals Rosenfeld’s finite sum for small z', () => {
    fc.assert(
      fc.property(share, fc.integer({ min: 0, max: 40 }), (q, z) => {
        expect(exactProbability(q, z)).toBeCloseTo(rosenfeldNaive(q, z), 12);
      }),
    );
  });

  it('matches exact rational values: q = 1/10, z = 6 → 1848163/3125000000', () => {
    // Rosenfeld's sum in exact rational arithmetic (Python fractions) gives 1848163/3125000000 = 0.00059141216.
    expect(exactProbability(0.1, 6)).toBeCloseTo(1848163 / 3125000000, 15);
  });

  it('z = 1 gives 2q and z = 2 gives 1 − (p − q)(1 + 2pq) (derived by hand)', () => {
    // z = 1: the attacker's blocks before the first honest one are geometric, P(K=k) = p q^k. K ≥ 1
    // means caught up (prob. q); K = 0 leaves a deficit of 1, caught up with prob. q/p: q + p·q/p = 2q.
    fc.assert(
      fc.property(share, (q) => {
        const p = 1 - q;
        expect(exactProbability(q, 1)).toBeCloseTo(2 * q, 13);
        expect(exactProbability(q, 2)).toBeCloseTo(1 - (p - q) * (1 + 2 * p * q), 13);
      }),
    );
  });

  it('agrees with the incomplete-beta form I_{4pq}(z, ½) (Grunspan & Pérez-Marco 2017, Thm 1)', () => {
    fc.assert(
      fc.property(share, fc.integer({ min: 0, max: 2000 }), (q, z) => {
        const a = exactProbability(q, z);
        const b = exactProbabilityBeta(q, z);
        // Relative 1e-10: the beta form's prefactor exp(ln Γ… + z ln x) loses ~|ln P|·ε near underflow.
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-10 * Math.max(a, b) + 1e-300);
      }),
    );
  });

  it('reproduces the 0.1% confirmation table of the exact model (6, 9, 13, 20, 32, 58, 133, 539)', () => {
    // Independent: Rosenfeld's sum evaluated in exact rational arithmetic (Python fractions), scanning z.
    // The same numbers appear in Grunspan & Pérez-Marco (2017), "Double spend races", Table.
    const expected: [number, number][] = [[0.1, 6], [0.15, 9], [0.2, 13], [0.25, 20], [0.3, 32], [0.35, 58], [0.4, 133], [0.45, 539]];
    for (const [q, z] of expected) expect(confirmationsFor(q, 0.001, 'exact')).toBe(z);
  });

  it('decays like (4pq)^z for large z (ratio of consecutive terms → 4pq)', () => {
    for (const q of [0.1, 0.3, 0.45]) {
      const z = 100_000;
      const step = exactLogProbability(q, z + 1) - exactLogProbability(q, z);
      expect(step).toBeCloseTo(Math.log(4 * q * (1 - q)), 4);
      expect(Number.isFinite(exactLogProbability(q, z))).toBe(true);
    }
  });
});

describe('both models', () => {
  it('P = 1 for q ≥ ½ or z = 0, P = 0 for q = 0 and z ≥ 1', () => {
    for (const f of [nakamotoProbability, exactProbability]) {
      expect(f(0.5, 10)).toBe(1);
      expect(f(1, 3)).toBe(1);
      expect(f(0.2, 0)).toBe(1);
      expect(f(0, 0)).toBe(1);
      expect(f(0, 4)).toBe(0);
    }
    expect(nakamotoLogProbability(0, 4)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('decrease in z and increase in q', () => {
    fc.assert(
      fc.property(share, fc.integer({ min: 0, max: 200 }), (q, z) => {
        for (const f of [nakamotoProbability, exactProbability]) {
          expect(f(q, z + 1)).toBeLessThanOrEqual(f(q, z));
          expect(f(Math.min(0.5, q + 0.01), z)).toBeGreaterThanOrEqual(f(q, z));
        }
      }),
    );
  });

  it('Nakamoto’s approximation underestimates the exact risk for q ≤ 0.2 and z ≥ 2, not everywhere', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.2, noNaN: true }), fc.integer({ min: 2, max: 300 }), (q, z) => {
        expect(exactLogProbability(q, z)).toBeGreaterThan(nakamotoLogProbability(q, z));
      }),
    );
    // z = 1: exact 2q = 0.02 vs Nakamoto e^{−λ}·q/p + 1 − e^{−λ} ≈ 0.02005 at q = 0.01 (by hand).
    expect(nakamotoProbability(0.01, 1)).toBeGreaterThan(exactProbability(0.01, 1));
    // Near q = ½ the Poisson model is the pessimistic one (e.g. q = 0.48, z = 10).
    expect(nakamotoProbability(0.48, 10)).toBeGreaterThan(exactProbability(0.48, 10));
  });

  it('overtaking (one block more) is rarer; closed forms at z = 0 and z = 1', () => {
    fc.assert(
      fc.property(share, fc.integer({ min: 0, max: 100 }), (q, z) => {
        const p = 1 - q;
        expect(exactProbability(q, z, { rule: 'overtake' })).toBeLessThan(exactProbability(q, z));
        expect(nakamotoProbability(q, z, { rule: 'overtake' })).toBeLessThan(nakamotoProbability(q, z));
        expect(exactProbability(q, 0, { rule: 'overtake' })).toBeCloseTo(q / p, 13);
        // z = 1: Σ_k p q^k min(1, (q/p)^(2−k)) = q²/p + q² + q² (by hand).
        expect(exactProbability(q, 1, { rule: 'overtake' })).toBeCloseTo((q * q) / p + 2 * q * q, 13);
      }),
    );
  });
});

describe('confirmationsFor', () => {
  it('returns the smallest z with P < target (strict), null when q ≥ ½', () => {
    fc.assert(
      fc.property(share, fc.double({ min: 1e-8, max: 0.5, noNaN: true }), (q, target) => {
        for (const model of ['nakamoto', 'exact'] as const) {
          const z = confirmationsFor(q, target, model);
          expect(z).not.toBeNull();
          const f = model === 'exact' ? exactProbability : nakamotoProbability;
          expect(f(q, z as number)).toBeLessThan(target);
          if ((z as number) > 0) expect(f(q, (z as number) - 1)).toBeGreaterThanOrEqual(target);
        }
      }),
      { numRuns: 50 },
    );
    expect(confirmationsFor(0.5, 0.001, 'exact')).toBeNull();
    expect(confirmationsFor(0.2, 1, 'exact')).toBe(1); // P(0) = 1 is not < 1
  });

  it('finds large answers by galloping (exact, q = 0.48, target 1e-6)', () => {
    const z = confirmationsFor(0.48, 1e-6, 'exact') as number;
    expect(z).toBeGreaterThan(64);
    expect(exactProbabilityBeta(0.48, z)).toBeLessThan(1e-6);
    expect(exactProbabilityBeta(0.48, z - 1)).toBeGreaterThanOrEqual(1e-6);
  });

  it('gives up past maxZ with a UsageError', () => {
    expect(() => confirmationsFor(0.49, 1e-9, 'exact', { maxZ: 100 })).toThrow(UsageError);
  });
});

describe('validation', () => {
  it.each([
    [() => exactProbability(-0.1, 3), 'invalid q (attacker hash share): -0.1'],
    [() => exactProbability(Number.NaN, 3), 'invalid q (attacker hash share): NaN'],
    [() => nakamotoProbability(0.1, 2.5), 'invalid z (confirmations): 2.5'],
    [() => nakamotoProbability(0.1, -1), 'invalid z (confirmations): -1'],
    [() => confirmationsFor(0.1, 0, 'exact'), 'invalid target probability: 0'],
    [() => exactProbability(0.1, 3, { rule: 'ahead' as never }), 'invalid rule: ahead'],
    [() => confirmationsFor(0.6, 0.01, 'poisson' as never), 'invalid model: poisson'],
  ])('%#: throws a UsageError naming the input', (f, message) => {
    expect(f).toThrow(UsageError);
    expect(f).toThrow(message);
  });
});
