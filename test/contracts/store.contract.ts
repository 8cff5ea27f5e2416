/**
 * The Store contract: every backend (DuckDB, PostgreSQL) runs this same suite against a real
 * database. `open` must return a fresh, empty store each call.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/domain/errors.js';
import type { BlockLabelBatch } from '../../src/sources/datasets/block-labels.js';
import type { DailyCountBatch } from '../../src/sources/datasets/daily-counts.js';
import type { IngestMeta, Store } from '../../src/store/store.js';

const meta = (rows: number, sha = 'a'.repeat(64)): IngestMeta => ({ kind: 'test', sha256: sha, rulesVersion: `labels:${sha.slice(0, 12)}`, rows, skipped: 0 });

export function blockBatch(source: string, rows: [number, number | null, string][], hashes?: string[]): BlockLabelBatch {
  return {
    source,
    description: `${source} test batch`,
    input: `${source}.csv`,
    heights: Int32Array.from(rows, (r) => r[0]),
    timeSec: Float64Array.from(rows, (r) => (r[1] === null ? Number.NaN : r[1])),
    labels: rows.map((r) => r[2]),
    ...(hashes ? { hashes } : {}),
  };
}

/**
 * `n` hex characters that do not compress (a SHA-256 chain): longer than a PostgreSQL B-tree index
 * entry may be (2,704 bytes after compression) when n is above that.
 */
export function longText(n: number, seed: string): string {
  let out = '';
  for (let h = seed; out.length < n; ) out += h = createHash('sha256').update(h).digest('hex');
  return out.slice(0, n);
}

export function runStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    it('block facts: merged column by column, counted, idempotent, read back in height order, not a label source', async () => {
      const s = await open();
      try {
        const sigs = { source: 'facts', description: 'facts test', input: 'sigs.tsv', heights: Int32Array.from([11, 10]), scriptSigHex: ['03bb', '03aa'] };
        expect(await s.writeBlockFacts(sigs, meta(2))).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
        const hdr = { source: 'facts', description: 'facts test', input: 'blocks.tsv', heights: Int32Array.from([10, 12]), version: Float64Array.from([536870912, NaN]), txCount: Float64Array.from([2894, 1]), weight: Float64Array.from([3993436, 800]), feeSat: Float64Array.from([28175343, 0]), rewardSat: Float64Array.from([1278175343, 625000000]) };
        expect(await s.writeBlockFacts(hdr, meta(2, 'c'.repeat(64)))).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
        expect(await s.writeBlockFacts(hdr, meta(2, 'c'.repeat(64)))).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
        const f = await s.readBlockFacts();
        expect([...f.heights]).toEqual([10, 11, 12]);
        expect(f.scriptSigHex).toEqual(['03aa', '03bb', null]);
        expect([...f.version]).toEqual([536870912, NaN, NaN]);
        expect([...f.txCount]).toEqual([2894, NaN, 1]);
        expect([...f.rewardSat]).toEqual([1278175343, NaN, 625000000]);
        expect([...(await s.readBlockFacts(11, 12)).heights]).toEqual([11, 12]);
        expect(await s.listSources()).toEqual([]);
        expect((await s.listIngests()).length).toBe(3);
      } finally {
        await s.close();
      }
    });

    it('writes block labels and reads them back in height order, labels interned', async () => {
      const s = await open();
      try {
        const w = await s.writeBlockLabels(blockBatch('src-a', [[12, 1200, 'b'], [10, 1000, 'a'], [11, 1100, 'a']]), meta(3));
        expect(w).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 });
        const r = await s.readBlockLabels('src-a');
        expect([...r.heights]).toEqual([10, 11, 12]);
        expect([...r.timeSec]).toEqual([1000, 1100, 1200]);
        expect([...r.label].map((k) => r.labels[k])).toEqual(['a', 'a', 'b']);
      } finally {
        await s.close();
      }
    });

    it('is idempotent: writing the same rows again changes nothing; changed labels are counted as updates', async () => {
      const s = await open();
      try {
        const rows: [number, number | null, string][] = [[1, 100, 'x'], [2, 200, 'y']];
        await s.writeBlockLabels(blockBatch('src', rows), meta(2));
        const again = await s.writeBlockLabels(blockBatch('src', rows), meta(2));
        expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
        const changed = await s.writeBlockLabels(blockBatch('src', [[2, 200, 'z'], [3, 300, 'x']]), meta(2, 'b'.repeat(64)));
        expect(changed).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
        const r = await s.readBlockLabels('src');
        expect([...r.label].map((k) => r.labels[k])).toEqual(['x', 'z', 'x']);
      } finally {
        await s.close();
      }
    });

    it('keeps sources separate and shares block times across them', async () => {
      const s = await open();
      try {
        await s.writeBlockLabels(blockBatch('with-times', [[5, 500, 'p']]), meta(1));
        await s.writeBlockLabels(blockBatch('no-times', [[5, null, 'q'], [6, null, 'q']]), meta(2));
        const r = await s.readBlockLabels('no-times');
        expect(r.timeSec[0]).toBe(500);
        expect(Number.isNaN(r.timeSec[1])).toBe(true);
        const sources = await s.listSources();
        expect(sources.map((x) => [x.source, x.blocks, x.firstHeight, x.lastHeight])).toEqual([
          ['no-times', 2, 5, 6],
          ['with-times', 1, 5, 5],
        ]);
      } finally {
        await s.close();
      }
    });

    it('rejects a batch whose block time contradicts the store, and writes nothing from it', async () => {
      const s = await open();
      try {
        await s.writeBlockLabels(blockBatch('a', [[7, 700, 'p']]), meta(1));
        await expect(s.writeBlockLabels(blockBatch('b', [[8, 800, 'q'], [7, 701, 'q']]), meta(2))).rejects.toThrow(DecodeError);
        expect((await s.listSources()).map((x) => x.source)).toEqual(['a']);
        expect((await s.readBlockLabels('b')).heights.length).toBe(0);
        expect((await s.listIngests()).length).toBe(1);
      } finally {
        await s.close();
      }
    });

    it('records every committed ingest with its hash and rules version, and finds it again', async () => {
      const s = await open();
      try {
        const sha = 'c'.repeat(64);
        await s.writeBlockLabels(blockBatch('src', [[1, 1, 'x']]), meta(1, sha));
        const found = await s.findIngest('src', sha);
        expect(found).toMatchObject({ source: 'src', sha256: sha, rulesVersion: `labels:${sha.slice(0, 12)}`, inserted: 1 });
        expect(await s.findIngest('src', 'd'.repeat(64))).toBeNull();
      } finally {
        await s.close();
      }
    });

    it('stores day-granular counts per source', async () => {
      const s = await open();
      try {
        const batch: DailyCountBatch = {
          source: 'daily',
          description: 'daily test',
          input: 'daily.csv',
          daySec: Float64Array.from([86400, 86400, 0]),
          entities: ['B', 'A', 'A'],
          counts: Int32Array.from([3, 2, 1]),
        };
        expect(await s.writeDailyCounts(batch, meta(3))).toMatchObject({ inserted: 3 });
        expect(await s.writeDailyCounts(batch, meta(3))).toMatchObject({ inserted: 0, unchanged: 3 });
        const r = await s.readDailyCounts('daily');
        expect([...r.daySec]).toEqual([0, 86400, 86400]);
        expect([...r.entity].map((k) => r.entities[k])).toEqual(['A', 'A', 'B']);
        expect([...r.counts]).toEqual([1, 2, 3]);
        const [src] = await s.listSources();
        expect(src).toMatchObject({ source: 'daily', granularity: 'day', blocks: 6, firstTimeSec: 0, lastTimeSec: 86400 });
      } finally {
        await s.close();
      }
    });

    it('keeps entity names and labels of any length whole and distinct (two 8,000-character names differing in the last character)', async () => {
      const s = await open();
      try {
        const stem = longText(8000, 'entity');
        const [a, b] = [`${stem}A`, `${stem}B`];
        const batch: DailyCountBatch = { source: 'long', description: 'long names', input: 'long.csv', daySec: Float64Array.from([0, 0, 86400]), entities: [b, a, a], counts: Int32Array.from([2, 1, 4]) };
        expect(await s.writeDailyCounts(batch, meta(3))).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 });
        const changed = { ...batch, counts: Int32Array.from([2, 5, 4]) };
        expect(await s.writeDailyCounts(changed, meta(3, 'b'.repeat(64)))).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
        const r = await s.readDailyCounts('long');
        expect(r.entities).toEqual([a, b]);
        expect([...r.daySec].map((d, i) => [d, r.entities[r.entity[i]!]!.slice(-1), r.counts[i]])).toEqual([[0, 'A', 5], [0, 'B', 2], [86400, 'A', 4]]);
        await s.writeBlockLabels(blockBatch('long-labels', [[1, 100, a], [2, 200, b]]), meta(2));
        const l = await s.readBlockLabels('long-labels');
        expect([...l.label].map((k) => l.labels[k])).toEqual([a, b]);
      } finally {
        await s.close();
      }
    });
  });
}
