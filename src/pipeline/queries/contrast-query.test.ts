/**
 * The contrast on real data: the embedded default and the staged datasets. Values are checked
 * against independent computation from the files; a missing datasets folder leaves the Bitcoin
 * rows and marks the rest unavailable instead of failing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { mannKendall } from '../../analysis/trend/mann-kendall.js';
import { datasetsRoot, PROJECT_ROOT } from '../../sources/files/datasets-path.js';
import { CONTRAST_SERIES } from './contrast-series.js';
import { queryContrast, type ContrastResult } from './contrast-query.js';
import { SeriesCache } from './load-distribution.js';

let c: ContrastResult;
beforeAll(async () => {
  c = await queryContrast({ store: null, datasetsRoot: datasetsRoot(), cache: new SeriesCache() });
}, 60_000);

const dayRows = () =>
  gunzipSync(readFileSync(join(PROJECT_ROOT, 'data/default/bitcoin-pools-daily.csv.gz')))
    .toString('utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    // One pool, two label versions: the v1 slug oceanxyz is OCEAN (SLUG_ALIASES in src/pipeline/series-source.ts).
    .map(([day, entity, blocks]) => ({ day: day!, entity: entity === 'oceanxyz' ? 'ocean' : entity!, blocks: Number(blocks) }));

function hhi(counts: Map<string, number>): number {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return [...counts.values()].reduce((a, b) => a + (100 * b / total) ** 2, 0);
}

describe('queryContrast on the embedded default and staged datasets', () => {
  it('has a row for every listed series plus the 2025 country estimate, none unavailable', () => {
    expect(c.rows.map((r) => r.key)).toEqual([...CONTRAST_SERIES.map((s) => s.key), 'btc-countries-2025']);
    expect(c.rows.filter((r) => r.unavailable)).toEqual([]);
  });
  it('Bitcoin pools: latest 30 days and monthly HHI match an independent count of the embedded file', () => {
    const rows = dayRows();
    const last = rows[rows.length - 1]!.day;
    const from = new Date(Date.parse(`${last}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    const latest = new Map<string, number>();
    for (const r of rows) if (r.day >= from) latest.set(r.entity, (latest.get(r.entity) ?? 0) + r.blocks);
    const pools = c.rows.find((r) => r.key === 'btc-pools')!;
    expect(pools.latest!.label).toBe(`30 days to ${last}`);
    expect(pools.latest!.hhi).toBeCloseTo(hhi(latest), 9);
    expect(pools.latest!.intervals!.hhi.lo!).toBeLessThan(pools.latest!.hhi!);
    expect(pools.latest!.intervals!.hhi.hi!).toBeGreaterThan(pools.latest!.hhi!);
    const byMonth = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const m = byMonth.get(r.day.slice(0, 7)) ?? new Map<string, number>();
      m.set(r.entity, (m.get(r.entity) ?? 0) + r.blocks);
      byMonth.set(r.day.slice(0, 7), m);
    }
    // Complete months only: April 2026 is partial.
    const months = [...byMonth.keys()].filter((m) => m < last.slice(0, 7));
    expect(pools.points.map((p) => new Date(p.start * 1000).toISOString().slice(0, 7))).toEqual(months);
    pools.points.forEach((p, i) => expect(p.hhi).toBeCloseTo(hhi(byMonth.get(months[i]!)!), 9));
    expect(pools.trend.s).toBe(mannKendall(pools.points.map((p) => p.hhi)).s);
    // The last 24 months on their own: the same test on the last 24 points, shown in the evidence.
    expect(pools.recent!.n).toBe(24);
    expect(pools.recent!.s).toBe(mannKendall(pools.points.slice(-24).map((p) => p.hhi)).s);
    const v = c.verdicts.find((x) => x.series === 'btc-pools')!;
    expect(v.evidence).toContain(`; last 24 windows alone (${new Date(pools.points.at(-24)!.start * 1000).toISOString().slice(0, 10)} → `);
    expect(v.evidence).toContain(`→ ${pools.recent!.direction}`);
  });
  it('verdicts: one per Bitcoin row for claim 1, one per AI row for claims 2 and 3, each with evidence', () => {
    const btc = c.rows.filter((r) => r.world === 'bitcoin').length;
    const ai = c.rows.filter((r) => r.world === 'ai').length;
    expect(c.verdicts).toHaveLength(btc + 2 * ai);
    for (const v of c.verdicts) {
      expect(v.evidence.length).toBeGreaterThan(20);
      expect(v.verdict === 'not settled').toBe(v.needs !== null);
    }
  });
  it('geography keeps publishers apart and marks the survey', () => {
    const kinds = c.geography.bitcoin.map((e) => `${e.sourceId}:${e.kind}`);
    expect(kinds).toEqual(['cambridge_dmir_2025:survey of firms', 'hashrateindex_2025q2:network estimate', 'hashrateindex_2025q3:network estimate']);
    expect(c.geography.ai.map((a) => a.year)).toEqual([2024, 2025]);
    const q3 = c.geography.bitcoin[2]!;
    expect(q3.metrics.top1).toBeCloseTo(0.3581, 12);
    expect(c.rows.at(-1)!.latest!.intervals!.hhi).toEqual(q3.metrics.hhi);
  });
  it('a missing datasets folder leaves the Bitcoin rows and marks the others unavailable', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'nakamoto-no-datasets-'));
    const r = await queryContrast({ store: null, datasetsRoot: empty });
    expect(r.rows.find((x) => x.key === 'btc-pools')!.unavailable).toBeUndefined();
    const missing = r.rows.filter((x) => x.unavailable);
    expect(missing.length).toBeGreaterThan(5);
    expect(r.geography.unavailable).toBeDefined();
    for (const v of r.verdicts.filter((x) => missing.some((m) => m.key === x.series))) expect(v.verdict).toBe('not settled');
  });
});
