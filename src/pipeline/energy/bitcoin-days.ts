/**
 * @module Bitcoin blocks per UTC day for the energy model (count, Σ difficulty, Σ subsidy, real
 * fees): the per-block dataset's block times, difficulty from the epochs file extended by retargets
 * recomputed from those times, fees joined by height from the Blockchair dumps. Loaded once per
 * datasets folder (kept in memory; a failed load is retried next time). Method in docs/energy.md.
 */
import { DAY_SEC } from '../../aggregate/duration.js';
import { blockSubsidyBtc } from '../../analysis/attack/subsidy.js';
import type { DayBlocks } from '../../analysis/energy/network-power.js';
import { extendEpochs } from '../../analysis/energy/retarget.js';
import { SourceError } from '../../domain/errors.js';
import { difficultyAt, readDifficultyEpochs } from '../../sources/bitcoin/difficulty-epochs.js';
import { readBlockTimes } from '../../sources/datasets/block-times.js';
import { PER_BLOCK_FILE } from '../../sources/files/datasets-path.js';
import { blockchairEconomicsSource } from '../economics-blocks.js';
import type { Coverage } from '../series-source.js';
import { shortPath } from './short-path.js';

export interface BitcoinDays {
  readonly days: readonly DayBlocks[];
  readonly coverage: Coverage;
  readonly notes: readonly string[];
}

const dayCache = new Map<string, Promise<BitcoinDays>>();

/** Blocks per UTC day (count, Σ difficulty, Σ subsidy) from the per-block dataset; difficulty from the epochs file, extended by retargets recomputed from the block times. */
export function loadBitcoinDays(datasetsRoot: string): Promise<BitcoinDays> {
  let p = dayCache.get(datasetsRoot);
  if (!p) {
    p = readBitcoinDays(datasetsRoot);
    p.catch(() => dayCache.delete(datasetsRoot));
    dayCache.set(datasetsRoot, p);
  }
  return p;
}

async function readBitcoinDays(datasetsRoot: string): Promise<BitcoinDays> {
  const path = `${datasetsRoot}/${PER_BLOCK_FILE}`;
  const times = await readBlockTimes(path);
  const heights = [...times.keys()].sort((a, b) => a - b);
  const epochs = readDifficultyEpochs({ NAKAMOTO_DATASETS: datasetsRoot });
  const ext = extendEpochs(epochs, (h) => times.get(h), heights[heights.length - 1]!);
  if (ext.mismatches.length > 0) {
    const m = ext.mismatches[0]!;
    throw new SourceError(`difficulty check failed: at height ${m.height} the block times imply bits ${m.computedBits.toString(16)}, ${epochs.file} has ${m.fileBits.toString(16)} (${ext.mismatches.length} mismatches)`);
  }
  // Real fees per height from the Blockchair per-block dump (2019-12-31 → 2025-03-08).
  const econ = await blockchairEconomicsSource(datasetsRoot).load();
  const feeAt = new Map<number, number>();
  econ.blocks.heights.forEach((h, i) => feeAt.set(h, econ.blocks.feeSat[i]!));
  const byDay = new Map<number, { blocks: number; work: number; subsidyBtc: number; feesBtc: number; blocksWithFees: number }>();
  let withFees = 0;
  for (const h of heights) {
    const d = Math.floor(times.get(h)! / DAY_SEC) * DAY_SEC;
    const difficulty = difficultyAt(ext.epochs, h);
    if (Number.isNaN(difficulty)) continue;
    const e = byDay.get(d) ?? { blocks: 0, work: 0, subsidyBtc: 0, feesBtc: 0, blocksWithFees: 0 };
    e.blocks++;
    e.work += difficulty;
    e.subsidyBtc += blockSubsidyBtc(h);
    const fee = feeAt.get(h);
    if (fee !== undefined) {
      e.feesBtc += fee / 1e8;
      e.blocksWithFees++;
      withFees++;
    }
    byDay.set(d, e);
  }
  // The first and last UTC days are partial in the file: left out.
  const all = [...byDay].sort((a, b) => a[0] - b[0]);
  const days = all.slice(1, -1).map(([daySec, e]) => ({ daySec, ...e }));
  return {
    days,
    coverage: { time: { start: days[0]!.daySec, end: days[days.length - 1]!.daySec + DAY_SEC }, height: null },
    notes: [
      `blocks: ${shortPath(path, datasetsRoot)} (heights ${heights[0]}–${heights[heights.length - 1]}, grouped by UTC day of the block timestamp; first and last partial days left out)`,
      `difficulty: ${shortPath(ext.epochs.file, datasetsRoot)}; ${ext.verified} retargets inside the file recomputed from the block times and matched exactly`,
      `fees: ${shortPath(econ.provenance.from, datasetsRoot)} gives real fees for ${withFees.toLocaleString('en-US')} of ${heights.length.toLocaleString('en-US')} blocks (joined by height); the others take --fees-btc-per-block`,
    ],
  };
}
