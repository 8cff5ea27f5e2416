/**
 * `nakamoto serve` and the CLI on one DuckDB store at the same time, as real processes of the
 * compiled CLI: the server starts before the store exists, `ingest` writes while the server keeps
 * answering, read commands run alongside, and the server answers from the new data without a
 * restart (docs/storage.md, "Serve and CLI on one DuckDB file").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetPath } from '../../src/sources/files/datasets-path.js';
import { buildPrivateCli, runProcess, type BuiltCli } from '../helpers/built-cli.js';

const PERBLOCK = datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz');
const EDI = datasetPath('bitcoin/edi-daily-blocks-per-entity/bitcoin_daily.csv');
const db = join(mkdtempSync(join(tmpdir(), 'nk-serve-cli-')), 'store.duckdb');

let cli: BuiltCli;
let server: ChildProcess;
let base = '';

beforeAll(async () => {
  cli = await buildPrivateCli();
  server = spawn(process.execPath, [cli.main, 'serve', '--port', '0', '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
  base = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30_000);
    server.stderr!.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    server.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}, 60_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  cli?.remove();
});

async function get(path: string): Promise<{ status: number; body: any }> {
  const r = await fetch(base + path);
  return { status: r.status, body: await r.json() };
}

describe('serve and the CLI on one DuckDB store', () => {
  it('before the store exists, the server answers from the embedded default', async () => {
    const m = await get('/api/metrics/bitcoin/pools?window=1y&metrics=hhi');
    expect(m.status).toBe(200);
    expect(m.body.provenance.source).toBe('default');
    expect((await get('/api/sources')).body.sources).toEqual([]);
  });

  it('ingest writes while the server keeps answering; read commands run alongside; the server sees the new data without a restart', async () => {
    const first = await runProcess(cli.main, ['ingest', EDI, '--db', db]);
    expect(first.code, first.err).toBe(0);
    expect((await get('/api/sources')).body.sources.map((s: { source: string }) => s.source)).toEqual(['edi']);

    // A large ingest in the background while the server is asked for uncached work and CLI readers run.
    const ingest = runProcess(cli.main, ['ingest', PERBLOCK, '--db', db]);
    const during: number[] = [];
    const readers: Promise<{ code: number | null; err: string; out: string }>[] = [];
    for (let i = 0; i < 6; i++) {
      during.push((await get(`/api/metrics/bitcoin/pools?source=edi&window=${i + 1}m&metrics=hhi`)).status);
      if (i % 2 === 0) readers.push(runProcess(cli.main, ['metrics', 'bitcoin/pools', '--source', 'edi', '--window', '1y', '--format', 'csv', '--db', db]));
    }
    readers.push(runProcess(cli.main, ['sources', '--db', db]));
    const done = await ingest;
    expect(done.code, done.err).toBe(0);
    expect(during).toEqual([200, 200, 200, 200, 200, 200]);
    for (const r of await Promise.all(readers)) expect(r.code, r.err).toBe(0);

    const after = await get('/api/metrics/bitcoin/pools?window=1y&metrics=hhi');
    expect(after.status).toBe(200);
    expect(after.body.provenance.source).toBe('perblock');
    expect((await get('/api/sources')).body.sources.map((s: { source: string }) => s.source).sort()).toEqual(['edi', 'perblock-v1', 'perblock-v2']);
    // And the CLI reads the same store while the server is still running.
    const cliAfter = await runProcess(cli.main, ['metrics', 'bitcoin/pools', '--window', '1y', '--metrics', 'hhi', '--format', 'json', '--db', db]);
    expect(cliAfter.code, cliAfter.err).toBe(0);
    expect(JSON.parse(cliAfter.out).rows).toEqual(after.body.rows);
  }, 120_000);
});
