/**
 * Child process for the chain-sync crash test: syncs a store from an Esplora URL in small
 * batches, printing `batch <height>` after each committed batch (the parent kills it mid-way).
 */
import { loadRuleSet } from '../../src/sources/attribution-rules/load.js';
import { syncChain } from '../../src/pipeline/sync-chain.js';
import { EsploraSource } from '../../src/sources/bitcoin/esplora.js';
import { openDuckDbStore } from '../../src/store/duckdb/duckdb-store.js';

const [db, api] = process.argv.slice(2);
const store = await openDuckDbStore(db!);
await syncChain(store, new EsploraSource({ url: api! }), {
  ruleSet: await loadRuleSet('mempool'),
  batchSize: 3,
  concurrency: 1,
  onProgress: (p) => {
    if (p.phase === 'sync') process.stdout.write(`batch ${p.height}\n`);
  },
});
await store.close();
process.stdout.write('done\n');
