/**
 * Hash-rate inputs checked against the raw datasets: the embedded default's height anchor, and a
 * day's estimate recomputed independently from the per-block attribution file + difficulty file.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashrateByTimeWindow, TWO_POW_32 } from '../analysis/hashrate.js';
import { datasetPath } from '../sources/files/datasets-path.js';
import { extendEpochs } from '../analysis/energy/retarget.js';
import { readDifficultyEpochs } from '../sources/bitcoin/difficulty-epochs.js';
import { embeddedDifficultyEpochs, EMBEDDED_FIRST_HEIGHT, loadHashrateData, type HashrateData } from './chain-hashrate.js';

/** height → unix time, straight from the per-block file. */
let times: Map<number, number>;
let data: HashrateData;
beforeAll(async () => {
  const csv = gunzipSync(readFileSync(datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz'))).toString('utf8');
  times = new Map(csv.trim().split('\n').slice(1).map((l) => {
    const [h, , t] = l.split(',');
    return [Number(h), Number(t)];
  }));
  data = await loadHashrateData(null, undefined);
});

const T2020 = Date.parse('2020-01-01T00:00:00Z') / 1000;

describe('embedded default with difficulty', () => {
  it('starts at height 610,691: the first block with a 2020 timestamp in the per-block file', () => {
    let first2020 = Infinity;
    for (const [h, t] of times) if (t >= T2020 && h < first2020) first2020 = h;
    expect(EMBEDDED_FIRST_HEIGHT).toBe(first2020);
  });

  it('covers the whole embedded default: difficulty continues past the shared file by derived retargets', () => {
    // The embedded default covers 2020-01-01 … 2026-04-22 (exclusive); the derived retargets reach height 946,236.
    expect(data.coverage.time).toEqual({ start: T2020, end: Date.parse('2026-04-22T00:00:00Z') / 1000 });
    expect(data.difficultyFrom).toMatch(/difficulty-derived\.csv, to height 946236/);
  });

  it('the committed derived retargets are what the retarget rule gives on the per-block timestamps', () => {
    const epochs = readDifficultyEpochs();
    let last = 0;
    for (const h of times.keys()) last = Math.max(last, h);
    const ext = extendEpochs(epochs, (h) => times.get(h), last);
    // The rule first reproduces every retarget of the shared file that the timestamps cover.
    expect(ext.mismatches).toEqual([]);
    expect(ext.verified).toBe(113);
    const committed = embeddedDifficultyEpochs(undefined);
    expect([...committed.bits]).toEqual([...ext.epochs.bits]);
    expect([...committed.from]).toEqual([...ext.epochs.from]);
    // Real-world anchor: the first retarget after the file (height 840,672, 24 Apr 2024) was widely reported as
    // difficulty 88.10 T (a 1.99% rise); the derived value must match it.
    const k = [...committed.from].indexOf(840_672);
    expect(committed.difficulty[k]! / 1e12).toBeCloseTo(88.104, 3);
  });

  it('2024-04-01: blocks that day (counted in the per-block file, all in the period from 836,640) × its difficulty × 2³² / 86,400', () => {
    const day = Date.parse('2024-04-01T00:00:00Z') / 1000;
    const heights = [...times].filter(([, t]) => t >= day && t < day + 86_400).map(([h]) => h);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(836_640);
    expect(Math.max(...heights)).toBeLessThanOrEqual(838_655);
    const D = 83_126_997_340_024.61; // difficulty_by_block.csv row 836640,838655,170362d3
    const [w] = hashrateByTimeWindow(data.obs, [{ start: day, end: day + 86_400 }], { confidence: 0.95 });
    expect(w!.network!.blocks).toBe(heights.length);
    expect(w!.network!.hashrate / ((heights.length * D * TWO_POW_32) / 86_400)).toBeCloseTo(1, 12);
  });
});
