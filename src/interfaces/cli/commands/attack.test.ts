/**
 * @module In-process tests of `nakamoto attack …`: JSON and table output for the three
 * subcommands, checked against the whitepaper's table and hand computations, and a UsageError
 * (`invalid <option>: <value>`) for every kind of bad option.
 */
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../domain/errors.js';
import { captureIo } from '../io.js';
import { parseNumberOption, register } from './attack.js';

async function run(args: string[]): Promise<string> {
  const io = captureIo();
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
