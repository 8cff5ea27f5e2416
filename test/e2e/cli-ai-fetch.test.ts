/**
 * `nakamoto fetch bittensor|hf` end to end against loopback servers replaying real recordings:
 * the subtensor replay server (recorded finney responses of block 6852690) and the test Hub server
 * (the staged Hub samples; a real trending-cache version at /api/trending). Snapshots are saved,
 * ingested, and read back by the distributions; failures are one line.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplayServer, type Recording, type ReplayServer } from '../support/bittensor-replay-server.js';
import { datasetPath } from '../../src/sources/files/datasets-path.js';
import { loadSampleModels, loadTrendingCaches, startTestHubServer, type TestHubServer } from '../support/hub-server.js';
import { runCli } from '../helpers/run-cli.js';

const RECORDING = datasetPath('ai/bittensor-metagraph/recorded_jsonrpc_block6852690.json');
const tmp = () => mkdtempSync(join(tmpdir(), 'nk-fetch-'));

let node: ReplayServer;
let hub: TestHubServer;
let failFirst = false;
const trending = loadTrendingCaches().at(-1)!;

beforeAll(async () => {
  node = await startReplayServer(JSON.parse(readFileSync(RECORDING, 'utf8')) as Recording);
  let served = 0;
  hub = await startTestHubServer(loadSampleModels(), () => (failFirst && served++ === 0 ? { status: 503, headers: { 'retry-after': '0' } } : null), trending.cache);
});
afterAll(async () => {
  await node.close();
  await hub.close();
});

describe('nakamoto fetch bittensor', () => {
  it('reads SN1 from the node, saves the snapshot, ingests it; the figures equal the staged CSV\'s', async () => {
    const dir = tmp();
    const store = join(dir, 's.duckdb');
    const r = await runCli(['fetch', 'bittensor', '--netuid', '1', '--url', node.url, '--out', join(dir, 'snaps'), '--db', store, '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    expect(rows).toEqual([expect.objectContaining({ netuid: 1, block: 6852690, time: '2025-11-10T15:12:24Z', uids: 1024, source: 'bittensor-metagraph:sn1', status: 'new' })]);
    expect(readdirSync(join(dir, 'snaps'))).toEqual(['sn1_metagraph_block6852690_2025-11-10.json']);
    // The staged CSV of the same block is the same snapshot.
    const csv = await runCli(['ingest', datasetPath('ai/bittensor-metagraph/sn1_metagraph_block6852690_2025-11-10.csv'), '--db', store, '--format', 'json']);
    expect(JSON.parse(csv.out)).toMatchObject({ sources: [{ unchanged: 1, inserted: 0, updated: 0 }] });
    const args = ['metrics', 'bittensor/stake', '--at', '2025-11-10', '--metrics', 'hhi,nakamoto-coefficient,gini', '--format', 'json'];
    const live = JSON.parse((await runCli([...args, '--db', store])).out) as { rows: unknown[] };
    const staged = JSON.parse((await runCli(args, { NAKAMOTO_DB: join(dir, 'absent.duckdb') })).out) as { rows: unknown[] };
    expect(live.rows).toEqual(staged.rows);
  });

  it('--netuid all pins one head block for every subnet (here subnets 1…1, the recorded one)', async () => {
    const dir = tmp();
    const before = node.requests.length;
    const r = await runCli(['fetch', 'bittensor', '--netuid', 'all', '--max-netuid', '1', '--url', node.url, '--out', dir, '--db', join(dir, 's.duckdb'), '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual([expect.objectContaining({ netuid: 1, block: 6852690, status: 'new' })]);
    const methods = node.requests.slice(before).map((q) => q.method);
    expect(methods.filter((m) => m === 'chain_getHead')).toHaveLength(1);
    expect(methods).not.toContain('chain_getBlockHash');
  });

  it('an unreachable node: one line naming the URL, exit 1, after the retries', async () => {
    const dir = tmp();
    const r = await runCli(['fetch', 'bittensor', '--url', 'ws://127.0.0.1:9', '--retries', '1', '--timeout', '2', '--out', dir, '--db', join(dir, 's.duckdb')]);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/ws:\/\/127\.0\.0\.1:9.*2 attempt/);
  });
});

describe('nakamoto fetch hf', () => {
  it('--author: every model of the namespace, stored; hf/downloads-by-author --source author:A reads it', async () => {
    const dir = tmp();
    const store = join(dir, 's.duckdb');
    const r = await runCli(['fetch', 'hf', '--author', 'deepseek-ai', '--url', hub.baseUrl, '--out', dir, '--db', store, '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const expected = loadSampleModels().filter((m) => m.author === 'deepseek-ai');
    expect(JSON.parse(r.out)).toEqual([expect.objectContaining({ what: 'author:deepseek-ai', models: expected.length, source: 'hf-models:author:deepseek-ai', status: 'new' })]);
    const m = JSON.parse((await runCli(['metrics', 'hf/downloads-by-author', '--source', 'author:deepseek-ai', '--db', store, '--format', 'json', '--metrics', 'total-entities'])).out) as { rows: Record<string, number>[]; provenance: { notes: string[] } };
    expect(m.rows).toHaveLength(1);
    expect(m.rows[0]!.total).toBe(expected.reduce((a, x) => a + (x.downloads ?? 0), 0));
    expect(m.provenance.notes.join('\n')).toMatch(/sample "author:deepseek-ai" only — not the whole Hub/);
  });

  it('--trending: the Hub trending list (a real cache version), retried after a 503, read by hf/trending-authors', async () => {
    const dir = tmp();
    const store = join(dir, 's.duckdb');
    failFirst = true;
    try {
      const r = await runCli(['fetch', 'hf', '--trending', '--url', hub.baseUrl, '--out', dir, '--db', store, '--format', 'json']);
      expect(r.code, r.err).toBe(0);
      const n = Object.keys(trending.cache).length;
      expect(JSON.parse(r.out)).toEqual([expect.objectContaining({ what: 'trending', models: n, retries: 1, source: 'hf-trending', status: 'new' })]);
      const day = /trending_cache_(\d{4})(\d{2})(\d{2})T/.exec(readdirSync(dir).find((f) => f.startsWith('trending_cache_'))!)!;
      const at = `${day[1]}-${day[2]}-${day[3]}`;
      const m = JSON.parse((await runCli(['metrics', 'hf/trending-authors', '--db', store, '--window', '1d', '--at', at, '--format', 'json', '--metrics', 'total-entities'])).out) as { rows: Record<string, number>[] };
      const authors = new Set(Object.keys(trending.cache).map((id) => id.split('/')[0]));
      expect(m.rows).toEqual([expect.objectContaining({ total: n, total_entities: authors.size })]);
    } finally {
      failFirst = false;
    }
  });

  it('needs exactly one of --author, --search, --trending', async () => {
    const r = await runCli(['fetch', 'hf', '--author', 'a', '--trending']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/exactly one of --author NAME, --search TEXT, --trending/);
  });
});
