/**
 * The query layer against the embedded default and the shared datasets, checked with independent
 * counts of the raw files and with published values (Nakamoto 2008 §11; CBECI PROVENANCE).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NotFoundError, UsageError } from '../../domain/errors.js';
import { datasetsRoot, PROJECT_ROOT } from '../../sources/files/datasets-path.js';
import { queryAttackCost, queryDoubleSpend, querySelfishMining } from './attack-query.js';
import { queryClaims } from './claims-query.js';
import { queryCoalitions } from './coalitions-query.js';
import { queryCompare } from './compare-query.js';
import { queryDistribution, queryDistributions } from './distributions-query.js';
import { loadDistribution, SeriesCache } from './load-distribution.js';
import { queryMetrics } from './metrics-query.js';
import { queryPools } from './pools-query.js';
import { queryReport } from './report-query.js';
import { OTHER, queryShares } from './shares-query.js';
import { querySources } from './sources-query.js';

const ctx = { store: null, datasetsRoot: datasetsRoot() };

/** Blocks per pool slug in [startDay, endDay) straight from the embedded CSV (independent of the loaders). */
function rawCounts(startDay: string, endDay: string): Map<string, number> {
  const text = gunzipSync(readFileSync(join(PROJECT_ROOT, 'data/default/bitcoin-pools-daily.csv.gz'))).toString('utf8');
  const out = new Map<string, number>();
  for (const line of text.trim().split('\n').slice(1)) {
    const [day, entity, blocks] = line.split(',');
    if (day! >= startDay && day! < endDay) out.set(entity!, (out.get(entity!) ?? 0) + Number(blocks));
  }
  return out;
}

describe('pools and shares', () => {
  it('ranks the pools of June 2024 with the block counts of the raw file', async () => {
    const r = await queryPools({ window: '1m', at: '2024-06-30' }, ctx);
    expect(r.window).toEqual({ start: '2024-06-01', end: '2024-07-01', endExclusive: true });
    const raw = rawCounts('2024-06-01', '2024-07-01');
    expect(r.blocks).toBe([...raw.values()].reduce((a, b) => a + b, 0));
    for (const p of r.pools) expect(p.blocks).toBe(raw.get(p.slug));
    expect(r.pools.map((p) => p.blocks)).toEqual([...r.pools.map((p) => p.blocks)].sort((a, b) => b - a));
  });
  it('refuses block windows and windows outside the data with UsageError', async () => {
    await expect(queryPools({ window: '2016b' }, ctx)).rejects.toThrow(/pools takes a time window/);
    await expect(queryPools({ at: '2019-06-30' }, ctx)).rejects.toThrow(/outside the data/);
  });
  it('share series: every window sums to 1, the named pools are the top by mean share plus the last window\'s top, Other holds the rest', async () => {
    const r = await queryShares({ distribution: 'bitcoin/pools', window: '1y', top: 3 }, ctx);
    // Top 3 by mean yearly share 2020–2025, then ViaBTC: third in 2025 (the last complete year), so not hidden in Other.
    expect(r.entities).toEqual(['Foundry USA', 'AntPool', 'F2Pool', 'ViaBTC', OTHER]);
    const last = r.windows.at(-1)!;
    const lastTop3 = Object.entries(last.shares).filter(([k]) => k !== OTHER).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k]) => k);
    expect(lastTop3).toEqual(['Foundry USA', 'AntPool', 'ViaBTC']);
    for (const w of r.windows) expect(Object.values(w.shares).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const y2023 = r.windows.find((w) => w.start === '2023-01-01')!;
    const raw = rawCounts('2023-01-01', '2024-01-01');
    const total = [...raw.values()].reduce((a, b) => a + b, 0);
    expect(y2023.total).toBe(total);
    expect(y2023.shares['Foundry USA']).toBeCloseTo(raw.get('foundryusa')! / total, 12);
  });
  it("a source's own `Other` entity (CBECI) goes into Other, not beside it", async () => {
    const r = await queryShares({ distribution: 'bitcoin/hashrate-by-country', window: '1m', top: 4 }, ctx);
    expect(r.entities.filter((e) => e === OTHER)).toHaveLength(1);
    expect(r.entities.length).toBeGreaterThanOrEqual(5);
    expect(r.entities.length).toBeLessThanOrEqual(9);
    for (const w of r.windows) expect(Object.values(w.shares).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });
});

describe('report, metrics, compare', () => {
  it('report lists the requested number of top pools and validates top', async () => {
    const r = await queryReport({ top: '2' }, ctx);
    expect(r.latest.top).toHaveLength(2);
    expect(r.years.map((y) => y.label)).toContain('2023');
    await expect(queryReport({ top: '0' }, ctx)).rejects.toThrow('invalid top: 0 (expected an integer in [1, 100])');
  });
  it('metrics refuses interval work above the server bound, naming windows and draws', async () => {
    await expect(queryMetrics({ distribution: 'bitcoin/pools', window: '7d', ci: true }, ctx, { maxIntervalDraws: 10_000 })).rejects.toThrow(/too much work for intervals: \d+ windows × 1000 draws > 10000/);
    const ok = await queryMetrics({ distribution: 'bitcoin/pools', window: '1y', ci: true, draws: '200', metrics: 'hhi' }, ctx, { maxIntervalDraws: 10_000 });
    expect(ok.rows.length).toBe(6);
  });
  it('compare needs two distributions and time windows; bounds its interval work', async () => {
    await expect(queryCompare({ distributions: 'bitcoin/pools' }, ctx)).rejects.toThrow('compare needs at least two distributions');
    await expect(queryCompare({ distributions: 'bitcoin/pools,ai/compute-owners', window: '2016b' }, ctx)).rejects.toThrow(/time windows/);
    await expect(queryCompare({ distributions: ['bitcoin/pools', 'ai/compute-owners'], window: '7d' }, ctx, { maxIntervalDraws: 100_000 })).rejects.toThrow(/too much work/);
    const r = await queryCompare({ distributions: ['bitcoin/pools', 'ai/compute-owners'], metric: 'hhi', ci: false }, ctx);
    expect(r.cells.every((c) => c.lo === null && c.windowStart.endsWith('-01-01'))).toBe(true);
  });
});

describe('catalogue, sources, cache', () => {
  it('lists every distribution and 404s unknown ids', () => {
    expect(queryDistributions().map((d) => d.id)).toContain('ai/compute-owners');
    expect(queryDistribution('bitcoin/pools').levels).toEqual(['pool', 'entity', 'owner', 'template']);
    expect(() => queryDistribution('nope')).toThrow(NotFoundError);
  });
  it('sources without a store is an empty list, not an error', async () => {
    expect(await querySources(ctx)).toEqual({ store: false, sources: [] });
  });
  it('the series cache loads once per key, is bounded, and forgets failures', async () => {
    const cache = new SeriesCache(2);
    const c = { ...ctx, cache };
    const a = await loadDistribution(c, 'bitcoin/pools');
    expect(await loadDistribution(c, 'bitcoin/pools')).toBe(a);
    await expect(loadDistribution(c, 'bitcoin/pools', { level: 'nope' })).rejects.toThrow(UsageError);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.size).toBe(1);
    await loadDistribution(c, 'bitcoin/hashrate-by-country');
    await loadDistribution(c, 'ai/compute-owners');
    expect(cache.size).toBe(2);
  });
});

describe('attack queries', () => {
  it('double-spend: Nakamoto §11 table values (q = 0.1, z = 5 → 0.0009137; q = 0.3, z = 5 → 0.1773523)', () => {
    expect(queryDoubleSpend({ q: '0.1', z: '5' }).nakamoto).toBeCloseTo(0.0009137, 7);
    expect(queryDoubleSpend({ q: 0.3, z: 5 }).nakamoto).toBeCloseTo(0.1773523, 7);
    // §11: for q = 0.1, P < 0.001 needs z = 5.
    expect(queryDoubleSpend({ q: '0.1', z: '0', target: '0.001' }).confirmations?.nakamoto).toBe(5);
    expect(() => queryDoubleSpend({ q: '0.1', z: '-1' })).toThrow('invalid z: -1');
  });
  it('selfish mining: Eyal–Sirer thresholds 1/3 (γ = 0), 1/4 (γ = ½); optimal at most as strict, truncation bounded', () => {
    expect(querySelfishMining({ alpha: '0.2', gamma: '0' }).threshold).toBeCloseTo(1 / 3, 12);
    const r = querySelfishMining({ alpha: '0.3', gamma: '0.5', optimal: 'true', truncation: '20' });
    expect(r.threshold).toBeCloseTo(0.25, 12);
    // Truncation T = 20 loses a little against the untruncated SM1 closed form (≈ 1e-7 here).
    expect(r.optimalRelativeRevenue!).toBeGreaterThanOrEqual(r.relativeRevenue - 1e-6);
    expect(r.optimalThreshold!).toBeLessThanOrEqual(0.25 + 1e-4);
    expect(() => querySelfishMining({ alpha: '0.3', gamma: '0.5', optimal: true, truncation: '41' }, { maxTruncation: 40 })).toThrow('invalid truncation: 41 (expected an integer in [2, 40])');
  });
  it('cost: 50% of 900 EH/s at 20 J/TH and $0.05/kWh is 9,000 MW, $450,000 per hour; rewards 3 blocks × 3.125 BTC × $100,000', () => {
    const r = queryAttackCost({ hashrateEhs: '900', share: '0.5', efficiencyJTh: '20', electricityUsdKwh: '0.05', btcPriceUsd: '100000' });
    // 450 EH/s = 4.5e8 TH/s × 20 J/TH = 9e9 W; 9e6 kW × $0.05 = $450,000/h. 6 blocks/h × 0.5 × 3.125 BTC × $100,000 = $937,500/h.
    expect(r.powerMw).toBeCloseTo(9000, 6);
    expect(r.costPerHourUsd).toBeCloseTo(450_000, 6);
    expect(r.rewardsPerHourUsd).toBeCloseTo(937_500, 6);
    expect(() => queryAttackCost({ hashrateEhs: '900', share: '0.5', btcPriceUsd: '1', hashpriceUsdPhDay: '50', efficiencyJTh: '20' })).toThrow(/not both/);
  });
});

describe('coalitions and claims', () => {
  it('CBECI January 2022: the US alone exceeds 25% and ⅓ (37.84%), US + China exceed 50% and 51% (58.95%) — PROVENANCE values', async () => {
    const r = await queryCoalitions({ distribution: 'bitcoin/hashrate-by-country', window: '1m' }, ctx);
    expect(r.window.end).toBe('2022-01-02');
    expect(r.total).toBeCloseTo(187.55, 2);
    const [t25, t33, t50, t51] = r.coalitions;
    expect(t25!.members).toEqual(['United States of America']);
    expect(t33!.combinedShare).toBeCloseTo(0.3784, 4);
    expect(t50!.members).toEqual(['United States of America', 'China']);
    expect(t51!.combinedShare).toBeCloseTo(0.3784 + 0.2111, 3);
  });
  it('with ci, size bounds bracket the point size (block data) and ci is refused for non-samples', async () => {
    const r = await queryCoalitions({ distribution: 'bitcoin/pools', window: '7d', ci: 'true', draws: '200' }, ctx);
    for (const c of r.coalitions) {
      expect(c.sizeBounds!.min!).toBeLessThanOrEqual(c.size!);
      expect(c.sizeBounds!.max!).toBeGreaterThanOrEqual(c.size!);
    }
    await expect(queryCoalitions({ distribution: 'bitcoin/hashrate-by-country', ci: true }, ctx)).rejects.toThrow(/not a sample/);
    await expect(queryCoalitions({ distribution: 'bitcoin/pools', thresholds: '0.5,1' }, ctx)).rejects.toThrow('invalid threshold: 1');
  });
  it('claims: one claim by id; an unknown id is a NotFoundError naming the known ones', async () => {
    const r = await queryClaims({ only: 'us-overtook-china-mining' }, ctx);
    expect(r.claims.map((c) => c.id)).toEqual(['us-overtook-china-mining']);
    expect(r.claims[0]!.verdict).toBe('holds');
    await expect(queryClaims({ only: 'nope' }, ctx)).rejects.toThrow(/invalid claim id: nope \(known: .*us-overtook-china-mining/);
  });
});
