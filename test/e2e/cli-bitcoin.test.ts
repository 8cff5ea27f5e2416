/**
 * End to end through the CLI (in-process): the embedded default, ingest into a real DuckDB store,
 * metrics and rankings, and cross-checks against figures computed independently from the raw file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetPath } from '../../src/sources/files/datasets-path.js';
import { runCli } from '../helpers/run-cli.js';

const PERBLOCK = datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz');
const EDI = datasetPath('bitcoin/edi-daily-blocks-per-entity/bitcoin_daily.csv');
const BTCCOM = datasetPath('bitcoin/btccom-pool-labels-2016-2018/miningpool.csv');
const COLUMNS =
  'window_start,window_end,blocks,total_entities,hhi,nakamoto-coefficient,gini,entropy,entropy-percentage,theil,concentration-ratio=1,concentration-ratio=3,concentration-ratio=5,tau-index=0.33,tau-index=0.66,max-share';

function parseCsvOut(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

/** Independent oracle: per-pool block counts for a UTC date range, straight from the raw gzip (v1, else v2). */
function rawCounts(fromIso: string, toIso: string): Map<string, number> {
  const from = Date.parse(fromIso) / 1000;
  const to = Date.parse(toIso) / 1000;
  const counts = new Map<string, number>();
  const lines = gunzipSync(readFileSync(PERBLOCK)).toString('utf8').split('\n').slice(1);
  for (const line of lines) {
    if (!line) continue;
    const [, , unix, v1, v2] = line.split(',');
    const t = Number(unix);
    if (t < from || t >= to) continue;
    const pool = v1 || v2!;
    counts.set(pool, (counts.get(pool) ?? 0) + 1);
  }
  return counts;
}

function hhiOf(counts: Map<string, number>): number {
  const n = [...counts.values()].reduce((a, b) => a + b, 0);
  return [...counts.values()].reduce((a, c) => a + (100 * c / n) ** 2, 0);
}

describe('embedded default (no store)', () => {
  const env = { NAKAMOTO_DB: join(mkdtempSync(join(tmpdir(), 'nk-')), 'absent.duckdb') };

  it('report prints the latest 30 days and every year 2020–2026 with top pools and metrics', async () => {
    const r = await runCli(['report'], env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Latest 30 days \(2026-03-23 → 2026-04-21, [\d,]+ blocks/);
    for (const y of ['2020', '2021', '2022', '2023', '2024', '2025', '2026*']) expect(r.out).toMatch(new RegExp(`^  ${y.replace('*', '\\*')}\\s+\\d+`, 'm'));
    expect(r.out).toMatch(/Top-5 share [\d.]+% · Nakamoto coefficient \d+ · HHI \d+ · Gini [\d.]+ · entropy [\d.]+ bits/);
    expect(r.out).toContain('Foundry USA');
  });

  it('report --format json carries provenance and the 2023 figures match an independent count of the raw file', async () => {
    const r = await runCli(['report', '--format', 'json'], env);
    const j = JSON.parse(r.out) as { provenance: { source: string }; years: { label: string; total: number; hhi: number; top: { entity: string; weight: number }[] }[] };
    expect(j.provenance.source).toBe('default');
    const y2023 = j.years.find((y) => y.label === '2023')!;
    const raw = rawCounts('2023-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
    expect(y2023.total).toBe(53_999);
    expect(y2023.hhi).toBeCloseTo(hhiOf(raw), 9);
    expect(y2023.top[0]).toMatchObject({ entity: 'foundryusa', weight: raw.get('foundryusa') });
  });

  it('metrics bitcoin/pools --format csv has exactly the documented columns, one row per complete window', async () => {
    const r = await runCli(['metrics', 'bitcoin/pools', '--window', '30d', '--anchor', '2018-01-01', '--format', 'csv'], env);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(COLUMNS);
    const rows = parseCsvOut(r.out);
    // Windows are anchored on 2018-01-01 + k·30 days and must lie inside 2020-01-01 … 2026-04-22:
    // 2018-01-01 → 2020-01-01 is 730 days; the first k·30 ≥ 730 is 750, i.e. 2020-01-21.
    expect(rows[0]!.window_start).toBe('2020-01-21');
    for (const row of rows) expect((Date.parse(row.window_end!) - Date.parse(row.window_start!)) / 86_400_000).toBe(30);
    expect(rows.at(-1)!.window_end! <= '2026-04-22').toBe(true);
    // Independent check of one window.
    const w = rows[17]!;
    const raw = rawCounts(`${w.window_start}T00:00:00Z`, `${w.window_end}T00:00:00Z`);
    expect(Number(w.blocks)).toBe([...raw.values()].reduce((a, b) => a + b, 0));
    expect(Number(w.total_entities)).toBe(raw.size);
    expect(Number(w.hhi)).toBeCloseTo(hhiOf(raw), 4);
  });

  it('metrics --format json names the distribution and provenance', async () => {
    const r = await runCli(['metrics', 'bitcoin/pools', '--window', '1y', '--format', 'json', '--metrics', 'hhi,nakamoto-coefficient'], env);
    const j = JSON.parse(r.out) as { distribution: string; rows: Record<string, unknown>[] };
    expect(j.distribution).toBe('bitcoin/pools');
    expect(j.rows.map((x) => x.window_start)).toEqual(['2020-01-01', '2021-01-01', '2022-01-01', '2023-01-01', '2024-01-01', '2025-01-01']);
    expect(Object.keys(j.rows[0]!)).toEqual(['window_start', 'window_end', 'blocks', 'hhi', 'nakamoto-coefficient']);
  });

  it('pools ranks one window', async () => {
    const r = await runCli(['pools', '--window', '7d', '--at', '2024-04-20', '--format', 'json'], env);
    const j = JSON.parse(r.out) as { blocks: number; pools: { rank: number; slug: string; blocks: number; share: number }[] };
    const raw = rawCounts('2024-04-14T00:00:00Z', '2024-04-21T00:00:00Z');
    expect(j.blocks).toBe([...raw.values()].reduce((a, b) => a + b, 0));
    expect(j.pools[0]!.blocks).toBe(Math.max(...raw.values()));
    expect(j.pools.reduce((a, p) => a + p.share, 0)).toBeCloseTo(1, 12);
  });

  it('--level entity merges pools by dated ownership: Bitmain 2020 = AntPool all year + BTC.com before 2020-12-01', async () => {
    const r = await runCli(['pools', '--level', 'entity', '--window', '1y', '--at', '2020-12-31', '--format', 'json'], env);
    const j = JSON.parse(r.out) as { blocks: number; pools: { pool: string; blocks: number }[] };
    // Independent count from the raw file with the EDI legal link dates (BTC.COM → Bitmain until 2020-12, exclusive).
    const antpool = rawCounts('2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z').get('antpool')!;
    const btccomBefore = rawCounts('2020-01-01T00:00:00Z', '2020-12-01T00:00:00Z').get('btccom')!;
    const btccomDec = rawCounts('2020-12-01T00:00:00Z', '2021-01-01T00:00:00Z').get('btccom')!;
    expect(j.pools.find((p) => p.pool === 'Bitmain')!.blocks).toBe(antpool + btccomBefore);
    expect(j.pools.find((p) => p.pool === 'Bitdeer')!.blocks).toBe(btccomDec);
    expect(j.pools.some((p) => p.pool === 'AntPool' || p.pool === 'BTC.com')).toBe(false);
  });

  it('metrics file computes any CSV distribution (JSON shape from the issue)', async () => {
    const p = join(mkdtempSync(join(tmpdir(), 'nk-')), 'w.csv');
    writeFileSync(p, 'org,h100e\nA,3\nB,2\nC,1\nA,0\n');
    const r = await runCli(['metrics', 'file', p, '--entity-column', 'org', '--weight-column', 'h100e', '--format', 'json']);
    const j = JSON.parse(r.out) as { entities: number; total: number; metrics: Record<string, number> };
    expect(j.entities).toBe(3);
    expect(j.total).toBe(6);
    // [3,2,1]: HHI = 2500 + 1111.1 + 277.8 = 3888.9; NC = 1 (3/6 = 50% ≥ 50%).
    expect(j.metrics.hhi).toBeCloseTo(3888.888889, 5);
    expect(j.metrics['nakamoto-coefficient']).toBe(1);
  });
});

describe('errors: one line, exit 2 for bad usage or input, no stack trace', () => {
  it.each([
    [['metrics', 'bitcoin/pools', '--window', '30x'], /^nakamoto: invalid window: 30x/],
    [['metrics', 'nope/nothing'], /^nakamoto: invalid distribution: nope\/nothing/],
    [['metrics', 'bitcoin/pools', '--metrics', 'hhi,bogus'], /^nakamoto: invalid metric: bogus/],
    [['metrics', 'bitcoin/pools', '--from', '2021-02-30'], /^nakamoto: invalid --from: 2021-02-30/],
    [['metrics', 'bitcoin/pools', '--window', '2016b'], /day-granular/],
    [['metrics', 'file', '/nonexistent/x.csv'], /^nakamoto: cannot read \/nonexistent\/x\.csv: no such file/],
    [['pools', '--at', '2010-01-01'], /outside the data/],
    [['ingest', '/nonexistent/y.csv'], /no such file/],
    [['report', '--format', 'pdf'], /^nakamoto: invalid format: pdf/],
    // Number options, one parser: the flag, the text given and the accepted range (not `NaN`).
    [['metrics', 'bitcoin/pools', '--ci', '--confidence', 'high'], /^nakamoto: invalid --confidence: high \(expected a number in \(0, 1\)\)\n$/],
    [['metrics', 'bitcoin/pools', '--population-windows', '-1'], /^nakamoto: invalid --population-windows: -1 \(expected an integer in \[0, 1000\]\)\n$/],
    [['report', '--top', '0'], /^nakamoto: invalid --top: 0 \(expected an integer in \[1, 100\]\)\n$/],
  ])('%j', async (args, message) => {
    const env = { NAKAMOTO_DB: join(mkdtempSync(join(tmpdir(), 'nk-')), 'absent.duckdb') };
    const r = await runCli(args, env);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
  it('unknown command and unknown option exit 2', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['report', '--nope'])).code).toBe(2);
  });
});

describe('ingest into a store, then metrics from it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nk-store-'));
  const env = { NAKAMOTO_DB: join(dir, 'n.duckdb') };

  beforeAll(async () => {
    for (const f of [PERBLOCK, EDI, BTCCOM]) {
      const r = await runCli(['ingest', f, '--format', 'json'], env);
      expect(r.code, r.err).toBe(0);
    }
  }, 120_000);

  it('re-ingesting reports nothing changed', async () => {
    const r = await runCli(['ingest', PERBLOCK, '--format', 'json'], env);
    const j = JSON.parse(r.out) as { sources: { source: string; inserted: number; updated: number; note: string }[] };
    expect(j.sources.map((s) => [s.source, s.inserted, s.updated])).toEqual([
      ['perblock-v1', 0, 0],
      ['perblock-v2', 0, 0],
    ]);
    expect(j.sources[0]!.note).toMatch(/already ingested/);
  });

  it('per-block store data and the embedded default agree on day-aligned windows', async () => {
    const fromStore = await runCli(['metrics', 'bitcoin/pools', '--window', '30d', '--format', 'csv'], env);
    const fromDefault = await runCli(['metrics', 'bitcoin/pools', '--window', '30d', '--format', 'csv', '--source', 'default'], env);
    expect(fromStore.err).toMatch(/source: perblock/);
    expect(fromStore.out).toBe(fromDefault.out);
  });

  it('block-count windows work on per-block sources (2016 blocks = one retarget period)', async () => {
    const r = await runCli(['metrics', 'bitcoin/pools', '--window', '2016b', '--anchor', '0', '--from', '630000', '--to', '640000', '--format', 'csv'], env);
    const rows = parseCsvOut(r.out);
    expect(rows.map((x) => x.window_start)).toEqual(['631008', '633024', '635040', '637056']);
    expect(rows.every((x) => x.blocks === '2016')).toBe(true);
  });

  it('EDI (entities, owners merged) and per-block pools give the same yearly block totals 2020–2023 but different entity counts', async () => {
    const edi = parseCsvOut((await runCli(['metrics', 'bitcoin/pools', '--source', 'edi', '--window', '1y', '--from', '2020-01-01', '--format', 'csv'], env)).out);
    const pools = parseCsvOut((await runCli(['metrics', 'bitcoin/pools', '--source', 'perblock', '--window', '1y', '--to', '2024-01-01', '--format', 'csv'], env)).out);
    expect(edi.map((r) => r.blocks)).toEqual(['53222', '52686', '53188', '53999']);
    expect(pools.map((r) => r.blocks)).toEqual(edi.map((r) => r.blocks));
    expect(edi.map((r) => r.window_start)).toEqual(pools.map((r) => r.window_start));
  });

  it('BTC.com labels have no times: time windows are refused, block windows work', async () => {
    const t = await runCli(['metrics', 'bitcoin/pools', '--source', 'btccom', '--window', '30d'], env);
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/no block times/);
    const b = parseCsvOut((await runCli(['metrics', 'bitcoin/pools', '--source', 'btccom', '--window', '2016b', '--anchor', '0', '--format', 'csv'], env)).out);
    expect(b[0]!.window_start).toBe('401184');
  });

  it('an unknown source lists the available ones', async () => {
    const r = await runCli(['metrics', 'bitcoin/pools', '--source', 'nope'], env);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no source nope .*available: btccom, edi, perblock-v1, perblock-v2, perblock/);
  });

  it('sources lists what the store holds', async () => {
    const r = await runCli(['sources', '--format', 'csv'], env);
    expect(r.out).toMatch(/^perblock-v1,block,331777,610683–942459,2019-12-31 → 2026-03-27,labels:1ea8d3300d0e/m);
  });
});
