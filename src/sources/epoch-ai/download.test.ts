/**
 * @module Tests of `downloadEpochData` against a loopback server serving the staged real Epoch CSVs
 * at their published paths (test/support/epoch-server.ts): every file arrives byte for byte where the
 * shared datasets have it, a 429 is waited out, HTML pages and cut-off bodies are rejected without
 * touching the previous files, and the distributions loaded from the download equal those loaded
 * from ../shared/datasets.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecodeError, SourceError, UsageError } from '../../domain/errors.js';
import { datasetPath } from '../files/datasets-path.js';
import type { HttpResponse } from '../http/request.js';
import { EPOCH_DISTRIBUTION_IDS } from './ids.js';
import { parseEpochDatasets } from './download-files.js';
import { csvBody, downloadEpochData, MANIFEST_FILE, type EpochManifest } from './download.js';
import { loadEpochDistribution } from './load.js';
import { startTestEpochServer, type TestEpochServer } from '../../../test/support/epoch-server.js';

const shared = datasetPath('');
const EPOCH_FOLDERS = ['ai/epoch-ai-models', 'ai/epoch-compute-infrastructure', 'ai/epoch-ai-chip-owners'];

/** Every data file of the shared Epoch folders (PROVENANCE.md aside), relative to the datasets root. */
function sharedFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name !== 'PROVENANCE.md') out.push(relative(shared, join(dir, e.name)));
    }
  };
  for (const f of EPOCH_FOLDERS) walk(join(shared, f));
  return out.sort();
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const manifestOf = (dest: string): EpochManifest => JSON.parse(readFileSync(join(dest, MANIFEST_FILE), 'utf8')) as EpochManifest;
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let server: TestEpochServer;
let dest: string;
const waits: number[] = [];

beforeAll(async () => {
  server = await startTestEpochServer();
  dest = mkdtempSync(join(tmpdir(), 'epoch-download-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dest, { recursive: true, force: true });
});

const opts = () => ({ dest, baseUrl: server.baseUrl, chipCountsUrl: server.chipCountsUrl });

describe('downloadEpochData against a local server with the real files', () => {
  it('fetches every shared Epoch file to the same path, byte for byte, after waiting out a 429', async () => {
    server.fault('/data/notable_ai_models.csv', '429');
    const r = await downloadEpochData({ ...opts(), sleep: (ms) => (waits.push(ms), realSleep(ms)) });
    expect(r.failed).toEqual([]);
    expect(r.fetched.map((f) => f.path).sort()).toEqual(sharedFiles());
    expect(sharedFiles()).toHaveLength(46); // 4 model files + 5 infrastructure + 20 owners + 14 sales + 3 inputs (PROVENANCE.md files)
    for (const p of sharedFiles()) {
      const got = readFileSync(join(dest, p));
      const want = readFileSync(join(shared, p));
      if (p.endsWith('.gz')) expect(gunzipSync(got).equals(gunzipSync(want)), p).toBe(true);
      else expect(got.equals(want), p).toBe(true);
    }
    // Retry-After: 1 → one wait of 1000 ms, then the second request for the file succeeded.
    expect(waits).toEqual([1000]);
    expect(server.requests.filter((q) => q.path === '/data/notable_ai_models.csv').map((q) => q.fault ?? 'ok')).toEqual(['429', 'ok']);
    // all_ai_models.csv travelled with Content-Encoding: gzip (the client accepts it) and was stored re-gzipped.
    expect(server.requests.find((q) => q.path === '/data/all_ai_models.csv')!.acceptEncoding).toMatch(/gzip/);
    expect(readFileSync(join(dest, 'ai/epoch-ai-models/all_ai_models.csv.gz')).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    // Only the data and the manifest are left: no staging folder.
    expect(readdirSync(dest).sort()).toEqual(['ai', MANIFEST_FILE]);
  });

  it('records url, sha256, bytes and rows of each stored file; rows match the PROVENANCE.md counts', () => {
    const m = manifestOf(dest);
    expect(Object.keys(m.files).sort()).toEqual(sharedFiles());
    for (const [p, e] of Object.entries(m.files)) {
      const bytes = readFileSync(join(dest, p));
      expect(e.sha256, p).toBe(sha(bytes));
      expect(e.bytes, p).toBe(bytes.length);
      expect(e.url.startsWith(p.includes('chip-owners') ? server.chipCountsUrl : `${server.baseUrl}/data/`), p).toBe(true);
      expect(Number.isNaN(Date.parse(e.fetchedAt))).toBe(false);
    }
    // Rows per PROVENANCE.md: notable 976, large-scale 481, frontier 137, all 2,228; clusters 786, ML hardware 170,
    // data centres 17, milestones 118, AI-company spend 11.
    const rows = (p: string) => m.files[p]!.rows;
    expect(['notable_ai_models.csv', 'large_scale_ai_models.csv', 'frontier_ai_models.csv', 'all_ai_models.csv.gz'].map((f) => rows(`ai/epoch-ai-models/${f}`))).toEqual([976, 481, 137, 2228]);
    expect(['gpu_clusters.csv', 'ml_hardware.csv', 'data_centers.csv', 'data_center_timelines.csv', 'ai_companies_compute_spend.csv'].map((f) => rows(`ai/epoch-compute-infrastructure/${f}`))).toEqual([786, 170, 17, 118, 11]);
    expect(m.files['ai/epoch-ai-chip-owners/owners/coreweave_owners_cumulative_totals.csv']!.url).toBe(`${server.chipCountsUrl}owners_csv_export/coreweave/coreweave_owners_cumulative_totals.csv`);
    expect(m.publisher).toMatch(/CC BY 4\.0/);
  });

  it('every distribution loaded from the download equals the one loaded from the shared datasets', async () => {
    for (const id of EPOCH_DISTRIBUTION_IDS) {
      const a = await loadEpochDistribution(id, { datasetsRoot: dest });
      const b = await loadEpochDistribution(id, { datasetsRoot: shared });
      expect(a.series, id).toEqual(b.series);
      expect(a.rulesVersion, id).toBe(b.rulesVersion);
      expect(a.notes.map((n) => n.split(dest).join('<root>')), id).toEqual(b.notes.map((n) => n.split(shared).join('<root>')));
    }
  });

  it('a second run of one dataset reports unchanged files and keeps the other manifest entries', async () => {
    const before = manifestOf(dest);
    const r = await downloadEpochData({ ...opts(), datasets: ['chip-owners'], now: () => Date.parse('2030-01-01T00:00:00Z') });
    expect(r.failed).toEqual([]);
    expect(r.fetched).toHaveLength(37);
    expect(r.fetched.every((f) => !f.changed && f.fetchedAt === '2030-01-01T00:00:00.000Z')).toBe(true);
    const after = manifestOf(dest);
    expect(after.files['ai/epoch-ai-models/notable_ai_models.csv']).toEqual(before.files['ai/epoch-ai-models/notable_ai_models.csv']);
    expect(after.updatedAt).toBe('2030-01-01T00:00:00.000Z');
  });

  it('rejects an HTML page and cut-off bodies with clear errors and keeps the previous files (same inode, same manifest entry)', async () => {
    server.fault('/data/gpu_clusters.csv', 'html');
    server.fault('/data/notable_ai_models.csv', 'truncate');
    server.fault('/data/frontier_ai_models.csv', 'truncate-in-quote');
    server.fault('/data/data_centers/data_center_timelines.csv', 'truncate');
    const kept = ['epoch-compute-infrastructure/gpu_clusters.csv', 'epoch-ai-models/notable_ai_models.csv', 'epoch-ai-models/frontier_ai_models.csv', 'epoch-compute-infrastructure/data_centers.csv', 'epoch-compute-infrastructure/data_center_timelines.csv'].map((f) => `ai/${f}`);
    const inode = (p: string) => statSync(join(dest, p)).ino;
    const before = manifestOf(dest);
    const inodesBefore = kept.map(inode);
    const r = await downloadEpochData({ ...opts(), datasets: ['models', 'clusters'], now: () => Date.parse('2031-01-01T00:00:00Z') });
    expect(r.failed.map((f) => f.unit)).toEqual(['notable models', 'frontier models', 'GPU clusters', 'data centres']);
    const err = (unit: string) => r.failed.find((f) => f.unit === unit)!.error;
    expect(err('GPU clusters')).toBeInstanceOf(DecodeError);
    expect(err('GPU clusters').message).toMatch(new RegExp(`^${server.baseUrl}/data/gpu_clusters\\.csv: got a web page \\(Content-Type: text/html`));
    expect(err('notable models').message).toMatch(/notable_ai_models\.csv \(byte \d+\): the file stops in the middle of a line/);
    // Cut after a line break inside a quoted field: only the CSV parser sees it, and the error names the URL, line and column.
    expect(err('frontier models').message).toMatch(new RegExp(`^${server.baseUrl}/data/frontier_ai_models\\.csv:\\d+ .*unterminated quoted field.*; rejected, ai/epoch-ai-models/frontier_ai_models\\.csv left as it was$`));
    expect(err('data centres').message).toMatch(/data_center_timelines\.csv.*the file stops in the middle of a line/);
    expect(r.failed.find((f) => f.unit === 'data centres')!.files).toEqual(['ai/epoch-compute-infrastructure/data_centers.csv', 'ai/epoch-compute-infrastructure/data_center_timelines.csv']);
    expect(kept.map(inode)).toEqual(inodesBefore);
    const after = manifestOf(dest);
    for (const p of kept) {
      expect(after.files[p], p).toEqual(before.files[p]);
      expect(readFileSync(join(dest, p)).equals(readFileSync(join(shared, p))), p).toBe(true);
    }
    // The units that were fine were replaced.
    expect(r.fetched.map((f) => f.path).sort()).toEqual(['ai/epoch-ai-models/all_ai_models.csv.gz', 'ai/epoch-ai-models/large_scale_ai_models.csv', 'ai/epoch-compute-infrastructure/ai_companies_compute_spend.csv', 'ai/epoch-compute-infrastructure/ml_hardware.csv']);
    expect(after.files['ai/epoch-compute-infrastructure/ml_hardware.csv']!.fetchedAt).toBe('2031-01-01T00:00:00.000Z');
    expect(readdirSync(dest).sort()).toEqual(['ai', MANIFEST_FILE]);
  });

  it('retries a dropped connection a bounded number of times, then fails the unit and keeps its files', async () => {
    const path = '/epoch-research/ai-chip-counts/HEAD/owners_csv_export/tpu_owners_cumulative_totals.csv';
    server.fault(path, 'drop', 3);
    const inodes = readdirSync(join(dest, 'ai/epoch-ai-chip-owners/owners')).map((f) => statSync(join(dest, 'ai/epoch-ai-chip-owners/owners', f)).ino);
    const seen = server.requests.length;
    const r = await downloadEpochData({ ...opts(), datasets: ['chip-owners'], retries: 2, sleep: async () => undefined });
    expect(r.fetched).toEqual([]);
    expect(r.failed).toHaveLength(1);
    expect(r.failed[0]!.error).toBeInstanceOf(SourceError);
    expect(r.failed[0]!.error.message).toMatch(/tpu_owners_cumulative_totals\.csv failed after 3 attempt\(s\): network error: /);
    expect(server.requests.slice(seen).filter((q) => q.path === path)).toHaveLength(3);
    expect(readdirSync(join(dest, 'ai/epoch-ai-chip-owners/owners')).map((f) => statSync(join(dest, 'ai/epoch-ai-chip-owners/owners', f)).ino)).toEqual(inodes);
  });

  it('a dropped connection and a 503 that succeed on retry are invisible in the result', async () => {
    server.fault('/data/ml_hardware.csv', 'drop');
    server.fault('/data/ai_companies_compute_spend.csv', '503');
    const r = await downloadEpochData({ ...opts(), datasets: ['clusters'], sleep: async () => undefined });
    expect(r.failed).toEqual([]);
    expect(r.fetched).toHaveLength(5);
  });

  it('a 404 fails with the URL and status; bad options are usage errors', async () => {
    const other = mkdtempSync(join(tmpdir(), 'epoch-download-404-'));
    try {
      const r = await downloadEpochData({ dest: other, datasets: ['models'], baseUrl: `${server.baseUrl}/mirror` });
      expect(r.failed).toHaveLength(4);
      expect(r.failed[0]!.error.message).toBe(`${server.baseUrl}/mirror/data/notable_ai_models.csv: HTTP 404 Not Found: <html><body>404 Not Found</body></html>`);
      expect(r.failed[0]!.error.exitCode).toBe(1);
      expect(readdirSync(other)).toEqual([]); // nothing fetched: no manifest, no staging folder
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    await expect(downloadEpochData({ dest, baseUrl: 'ftp://epoch.ai' })).rejects.toThrow(UsageError);
    await expect(downloadEpochData({ dest, chipCountsUrl: 'not a url' })).rejects.toThrow(/invalid --chip-counts-url: not a url/);
    await expect(downloadEpochData({ dest, datasets: ['hf' as never] })).rejects.toThrow(/invalid dataset: hf/);
  });

  it('replaces an unreadable manifest, saying so', async () => {
    const other = mkdtempSync(join(tmpdir(), 'epoch-download-manifest-'));
    try {
      writeFileSync(join(other, MANIFEST_FILE), '{"files": [');
      const r = await downloadEpochData({ dest: other, datasets: ['chip-owners'], baseUrl: server.baseUrl, chipCountsUrl: server.chipCountsUrl });
      expect(r.notes).toEqual([`${join(other, MANIFEST_FILE)} was not a download manifest; it is rewritten with this run's files only`]);
      expect(Object.keys(manifestOf(other).files)).toHaveLength(37);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('csvBody and parseEpochDatasets', () => {
  const text = readFileSync(join(shared, 'ai/epoch-compute-infrastructure/data_centers.csv'));
  const response = (body: Uint8Array, type = 'text/csv'): HttpResponse => ({ url: 'u', status: 200, statusText: 'OK', headers: new Headers({ 'content-type': type }), body });

  it('a prefix of a real file is accepted exactly when it ends at a line break', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: text.length }), (n) => {
        const cut = text.subarray(0, n);
        const atLineEnd = cut[n - 1] === 0x0a || cut[n - 1] === 0x0d;
        if (atLineEnd) expect(Buffer.from(csvBody(response(cut), 'u')).equals(cut)).toBe(true);
        else expect(() => csvBody(response(cut), 'u')).toThrow(DecodeError);
      }),
      { numRuns: 300 },
    );
  });

  it('gzip bodies are unpacked; a cut gzip body is a DecodeError', () => {
    const gz = gzipSync(text);
    expect(Buffer.from(csvBody(response(gz, 'application/gzip'), 'u')).equals(text)).toBe(true);
    expect(() => csvBody(response(gz.subarray(0, gz.length - 10)), 'u')).toThrow(/u: corrupt or truncated gzip data/);
    expect(() => csvBody(response(new Uint8Array(0)), 'u')).toThrow(/empty response/);
  });

  it('parseEpochDatasets keeps catalogue order, drops duplicates, rejects unknown names', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('models', 'clusters', 'chip-owners'), { minLength: 1, maxLength: 6 }), (names) => {
        const got = parseEpochDatasets(names.join(','));
        expect(got).toEqual((['models', 'clusters', 'chip-owners'] as const).filter((d) => names.includes(d)));
      }),
    );
    expect(() => parseEpochDatasets('models,gpus')).toThrow(/invalid dataset: gpus \(expected models, clusters, chip-owners\)/);
    expect(() => parseEpochDatasets(' , ')).toThrow(UsageError);
  });
});
