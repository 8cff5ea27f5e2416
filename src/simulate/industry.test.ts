import { describe, expect, it } from 'vitest';
import { datasetScenarioInputs, loadAsicGenerations, loadCbeciShares } from '../sources/datasets/simulation-inputs.js';
import { frontierOn } from './hardware.js';
import { runScenario } from './runner.js';
import { loadScenario } from '../sources/scenarios/scenario-files.js';
import { pathValue, subsidyBtc } from './schedule.js';

describe('protocol schedule', () => {
  it('halves the subsidy every 210,000 blocks in whole satoshis', () => {
    expect(subsidyBtc(0)).toBe(50);
    expect(subsidyBtc(209_999)).toBe(50);
    expect(subsidyBtc(210_000)).toBe(25);
    expect(subsidyBtc(630_000)).toBe(6.25);
    expect(subsidyBtc(840_000)).toBe(3.125);
    expect(subsidyBtc(210_000 * 10)).toBe(0.04882812); // floor(5e9 / 1024) = 4,882,812 sat
    expect(subsidyBtc(210_000 * 33)).toBe(0); // 5e9 / 2^33 < 1 sat
  });

  it('interpolates paths log-linearly and holds them flat outside the points', () => {
    const pts = [[0, 100], [10, 10_000]] as const;
    expect(pathValue(pts, 5)).toBeCloseTo(1000, 9); // geometric midpoint
    expect(pathValue(pts, -3)).toBe(100);
    expect(pathValue(pts, 99)).toBe(10_000);
  });
});

describe('ASIC frontier from bitcoin/asic-hardware', () => {
  it('is the S19 Pro (3250 W / 110 TH ≈ 29.55 J/TH) from 2020-02, and the Antminer S3 alone in 2014-08', async () => {
    const gens = await loadAsicGenerations();
    expect(gens.length).toBe(179); // rows of asic_models_normalized.csv (PROVENANCE.md)
    expect(frontierOn(gens, '2020-03-01')).toBeCloseTo(29.55, 6);
    expect(frontierOn(gens, '2014-08-01')).toBeCloseTo(765.69, 6);
  });
});

describe('china-ban-2021 against the CBECI mining map', () => {
  it('China’s simulated share falls the way CBECI measured it (tolerance ±10 percentage points)', async () => {
    const cbeci = await loadCbeciShares();
    const { summary } = await runScenario(await loadScenario('china-ban-2021'), { runs: 4, seed: 7, threads: 0, inputs: datasetScenarioInputs() });
    const china = summary.shares.regions!['Mainland China']!.mean;
    const monthly = (month: string) => {
      const xs = summary.steps.map((d, i) => (d.startsWith(month) ? china[i]! : NaN)).filter((x) => !Number.isNaN(x));
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    // The reader keys countries by their canonical name (docs/countries.md): CCAF's "Mainland China" is China.
    const observed = (month: string) => cbeci.get(month)!.get('China')!;
    // CBECI: 53.30 % (2021-01), 46.04 % (04), 43.98 % (05), 34.25 % (06), 0 % (07, 08), 22.29 % (09).
    expect(observed('2021-04')).toBeCloseTo(0.4604, 6);
    for (const month of ['2021-01', '2021-04', '2021-05', '2021-06', '2021-07', '2021-08', '2021-09']) {
      expect(Math.abs(monthly(month) - observed(month)), month).toBeLessThan(0.1);
    }
    // The drop from before the ban to its trough, within the same tolerance.
    const simDrop = monthly('2021-04') - monthly('2021-07');
    const obsDrop = observed('2021-04') - observed('2021-07');
    expect(Math.abs(simDrop - obsDrop)).toBeLessThan(0.1);
    expect(monthly('2021-07')).toBeLessThan(0.01);
  });
});

describe('industry mechanisms', () => {
  it('difficulty follows hash rate (retargets every 2016 blocks)', async () => {
    const { summary } = await runScenario(await loadScenario('baseline-2020'), { runs: 2, seed: 3, threads: 0, inputs: datasetScenarioInputs() });
    const h = summary.series['hashrate-ehs']!.mean;
    const d = summary.series['difficulty-hashrate-ehs']!.mean;
    let err = 0;
    for (let i = 0; i < h.length; i++) err += Math.abs(d[i]! / h[i]! - 1);
    expect(err / h.length).toBeLessThan(0.1);
    expect(h[h.length - 1]).toBeGreaterThan(h[0]!); // the network grew over 2020–2022
  });

  it('the 2024 halving cuts hashprice by more than a third', async () => {
    const { summary } = await runScenario(await loadScenario('halving-2024'), { runs: 2, seed: 5, threads: 0, inputs: datasetScenarioInputs() });
    const hp = summary.series['hashprice-usd-per-th-day']!.mean;
    const height = summary.series.height!.mean;
    const at = height.findIndex((x) => x >= 840_000);
    const before = (hp[at - 2]! + hp[at - 1]!) / 2;
    const after = (hp[at + 1]! + hp[at + 2]!) / 2;
    expect(after / before).toBeLessThan(2 / 3);
  });

  it('Stratum V2 template choice: templates = pools before adoption, and less concentrated after', async () => {
    const { summary } = await runScenario(await loadScenario('stratum-v2-template-choice'), { runs: 2, seed: 9, threads: 0, inputs: datasetScenarioInputs() });
    const pools = summary.metrics.pools!.hhi!.mean;
    const templates = summary.metrics.templates!.hhi!.mean;
    expect(templates[0]).toBeCloseTo(pools[0]!, 9);
    const last = pools.length - 1;
    expect(templates[last]!).toBeLessThan(0.6 * pools[last]!);
  });
});
