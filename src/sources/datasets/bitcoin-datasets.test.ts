/**
 * Reading the real Bitcoin datasets in ../shared/datasets. Expected figures come from each
 * dataset's PROVENANCE.md (counted independently when the data was staged), not from this code.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { datasetPath } from '../files/datasets-path.js';
import { readDataset } from './detect.js';

const PERBLOCK = datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz');
const NODE = datasetPath('bitcoin/per-block-pool-attribution-2020-2026/node_blocks_with_hash_869306-923810.csv.gz');
const BTCCOM = datasetPath('bitcoin/btccom-pool-labels-2016-2018/miningpool.csv');
const EDI = datasetPath('bitcoin/edi-daily-blocks-per-entity/bitcoin_daily.csv');

const yearOf = (t: number) => new Date(t * 1000).getUTCFullYear();

describe('per-block attribution 2020–2026 (real file)', async () => {
  const data = await readDataset(PERBLOCK);
  const v1 = data.blockBatches.find((b) => b.source === 'perblock-v1')!;
  const v2 = data.blockBatches.find((b) => b.source === 'perblock-v2')!;

  it('is detected and every row validates', () => {
    expect(data.kind).toBe('perblock');
    expect(data.rows).toBe(335_554);
    expect(data.skipped).toBe(0);
  });
  it('keeps the two label versions as separate sources with the documented spans', () => {
    expect(v1.heights.length).toBe(331_777);
    expect([v1.heights[0], v1.heights[v1.heights.length - 1]]).toEqual([610_683, 942_459]);
    expect(v2.heights.length).toBe(282_174);
    expect([v2.heights[0], v2.heights[v2.heights.length - 1]]).toEqual([664_063, 946_236]);
  });
  it('blocks per UTC year equal the PROVENANCE counts (which also equal the EDI totals)', () => {
    // v1 ∪ v2 covers every height 610,683–946,236 once; count each height once by its timestamp year.
    const seen = new Map<number, number>();
    for (const b of [v1, v2]) b.heights.forEach((h, i) => seen.set(h, b.timeSec[i]!));
    const perYear: Record<number, number> = {};
    for (const t of seen.values()) perYear[yearOf(t)] = (perYear[yearOf(t)] ?? 0) + 1;
    expect(perYear).toEqual({ 2019: 8, 2020: 53_222, 2021: 52_686, 2022: 53_188, 2023: 53_999, 2024: 53_473, 2025: 53_082, 2026: 15_896 });
  });
  it('spot checks against real blocks: 702,861 binancepool; 630,000 antpool; 840,000 viabtc', () => {
    const at = (h: number) => v1.labels[v1.heights.indexOf(h)];
    expect(at(702_861)).toBe('binancepool');
    expect(at(630_000)).toBe('antpool');
    expect(at(840_000)).toBe('viabtc');
    expect(v1.timeSec[v1.heights.indexOf(702_861)]).toBe(Date.parse('2021-09-30T11:50:41Z') / 1000);
  });
  it('unknown counts per year in v1 match PROVENANCE', () => {
    const unknown: Record<number, number> = {};
    v1.labels.forEach((l, i) => {
      if (l === 'unknown') unknown[yearOf(v1.timeSec[i]!)] = (unknown[yearOf(v1.timeSec[i]!)] ?? 0) + 1;
    });
    expect(unknown).toEqual({ 2020: 667, 2021: 1_198, 2022: 31, 2023: 74, 2024: 58, 2025: 338, 2026: 36 });
  });
});

describe('other real Bitcoin datasets', () => {
  it('node file: 54,505 blocks with hashes', async () => {
    const d = await readDataset(NODE);
    expect(d.kind).toBe('perblock-node');
    const b = d.blockBatches[0]!;
    expect(b.heights.length).toBe(54_505);
    expect(b.hashes?.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
  });
  it('BTC.com labels: 146,148 heights, no times, label counts as documented', async () => {
    const d = await readDataset(BTCCOM);
    const b = d.blockBatches[0]!;
    expect(b.heights.length).toBe(146_148);
    expect(Number.isNaN(b.timeSec[0])).toBe(true);
    const count = (l: string) => b.labels.filter((x) => x === l).length;
    expect([count('AntPool'), count('F2Pool'), count('BTC.com'), count('unknown')]).toEqual([25_682, 18_312, 15_657, 2_184]);
    expect(b.labels[b.heights.indexOf(413_567)]).toBe('F2Pool');
    expect(b.labels[b.heights.indexOf(542_213)]).toBe('AntPool');
  });
  it('EDI daily: 321,825 blocks; yearly totals as documented', async () => {
    const d = await readDataset(EDI);
    const b = d.dailyBatches[0]!;
    let total = 0;
    const perYear: Record<number, number> = {};
    b.counts.forEach((c, i) => {
      total += c;
      perYear[yearOf(b.daySec[i]!)] = (perYear[yearOf(b.daySec[i]!)] ?? 0) + c;
    });
    expect(total).toBe(321_825);
    expect(perYear).toEqual({ 2018: 54_498, 2019: 54_232, 2020: 53_222, 2021: 52_686, 2022: 53_188, 2023: 53_999 });
  });
});

describe('bad input gives a DecodeError naming file, line and field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nakamoto-ds-'));
  const write = (name: string, text: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const header = 'height,timestamp_utc,unix_time,pool_slug_v1,pool_slug_v2\n';
  const good = '700000,2021-09-11T00:00:00Z,1631318400,antpool,antpool\n';
  const cases: [string, string, RegExp][] = [
    ['bad height', header + good + 'x7,2021-09-11T00:00:00Z,1631318400,a,b\n', /bad-height\.csv:3 \[height\]: invalid integer/],
    ['bad time', header + good + '700001,2021-09-31T00:00:00Z,1631318400,a,b\n', /:3 \[timestamp_utc\]: invalid UTC timestamp/],
    ['unix mismatch', header + good + '700001,2021-09-11T00:00:01Z,1631318400,a,b\n', /:3 \[unix_time\]: 1631318400 disagrees/],
    ['duplicate', header + good + good, /:3 \[height\]: duplicate height 700000/],
    ['short row', header + good + '700001,2021-09-11T00:00:01Z\n', /:3 \[unix_time\]: expected 5 fields/],
    ['no labels', header + '700001,2021-09-11T00:00:01Z,1631318401,,\n', /:2 \[pool_slug_v1\]: no pool label/],
    ['control char', header + '700001,2021-09-11T00:00:01Z,1631318401,a\u0007b,\n', /control character/],
  ];
  it.each(cases)('%s', async (name, text, message) => {
    const p = write(`${name.replace(/ /g, '-')}.csv`, text);
    await expect(readDataset(p, { kind: 'perblock' })).rejects.toThrow(DecodeError);
    await expect(readDataset(p, { kind: 'perblock' })).rejects.toThrow(message);
  });
  it('a missing column is named', async () => {
    const p = write('missing.csv', 'height,timestamp_utc,unix_time,pool_slug_v1\n1,2021-09-11T00:00:00Z,1631318400,a\n');
    await expect(readDataset(p, { kind: 'perblock' })).rejects.toThrow(/missing\.csv:1 \[pool_slug_v2\]: missing column "pool_slug_v2"/);
  });
  it('an unrecognised header asks for --kind', async () => {
    const p = write('other.csv', 'a,b\n1,2\n');
    await expect(readDataset(p)).rejects.toThrow(/pass --kind/);
  });
  it('a truncated gzip is reported as such', async () => {
    const gz = gzipSync(Buffer.from(header + good.repeat(50)));
    const p = write('cut.csv.gz', gz.subarray(0, gz.length - 20));
    await expect(readDataset(p)).rejects.toThrow(/cut\.csv\.gz: corrupt or truncated gzip data/);
  });
  it('--skip-invalid counts and reports skipped rows instead of failing', async () => {
    const p = write('skip.csv', header + good + 'x,2021-09-11T00:00:00Z,1631318400,a,b\n700002,2021-09-11T00:00:00Z,1631318400,viabtc,\n');
    const d = await readDataset(p, { skipInvalid: true });
    expect(d.skipped).toBe(1);
    expect(d.skippedExamples[0]).toMatch(/skip\.csv:3 \[height\]/);
    expect(d.blockBatches.find((b) => b.source === 'perblock-v1')!.heights.length).toBe(2);
  });
  it('hostile CSV: quoted fields with embedded commas and newlines are parsed, and still validated', async () => {
    const p = write('quoted.csv', header + '700000,2021-09-11T00:00:00Z,1631318400,"=cmd|\' /C calc\'!A0","a,b"\n');
    const d = await readDataset(p, { kind: 'perblock' });
    expect(d.blockBatches.find((b) => b.source === 'perblock-v1')!.labels[0]).toBe("=cmd|' /C calc'!A0");
    await expect(readDataset(write('ctl.csv', header + '700000,2021-09-11T00:00:00Z,1631318400,a,"x\ny"\n'), { kind: 'perblock' })).rejects.toThrow(/control character/);
  });
});
