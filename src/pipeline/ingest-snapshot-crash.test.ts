/**
 * Crash safety of AI snapshot ingest: a process killed at several points after the file was
 * validated leaves the store without the source or with all of its snapshots (never some), its
 * ingest record present exactly when its rows are; a rerun completes it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { datasetPath } from '../sources/files/datasets-path.js';
import { openDuckDbStore } from '../store/duckdb/duckdb-store.js';
import { ingestDataset } from './ingest-dataset.js';
import { ingestKilledAfterParse } from '../../test/helpers/kill-ingest.js';

const TRENDING = datasetPath('ai/hf-trending-snapshots-2026/hf_trending_top10_2026-03_2026-08.csv');

it('a killed snapshot ingest leaves none or all of the source; a rerun completes it', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'nk-snap-crash-')), 'crash.duckdb');
  const outcomes: string[] = [];
  for (const delayMs of [0, 30, 80, 200]) {
    outcomes.push(await ingestKilledAfterParse(db, TRENDING, delayMs));
    const store = await openDuckDbStore(db);
    try {
      const snaps = await store.readSnapshots('hf-trending');
      const ingests = await store.listIngests();
      expect([0, 256]).toContain(snaps.length);
      expect(ingests.length).toBe(snaps.length === 0 ? 0 : 1);
    } finally {
      await store.close();
    }
  }
  console.log(`snapshot crash test: ${outcomes.join(', ')}`);
  const store = await openDuckDbStore(db);
  try {
    await ingestDataset(store, TRENDING);
    expect((await store.readSnapshots('hf-trending')).length).toBe(256);
    expect((await store.listSources()).map((s) => [s.source, s.blocks])).toEqual([['hf-trending', 256]]);
  } finally {
    await store.close();
  }
}, 60_000);
