/**
 * Build the embedded default snapshot (data/default/) from the shared datasets with the project's
 * own pipeline: read and validate the per-block attribution CSV, merge v1 labels with v2 where v1
 * has none, drop the partial first and last UTC days, count blocks per pool per UTC day, and write
 * `bitcoin-pools-daily.csv.gz` (day,entity,blocks) plus `pool-names.json` (slug → display name from
 * mempool's pools-v2.json). Run: npm run build:default-data
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatDay, startOfDay } from '../src/aggregate/duration.js';
import { extendEpochs } from '../src/analysis/energy/retarget.js';
import { DEFAULT_DAILY_FILE, DEFAULT_DATA_DIR, DERIVED_DIFFICULTY_FILE } from '../src/pipeline/load-bitcoin.js';
import { readDifficultyEpochs } from '../src/sources/bitcoin/difficulty-epochs.js';
import { mergeBlockLabels, seriesFromBlockLabels } from '../src/pipeline/series-source.js';
import { readDataset } from '../src/sources/datasets/detect.js';
import { loadDisplayNames } from '../src/sources/datasets/pool-display-names.js';
import { datasetPath } from '../src/sources/files/datasets-path.js';
import type { StoredBlockLabels } from '../src/store/store.js';

const PERBLOCK = 'bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz';
const POOLS = 'bitcoin/pool-definitions-mempool/pools-v2.json';

function toStored(b: { heights: Int32Array; timeSec: Float64Array; labels: readonly string[] }): StoredBlockLabels {
  const labels = [...new Set(b.labels)];
  const index = new Map(labels.map((l, i) => [l, i]));
  return { heights: b.heights, timeSec: b.timeSec, label: Int32Array.from(b.labels, (l) => index.get(l)!), labels };
}

const input = datasetPath(PERBLOCK);
const data = await readDataset(input, { kind: 'perblock' });
const byName = new Map(data.blockBatches.map((b) => [b.source, b]));
const merged = mergeBlockLabels(['perblock-v1', 'perblock-v2'].map((s) => toStored(byName.get(s)!)));
const { series, coverage } = seriesFromBlockLabels(merged);
const cov = coverage.time!;

const counts = new Map<string, number>();
for (let i = 0; i < series.timeSec.length; i++) {
  const t = series.timeSec[i]!;
  if (t < cov.start || t >= cov.end) continue;
  const key = `${formatDay(startOfDay(t))},${series.entities[series.entity[i]!]!}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
const lines = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k},${v}`);
const csv = 'day,entity,blocks\n' + lines.join('\n') + '\n';
mkdirSync(DEFAULT_DATA_DIR, { recursive: true });
const gz = gzipSync(Buffer.from(csv), { level: 9 });
// Zero the gzip mtime (bytes 4–7) and OS byte so rebuilding gives identical bytes.
gz.writeUInt32LE(0, 4);
gz[9] = 255;
writeFileSync(join(DEFAULT_DATA_DIR, DEFAULT_DAILY_FILE), gz);

const names = await loadDisplayNames(datasetPath(POOLS));
const used = [...new Set(series.entities)].sort();
writeFileSync(join(DEFAULT_DATA_DIR, 'pool-names.json'), JSON.stringify(Object.fromEntries(used.map((s) => [s, names.get(s) ?? s])), null, 2) + '\n');

// Difficulty after the shared difficulty file ends (height 840,236): each retarget recomputed with
// the consensus rule from the block timestamps, after checking the rule reproduces every retarget
// the file has. Written from the file's last (partial) period on, so it appends cleanly.
const epochs = readDifficultyEpochs();
const timeByHeight = new Map<number, number>();
merged.heights.forEach((h, i) => timeByHeight.set(h, merged.timeSec[i]!));
const ext = extendEpochs(epochs, (h) => timeByHeight.get(h), merged.heights[merged.heights.length - 1]!);
if (ext.mismatches.length > 0 || ext.verified === 0) throw new Error(`retarget check failed: ${ext.verified} verified, ${ext.mismatches.length} mismatches`);
const e = ext.epochs;
const first = epochs.from.length - 1;
const rows = ['from_height,to_height,bits,difficulty'];
for (let k = first; k < e.from.length; k++) rows.push(`${e.from[k]},${e.to[k]},${e.bits[k]!.toString(16)},${e.difficulty[k]}`);
writeFileSync(join(DEFAULT_DATA_DIR, DERIVED_DIFFICULTY_FILE), rows.join('\n') + '\n');
console.log(`difficulty: ${ext.verified} retargets of the file reproduced from block times; ${ext.derivedPeriods} derived (heights ${epochs.lastHeight + 1}–${e.lastHeight})`);

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const blocks = lines.reduce((a, l) => a + Number(l.split(',').pop()), 0);
console.log(`wrote ${lines.length} day×pool rows (${blocks} blocks, ${formatDay(cov.start)} → ${formatDay(cov.end - 1)}) to ${DEFAULT_DATA_DIR}`);
console.log(`input sha256 ${sha(input)}; pools-v2 sha256 ${sha(datasetPath(POOLS))}`);
