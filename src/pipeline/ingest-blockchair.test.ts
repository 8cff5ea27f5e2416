import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBlockchairIngestContract } from '../../test/contracts/blockchair-ingest.contract.js';
import { BLOCKCHAIR_BLOCKS_FILE } from '../sources/datasets/blockchair-blocks.js';
import { COINBASE_SCRIPTSIG_FILE } from '../sources/datasets/coinbase-scriptsig.js';
import { datasetPath } from '../sources/files/datasets-path.js';
import { openDuckDbStore } from '../store/duckdb/duckdb-store.js';
import { detectBlockchairKind } from './ingest-blockchair.js';

runBlockchairIngestContract('DuckDB (file)', () => openDuckDbStore(join(mkdtempSync(join(tmpdir(), 'nk-bc-duck-')), 'store.duckdb')));

describe('detectBlockchairKind', () => {
  it('recognises the two staged files from their (gzipped) headers and nothing else', async () => {
    expect(await detectBlockchairKind(datasetPath(COINBASE_SCRIPTSIG_FILE))).toBe('blockchair-scriptsig');
    expect(await detectBlockchairKind(datasetPath(BLOCKCHAIR_BLOCKS_FILE))).toBe('blockchair-blocks');
    expect(await detectBlockchairKind(datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz'))).toBeNull();
    expect(await detectBlockchairKind('/nonexistent/file')).toBeNull();
  });
});
