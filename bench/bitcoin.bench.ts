/**
 * Issue #2 figures on the 335k-block dataset: ingest time and blocks/s into a fresh DuckDB store;
 * time to compute every default metric for all daily and all 30-day windows 2020–2026 (computation
 * only, after the series is loaded).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDuration } from '../src/aggregate/duration.js';
import { computeWindowMetrics } from '../src/analysis/window-metrics.js';
import { DEFAULT_METRIC_IDS, getMetric } from '../src/metrics/index.js';
import { ingestDataset } from '../src/pipeline/ingest-dataset.js';
import { loadFromStore } from '../src/pipeline/load-bitcoin.js';
import { datasetPath } from '../src/sources/files/datasets-path.js';
import { openDuckDbStore } from '../src/store/duckdb/duckdb-store.js';

const PERBLOCK = datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz');

function best(times: number[]): number {
  return Math.min(...times);
}

export async function run(log: (line: string) => void): Promise<void> {
  const ingestTimes: number[] = [];
  let rows = 0;
  let labels = 0;
  for (let i = 0; i < 3; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'nk-bench-'));
    const store = await openDuckDbStore(join(dir, 'b.duckdb'));
    const t0 = performance.now();
    const r = await ingestDataset(store, PERBLOCK);
    await store.close(); // closing checkpoints the WAL into the file: part of the cost
    ingestTimes.push((performance.now() - t0) / 1000);
    rows = r.rows;
    labels = r.sources.reduce((a, s) => a + s.rows, 0);
    rmSync(dir, { recursive: true });
  }
  const ingestSec = best(ingestTimes);
  log(`ingest per-block attribution: ${rows} blocks (${labels} labels in 2 sources) in ${ingestSec.toFixed(2)} s incl. opening, hashing, validation, two transactions and the closing checkpoint = ${Math.round(rows / ingestSec).toLocaleString('en-US')} blocks/s (best of 3; target > 200,000 blocks/s)`);

  const dir = mkdtempSync(join(tmpdir(), 'nk-bench-'));
  const store = await openDuckDbStore(join(dir, 'b.duckdb'));
  await ingestDataset(store, PERBLOCK);
  const t0 = performance.now();
  const sourced = await loadFromStore(store, 'perblock');
  log(`load series from store: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  await store.close();
  rmSync(dir, { recursive: true });

  const metrics = DEFAULT_METRIC_IDS.map(getMetric);
  const range = sourced.coverage.time!;
  for (const w of ['1d', '30d']) {
    const spec = { size: parseDuration(w), step: parseDuration(w), anchor: range.start };
    const times: number[] = [];
    let n = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      n = computeWindowMetrics({ time: sourced.series }, spec, range, metrics, 0).length;
      times.push((performance.now() - t) / 1000);
    }
    log(`all ${metrics.length} default metrics, every ${w} window 2020–2026 (${n} windows): ${(best(times) * 1000).toFixed(1)} ms (best of 5; target < 1 s for daily)`);
  }
  const sliding = { size: parseDuration('30d'), step: parseDuration('1d'), anchor: range.start };
  const t = performance.now();
  const n = computeWindowMetrics({ time: sourced.series }, sliding, range, metrics, 0).length;
  log(`all default metrics, 30-day windows sliding by 1 day (${n} windows): ${(performance.now() - t).toFixed(1)} ms`);
}
