/**
 * The snapshot half of the Store contract (AI snapshots: metagraphs, subnet tables, Hugging Face
 * samples and trending lists, Epoch files): every backend runs it against a real database.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IngestMeta, SnapshotBatch, SnapshotRecord, Store } from '../../src/store/store.js';
import { longText } from './store.contract.js';

const meta = (rows: number, sha = 'c'.repeat(64)): IngestMeta => ({ kind: 'test', sha256: sha, rulesVersion: 'snapshot', rows, skipped: 0 });

function snap(subject: string, timeSec: number, body: string, block: number | null = null): SnapshotRecord {
  return { dataset: 'test-data', subject, timeSec, block, format: 'text', sha256: createHash('sha256').update(body).digest('hex'), body };
}

const batch = (source: string, snapshots: SnapshotRecord[]): SnapshotBatch => ({ source, description: `${source} snapshots`, input: `${source}.json`, snapshots });

export function runSnapshotStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract (snapshots): ${name}`, () => {
    it('writes snapshots and reads them back in time order with their source and ingest', async () => {
      const s = await open();
      try {
        const w = await s.writeSnapshots(batch('snap-a', [snap('sn1', 2000, 'b', 7), snap('sn1', 1000, 'a', 5), snap('sn2', 1000, 'x')]), meta(3));
        expect(w).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 });
        const all = await s.readSnapshots('test-data');
        expect(all.map((x) => [x.subject, x.timeSec, x.block, x.body, x.source, x.ingestId])).toEqual([
          ['sn1', 1000, 5, 'a', 'snap-a', w.ingestId],
          ['sn2', 1000, null, 'x', 'snap-a', w.ingestId],
          ['sn1', 2000, 7, 'b', 'snap-a', w.ingestId],
        ]);
        expect((await s.readSnapshots('test-data', 'sn2')).map((x) => x.body)).toEqual(['x']);
        expect(await s.readSnapshots('other')).toEqual([]);
      } finally {
        await s.close();
      }
    });

    it('is idempotent: the same snapshot again is unchanged; new content at the same key is an update', async () => {
      const s = await open();
      try {
        await s.writeSnapshots(batch('snap', [snap('sn1', 1000, 'a')]), meta(1));
        expect(await s.writeSnapshots(batch('snap', [snap('sn1', 1000, 'a')]), meta(1))).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
        expect(await s.writeSnapshots(batch('snap', [snap('sn1', 1000, 'a2'), snap('sn1', 3000, 'c')]), meta(2, 'd'.repeat(64)))).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
        expect((await s.readSnapshots('test-data')).map((x) => x.body)).toEqual(['a2', 'c']);
      } finally {
        await s.close();
      }
    });

    it('keeps subjects and source names of any length whole and distinct (two 8,000-character subjects differing in the last character)', async () => {
      const s = await open();
      try {
        const stem = longText(8000, 'subject');
        const [a, b] = [`${stem}A`, `${stem}B`];
        const source = `hf-models:search:${stem}`;
        expect(await s.writeSnapshots(batch(source, [snap(a, 1000, 'a'), snap(b, 1000, 'b')]), meta(2))).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
        expect(await s.writeSnapshots(batch(source, [snap(a, 1000, 'a'), snap(b, 1000, 'b2')]), meta(2, 'e'.repeat(64)))).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
        expect((await s.readSnapshots('test-data')).map((x) => [x.subject, x.body, x.source])).toEqual([[a, 'a', source], [b, 'b2', source]]);
        expect((await s.readSnapshots('test-data', b)).map((x) => x.body)).toEqual(['b2']);
        expect(await s.findIngest(source, 'e'.repeat(64))).toMatchObject({ source, inserted: 0, updated: 1 });
        expect((await s.listSources()).map((x) => x.source)).toEqual([source]);
      } finally {
        await s.close();
      }
    });

    it('lists snapshot sources with their count, blocks and times, and records the ingest', async () => {
      const s = await open();
      try {
        await s.writeSnapshots(batch('snap-b', [snap('sn1', 86_400, 'a', 10), snap('sn1', 3 * 86_400, 'b', 30)]), meta(2));
        const src = (await s.listSources()).find((x) => x.source === 'snap-b');
        expect(src).toMatchObject({ granularity: 'snapshot', blocks: 2, firstHeight: 10, lastHeight: 30, firstTimeSec: 86_400, lastTimeSec: 3 * 86_400, rulesVersions: ['text'] });
        const ing = await s.findIngest('snap-b', 'c'.repeat(64));
        expect(ing).toMatchObject({ source: 'snap-b', rows: 2, inserted: 2 });
      } finally {
        await s.close();
      }
    });

    it('a failing batch (duplicate key inside it) leaves the store unchanged', async () => {
      const s = await open();
      try {
        await s.writeSnapshots(batch('snap', [snap('sn1', 1000, 'a')]), meta(1));
        await expect(s.writeSnapshots(batch('snap', [snap('sn1', 2000, 'b'), snap('sn1', 2000, 'c')]), meta(2, 'e'.repeat(64)))).rejects.toThrow();
        expect((await s.readSnapshots('test-data')).map((x) => x.body)).toEqual(['a']);
        expect((await s.listIngests()).length).toBe(1);
      } finally {
        await s.close();
      }
    });
  });
}
