/**
 * The Blockchair per-block reader on the real staged file. Expected figures come from the dataset's
 * PROVENANCE.md (counted when the data was staged) and from other, independent datasets (the node
 * timestamps of per-block-pool-attribution, the full block 739,990 of mainnet-observer), not from
 * this code.
 */
import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gunzipSync, gzipSync, createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecodeError, SourceError } from '../../domain/errors.js';
import { datasetPath } from '../files/datasets-path.js';
import {
  BLOCKCHAIR_BLOCKS_FILE,
  BLOCKCHAIR_KNOWN_MISSING_HEIGHTS,
  loadBlockchairBlocks,
  readBlockchairBlocks,
  readBlockchairLines,
  type BlockchairBlock,
} from './blockchair-blocks.js';

const FILE = datasetPath(BLOCKCHAIR_BLOCKS_FILE);
const SAMPLE_0420 = datasetPath('bitcoin/blockchair-blocks-2020-2025/original_daily_samples/blockchair_bitcoin_blocks_20240420.tsv.gz');
const PERBLOCK = datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz');
const FULL_739990 = datasetPath('bitcoin/mainnet-observer-blocks-2022-2025/block_739990.json.gz');
const yearOf = (t: number) => new Date(t * 1000).getUTCFullYear();

describe('Blockchair blocks 2020–2025 (real file, one streaming pass)', async () => {
  const perYear: Record<number, number> = {};
  const emptyPerYear: Record<number, number> = {};
  const keep = new Map<number, BlockchairBlock>();
  const keepHeights = new Set([739_990, 840_000, 630_000, 729_192, 729_193, 736_702, 736_726, 736_727, 619_631, 626_205]);
  for (let h = 839_999; h < 840_200; h++) keepHeights.add(h);
  let fees = 0;
  let rewardMismatch = 0;
  const summary = await readBlockchairBlocks(FILE, (b) => {
    const y = yearOf(b.timeSec);
    perYear[y] = (perYear[y] ?? 0) + 1;
    if (b.txCount === 1) emptyPerYear[y] = (emptyPerYear[y] ?? 0) + 1;
    if (keepHeights.has(b.height)) keep.set(b.height, b);
    fees += b.feeSat;
    if (b.rewardSat !== b.claimedSubsidySat + b.feeSat) rewardMismatch++;
  });

  it('reads every row, reports the two missing heights and the 27 corrected times', () => {
    expect(summary.rows).toBe(276_385);
    expect([summary.firstHeight, summary.lastHeight]).toEqual([610_546, 886_932]);
    expect(summary.missingHeights).toEqual([854_599, 854_614]);
    expect(summary.missingHeights).toEqual(BLOCKCHAIR_KNOWN_MISSING_HEIGHTS);
    expect(summary.timeCorrected).toBe(27);
    expect(summary.hasHash).toBe(false);
    expect(rewardMismatch).toBe(0);
    expect(fees).toBeGreaterThan(0);
  });
  it('blocks and empty blocks per UTC year equal the PROVENANCE counts (938 empty in all)', () => {
    const { 2019: y2019, 2025: y2025, ...full } = perYear;
    expect(full).toEqual({ 2020: 53_222, 2021: 52_686, 2022: 53_188, 2023: 53_999, 2024: 53_471 });
    expect(y2019! + y2025!).toBe(276_385 - 53_222 - 52_686 - 53_188 - 53_999 - 53_471);
    expect(Object.values(perYear).reduce((a, b) => a + b, 0)).toBe(276_385);
    expect(emptyPerYear).toEqual({ 2019: 1, 2020: 240, 2021: 221, 2022: 144, 2023: 147, 2024: 168, 2025: 17 });
  });
  it('the two under-claiming CKPool blocks keep their claimed subsidy beside the schedule', () => {
    expect(summary.underClaimedHeights).toEqual([619_631, 626_205]);
    const a = keep.get(619_631)!;
    expect([a.claimedSubsidySat, a.scheduledSubsidySat, a.miner]).toEqual([1_249_999_927, 1_250_000_000, 'CKPool']);
    expect(keep.get(626_205)!.claimedSubsidySat).toBe(1_249_999_932);
  });
  it('halving blocks: 630,000 subsidy 6.25 BTC (AntPool); 840,000 fees 37.63 BTC, subsidy 3.125 BTC (ViaBTC)', () => {
    const h630 = keep.get(630_000)!;
    expect([h630.scheduledSubsidySat, h630.claimedSubsidySat, h630.miner]).toEqual([625_000_000, 625_000_000, 'AntPool']);
    const h840 = keep.get(840_000)!;
    expect([h840.feeSat, h840.claimedSubsidySat, h840.rewardSat, h840.miner]).toEqual([3_762_561_499, 312_500_000, 4_075_061_499, 'ViaBTC']);
  });
  it('block 739,990 equals the full block decoded independently (mainnet-observer JSON)', () => {
    const full = JSON.parse(gunzipSync(readFileSync(FULL_739990)).toString('utf8')) as Record<string, unknown>;
    const b = keep.get(739_990)!;
    expect(b.txCount).toBe((full.tx as unknown[] | undefined)?.length ?? full.nTx);
    expect(b.size).toBe(full.size);
    expect(b.weight).toBe(full.weight);
    expect(b.timeSec).toBe(full.time);
    expect(b.nonce).toBe(full.nonce);
    expect(b.feeSat).toBe(1_983_001);
  });
  it('corrected times equal the node timestamps of the per-block attribution dataset', async () => {
    const want = new Set([729_192, 729_193, 736_702, 736_726, 736_727]);
    const node = new Map<number, number>();
    const rl = createInterface({ input: createReadStream(PERBLOCK).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of rl) {
      const [h, , unix] = line.split(',');
      if (want.has(Number(h))) node.set(Number(h), Number(unix));
    }
    for (const h of want) expect([h, keep.get(h)!.timeSec]).toEqual([h, node.get(h)]);
    expect(keep.get(729_192)!.timeCorrected).toBe(true);
    expect(keep.get(736_727)!.timeCorrected).toBe(false);
  });
  it('the original 36-column daily dump (with hashes) agrees with the staged rows', async () => {
    const { blocks, summary: s } = await loadBlockchairBlocks(SAMPLE_0420);
    expect(s.hasHash).toBe(true);
    // PROVENANCE.md says 149 blocks for this day; the file holds heights 839,999–840,128 = 130 rows.
    expect(s.rows).toBe(130);
    expect([s.firstHeight, s.lastHeight, s.missingHeights.length]).toEqual([839_999, 840_128, 0]);
    for (const b of blocks) {
      expect(b.hash).toMatch(/^0{8}[0-9a-f]{56}$/);
      const staged = keep.get(b.height);
      if (staged) expect({ ...b, hash: null, line: 0 }).toEqual({ ...staged, line: 0 });
    }
    expect(blocks.find((b) => b.height === 839_999)!.hash).toBe('0000000000000000000172014ba58d66455762add0512355ad651207918494ab');
  });
});

const HEADER = 'id\ttime\tmedian_time\tsize\tstripped_size\tweight\tversion\tnonce\tbits\tdifficulty\ttransaction_count\twitness_count\tinput_count\toutput_count\tinput_total\toutput_total\tfee_total\tfee_per_kwu\tcdd_total\tgeneration\treward\treward_usd\tguessed_miner';
const row = (over: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    id: '840000',
    time: '2024-04-20 00:09:27',
    median_time: '2024-04-19 23:40:00',
    size: '2325617',
    stripped_size: '669442',
    weight: '3993947',
    version: '710926336',
    nonce: '3932395645',
    bits: '386089497',
    difficulty: '86388558925171',
    transaction_count: '3050',
    witness_count: '2000',
    input_count: '5000',
    output_count: '6000',
    input_total: '1',
    output_total: '1',
    fee_total: '3762561499',
    fee_per_kwu: '942.06',
    cdd_total: '1',
    generation: '312500000',
    reward: '4075061499',
    reward_usd: '2602864',
    guessed_miner: 'ViaBTC',
  };
  const r = { ...base, ...over };
  return HEADER.split('\t')
    .map((c) => r[c])
    .join('\t');
};
const parse = (lines: string[]) => readBlockchairLines(lines, 'blocks.tsv', () => {});
const message = async (lines: string[]) => {
  try {
    await parse(lines);
  } catch (err) {
    expect(err).toBeInstanceOf(DecodeError);
    return (err as Error).message;
  }
  throw new Error('expected a DecodeError');
};

describe('Blockchair reader: bad input is one line naming file, line and column', () => {
  it('accepts a valid row', async () => {
    const s = await parse([HEADER, row()]);
    expect(s.rows).toBe(1);
  });
  it('negative fees', async () => {
    expect(await message([HEADER, row(), row({ id: '840001', fee_total: '-5', reward: '312499995' })])).toBe('blocks.tsv:3 [fee_total]: negative amount: -5');
  });
  it('non-numeric fees', async () => {
    expect(await message([HEADER, row({ fee_total: 'abc' })])).toBe('blocks.tsv:2 [fee_total]: not an integer amount of satoshis: "abc"');
    expect(await message([HEADER, row({ fee_total: '1.5' })])).toBe('blocks.tsv:2 [fee_total]: not an integer amount of satoshis: "1.5"');
  });
  it('reward ≠ subsidy + fees', async () => {
    expect(await message([HEADER, row({ reward: '4075061498' })])).toBe('blocks.tsv:2 [reward]: reward 4075061498 ≠ generation 312500000 + fee_total 3762561499 (= 4075061499)');
  });
  it('a claimed subsidy above the schedule', async () => {
    expect(await message([HEADER, row({ generation: '625000000', reward: '4387561499' })])).toBe(
      'blocks.tsv:2 [generation]: claimed subsidy 625000000 exceeds the scheduled 312500000 at height 840000',
    );
  });
  it('duplicate heights, in order or not', async () => {
    expect(await message([HEADER, row(), row({ id: '840001' }), row()])).toBe('blocks.tsv:4 [id]: duplicate height 840000');
    expect(await message([HEADER, row({ id: '840002' }), row({ id: '840001' }), row({ id: '840002' })])).toBe('blocks.tsv:4 [id]: duplicate height 840002');
  });
  it('bad time, missing column, wrong field count', async () => {
    expect(await message([HEADER, row({ time: '2024-02-30 00:00:00' })])).toBe('blocks.tsv:2 [time]: invalid UTC time: "2024-02-30 00:00:00" (expected YYYY-MM-DD HH:MM:SS)');
    expect(await message([HEADER.replace('fee_total', 'fees'), row()])).toMatch(/^blocks\.tsv:1 \[fee_total\]: missing column "fee_total"/);
    expect(await message([HEADER, 'x\ty'])).toBe('blocks.tsv:2: expected 23 tab-separated fields, found 2');
  });
  it('gaps are reported, not errors; out-of-order files work', async () => {
    const s = await parse([HEADER, row({ id: '840003' }), row({ id: '840000' })]);
    expect(s.missingHeights).toEqual([840_001, 840_002]);
  });
  it('files: missing is a SourceError; a truncated gzip is a DecodeError naming the file', async () => {
    await expect(readBlockchairBlocks('/nonexistent/blocks.tsv.gz', () => {})).rejects.toBeInstanceOf(SourceError);
    const dir = mkdtempSync(join(tmpdir(), 'blockchair-'));
    const gz = gzipSync(Buffer.from([HEADER, ...Array.from({ length: 400 }, (_, i) => row({ id: String(840_000 + i) }))].join('\n')));
    const path = join(dir, 'cut.tsv.gz');
    writeFileSync(path, gz.subarray(0, gz.length - 40));
    await expect(readBlockchairBlocks(path, () => {})).rejects.toThrow(`${path}: corrupt or truncated gzip data`);
    const plain = join(dir, 'plain.tsv');
    writeFileSync(plain, `${HEADER}\r\n${row()}\r\n`);
    expect((await loadBlockchairBlocks(plain)).blocks[0]!.feeSat).toBe(3_762_561_499);
  });
});
