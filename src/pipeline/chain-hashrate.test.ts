/**
 * Hash-rate inputs checked against the raw datasets: the embedded default's height anchor, and a
 * day's estimate recomputed independently from the per-block attribution file + difficulty file.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashrateByTimeWindow, TWO_POW_32 } from '../analysis/hashrate.js';
import { datasetPath } from '../sources/files/datasets-path.js';
import { EMBEDDED_FIRST_HEIGHT, loadHashrateData, type HashrateData } from './chain-hashrate.js';

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

  it('is clipped after the last UTC day whose blocks all lie within the difficulty file (to height 840,236)', () => {
    // From the per-block file: the first day holding a block above 840,236 ends the coverage.
    let firstDayPast = Infinity;
    for (const [h, t] of times) if (h > 840_236) firstDayPast = Math.min(firstDayPast, Math.floor(t / 86_400) * 86_400);
    expect(new Date(firstDayPast * 1000).toISOString().slice(0, 10)).toBe('2024-04-21');
    expect(data.coverage.time).toEqual({ start: T2020, end: firstDayPast });
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
