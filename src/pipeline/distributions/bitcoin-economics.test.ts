/**
 * The economics distributions behave like any other: `metrics` totals per window equal the
 * economics query's fees / reward / empty blocks (and the awk sums of the raw rows for 2024).
 */
import { describe, expect, it } from 'vitest';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import { getDistribution } from '../catalogue.js';
import { queryEconomics } from '../queries/economics-query.js';
import { queryMetrics } from '../queries/metrics-query.js';

const ctx = { store: null, datasetsRoot: datasetsRoot() };

describe('bitcoin/fees-by-pool, revenue-by-pool, empty-blocks-by-pool', () => {
  it('yearly totals equal the economics figures (2024 fees = 15,191.83685351 BTC, the awk sum of fee_total)', async () => {
    const q = { window: '1y', from: '2020-01-01', to: '2025-01-01', metrics: 'hhi,nakamoto-coefficient' };
    const econ = await queryEconomics({ window: '1y', from: '2020-01-01', to: '2025-01-01' }, ctx);
    const fees = await queryMetrics({ distribution: 'bitcoin/fees-by-pool', ...q }, ctx);
    const revenue = await queryMetrics({ distribution: 'bitcoin/revenue-by-pool', ...q }, ctx);
    const empty = await queryMetrics({ distribution: 'bitcoin/empty-blocks-by-pool', ...q }, ctx);
    expect(fees.rows.map((r) => r.total as number)).toEqual(econ.rows.map((r) => expect.closeTo(r.fees_btc as number, 6)));
    expect(revenue.rows.map((r) => r.total as number)).toEqual(econ.rows.map((r) => expect.closeTo(r.reward_btc as number, 5)));
    expect(empty.rows.map((r) => r.blocks)).toEqual(econ.rows.map((r) => r.empty_blocks));
    expect(fees.rows[4]!.total as number).toBeCloseTo(15_191.83685351, 6);
  });
  it('refuses other sources and levels', async () => {
    const e = getDistribution('bitcoin/fees-by-pool');
    await expect(e.load({ ...ctx, source: 'perblock' })).rejects.toThrow(/has one source: blockchair/);
    await expect(e.load({ ...ctx, level: 'entity' })).rejects.toThrow(/offers pool/);
  });
});
