/**
 * `queryEconomics` on the real staged Blockchair file. Expected values are computed independently
 * of this code: with awk straight from the raw rows (commands in the comments), from the original
 * 36-column daily dump of 2024-04-20 parsed here with a plain split, and from the project's monthly
 * BTC/USD table.
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { countInterval } from '../../analysis/hashrate.js';
import { DecodeError, UsageError } from '../../domain/errors.js';
import { datasetPath, datasetsRoot } from '../../sources/files/datasets-path.js';
import { readPoolHashrates } from '../../sources/files/pool-hashrate-csv.js';
import { queryAttackCostFromData } from './attack-query.js';
import { queryEconomics } from './economics-query.js';

const ctx = { store: null, datasetsRoot: datasetsRoot() };
const DAY = 86_400;

describe('economics on the staged Blockchair blocks', () => {
  it('May 2024 (1m window): figures equal the raw rows summed with awk', async () => {
    // zcat blockchair_blocks_economics_h610546-886932.tsv.gz | awk -F'\t' 'substr($2,1,7)=="2024-05"{n++; f+=$17; r+=$21; d+=$10; u+=$22; if($11==1)e++}
    //   END{printf "%d %.0f %.0f %d\n", n, f, r, e; print r/(d*2^32)*1e12*86400, u/(d*2^32)*1e12*86400}'
    // → 4410 100111467334 1478236467334 27; 79.555298 0.05179381
    const r = await queryEconomics({ window: '1m', at: '2024-05-31' }, ctx);
    expect(r.rows).toHaveLength(1);
    const w = r.rows[0]!;
    expect([w.window_start, w.window_end, w.blocks, w.empty_blocks, w.missing_blocks]).toEqual(['2024-05-01', '2024-06-01', 4410, 27, 0]);
    expect(w.fees_btc).toBe(1001.11467334);
    expect(w.reward_btc).toBe(14782.36467334);
    expect(w.fee_share).toBeCloseTo(100_111_467_334 / 1_478_236_467_334, 5);
    expect(w.hash_value_sats).toBeCloseTo(79.555298, 4);
    expect(w.hash_price_usd).toBeCloseTo(0.05179381, 6);
    // The interval is the hash-rate interval inverted: value × n / hi(n) … value × n / lo(n).
    const iv = countInterval(4410, 0.95, 'poisson');
    expect(w.hash_value_lo_sats as number).toBeCloseTo((79.555298 * 4410) / iv.hi, 3);
    expect(w.hash_value_hi_sats as number).toBeCloseTo((79.555298 * 4410) / iv.lo, 3);
    expect(r.price).toMatch(/Blockchair's daily BTC\/USD/);
  });

  it('--price monthly: hash price = hash value × the month-end price of data/hardware/btc-usd-monthly.csv', async () => {
    const r = await queryEconomics({ window: '1m', at: '2024-05-31', price: 'monthly' }, ctx);
    const w = r.rows[0]!;
    // data/hardware/btc-usd-monthly.csv: 2024-05,67506.03
    expect(w.hash_price_usd as number).toBeCloseTo((79.555298 / 1e8) * 67_506.03, 6);
    expect(w.fees_usd as number).toBeCloseTo(1001.11467334 * 67_506.03, 0);
    expect(r.price).toMatch(/btc-usd-monthly\.csv/);
  });

  it('2024-04-20 (1d window) equals the original daily dump parsed independently', async () => {
    const text = gunzipSync(readFileSync(datasetPath('bitcoin/blockchair-blocks-2020-2025/original_daily_samples/blockchair_bitcoin_blocks_20240420.tsv.gz'))).toString('utf8');
    const [head, ...lines] = text.trim().split('\n');
    const cols = head!.split('\t');
    const at = (name: string) => cols.indexOf(name);
    let fees = 0;
    let reward = 0;
    let work = 0;
    let usd = 0;
    let n = 0;
    for (const line of lines) {
      const f = line.split('\t');
      if (!f[at('time')]!.startsWith('2024-04-20')) continue;
      n++;
      fees += Number(f[at('fee_total')]);
      reward += Number(f[at('reward')]);
      work += Number(f[at('difficulty')]);
      usd += Number(f[at('reward_usd')]);
    }
    const r = await queryEconomics({ window: '1d', at: '2024-04-20' }, ctx);
    const w = r.rows[0]!;
    expect(w.blocks).toBe(n);
    expect(w.fees_btc).toBeCloseTo(fees / 1e8, 8);
    expect(w.reward_btc).toBeCloseTo(reward / 1e8, 8);
    expect(w.hashrate_ehs as number).toBeCloseTo((work * 2 ** 32) / DAY / 1e18, 3);
    expect(w.hash_value_sats as number).toBeCloseTo((reward / (work * 2 ** 32)) * 1e12 * DAY, 2);
    expect(w.hash_price_usd as number).toBeCloseTo((usd / (work * 2 ** 32)) * 1e12 * DAY, 4);
    expect(w.fee_share as number).toBeCloseTo(fees / reward, 4);
  });

  it('2024 by pool: empty blocks per Blockchair label equal awk counts; fee share 2024 = 6.52%', async () => {
    // zcat … | awk -F'\t' 'substr($2,1,4)=="2024"{f+=$17; r+=$21; if($11==1) e[$23]++} END{print f/r; for(k in e) print k, e[k]}'
    const pools = await queryEconomics({ window: '1y', at: '2024-12-31', byPool: true, labels: 'blockchair' }, ctx);
    const empty = Object.fromEntries(pools.rows.filter((p) => (p.empty_blocks as number) > 0).map((p) => [p.pool, p.empty_blocks]));
    expect(empty).toEqual({ AntPool: 57, SpiderPool: 49, Unknown: 25, F2Pool: 16, ViaBTC: 10, Binance: 6, SlushPool: 2, Poolin: 2, SBICrypto: 1 });
    expect(pools.rows.reduce((s, p) => s + (p.blocks as number), 0)).toBe(53_471);
    const net = await queryEconomics({ window: '1y', at: '2024-12-31' }, ctx);
    expect(net.rows[0]!.fee_share).toBeCloseTo(1_519_183_685_351 / 23_295_746_185_351, 5);
    expect(net.rows[0]!.empty_blocks).toBe(168);
    // Window fees = the sum of the per-pool fees (mean × blocks).
    const poolFees = pools.rows.reduce((s, p) => s + (p.fee_mean_btc as number) * (p.blocks as number), 0);
    expect(poolFees).toBeCloseTo(net.rows[0]!.fees_btc as number, 2);
  });

  it('2024 by pool with mempool labels (default): Blockchair\'s Unknown empties get names; totals unchanged', async () => {
    const pools = await queryEconomics({ window: '1y', at: '2024-12-31', byPool: true }, ctx);
    const empty = Object.fromEntries(pools.rows.filter((p) => (p.empty_blocks as number) > 0).map((p) => [p.pool, p.empty_blocks]));
    expect(Object.values(empty).reduce((s, x) => (s as number) + (x as number), 0)).toBe(168);
    expect(empty.AntPool).toBe(57);
    expect(empty.SpiderPool).toBe(49);
    expect(empty.unknown).toBeUndefined();
    expect(pools.rows.reduce((s, p) => s + (p.blocks as number), 0)).toBe(53_471);
    expect(pools.provenance.labels).toMatch(/mempool\.space pool labels/);
  });

  it('the window holding the two missing blocks (2024-07-30) says so', async () => {
    const r = await queryEconomics({ window: '1d', at: '2024-07-30' }, ctx);
    expect(r.rows[0]!.missing_blocks).toBe(2);
    expect(r.provenance.notes.join(' ')).toMatch(/854599, 854614/);
  });

  it('pool luck from a user CSV: found ÷ expected blocks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luck-'));
    const path = join(dir, 'foundry.csv');
    // Foundry at a flat 200 EH/s for every day of May 2024.
    const days = Array.from({ length: 31 }, (_, i) => `2024-05-${String(i + 1).padStart(2, '0')},Foundry USA,200`);
    writeFileSync(path, ['day,pool,hashrate_ehs', ...days].join('\n'));
    const hashrates = await readPoolHashrates(path);
    const r = await queryEconomics({ window: '1m', at: '2024-05-31', byPool: true }, ctx, { poolHashrates: hashrates });
    const f = r.rows.find((p) => p.pool === 'Foundry USA')!;
    expect(f.expected_blocks as number).toBeGreaterThan(0);
    expect(f.luck as number).toBeCloseTo((f.blocks as number) / (f.expected_blocks as number), 4);
    expect(r.rows.find((p) => p.pool === 'AntPool')!.luck).toBeNull();
  });

  it("attack cost at the hash price: attacker EH/s × 10⁶ × the window's hash price ÷ 24, beside the energy model", async () => {
    const r = await queryAttackCostFromData(
      { hashrateEhs: 600, share: 0.51, efficiencyJTh: 20, electricityUsdKwh: 0.05, btcPriceUsd: 67_000, hashpriceAt: '2024-05-31', durationHours: 24 },
      ctx,
    );
    const econ = await queryEconomics({ window: '30d', at: '2024-05-31' }, ctx);
    const hp = econ.rows[0]!.hash_price_usd as number;
    expect(r.opportunity!.hashpriceUsdPerThDay).toBe(hp);
    expect(r.opportunity!.costPerHourUsd).toBeCloseTo((306 * 1e6 * hp) / 24, 6);
    expect(r.opportunity!.totalCostUsd).toBeCloseTo((306 * 1e6 * hp), 4);
    expect(r.opportunity!.costPerHourUsdLo).toBeLessThan(r.opportunity!.costPerHourUsd);
    expect(r.costPerHourUsd).toBeCloseTo(306 * 1e6 * 20 / 1000 * 0.05, 6); // the energy model is unchanged beside it
    await expect(queryAttackCostFromData({ hashrateEhs: 600, share: 0.5, hashpriceUsdPhDay: 50, btcPriceUsd: 1, hashpriceWindow: '7d' }, ctx)).rejects.toThrow(/invalid hashpriceWindow/);
  });

  it('bad input: UsageError naming the parameter', async () => {
    await expect(queryEconomics({ window: '144b' }, ctx)).rejects.toThrow(/invalid window: economics uses time windows/);
    await expect(queryEconomics({ window: '1m', price: 'spot' }, ctx)).rejects.toThrow('invalid price: spot (expected one of blockchair, monthly)');
    await expect(queryEconomics({ window: '1m', confidence: 2 }, ctx)).rejects.toThrow(/invalid confidence/);
    await expect(queryEconomics({ window: '1y', at: '2030-12-31' }, ctx)).rejects.toBeInstanceOf(UsageError);
    await expect(queryEconomics({ source: 'node' }, ctx)).rejects.toThrow(/invalid source: node/);
  });

  it('bad pool hash-rate CSV: one line naming file, line and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luck-'));
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'day,pool,hashrate_ehs\n2024-05-01,AntPool,100\n2024-05-02,AntPool,-3\n');
    await expect(readPoolHashrates(path)).rejects.toThrow(`${path}:3 [hashrate_ehs]: out of range: -3 (expected ≥ 0)`);
    writeFileSync(path, 'day,pool,hashrate_ehs\n2024-05-01,AntPool,100\n2024-05-01,AntPool,90\n');
    await expect(readPoolHashrates(path)).rejects.toThrow(`${path}:3 [day]: duplicate day 2024-05-01 for pool "AntPool"`);
    writeFileSync(path, 'day,pool,ehs\n');
    await expect(readPoolHashrates(path)).rejects.toBeInstanceOf(DecodeError);
  });
});
