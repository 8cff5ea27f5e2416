import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { datasetPath } from '../sources/files/datasets-path.js';
import { HARDWARE_TABLE } from '../sources/datasets/asic-hardware.js';
import { datasetScenarioInputs, loadAsicModels, loadCbeciShares } from '../sources/datasets/simulation-inputs.js';
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

/** Independent reading of the two files of the one ASIC table: [release ISO day, J/TH] per row. */
async function rawAsicRows(): Promise<[string, number][]> {
  const cbeci = JSON.parse(await readFile(datasetPath('bitcoin/asic-hardware/cbeci_miners_2021-02.json'), 'utf8')) as [string, number, number][];
  const lines = (await readFile(HARDWARE_TABLE, 'utf8')).trim().split('\n').slice(1);
  // model,manufacturer,release_date,release_basis,hashrate_th,power_w,…: the first six fields never hold commas.
  const project = lines.map((l) => l.split(',')).map((f) => [f[2]!, Number(f[5]) / Number(f[4])] as [string, number]);
  return [...cbeci.map(([, t, jPerGh]) => [new Date(t * 1000).toISOString().slice(0, 10), jPerGh * 1000] as [string, number]), ...project];
}

describe("ASIC frontier from the one ASIC table (the energy estimate's)", () => {
  // Since the tables were merged (CBECI 2021-02 + data/hardware/asic-2021-2025.csv; F2Pool's 2020-03
  // list dropped, docs/simulation.md): on 2020-03-01 the frontier is the S17 Pro (CBECI: 39.5 J/TH
  // from 2019-04), not F2Pool's S19 Pro of 2020-02 (CBECI dates the S19 Pro 2020-05).
  it('is the lowest J/TH released on or before the day, as an independent reading of both files gives', async () => {
    const models = await loadAsicModels();
    const raw = await rawAsicRows();
    expect(models.length).toBe(raw.length);
    expect(models.length).toBe(104); // 93 CBECI rows + 11 sourced rows
    const frontier = (day: string) => Math.min(...raw.filter(([d]) => d <= day).map(([, e]) => e));
    for (const day of ['2014-08-01', '2018-03-01', '2020-03-01', '2020-06-01', '2022-07-01', '2023-09-22', '2024-09-01', '2025-10-01']) {
      expect(frontierOn(models, day)).toBeCloseTo(frontier(day), 9);
    }
    expect(frontierOn(models, '2014-08-01')).toBeCloseTo(765.69, 6); // Antminer S3 alone
    expect(frontierOn(models, '2020-03-01')).toBeCloseTo(39.5, 6); // S17 Pro (50Th), CBECI 2019-04
    expect(frontierOn(models, '2020-06-01')).toBeCloseTo(29.55, 6); // S19 Pro (110Th), CBECI 2020-05
    expect(frontierOn(models, '2024-09-01')).toBeCloseTo(13, 6); // U3S21EXPH 11,180 W / 860 TH
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
