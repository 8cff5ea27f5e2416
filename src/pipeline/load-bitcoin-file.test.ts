/**
 * `metrics bitcoin/pools --input FILE` (one streaming pass, no store) gives exactly what `ingest`
 * then `metrics` gives, on the real per-block file (composite and single sources, population
 * windows, block windows) and the real EDI daily file; bad files fail with file and line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetPath } from '../sources/files/datasets-path.js';
import { runCli } from '../../test/helpers/run-cli.js';

const PERBLOCK = datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz');
const EDI = datasetPath('bitcoin/edi-daily-blocks-per-entity/bitcoin_daily.csv');
const dir = mkdtempSync(join(tmpdir(), 'nk-input-'));
const db = join(dir, 'store.duckdb');

beforeAll(async () => {
  for (const f of [PERBLOCK, EDI]) {
    const r = await runCli(['ingest', f, '--db', db]);
    expect(r.code, r.err).toBe(0);
  }
}, 120_000);

async function both(args: string[], file: string): Promise<[string, string]> {
  const stored = await runCli(['metrics', 'bitcoin/pools', ...args, '--format', 'csv', '--db', db]);
  const direct = await runCli(['metrics', 'bitcoin/pools', ...args, '--format', 'csv', '--input', file], { NAKAMOTO_DB: join(dir, 'absent.duckdb') });
  expect(stored.code, stored.err).toBe(0);
  expect(direct.code, direct.err).toBe(0);
  return [direct.out, stored.out];
}

describe('metrics --input FILE equals ingest + metrics', () => {
  it('daily windows with population ±1 on the composite perblock source (every default metric)', async () => {
    const [direct, stored] = await both(['--window', '1d', '--population-windows', '1'], PERBLOCK);
    expect(direct.split('\n').length).toBeGreaterThan(2000);
    expect(direct).toBe(stored);
  });
  it('single label versions, monthly and block windows', async () => {
    for (const args of [
      ['--source', 'perblock-v2', '--window', '1m'],
      ['--source', 'perblock-v1', '--window', '2016b', '--anchor', '612864'],
      ['--window', '7d', '--level', 'entity', '--from', '2025-01-01'],
    ]) {
      const [direct, stored] = await both(args, PERBLOCK);
      expect(direct, args.join(' ')).toBe(stored);
    }
  });
  it('the EDI daily file (read whole: day-granular, quoted)', async () => {
    const [direct, stored] = await both(['--source', 'edi', '--window', '1y'], EDI);
    expect(direct).toBe(stored);
  });
  it('provenance names the file and its content hash', async () => {
    const r = await runCli(['metrics', 'bitcoin/pools', '--input', PERBLOCK, '--window', '1y', '--format', 'json']);
    const p = (JSON.parse(r.out) as { provenance: { from: string; rulesVersions: string[]; source: string } }).provenance;
    expect(p.from).toBe(PERBLOCK);
    expect(p.source).toBe('perblock');
    expect(p.rulesVersions[0]).toMatch(/^labels:[0-9a-f]{12}$/);
  });
});

describe('metrics --input errors', () => {
  it('a bad row names file, line and column (exit 2); an absent source lists what the file holds', async () => {
    const text = 'height,timestamp_utc,unix_time,pool_slug_v1,pool_slug_v2\n1,2020-01-01T00:00:00Z,1577836800,foundryusa,\n2,2020-01-01T00:10:00Z,1577836801,antpool,\n';
    const bad = join(dir, 'bad.csv.gz');
    writeFileSync(bad, gzipSync(text));
    const r = await runCli(['metrics', 'bitcoin/pools', '--input', bad, '--window', '1d']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}:3 [unix_time]`);
    const wrong = await runCli(['metrics', 'bitcoin/pools', '--input', PERBLOCK, '--source', 'edi', '--window', '1y']);
    expect(wrong.err).toMatch(/source edi is not in .*perblock, perblock-v1, perblock-v2/);
  });
  it('rows the byte reader reads but the validating reader refuses (height out of range, label too long) get the validating reader’s error', async () => {
    const header = 'height,timestamp_utc,unix_time,pool_slug_v1,pool_slug_v2\n1,2020-01-01T00:00:00Z,1577836800,foundryusa,\n';
    for (const [name, row, expected] of [
      ['height', '150000000,2020-01-01T00:10:00Z,1577837400,antpool,\n', ':3 [height]'],
      ['label', `2,2020-01-01T00:10:00Z,1577837400,${'x'.repeat(20_001)},\n`, ':3 [pool_slug_v1]: label longer than 20,000 characters'],
    ]) {
      const file = join(dir, `refused-${name!}.csv`);
      writeFileSync(file, header + row!);
      const r = await runCli(['metrics', 'bitcoin/pools', '--input', file, '--window', '1d']);
      expect(r.code, r.out).toBe(2);
      expect(r.err).toContain(`${file}${expected!}`);
    }
  });
  it('a truncated gzip file and a missing file are input errors', async () => {
    const cut = join(dir, 'cut.csv.gz');
    const gz = readFileSync(PERBLOCK);
    writeFileSync(cut, gz.subarray(0, gz.length >> 1));
    const r = await runCli(['metrics', 'bitcoin/pools', '--input', cut, '--window', '1d']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cut\.csv\.gz.*(corrupt or truncated gzip|unexpected end)/);
    const missing = await runCli(['metrics', 'bitcoin/pools', '--input', join(dir, 'nope.csv'), '--window', '1d']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file');
  });
  it('--input is for bitcoin/pools only', async () => {
    const r = await runCli(['metrics', 'ai/compute-owners', '--input', PERBLOCK]);
    expect(r.code).toBe(2);
  });
});
