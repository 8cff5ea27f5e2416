import { describe, expect, it } from 'vitest';
import type { ReplicateResult } from './record.js';
import { runScenario } from './runner.js';
import { validateScenario } from './scenario-load.js';
import { loadScenario } from '../sources/scenarios/scenario-files.js';
import { quantileSorted, summarize } from './summary.js';
import { grid, parseParamValue, setPath, sweep } from './sweep.js';

async function smallRace(blocks = 20_000) {
  return validateScenario(setPath(await loadScenario('selfish-mining'), 'blocks', blocks), 'test');
}

describe('runScenario', () => {
  it('gives identical results on 1 and 2 worker threads and in-process', async () => {
    const s = await smallRace();
    const opts = { runs: 6, seed: 99 };
    const one = await runScenario(s, { ...opts, threads: 1 });
    const two = await runScenario(s, { ...opts, threads: 2 });
    const zero = await runScenario(s, { ...opts, threads: 0 });
    const key = (r: typeof one) => r.replicates.map((x) => Array.from(x.shares.revenue!.selfish!));
    expect(key(two)).toEqual(key(one));
    expect(key(zero)).toEqual(key(one));
    expect(Array.from(two.summary.metrics.revenue!.hhi!.p95)).toEqual(Array.from(one.summary.metrics.revenue!.hhi!.p95));
    // Different replicates differ (independent streams).
    expect(new Set(key(one).map(String)).size).toBe(6);
  });

  it('reports progress once per finished replicate, ending at (runs, runs)', async () => {
    const seen: [number, number][] = [];
    await runScenario(await smallRace(2000), { runs: 5, seed: 1, threads: 0, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen).toEqual([[0, 5], [1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
  });

  it('rejects bad run options with a UsageError naming them', async () => {
    const s = await smallRace(100);
    await expect(runScenario(s, { runs: 0, seed: 1 })).rejects.toThrow(/invalid runs: 0/);
    await expect(runScenario(s, { runs: 1, seed: -2 })).rejects.toThrow(/invalid seed: -2/);
    await expect(runScenario(s, { runs: 1, seed: 1, threads: 1.5 })).rejects.toThrow(/invalid threads/);
  });
});

describe('summaries', () => {
  it('type-7 quantiles: p05 and p95 of 1..5 are 1.2 and 4.8 (hand computation: h = 4q)', () => {
    expect(quantileSorted([1, 2, 3, 4, 5], 0.05)).toBeCloseTo(1.2, 14);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.95)).toBeCloseTo(4.8, 14);
    expect(quantileSorted([7], 0.95)).toBe(7);
  });

  it('mean and band per step over replicates, leaving out undefined (NaN) values', () => {
    const rep = (xs: number[]): ReplicateResult => ({ steps: ['a', 'b'], metrics: { d: { hhi: Float64Array.from(xs) } }, shares: {}, series: {} });
    const s = summarize([rep([1, NaN]), rep([2, 4]), rep([3, 6]), rep([4, NaN]), rep([5, 8])]);
    const b = s.metrics.d!.hhi!;
    expect(Array.from(b.mean)).toEqual([3, 6]);
    expect(b.p05[0]).toBeCloseTo(1.2, 14);
    expect(b.p95[1]).toBeCloseTo(7.8, 14); // values 4, 6, 8: h = 2·0.95 = 1.9 → 6 + 0.9·2
  });
});

describe('sweep', () => {
  it('builds the Cartesian grid, first parameter slowest', () => {
    expect(grid({ a: [1, 2], b: ['x', 'y'] })).toEqual([{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]);
    expect(parseParamValue('0.5')).toBe(0.5);
    expect(parseParamValue('true')).toBe(true);
    expect(parseParamValue('yuma')).toBe('yuma');
  });

  it('addresses list elements by index or name, and rejects unknown paths', async () => {
    const s = await loadScenario('china-ban-2021');
    const changed = setPath(s, 'regions.Kazakhstan.electricityUsdPerKwh', 0.02) as typeof s;
    expect(changed.model === 'industry' && changed.regions.find((r) => r.name === 'Kazakhstan')!.electricityUsdPerKwh).toBe(0.02);
    expect(s.model === 'industry' && s.regions.find((r) => r.name === 'Kazakhstan')!.electricityUsdPerKwh).toBe(0.035); // original untouched
    expect(() => setPath(s, 'regions.Atlantis.electricityUsdPerKwh', 1)).toThrow(/no element "Atlantis"/);
    expect(() => setPath(s, 'economics.nope', 1)).toThrow(/no key economics\.nope/);
  });

  it('runs each grid point; a larger γ pays the selfish pool more; out-of-range values name the key', async () => {
    const s = await smallRace(200_000);
    const points = await sweep(s, { gamma01: [0, 1] }, { runs: 2, seed: 4 });
    const rev = points.map((p) => p.summary.shares.revenue!.selfish!.mean[0]!);
    expect(points.map((p) => p.params.gamma01)).toEqual([0, 1]);
    expect(rev[1]!).toBeGreaterThan(rev[0]! + 0.05); // closed form: R(1/3, 0) = 1/3, R(1/3, 1) = 17/39 ≈ 0.436
    await expect(sweep(s, { gamma01: [2] }, { runs: 1, seed: 1 })).rejects.toThrow(/gamma01=2: invalid scenario: gamma01: .*<=1/);
  });
});
