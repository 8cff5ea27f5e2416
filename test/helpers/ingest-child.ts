/**
 * Child process for the crash test: ingests a file into a store, printing `parsed` once the input
 * is validated (the parent kills it at some point after that, mid-write).
 */
import { ingestDataset } from '../../src/pipeline/ingest-dataset.js';
import { openDuckDbStore } from '../../src/store/duckdb/duckdb-store.js';

const [db, file] = process.argv.slice(2);
const store = await openDuckDbStore(db!);
await ingestDataset(store, file!, {
  onProgress: (e) => {
    if (e.phase === 'read' && e.done === 1) process.stdout.write('parsed\n');
  },
});
await store.close();
process.stdout.write('done\n');
