/**
 * @module Blocks with their difficulty, for hash-rate estimates: from a store source (the synced
 * chain, whose headers carry `bits`; or any per-block label source, joined by height with the
 * difficulty-epochs dataset) or from the embedded default (blocks per pool per UTC day; heights
 * rebuilt by counting from the first block of 2020, height 610,691, then joined the same way).
 * Ranges are clipped to where the difficulty is known.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAY_SEC, startOfDay } from '../aggregate/duration.js';
import { extendEpochs } from '../analysis/energy/retarget.js';
import type { BlockObservations } from '../analysis/hashrate.js';
import { difficultyFromBits } from '../decode/bitcoin/header.js';
import { NotFoundError } from '../domain/errors.js';
import { appendEpochs, difficultyAt, difficultySum, parseDifficultyEpochs, readDifficultyEpochs, DIFFICULTY_EPOCHS_FILE, type DifficultyEpochs } from '../sources/bitcoin/difficulty-epochs.js';
import type { Store } from '../store/store.js';
import { COMPOSITE_SOURCE, DEFAULT_DATA_DIR, DEFAULT_SOURCE, DERIVED_DIFFICULTY_FILE, loadEmbeddedDefault, loadFromStore } from './load-bitcoin.js';
import type { Coverage, Provenance } from './series-source.js';

/**
 * Height of the first block of the embedded default (the first with a 2020 timestamp; the
 * per-block file's rows 610,683–610,690 are dated 2019-12-31 and were dropped). Checked against
 * datasets/bitcoin/per-block-pool-attribution-2020-2026 in chain-hashrate.test.ts.
 */
export const EMBEDDED_FIRST_HEIGHT = 610_691;

export interface HashrateData {
  /** Observations in time order (time windows). */
  readonly obs: BlockObservations;
  /** Per block in height order (block windows); absent for day-granular data. */
  readonly perBlock?: { readonly heights: Int32Array; readonly timeSec: Float64Array; readonly difficulty: Float64Array };
  readonly coverage: Coverage;
  readonly provenance: Provenance;
  /** Where the difficulty comes from. */
  readonly difficultyFrom: string;
}

type Env = Readonly<Record<string, string | undefined>>;

async function defaultSource(store: Store | null): Promise<string> {
  if (!store) return DEFAULT_SOURCE;
  const sources = (await store.listSources()).map((s) => s.source);
  const chain = sources.filter((s) => s.startsWith('chain:'));
  if (chain.length > 0) return chain.includes('chain:mempool') ? 'chain:mempool' : chain[0]!;
  if (sources.includes('perblock-v1') || sources.includes('perblock-v2')) return COMPOSITE_SOURCE;
  return DEFAULT_SOURCE;
}

/** Clip a coverage to the last time / height whose difficulty is known. */
function clip(coverage: Coverage, lastTimeSec: number, lastHeight: number | null): Coverage {
  const time = coverage.time && { start: coverage.time.start, end: Math.min(coverage.time.end, startOfDay(lastTimeSec)) };
  const height = coverage.height && lastHeight !== null ? { start: coverage.height.start, end: Math.min(coverage.height.end, lastHeight + 1) } : coverage.height;
  return { time: time && time.end > time.start ? time : time && { start: time.start, end: time.start }, height };
}

/** The shared difficulty file continued by the embedded default's derived retargets (data/default/). */
export function embeddedDifficultyEpochs(env: Env | undefined): DifficultyEpochs {
  const path = join(DEFAULT_DATA_DIR, DERIVED_DIFFICULTY_FILE);
  const text = readFileSync(path, 'utf8');
  const body = text.slice(text.indexOf('\n') + 1);
  const base = readDifficultyEpochs(env);
  const tail = parseDifficultyEpochs(body, `data/default/${DERIVED_DIFFICULTY_FILE}`, base.from[base.from.length - 1]!);
  return appendEpochs(base, tail);
}

/**
 * Difficulty for a store source's heights: the shared file, extended past its end by the retarget
 * rule on the source's own block times when the rule reproduces every retarget the file has.
 */
function extendedFromTimes(epochs: DifficultyEpochs, heights: Int32Array, timeSec: Float64Array): DifficultyEpochs {
  const t = new Map<number, number>();
  heights.forEach((h, i) => t.set(h, timeSec[i]!));
  const ext = extendEpochs(epochs, (h) => t.get(h), heights[heights.length - 1] ?? epochs.lastHeight);
  return ext.mismatches.length === 0 && ext.verified > 0 ? ext.epochs : epochs;
}

async function fromEmbedded(env: Env | undefined): Promise<HashrateData> {
  const epochs = embeddedDifficultyEpochs(env);
  const sourced = await loadEmbeddedDefault();
  const s = sourced.series;
  const n = s.timeSec.length;
  const work = new Float64Array(n);
  let height = EMBEDDED_FIRST_HEIGHT;
  let lastKnown = Number.NaN;
  for (let i = 0; i < n; ) {
    let j = i;
    let dayBlocks = 0;
    while (j < n && s.timeSec[j] === s.timeSec[i]) dayBlocks += s.weight[j++]!;
    const mean = difficultySum(epochs, height, dayBlocks) / dayBlocks;
    if (!Number.isNaN(mean)) lastKnown = s.timeSec[i]! + DAY_SEC;
    for (let k = i; k < j; k++) work[k] = s.weight[k]! * mean;
    height += dayBlocks;
    i = j;
  }
  return {
    obs: { timeSec: s.timeSec, count: s.weight, work, entity: s.entity, entities: s.entities },
    coverage: clip(sourced.coverage, lastKnown, null),
    provenance: sourced.provenance,
    difficultyFrom: `${DIFFICULTY_EPOCHS_FILE} + retargets derived from block times (data/default/${DERIVED_DIFFICULTY_FILE}, to height ${epochs.lastHeight}); heights counted per UTC day from ${EMBEDDED_FIRST_HEIGHT} (2020-01-01)`,
  };
}

export async function loadHashrateData(store: Store | null, source: string | undefined, env?: Env): Promise<HashrateData> {
  const id = source ?? (await defaultSource(store));
  if (id === DEFAULT_SOURCE) return fromEmbedded(env);
  if (!store) throw new NotFoundError(`source ${id} needs a store: run \`nakamoto ingest\` first (or omit --source for the embedded default)`);
  const sourced = await loadFromStore(store, id);
  const hs = sourced.heightSeries;
  if (!hs?.height) throw new NotFoundError(`source ${id} has no block heights, so no difficulty: use a per-block source (chain:…, perblock, …) or the embedded default`);
  const chain = await store.readChainBlocks();
  const bitsAt = new Map<number, number>();
  chain.heights.forEach((h, i) => bitsAt.set(h, chain.bits[i]!));
  const needsFile = [...hs.height].some((h) => !bitsAt.has(h));
  const epochs = needsFile ? extendedFromTimes(readDifficultyEpochs(env), hs.height, hs.timeSec) : null;
  const n = hs.height.length;
  const difficulty = Float64Array.from(hs.height, (h) => {
    const bits = bitsAt.get(h);
    return bits !== undefined ? difficultyFromBits(bits) : epochs ? difficultyAt(epochs, h) : Number.NaN;
  });
  let lastHeight: number | null = null;
  let lastTime = Number.NaN;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(difficulty[i]!)) continue;
    lastHeight = hs.height[i]!;
    lastTime = Number.isNaN(lastTime) ? hs.timeSec[i]! : Math.max(lastTime, hs.timeSec[i]!);
  }
  // Time order for time windows (block times are not monotonic).
  const order = Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => hs.timeSec[a]! - hs.timeSec[b]! || a - b);
  const byTime = (arr: Float64Array): Float64Array => Float64Array.from(order, (k) => arr[k]!);
  const from = chain.heights.length > 0 ? (epochs ? `header bits of the synced chain, else ${DIFFICULTY_EPOCHS_FILE} by height` : 'header bits of the synced chain') : `${DIFFICULTY_EPOCHS_FILE} (to height ${epochs?.lastHeight}) by height`;
  return {
    obs: {
      timeSec: byTime(hs.timeSec),
      count: new Float64Array(n).fill(1),
      work: byTime(difficulty),
      entity: Int32Array.from(order, (k) => hs.entity[k]!),
      entities: hs.entities,
    },
    perBlock: { heights: hs.height, timeSec: hs.timeSec, difficulty },
    coverage: clip(sourced.coverage, Number.isNaN(lastTime) ? -Infinity : lastTime, lastHeight),
    provenance: sourced.provenance,
    difficultyFrom: from,
  };
}
