/**
 * The CBECI-method energy model uses real fees where the per-block data has them: day totals
 * checked against the original 2024-04-20 Blockchair dump (parsed independently here), and the
 * effect on the hash price, threshold and bounds against `--fees-from none`.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { datasetPath, datasetsRoot } from '../sources/files/datasets-path.js';
import { loadBitcoinDays } from './energy/bitcoin-days.js';
import { queryBitcoinEnergy } from './queries/energy-query.js';

const root = datasetsRoot();
const ctx = { store: null, datasetsRoot: root };

describe('energy with real fees', () => {
  it('2024-04-20: the day carries the fees of all its blocks, equal to the original daily dump', async () => {
    const text = gunzipSync(readFileSync(datasetPath('bitcoin/blockchair-blocks-2020-2025/original_daily_samples/blockchair_bitcoin_blocks_20240420.tsv.gz'))).toString('utf8');
    const [head, ...lines] = text.trim().split('\n');
    const cols = head!.split('\t');
    const rows = lines.map((l) => l.split('\t')).filter((f) => f[cols.indexOf('time')]!.startsWith('2024-04-20'));
    const fees = rows.reduce((s, f) => s + Number(f[cols.indexOf('fee_total')]), 0) / 1e8;
    const days = await loadBitcoinDays(root);
    const day = days.days.find((d) => d.daySec === Date.UTC(2024, 3, 20) / 1000)!;
    expect(day.blocks).toBe(rows.length);
    expect(day.blocksWithFees).toBe(rows.length);
    expect(day.feesBtc).toBeCloseTo(fees, 6);
    // After the Blockchair data ends (2025-03-08) no block has fee data.
    expect(days.days.find((d) => d.daySec === Date.UTC(2025, 5, 1) / 1000)!.blocksWithFees).toBe(0);
  });

  it('2024: real fees raise the hash price, threshold and upper bound; --fees-from none gives the old figures; the assumption says which', async () => {
    const real = await queryBitcoinEnergy({ window: '1y', at: '2024-12-31' }, ctx);
    const none = await queryBitcoinEnergy({ window: '1y', at: '2024-12-31', feesFrom: 'none' }, ctx);
    const [r, n] = [real.rows[0]!, none.rows[0]!];
    expect(r.hashprice_usd_th_day as number).toBeGreaterThan(n.hashprice_usd_th_day as number);
    // Fees were 6.5 % of 2024 revenue: the hash price rises by about 1 / (1 − 0.065) − 1 ≈ 7 % (monthly price weights differ slightly).
    const ratio = (r.hashprice_usd_th_day as number) / (n.hashprice_usd_th_day as number);
    expect(ratio).toBeGreaterThan(1.05);
    expect(ratio).toBeLessThan(1.09);
    expect(r.power_upper_gw as number).toBeGreaterThan(n.power_upper_gw as number);
    expect(r.power_lower_gw).toBe(n.power_lower_gw);
    expect(real.assumptions.find((a) => a.name === 'fees')!.value).toMatch(/^real fees per block/);
    expect(none.assumptions.find((a) => a.name === 'fees')!.value).toMatch(/real fees ignored/);
    await expect(queryBitcoinEnergy({ window: '1y', feesFrom: 'avg' }, ctx)).rejects.toThrow('invalid --fees-from: avg (expected data or none)');
  });
});
