/**
 * @module Monte Carlo cross-checks: the simulated double-spend race against the exact formula,
 * and the simulated Eyal–Sirer state machine against the closed form, each within 3 standard
 * errors (fixed seeds, so the runs are reproducible).
 */
import { describe, expect, it } from 'vitest';
import { exactProbability, nakamotoProbability } from './double-spend.js';
import { simulateDoubleSpend, simulateEyalSirer } from './monte-carlo.js';
import { Rng } from '../../random/prng.js';
import { eyalSirerRevenue } from './selfish-mining.js';

describe('double-spend race simulation', () => {
  it.each([
    [0.1, 1, 11],
    [0.3, 3, 12],
    [0.25, 6, 13],
    [0.4, 4, 14],
  ])('q = %f, z = %i agrees with the exact formula within 3σ (seed %i)', (q, z, seed) => {
    const run = simulateDoubleSpend(q, z, 40_000, Rng.forReplicate(seed, 0));
    const p = exactProbability(q, z);
    const sigma = Math.sqrt((p * (1 - p)) / run.trials);
    expect(run.capped).toBe(0);
    expect(Math.abs(run.estimate - p)).toBeLessThan(3 * sigma);
  });

  it('distinguishes the exact model from Nakamoto’s where they differ (q = 0.3, z = 5)', () => {
    // exact ≈ 0.198, Nakamoto ≈ 0.177: a 40,000-trial run (σ ≈ 0.002) separates them.
    const run = simulateDoubleSpend(0.3, 5, 40_000, Rng.forReplicate(21, 0));
    expect(Math.abs(run.estimate - exactProbability(0.3, 5))).toBeLessThan(3 * run.standardError);
    expect(Math.abs(run.estimate - nakamotoProbability(0.3, 5))).toBeGreaterThan(5 * run.standardError);
  });

  it('overtake rule matches the exact overtake probability', () => {
    const run = simulateDoubleSpend(0.35, 2, 40_000, Rng.forReplicate(31, 0), { extraBlocks: 1 });
    const p = exactProbability(0.35, 2, { rule: 'overtake' });
    expect(Math.abs(run.estimate - p)).toBeLessThan(3 * Math.sqrt((p * (1 - p)) / run.trials));
  });

  it('counts races stopped by the step cap', () => {
    const run = simulateDoubleSpend(0.45, 3, 200, Rng.forReplicate(1, 0), { maxSteps: 5, maxDeficit: 1000 });
    expect(run.capped + run.successes).toBe(run.trials);
    expect(run.capped).toBeGreaterThan(0);
  });
});

describe('Eyal–Sirer state machine simulation', () => {
  it.each([
    [0.2, 0, 41],
    [1 / 3, 0, 42],
    [0.4, 0.5, 43],
    [0.3, 1, 44],
    [0.45, 0.25, 45],
  ])('α = %f, γ = %f agrees with the closed form within 3σ (seed %i)', (alpha, gamma, seed) => {
    const run = simulateEyalSirer(alpha, gamma, 400_000, Rng.forReplicate(seed, 0));
    expect(run.standardError).toBeGreaterThan(0);
    expect(run.standardError).toBeLessThan(0.005);
    expect(Math.abs(run.estimate - eyalSirerRevenue(alpha, gamma))).toBeLessThan(3 * run.standardError);
  });
});
