/**
 * @module In-process tests of `nakamoto attack …`: JSON and table output for the four
 * subcommands, checked against the whitepaper's table, hand computations and the raw embedded
 * data file, and a UsageError (`invalid <option>: <value>`) for every kind of bad option.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../domain/errors.js';
import { PROJECT_ROOT } from '../../../sources/files/datasets-path.js';
import { captureIo } from '../io.js';
import { parseNumberOption, register } from './attack.js';

/** A store path that does not exist: coalitions read the embedded default. */
const NO_STORE = join(tmpdir(), `nakamoto-attack-test-${process.pid}-none.duckdb`);

async function run(args: string[]): Promise<string> {
  const io = captureIo({ NAKAMOTO_DB: NO_STORE });
  const program = new Command('nakamoto').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  register(program, io);
  await program.parseAsync(['node', 'nakamoto', 'attack', ...args]);
  return io.out();
}

describe('attack double-spend', () => {
  it('prints both models as JSON, with confirmations for a target', async () => {
    const out = JSON.parse(await run(['double-spend', '--q', '0.1', '--z', '5', '--target', '0.001', '--format', 'json'])) as Record<string, unknown>;
    expect(out).toMatchObject({ q: 0.1, z: 5, rule: 'catch-up', target: 0.001, confirmations: { nakamoto: 5, exact: 6 } });
    expect((out.nakamoto as number).toFixed(7)).toBe('0.0009137'); // whitepaper §11
    expect(out.exact as number).toBeCloseTo(0.00178184, 12); // Rosenfeld's sum, exact rational 0.00178184
  });

  it('prints a table', async () => {
    const out = await run(['double-spend', '--q', '0.3', '--z', '0']);
    expect(out.split('\n')[0]).toMatch(/^model\s+probability$/);
    expect(out).toMatch(/nakamoto\s+1\n/);
  });

  it('says "never" when q ≥ ½', async () => {
    const out = JSON.parse(await run(['double-spend', '--q', '0.5', '--z', '3', '--target', '0.01', '--format', 'json'])) as { confirmations: unknown };
    expect(out.confirmations).toEqual({ nakamoto: null, exact: null });
    expect(await run(['double-spend', '--q', '0.5', '--z', '3', '--target', '0.01'])).toContain('never');
  });
});

describe('attack selfish-mining', () => {
  it('prints the Eyal–Sirer revenue and threshold', async () => {
    const out = JSON.parse(await run(['selfish-mining', '--alpha', '0.4', '--gamma', '0', '--format', 'json'])) as Record<string, number>;
    expect(out.relativeRevenue).toBeCloseTo(104 / 215, 14); // by hand, see selfish-mining.test.ts
    expect(out.threshold).toBeCloseTo(1 / 3, 15);
    expect(out).not.toHaveProperty('optimalRelativeRevenue');
  });

  it('adds the optimal policy with --optimal', async () => {
    const out = JSON.parse(await run(['selfish-mining', '--alpha', '0.35', '--gamma', '0', '--optimal', '--truncation', '20', '--format', 'json'])) as Record<string, number>;
    expect(out.truncation).toBe(20);
    expect(out.optimalRelativeRevenue).toBeGreaterThan(out.relativeRevenue!);
    expect(out.optimalRelativeRevenue).toBeLessThan(0.37077 + 1e-5); // ≤ the untruncated optimum (Sapirshtein et al. Table 1)
    expect(out.optimalThreshold).toBeLessThan(1 / 3);
  });
});

describe('attack cost', () => {
  it('computes cost and rewards per hour (hash price)', async () => {
    const out = JSON.parse(
      await run(['cost', '--hashrate-ehs', '800', '--share', '0.51', '--hashprice-usd-ph-day', '50', '--btc-price-usd', '100000', '--fees-btc-per-block', '0.1', '--format', 'json']),
    ) as Record<string, number>;
    expect(out.costPerHourUsd).toBeCloseTo(850_000, 6); // 408,000 PH/s × $50 / 24
    expect(out.rewardsPerHourUsd).toBeCloseTo(986_850, 6); // 6 × 0.51 × 3.225 BTC × $100,000
  });

  it('computes energy cost and takes the subsidy from --height', async () => {
    const out = JSON.parse(
      await run(['cost', '--hashrate-ehs', '100', '--share', '0.5', '--efficiency-j-th', '25', '--electricity-usd-kwh', '0.04', '--btc-price-usd', '50000', '--height', '0', '--format', 'json']),
    ) as Record<string, number>;
    expect(out.powerMw).toBeCloseTo(1250, 9); // 50e6 TH/s × 25 J/TH = 1.25 GW
    expect(out.costPerHourUsd).toBeCloseTo(50_000, 6); // 1.25e6 kW × $0.04
    expect(out.subsidyBtc).toBe(50);
  });
});

/** Blocks per pool slug in [startDay, endDay) straight from the embedded CSV (independent of the loaders). */
function rawCounts(startDay: string, endDay: string): number[] {
  const text = gunzipSync(readFileSync(join(PROJECT_ROOT, 'data/default/bitcoin-pools-daily.csv.gz'))).toString('utf8');
  const out = new Map<string, number>();
  for (const line of text.trim().split('\n').slice(1)) {
    const [day, entity, blocks] = line.split(',');
    if (day! >= startDay && day! < endDay) out.set(entity!, (out.get(entity!) ?? 0) + Number(blocks));
  }
  return [...out.values()].sort((a, b) => b - a);
}

interface CoalitionJson {
  window: { start: string; end: string };
  total: number;
  coalitions: { threshold: number; size: number; members: string[]; combinedShare: number; sizeBounds?: { min: number; max: number } }[];
  intervals?: { confidence: number; draws: number; seed: number };
}

describe('attack coalitions', () => {
  it('June 2024 pools: sizes and combined shares equal a hand count of the raw file; block data gets size intervals', async () => {
    const out = JSON.parse(await run(['coalitions', '--window', '1m', '--at', '2024-06-30', '--draws', '200', '--format', 'json'])) as CoalitionJson;
    expect(out.window).toMatchObject({ start: '2024-06-01', end: '2024-07-01' });
    const counts = rawCounts('2024-06-01', '2024-07-01');
    const total = counts.reduce((s, c) => s + c, 0);
    expect(out.total).toBe(total);
    expect(out.coalitions.map((c) => c.threshold)).toEqual([0.25, 1 / 3, 0.5, 0.51]);
    for (const c of out.coalitions) {
      // Greedy by hand: the fewest largest pools whose blocks exceed t · total.
      let k = 0;
      let sum = 0;
      while (sum <= c.threshold * total) sum += counts[k++]!;
      expect([c.size, c.members.length]).toEqual([k, k]);
      expect(c.combinedShare).toBeCloseTo(sum / total, 12);
      expect(c.sizeBounds!.min).toBeLessThanOrEqual(k);
      expect(c.sizeBounds!.max).toBeGreaterThanOrEqual(k);
    }
    expect(out.intervals).toEqual({ confidence: 0.95, draws: 200, seed: 1 });
  });

  it('prints a table with one row per threshold; --no-ci and non-sampled data have no interval columns', async () => {
    const table = await run(['coalitions', '--window', '1m', '--at', '2024-06-30', '--draws', '200']);
    expect(table).toMatch(/^# bitcoin\/pools — level: pool; unit: blocks$/m);
    expect(table).toMatch(/^threshold\s+size\s+combinedShare\s+sizeMin\s+sizeMax\s+unique\s+members$/m);
    expect(table.split('\n').filter((l) => l.startsWith('> ')).map((l) => l.split(/\s+/)[1])).toEqual(['25%', '33.3%', '50%', '51%']);
    const plain = JSON.parse(await run(['coalitions', '--window', '1m', '--at', '2024-06-30', '--no-ci', '--format', 'json'])) as CoalitionJson;
    expect(plain).not.toHaveProperty('intervals');
    expect(plain.coalitions[0]).not.toHaveProperty('sizeBounds');
    const cbeci = JSON.parse(await run(['coalitions', '--distribution', 'bitcoin/hashrate-by-country', '--window', '1m', '--format', 'json'])) as CoalitionJson;
    expect(cbeci).not.toHaveProperty('intervals');
    expect(cbeci.coalitions[2]!.members).toEqual(['United States of America', 'China']); // CBECI Dec 2021: 37.84% + 21.11% (PROVENANCE)
  });

  it.each([
    [['--window', '30x'], 'invalid --window: 30x'],
    [['--thresholds', '0.5,1'], 'invalid --thresholds: 1'],
    [['--level', 'nope'], 'invalid --level: nope'],
    [['--draws', '5'], 'invalid --draws: 5'],
    [['--at', '2030-01-01'], 'outside the data'],
  ])('%j → %s', async (args, message) => {
    await expect(run(['coalitions', ...args])).rejects.toThrow(UsageError);
    await expect(run(['coalitions', ...args])).rejects.toThrow(message);
  });
});

describe('option validation', () => {
  it.each([
    [['double-spend', '--q', '1.5', '--z', '3'], 'invalid --q: 1.5'],
    [['double-spend', '--q', 'abc', '--z', '3'], 'invalid --q: abc'],
    [['double-spend', '--q', '0.1', '--z', '2.5'], 'invalid --z: 2.5'],
    [['double-spend', '--q', '0.1', '--z', '-1'], 'invalid --z: -1'],
    [['double-spend', '--q', '0.1', '--z', '3', '--target', '0'], 'invalid --target: 0'],
    [['double-spend', '--q', '0.1', '--z', '3', '--rule', 'ahead'], 'invalid --rule: ahead'],
    [['double-spend', '--q', '0.1', '--z', '3', '--format', 'xml'], 'invalid format: xml'],
    [['selfish-mining', '--alpha', '0.6', '--gamma', '0'], 'invalid --alpha: 0.6'],
    [['selfish-mining', '--alpha', '0.3', '--gamma', '2'], 'invalid --gamma: 2'],
    [['selfish-mining', '--alpha', '0.3', '--gamma', '0', '--truncation', '1000'], 'invalid --truncation: 1000'],
    [['cost', '--hashrate-ehs', '0', '--share', '0.5', '--hashprice-usd-ph-day', '50', '--btc-price-usd', '1'], 'invalid --hashrate-ehs: 0'],
    [['cost', '--hashrate-ehs', '10', '--share', '1', '--share-basis', 'added', '--hashprice-usd-ph-day', '50', '--btc-price-usd', '1'], 'invalid --share: 1'],
    [['cost', '--hashrate-ehs', '10', '--share', '0.5', '--share-basis', 'rented', '--hashprice-usd-ph-day', '50', '--btc-price-usd', '1'], 'invalid --share-basis: rented'],
    [['cost', '--hashrate-ehs', '10', '--share', '0.5', '--btc-price-usd', '1'], 'invalid cost options'],
    [['cost', '--hashrate-ehs', '10', '--share', '0.5', '--efficiency-j-th', '20', '--btc-price-usd', '1'], 'invalid cost options'],
    [['cost', '--hashrate-ehs', '10', '--share', '0.5', '--efficiency-j-th', '20', '--electricity-usd-kwh', '0.1', '--hashprice-usd-ph-day', '5', '--btc-price-usd', '1'], 'not both'],
    [['cost', '--hashrate-ehs', '10', '--share', '0.5', '--hashprice-usd-ph-day', '-5', '--btc-price-usd', '1'], 'invalid --hashprice-usd-ph-day: -5'],
    [['cost', '--hashrate-ehs', '10', '--share', '0.5', '--hashprice-usd-ph-day', '5', '--btc-price-usd', '1', '--height', '1.5'], 'invalid --height: 1.5'],
    [['cost', '--hashrate-ehs', '10', '--share', '0.5', '--hashprice-usd-ph-day', '5', '--btc-price-usd', 'x'], 'invalid --btc-price-usd: x'],
  ])('%j → %s', async (args, message) => {
    const p = run(args);
    await expect(p).rejects.toThrow(UsageError);
    await expect(run(args)).rejects.toThrow(message);
  });

  it('leaves a missing required option to commander (main maps its error to exit code 2)', async () => {
    await expect(run(['double-spend', '--q', '0.1'])).rejects.toBeInstanceOf(CommanderError);
  });

  it('parseNumberOption accepts decimals and exponents, rejects the rest', () => {
    expect(parseNumberOption('--x', '1e-3', { min: 0 })).toBe(0.001);
    expect(parseNumberOption('--x', ' .5 ')).toBe(0.5);
    for (const bad of ['', '1,5', '0x10', 'Infinity', '1e999', '--1']) expect(() => parseNumberOption('--x', bad)).toThrow(`invalid --x: ${bad}`);
  });
});
