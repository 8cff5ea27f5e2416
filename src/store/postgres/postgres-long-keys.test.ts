/**
 * The PostgreSQL store on the real EDI daily file (236 entities; unattributed blocks are named by
 * their reward addresses joined by `/`, up to 6,812 characters: longer than a B-tree index entry
 * may be): ingested through the CLI (`--db postgres://…`) it gives the same sources, entities and
 * metrics as DuckDB, and re-ingesting changes nothing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/run-cli.js';
import { usePostgres } from '../../../test/helpers/postgres-server.js';
import { datasetPath } from '../../sources/files/datasets-path.js';
import { openDuckDbStore } from '../duckdb/duckdb-store.js';
import { openPostgresStore } from './postgres-store.js';

const server = usePostgres();
const EDI = datasetPath('bitcoin/edi-daily-blocks-per-entity/bitcoin_daily.csv');

const QUERIES = [
  ['sources', '--format', 'csv'],
  ['metrics', 'bitcoin/pools', '--source', 'edi', '--window', '1y', '--format', 'csv'],
  ['metrics', 'bitcoin/pools', '--source', 'edi', '--window', '7d', '--from', '2018-01-01', '--to', '2018-03-01', '--format', 'csv'],
];

describe('PostgreSQL store with entity names longer than an index entry (real EDI file)', () => {
  it('ingests the EDI file; same sources, entities and metrics as DuckDB; re-ingest is unchanged', async () => {
    // Independent of both stores: the entity names as written in the file's first column.
    const lines = readFileSync(EDI, 'utf8').trimEnd().split('\n').slice(1);
    const names = lines.map((l) => l.slice(0, l.indexOf(',')));
    const cells = lines.reduce((n, l) => n + l.split(',').slice(1).filter((c) => c.trim() !== '' && Number(c) > 0).length, 0);
    const longest = names.reduce((a, b) => (b.length > a.length ? b : a));
    expect([names.length, longest.length]).toEqual([236, 6812]);
    expect(names.filter((n) => n.length > 2704).length).toBe(5);

    const pgUrl = await server.freshDatabase();
    const duck = join(mkdtempSync(join(tmpdir(), 'nk-pg-edi-')), 's.duckdb');
    for (const db of [pgUrl, duck]) {
      const r = await runCli(['ingest', EDI, '--db', db, '--format', 'json']);
      expect(r.code, r.err).toBe(0);
    }
    for (const q of QUERIES) {
      const [a, b] = [await runCli([...q, '--db', pgUrl]), await runCli([...q, '--db', duck])];
      expect(a.code, a.err).toBe(0);
      expect(a.out, q.join(' ')).toBe(b.out);
    }
    expect((await runCli(['sources', '--db', pgUrl, '--format', 'csv'])).out).toMatch(/^edi,day,321825,/m);

    const again = await runCli(['ingest', EDI, '--db', pgUrl, '--force', '--format', 'json']);
    expect(again.code, again.err).toBe(0);
    const [src] = (JSON.parse(again.out) as { sources: Record<string, unknown>[] }).sources;
    expect(src).toMatchObject({ source: 'edi', inserted: 0, updated: 0, unchanged: cells });

    const [p, d] = [await openPostgresStore(pgUrl), await openDuckDbStore(duck)];
    try {
      const [pr, dr] = [await p.readDailyCounts('edi'), await d.readDailyCounts('edi')];
      expect(pr).toEqual(dr);
      // Every entity of the file is stored whole and distinct (none truncated or merged).
      expect([...pr.entities].sort()).toEqual([...new Set(names)].sort());
      expect(pr.entities).toContain(longest);
    } finally {
      await p.close();
      await d.close();
    }
  }, 60_000);
});
