/**
 * AI snapshots in the PostgreSQL store, through the CLI (`--db postgres://…`): the same files
 * ingested into PostgreSQL and DuckDB give the same sources and the same metrics; re-ingesting
 * changes nothing; a bad file leaves PostgreSQL unchanged.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/run-cli.js';
import { usePostgres } from '../../../test/helpers/postgres-server.js';
import { datasetPath } from '../../sources/files/datasets-path.js';

const server = usePostgres();
const FILES = [
  'ai/bittensor-metagraph/sn1_metagraph_block6852690_2025-11-10.csv',
  'ai/bittensor-subnets/subnets_snapshot_2026-04-11.json',
  'ai/hf-trending-snapshots-2026/hf_trending_top10_2026-03_2026-08.csv',
].map((f) => datasetPath(f));

const QUERIES = [
  ['metrics', 'bittensor/stake', '--window', '1d', '--format', 'csv'],
  ['metrics', 'bittensor/subnet-emission', '--at', '2026-04-11', '--format', 'csv'],
  ['metrics', 'hf/trending-downloads', '--window', '1m', '--from', '2026-03-01', '--to', '2026-09-01', '--format', 'csv'],
  ['bittensor', 'subnets', '--format', 'csv'],
];

describe('AI snapshots in PostgreSQL', () => {
  it('same sources and metrics as DuckDB; idempotent; a bad file stores nothing', async () => {
    const pgUrl = await server.freshDatabase();
    const duck = join(mkdtempSync(join(tmpdir(), 'nk-pg-ai-')), 's.duckdb');
    for (const db of [pgUrl, duck]) for (const f of FILES) expect((await runCli(['ingest', f, '--db', db])).code).toBe(0);
    const sources = async (db: string) => (await runCli(['sources', '--db', db, '--format', 'csv'])).out;
    expect(await sources(pgUrl)).toBe(await sources(duck));
    expect(await sources(pgUrl)).toMatch(/hf-trending,snapshot,256,/);
    for (const q of QUERIES) {
      const a = await runCli([...q, '--db', pgUrl]);
      expect(a.code, a.err).toBe(0);
      expect(a.out, q.join(' ')).toBe((await runCli([...q, '--db', duck])).out);
    }
    const again = await runCli(['ingest', FILES[2]!, '--db', pgUrl, '--force', '--format', 'json']);
    expect(JSON.parse(again.out)).toMatchObject({ sources: [{ source: 'hf-trending', inserted: 0, updated: 0, unchanged: 256 }] });
    const before = (await runCli(['sources', '--db', pgUrl, '--ingests', '--format', 'csv'])).out;
    const bad = join(mkdtempSync(join(tmpdir(), 'nk-pg-ai-')), 'sn1_metagraph_block6852691_2025-11-11.csv');
    const lines = readFileSync(FILES[0]!, 'utf8').split('\n');
    writeFileSync(bad, [...lines.slice(0, 3), lines[2]!, ...lines.slice(3)].join('\n'));
    const r = await runCli(['ingest', bad, '--db', pgUrl]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/duplicate UID/);
    expect((await runCli(['sources', '--db', pgUrl, '--ingests', '--format', 'csv'])).out).toBe(before);
  });
});
