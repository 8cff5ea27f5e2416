/**
 * Crash safety of the Blockchair ingest: a process killed at different moments after the input is
 * validated leaves every source (labels and per-block facts) either absent or complete, matching
 * the ingest log; a rerun completes the store. The input is the first 60,000 blocks of the real
 * blocks file (copied to a temp dir here).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BLOCKCHAIR_BLOCKS_FILE } from '../sources/datasets/blockchair-blocks.js';
import { datasetPath } from '../sources/files/datasets-path.js';
import { openDuckDbStore } from '../store/duckdb/duckdb-store.js';
import { ingestDataset } from './ingest-dataset.js';
import { ingestKilledAfterParse } from '../../test/helpers/kill-ingest.js';

const N = 60_000;

describe('Blockchair ingest killed mid-write', () => {
  it('leaves each source absent or complete, and a rerun completes the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nk-bc-crash-'));
    const file = join(dir, 'blocks.tsv.gz');
    writeFileSync(file, gzipSync(gunzipSync(readFileSync(datasetPath(BLOCKCHAIR_BLOCKS_FILE))).toString('utf8').split('\n').slice(0, N + 1).join('\n') + '\n'));
    const db = join(dir, 'crash.duckdb');
    const outcomes: string[] = [];
    for (const delayMs of [0, 150, 400]) {
      outcomes.push(await ingestKilledAfterParse(db, file, delayMs));
      const store = await openDuckDbStore(db);
      try {
        const sources = await store.listSources();
        const ingests = await store.listIngests();
        for (const s of sources) expect(s.blocks).toBe(N);
        const facts = (await store.readBlockFacts()).heights.length;
        expect([0, N]).toContain(facts);
        expect(ingests.some((i) => i.source === 'blockchair-facts')).toBe(facts === N);
        expect(ingests.filter((i) => i.source !== 'blockchair-facts').length).toBe(sources.length);
      } finally {
        await store.close();
      }
    }
    // The kills must really have interrupted work (not arrived after a clean exit).
    expect(outcomes.filter((o) => o === 'SIGKILL').length).toBeGreaterThanOrEqual(2);
    console.log(`blockchair crash test: outcomes ${outcomes.join(', ')}`);
    const store = await openDuckDbStore(db);
    try {
      await ingestDataset(store, file);
      expect((await store.listSources()).map((s) => [s.source, s.blocks])).toEqual([['blockchair-label', N]]);
      expect((await store.readBlockFacts()).heights.length).toBe(N);
    } finally {
      await store.close();
    }
  }, 120_000);
});
