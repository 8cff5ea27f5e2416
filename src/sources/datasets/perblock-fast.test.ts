/**
 * The byte-level per-block reader against the general validating reader, on real rows: the same
 * columns and labels for the usual shape; a give-up (not a different answer) for every other shape,
 * after which the one-pass loader's fallback gives the same series.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBitcoinFromFile } from '../../pipeline/load-bitcoin-file.js';
import { scannerFromText } from '../files/csv.js';
import { datasetPath } from '../files/datasets-path.js';
import { readPerBlockAttribution } from './block-labels.js';
import { FastPathRejected, PerBlockFastReader } from './perblock-fast.js';

const text = gunzipSync(readFileSync(datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz'))).toString('utf8');
// The header and 20,000 rows of 2025, where both label versions are present.
const lines = text.split('\n');
const head = [lines[0], ...lines.slice(290_000, 310_000)].join('\n') + '\n';

function fast(t: string, chunk = 4096): PerBlockFastReader {
  const r = new PerBlockFastReader();
  const b = Buffer.from(t, 'utf8');
  for (let i = 0; i < b.length; i += chunk) r.push(b.subarray(i, i + chunk)); // lines cut across chunks
  r.finish();
  return r;
}

describe('PerBlockFastReader', () => {
  it('reads 20,000 real rows exactly as the validating reader does (both label versions)', () => {
    const r = fast(head, 777);
    const general = readPerBlockAttribution(scannerFromText(head, 'head.csv'), false);
    expect(r.rows).toBe(general.rows);
    expect(general.batches.map((b) => b.source)).toEqual(['perblock-v1', 'perblock-v2']);
    for (const [batch, col] of [[general.batches[0]!, r.v1], [general.batches[1]!, r.v2]] as const) {
      expect(Array.from(col.heights.subarray(0, col.n))).toEqual(Array.from(batch.heights));
      expect(Array.from(col.timeSec.subarray(0, col.n))).toEqual(Array.from(batch.timeSec));
      expect(Array.from(col.label.subarray(0, col.n), (k) => r.names[k])).toEqual(batch.labels);
    }
    // Line ends: CRLF, no newline after the last row, blank lines; lines cut at every chunk size.
    for (const [variant, chunk] of [[head.replace(/\n/g, '\r\n'), 13], [head.trimEnd(), 1], [head.replace('\n', '\n\n'), 65_536]] as const) {
      const v = fast(variant, chunk);
      expect(v.rows).toBe(general.rows);
      expect(Array.from(v.v2.label.subarray(0, v.v2.n), (k) => v.names[k])).toEqual(general.batches[1]!.labels);
    }
  });

  it('interns many labels (table growth, hash collisions) exactly as the validating reader names them', () => {
    // The same real rows with each label made one of ~2,000 distinct ones (label + height mod 1000).
    const many = head.replace(/\n(\d+),([^,]+),(\d+),([^,\n]*),([^,\n]*)/g, (_m, h: string, ts: string, u: string, a: string, b: string) =>
      `\n${h},${ts},${u},${a && `${a}-${Number(h) % 1000}`},${b && `${b}.${Number(h) % 1000}`}`,
    );
    const r = fast(many, 1009);
    const general = readPerBlockAttribution(scannerFromText(many, 'many.csv'), false);
    expect(r.names.length).toBeGreaterThan(1000);
    for (const [batch, col] of [[general.batches[0]!, r.v1], [general.batches[1]!, r.v2]] as const) {
      expect(Array.from(col.heights.subarray(0, col.n))).toEqual(Array.from(batch.heights));
      expect(Array.from(col.label.subarray(0, col.n), (k) => r.names[k])).toEqual(batch.labels);
    }
  });

  it.each([
    ['a label with a space around it', (t: string) => t.replace(',foundryusa,', ', foundryusa,')],
    ['a fractional timestamp', (t: string) => t.replace(/(\n\d+,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)Z/, '$1.000Z')],
    ['a quoted label', (t: string) => t.replace(',foundryusa,', ',"foundryusa",')],
    ['heights out of order', (t: string) => { const l = t.split('\n'); [l[5], l[6]] = [l[6]!, l[5]!]; return l.join('\n'); }],
    ['a row without a label', (t: string) => t.replace(/\n(\d+,[^,]+,\d+),[^,\n]*,[^,\n]*\n/, '\n$1,,\n')],
    ['a CR inside a line', (t: string) => t.replace(',foundryusa\n', ',foundryusa\rx\n')],
    ['a height that is not a number', (t: string) => t.replace(/\n(\d+),/, '\n1e5,')],
    ['an impossible date', (t: string) => t.replace(/\n(\d+),(\d{4})-\d\d-\d\d/, '\n$1,$2-02-30')],
    ['unix_time disagreeing with the timestamp', (t: string) => t.replace(/\n(\d+),([^,]+),(\d+)0,/, '\n$1,$2,$31,')],
  ])('gives up on %s (the general reader decides)', (_what, change) => {
    const changed = change(head);
    expect(changed).not.toBe(head);
    expect(() => fast(changed)).toThrow(FastPathRejected);
  });

  it('the one-pass loader falls back and gets the same series from an equivalent file in another shape', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nk-fast-'));
    const usual = join(dir, 'usual.csv.gz');
    const other = join(dir, 'other.csv');
    writeFileSync(usual, gzipSync(head));
    // Same data, other legal shape: CRLF lines, a label padded with spaces, +00:00 timestamps.
    writeFileSync(other, head.replace(',foundryusa,', ', foundryusa ,').replace(/Z,/g, '+00:00,').replace(/\n/g, '\r\n'));
    const [a, b] = await Promise.all([loadBitcoinFromFile(usual), loadBitcoinFromFile(other)]);
    expect(b.series.entities).toEqual(a.series.entities);
    expect(Array.from(b.series.entity)).toEqual(Array.from(a.series.entity));
    expect(Array.from(b.series.timeSec)).toEqual(Array.from(a.series.timeSec));
    expect(b.coverage).toEqual(a.coverage);
  });
});
