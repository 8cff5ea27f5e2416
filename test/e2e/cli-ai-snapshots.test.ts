/**
 * AI snapshots end to end through the CLI on the staged real files: `nakamoto ingest` of every
 * snapshot shape, `nakamoto sources`, stock semantics of `--at` and `--window`, idempotence, and
 * bad input (one-line error, exit 2, store unchanged). Expected figures are recomputed here from
 * the raw CSV with a reader of this test's own.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetPath } from '../../src/sources/files/datasets-path.js';
import { runCli } from '../helpers/run-cli.js';

const METAGRAPH = datasetPath('ai/bittensor-metagraph/sn1_metagraph_block6852690_2025-11-10.csv');
const RECORDING = datasetPath('ai/bittensor-metagraph/recorded_jsonrpc_block6852690.json');
const SUBNETS_CSV = datasetPath('ai/bittensor-subnets/subnets_snapshot_2026-04-11.csv');
const SUBNETS_JSON = datasetPath('ai/bittensor-subnets/subnets_snapshot_2026-04-11.json');
const TRENDING = datasetPath('ai/hf-trending-snapshots-2026/hf_trending_top10_2026-03_2026-08.csv');

const tmp = () => mkdtempSync(join(tmpdir(), 'nk-ai-'));
const db = () => join(tmp(), 'store.duckdb');

/** Stake weight per coldkey (TAO) and HHI / Nakamoto coefficient, from the raw CSV lines. */
function expectedStake(lines: readonly string[]): { total: number; hhi: number; nc: number } {
  const header = lines[0]!.split(',');
  const ck = header.indexOf('coldkey');
  const ts = header.indexOf('total_stake_rao');
  const sums = new Map<string, bigint>();
  for (const l of lines.slice(1)) {
    if (l === '') continue;
    const c = l.split(',');
    sums.set(c[ck]!, (sums.get(c[ck]!) ?? 0n) + BigInt(c[ts]!));
  }
  const w = [...sums.values()].map((x) => Number(x) / 1e9).sort((a, b) => b - a);
  const total = w.reduce((a, b) => a + b, 0);
  const hhi = w.reduce((a, x) => a + (100 * x / total) ** 2, 0);
  let acc = 0;
  let nc = 0;
  while (acc < total / 2) acc += w[nc++]!;
  return { total, hhi, nc };
}

/** No store: an absent store file named by $NAKAMOTO_DB (an absent file named by --db is an error). */
const NO_STORE = () => ({ NAKAMOTO_DB: join(tmp(), 'absent.duckdb') });

async function json(args: string[], env: Record<string, string | undefined> = {}): Promise<{ rows: Record<string, number | string>[]; provenance: { notes: string[]; from: string } }> {
  const r = await runCli([...args, '--format', 'json'], env);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as never;
}

describe('Bittensor metagraph snapshots in the store', () => {
  it('ingest the staged CSV, then metrics --at its date gives that snapshot (block time from the recording beside it)', async () => {
    const store = db();
    const ing = await runCli(['ingest', METAGRAPH, '--db', store, '--format', 'json']);
    expect(ing.code, ing.err).toBe(0);
    expect(JSON.parse(ing.out)).toMatchObject({ kind: 'bittensor-metagraph-csv', sources: [{ source: 'bittensor-metagraph:sn1', inserted: 1 }] });
    const m = await json(['metrics', 'bittensor/stake', '--db', store, '--at', '2025-11-10', '--metrics', 'hhi,nakamoto-coefficient']);
    const exp = expectedStake(readFileSync(METAGRAPH, 'utf8').split('\n'));
    expect(m.rows).toHaveLength(1);
    expect(m.rows[0]).toMatchObject({ snapshot: '2025-11-10T15:12:24Z', 'nakamoto-coefficient': exp.nc });
    expect(m.rows[0]!.total as number).toBeCloseTo(exp.total, 3);
    expect(m.rows[0]!.hhi as number).toBeCloseTo(exp.hhi, 6);
    expect(m.provenance.from).toContain('bittensor-metagraph:sn1');
    // The same figures as the staged file read without a store.
    const staged = await json(['metrics', 'bittensor/stake', '--at', '2025-11-10', '--metrics', 'hhi,nakamoto-coefficient'], NO_STORE());
    expect(staged.rows).toEqual(m.rows);

    // The recorded JSON-RPC responses of the same block decode to the very same snapshot: unchanged.
    const rec = await runCli(['ingest', RECORDING, '--db', store, '--format', 'json']);
    expect(rec.code, rec.err).toBe(0);
    expect(JSON.parse(rec.out)).toMatchObject({ kind: 'bittensor-recording', sources: [{ source: 'bittensor-metagraph:sn1', inserted: 0, updated: 0, unchanged: 1 }] });
    // The same file again: skipped by its content hash.
    const again = await runCli(['ingest', METAGRAPH, '--db', store]);
    expect(again.out).toMatch(/already ingested \(ingest #1\); nothing changed/);
    const src = await runCli(['sources', '--db', store, '--format', 'json']);
    expect(JSON.parse(src.out)).toEqual([expect.objectContaining({ source: 'bittensor-metagraph:sn1', granularity: 'snapshot', blocks: 1, heights: '6852690–6852690', dates: '2025-11-10 → 2025-11-10' })]);
  });

  it('several snapshots: --window 1d has one row per snapshot day, each from its own snapshot', async () => {
    // A second snapshot for the windowing mechanics: the real SN1 rows with only the validator
    // permits' UIDs, saved in the metagraph CSV shape under a later day (a test fixture, not data).
    const dir = tmp();
    const lines = readFileSync(METAGRAPH, 'utf8').split('\n');
    const permit = lines[0]!.split(',').indexOf('validator_permit');
    const subset = [lines[0]!, ...lines.slice(1).filter((l) => l !== '' && l.split(',')[permit] === '1')];
    const second = join(dir, 'sn1_metagraph_block6867090_2025-11-12.csv');
    writeFileSync(second, subset.join('\n') + '\n');
    const first = join(dir, 'sn1_metagraph_block6852690_2025-11-10.csv');
    copyFileSync(METAGRAPH, first);
    const store = db();
    for (const f of [first, second]) expect((await runCli(['ingest', f, '--db', store])).code).toBe(0);
    const m = await json(['metrics', 'bittensor/stake', '--db', store, '--window', '1d', '--metrics', 'hhi,nakamoto-coefficient']);
    expect(m.rows.map((r) => [r.window_start, r.snapshot])).toEqual([
      ['2025-11-10', '2025-11-10T00:00:00Z'],
      ['2025-11-12', '2025-11-12T00:00:00Z'],
    ]);
    const e1 = expectedStake(lines);
    const e2 = expectedStake(subset);
    expect(m.rows[0]!.hhi as number).toBeCloseTo(e1.hhi, 6);
    expect(m.rows[1]!.hhi as number).toBeCloseTo(e2.hhi, 6);
    expect(m.rows[1]!.total as number).toBeCloseTo(e2.total, 3);
    // A window holding both reads the last one, never their sum.
    const w = await json(['metrics', 'bittensor/stake', '--db', store, '--window', '1m', '--metrics', 'hhi']);
    expect(w.rows).toHaveLength(1);
    expect(w.rows[0]).toMatchObject({ snapshot: '2025-11-12T00:00:00Z' });
    expect(w.rows[0]!.total as number).toBeCloseTo(e2.total, 3);
    // --at between them reads the earlier one; --at the later day reads the later one.
    expect((await json(['metrics', 'bittensor/stake', '--db', store, '--at', '2025-11-11', '--window', '1d', '--metrics', 'hhi'])).rows[0]).toMatchObject({ snapshot: '2025-11-10T00:00:00Z' });
    expect((await json(['metrics', 'bittensor/stake', '--db', store, '--at', '2025-11-12', '--metrics', 'hhi'])).rows[0]).toMatchObject({ snapshot: '2025-11-12T00:00:00Z' });
  });
});

describe('chain-wide Bittensor', () => {
  it('--netuid all: root TAO stake per coldkey (each hotkey once); validators; the subnet ranking table', async () => {
    const store = db();
    expect((await runCli(['ingest', METAGRAPH, '--db', store])).code).toBe(0);
    const lines = readFileSync(METAGRAPH, 'utf8').split('\n');
    const h = lines[0]!.split(',');
    const sums = new Map<string, number>();
    for (const l of lines.slice(1).filter((x) => x !== '')) {
      const c = l.split(',');
      sums.set(c[h.indexOf('coldkey')]!, (sums.get(c[h.indexOf('coldkey')]!) ?? 0) + Number(c[h.indexOf('tao_stake_rao')]!) / 1e9);
    }
    const total = [...sums.values()].reduce((a, b) => a + b, 0);
    const all = await json(['metrics', 'bittensor/stake', '--netuid', 'all', '--db', store, '--at', '2025-11-10', '--metrics', 'max-share']);
    expect(all.rows[0]!.total as number).toBeCloseTo(total, 3);
    expect(all.rows[0]!['max-share'] as number).toBeCloseTo(Math.max(...sums.values()) / total, 9);
    const alpha = await runCli(['metrics', 'bittensor/stake', '--netuid', 'all', '--source', 'alpha', '--db', store]);
    expect(alpha.code).toBe(2);
    expect(alpha.err).toMatch(/different tokens/);
    const permits = lines.slice(1).filter((l) => l !== '' && l.split(',')[h.indexOf('validator_permit')] === '1');
    const v = await json(['metrics', 'bittensor/stake', '--source', 'validators', '--db', store, '--at', '2025-11-10', '--metrics', 'total-entities']);
    expect(v.rows[0]!.total as number).toBeCloseTo(expectedStake([lines[0]!, ...permits]).total, 3);
    const t = await runCli(['bittensor', 'subnets', '--metric', 'nakamoto-coefficient,hhi', '--db', store, '--format', 'json']);
    expect(t.code, t.err).toBe(0);
    const exp = expectedStake(lines);
    const row = (JSON.parse(t.out) as { rows: Record<string, number | string>[] }).rows[0]!;
    expect(row).toMatchObject({ rank: 1, netuid: 1, name: 'Apex', block: 6852690, uids: 1024, coldkeys: 75, 'stake_nakamoto-coefficient': exp.nc, 'incentive_nakamoto-coefficient': 1 });
    expect(row.stake_hhi as number).toBeCloseTo(exp.hhi, 6);
    expect(row.emission_share as number).toBeCloseTo(60.3784 / 6676.282, 5);
  });
});

describe('subnet table and Hugging Face trending snapshots', () => {
  it('subnet-emission --at 2026-04-11 answers, with and without a store; CSV and JSON of that day are one snapshot', async () => {
    const noStore = await json(['metrics', 'bittensor/subnet-emission', '--at', '2026-04-11', '--metrics', 'nakamoto-coefficient'], NO_STORE());
    expect(noStore.rows).toEqual([expect.objectContaining({ window_start: '2026-03-13', window_end: '2026-04-12', snapshot: '2026-04-11T00:00:00Z', 'nakamoto-coefficient': 19 })]);
    const store = db();
    expect((await runCli(['ingest', SUBNETS_CSV, '--db', store])).code).toBe(0);
    const j = await runCli(['ingest', SUBNETS_JSON, '--db', store, '--format', 'json']);
    expect(JSON.parse(j.out)).toMatchObject({ sources: [{ source: 'bittensor-subnets', unchanged: 1 }] });
    const day = await json(['metrics', 'bittensor/subnet-emission', '--db', store, '--window', '1d', '--at', '2026-04-11', '--metrics', 'nakamoto-coefficient']);
    expect(day.rows).toEqual([expect.objectContaining({ window_start: '2026-04-11', snapshot: '2026-04-11T00:00:00Z', 'nakamoto-coefficient': 19 })]);
  });

  it('hf/trending-authors --window 1m over Mar–Aug 2026: six monthly rows, the same from the store as from the staged file', async () => {
    const args = ['metrics', 'hf/trending-authors', '--window', '1m', '--from', '2026-03-01', '--to', '2026-09-01', '--metrics', 'max-share,total-entities'];
    const staged = await json(args, NO_STORE());
    expect(staged.rows.map((r) => r.window_start)).toEqual(['2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01', '2026-08-01']);
    // Independent count: Qwen's share of March slots (PROVENANCE: 22 %).
    const rows = readFileSync(TRENDING, 'utf8').split('\n').slice(1).filter((l) => l.startsWith('2026-03'));
    const qwen = rows.filter((l) => l.split(',')[4] === 'Qwen').length;
    expect(staged.rows[0]).toMatchObject({ total: rows.length });
    expect(staged.rows[0]!['max-share'] as number).toBeCloseTo(qwen / rows.length, 9);
    const store = db();
    const ing = await runCli(['ingest', TRENDING, '--db', store, '--format', 'json']);
    expect(JSON.parse(ing.out)).toMatchObject({ kind: 'hf-trending', rows: 2560, sources: [{ source: 'hf-trending', rows: 256, inserted: 256 }] });
    const fromStore = await json([...args, '--db', store]);
    expect(fromStore.rows).toEqual(staged.rows);
  });
});

describe('Epoch AI files in the store', () => {
  it('ingest gpu_clusters.csv (validated by its decoder): listed as epoch-ai; the distributions read the stored version', async () => {
    const store = db();
    const r = await runCli(['ingest', datasetPath('ai/epoch-compute-infrastructure/gpu_clusters.csv'), '--db', store, '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ kind: 'epoch-ai', rows: 786, sources: [{ source: 'epoch-ai', inserted: 1 }] });
    const args = ['metrics', 'ai/clusters-by-owner', '--window', '1y', '--format', 'csv'];
    const stored = await runCli([...args, '--db', store]);
    const staged = await runCli(args, NO_STORE());
    expect(stored.out).toBe(staged.out);
    expect(stored.err).toMatch(/1 Epoch file\(s\) from the store/);
    expect((await runCli(['ingest', datasetPath('ai/epoch-compute-infrastructure/gpu_clusters.csv'), '--db', store])).out).toMatch(/already ingested/);
  });
});

describe('compare over time', () => {
  it('bitcoin/pools, bittensor/stake, ai/compute-owners and hf/trending-authors on one 1m axis', async () => {
    const noStore = NO_STORE();
    const r = await runCli(['compare', 'bitcoin/pools', 'bittensor/stake', 'ai/compute-owners', 'hf/trending-authors', '--window', '1m', '--metric', 'nakamoto-coefficient', '--from', '2025-10-01'], noStore);
    expect(r.code, r.err).toBe(0);
    const table = r.out.slice(r.out.indexOf('nakamoto-coefficient per 1m window'));
    expect(table).toMatch(/2025-11-01 +3 \[\d–\d\] +2 *\n/);
    const trending = await json(['metrics', 'hf/trending-authors', '--window', '1m', '--from', '2026-03-01', '--to', '2026-09-01', '--metrics', 'nakamoto-coefficient'], noStore);
    for (const row of trending.rows) expect(table).toMatch(new RegExp(`${String(row.window_start)} .* ${String(row['nakamoto-coefficient'])}\\s*\\n`));
  });
});

describe('bad AI snapshots: one line naming file, row or key; exit 2; nothing stored', () => {
  const lines = readFileSync(METAGRAPH, 'utf8').split('\n');
  const cases: [string, string, (dir: string) => string, RegExp][] = [
    ['a metagraph with a missing column', 'sn1_metagraph_block6852690_2025-11-10.csv', () => lines.map((l) => l.split(',').slice(0, -1).join(',')).join('\n'), /missing column.*axon_port|axon_port.*missing/i],
    ['duplicate UIDs', 'sn1_metagraph_block6852690_2025-11-10.csv', () => [...lines.slice(0, 3), lines[2]!.replace(/^1,/, '0,'), ...lines.slice(3)].join('\n'), /:4 \[uid\]: duplicate UID 0/],
    ['a hotkey without coldkey', 'sn1_metagraph_block6852690_2025-11-10.csv', () => lines.map((l, i) => (i === 5 ? l.split(',').map((c, k) => (k === 2 ? '' : c)).join(',') : l)).join('\n'), /:6 \[coldkey\]/],
    ['a snapshot without a time', 'metagraph.csv', () => lines.join('\n'), /snapshot without a time/],
    ['a trending row without a time', 'trending.csv', () => readFileSync(TRENDING, 'utf8').split('\n').map((l, i) => (i === 3 ? l.replace(/^[^,]*/, '') : l)).join('\n'), /:4 \[snapshot_utc\]: snapshot without a time/],
    ['a recording whose response does not decode', 'recording.json', () => {
      const rec = JSON.parse(readFileSync(RECORDING, 'utf8')) as { state_call: Record<string, { result: string }> };
      const key = Object.keys(rec.state_call).find((k) => k.includes('get_subnet_state'))!;
      rec.state_call[key]!.result = rec.state_call[key]!.result.slice(0, 2000);
      return JSON.stringify(rec);
    }, /recording\.json.*get_subnet_state/],
  ];
  for (const [what, name, make, message] of cases) {
    it(what, async () => {
      const dir = tmp();
      const store = join(dir, 'store.duckdb');
      expect((await runCli(['ingest', SUBNETS_CSV, '--db', store])).code).toBe(0);
      const before = (await runCli(['sources', '--db', store, '--ingests', '--format', 'csv'])).out;
      const file = join(dir, name);
      writeFileSync(file, make(dir));
      const r = await runCli(['ingest', file, '--db', store]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toContain(file);
      expect(r.err).toMatch(message);
      expect((await runCli(['sources', '--db', store, '--ingests', '--format', 'csv'])).out).toBe(before);
    });
  }
});
