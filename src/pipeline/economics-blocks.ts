/**
 * @module Per-block economics data for `nakamoto economics` and the API: a small source interface
 * (`BlockEconomicsSource`) so a store-backed per-block source can plug in later, and the one source
 * there is today — the staged Blockchair dump (datasets/bitcoin/blockchair-blocks-2020-2025), read
 * directly and streamed into columns (time order; the 27 known one-hour time errors corrected; the
 * two missing heights kept as `missing`). Loaded once per process and file (≈ 3 s).
 */
import { DAY_SEC, formatDay, startOfDay } from '../aggregate/duration.js';
import type { EconomicsBlocks } from '../analysis/economics.js';
import { readBtcUsdMonthly } from '../sources/datasets/asic-hardware.js';
import { readDataset } from '../sources/datasets/detect.js';
import { BLOCKCHAIR_BLOCKS_FILE, BLOCKCHAIR_KNOWN_MISSING_HEIGHTS, readBlockchairBlocks, type BlockchairSummary } from '../sources/datasets/blockchair-blocks.js';
import { join } from 'node:path';
import { PER_BLOCK_FILE } from '../sources/files/datasets-path.js';
import { poolName } from './pool-names.js';
import type { Coverage } from './series-source.js';
import { timeOrder } from './series-source.js';

export interface LoadedEconomics {
  readonly blocks: EconomicsBlocks;
  readonly coverage: Coverage;
  /** Source id, description, file, label source, and what the loader noticed. */
  readonly provenance: { readonly source: string; readonly description: string; readonly from: string; readonly labels: string; readonly notes: readonly string[] };
  /** With mempool labels: the mempool.space slug of each `blocks.pools` entry ('unknown' for none), for `--level`. */
  readonly poolSlugs?: readonly string[] | undefined;
}

/** Anything that can supply per-block economics (the Blockchair file today; a store source later). */
export interface BlockEconomicsSource {
  readonly id: string;
  load(): Promise<LoadedEconomics>;
}

/** Growable numeric columns, in the source's (height) order. */
export class EconomicsColumns {
  n = 0;
  cap = 1 << 16;
  heights = new Int32Array(this.cap);
  time = new Float64Array(this.cap);
  difficulty = new Float64Array(this.cap);
  fee = new Float64Array(this.cap);
  claimed = new Float64Array(this.cap);
  scheduled = new Float64Array(this.cap);
  rewardUsd = new Float64Array(this.cap);
  tx = new Int32Array(this.cap);
  weight = new Float64Array(this.cap);
  pool = new Int32Array(this.cap);
  grow(): void {
    this.cap *= 2;
    const g = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.cap);
      b.set(a);
      return b;
    };
    this.heights = g(this.heights);
    this.time = g(this.time);
    this.difficulty = g(this.difficulty);
    this.fee = g(this.fee);
    this.claimed = g(this.claimed);
    this.scheduled = g(this.scheduled);
    this.rewardUsd = g(this.rewardUsd);
    this.tx = g(this.tx);
    this.weight = g(this.weight);
    this.pool = g(this.pool);
  }
}

/** Put columns (height order) into time order and derive the time since the previous height. */
export function toEconomicsBlocks(c: EconomicsColumns, pools: readonly string[], missingHeights: readonly number[]): EconomicsBlocks {
  const n = c.n;
  const heights = c.heights.subarray(0, n);
  const time = c.time.subarray(0, n);
  const byHeight = new Map<number, number>();
  for (let i = 0; i < n; i++) byHeight.set(heights[i]!, i);
  const since = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const prev = byHeight.get(heights[i]! - 1);
    if (prev !== undefined) since[i] = time[i]! - time[prev]!;
  }
  const order = timeOrder(time, heights);
  const pick = <T extends Int32Array | Float64Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(n);
    for (let k = 0; k < n; k++) out[k] = a[order[k]!]!;
    return out;
  };
  const missing = missingHeights.map((h) => {
    const prev = byHeight.get(h - 1) ?? byHeight.get(h - 2);
    return { height: h, timeSec: prev === undefined ? Number.NaN : time[prev]! };
  });
  return {
    heights: pick(heights),
    timeSec: pick(time),
    difficulty: pick(c.difficulty.subarray(0, n)),
    feeSat: pick(c.fee.subarray(0, n)),
    claimedSubsidySat: pick(c.claimed.subarray(0, n)),
    scheduledSubsidySat: pick(c.scheduled.subarray(0, n)),
    rewardUsd: pick(c.rewardUsd.subarray(0, n)),
    txCount: pick(c.tx.subarray(0, n)),
    weight: pick(c.weight.subarray(0, n)),
    pool: pick(c.pool.subarray(0, n)),
    pools,
    sincePrevSec: pick(since),
    missing,
  };
}

/** Coverage of whole UTC days: the dump is one file per UTC day, so the first and last days are complete. */
function coverageOf(b: EconomicsBlocks, summary: BlockchairSummary): Coverage {
  const n = b.timeSec.length;
  if (n === 0) return { time: null, height: null };
  return {
    time: { start: startOfDay(b.timeSec[0]!), end: startOfDay(b.timeSec[n - 1]!) + DAY_SEC },
    height: { start: summary.firstHeight!, end: summary.lastHeight! + 1 },
  };
}

async function loadBlockchair(path: string, shown: string, onProgress?: (rows: number) => void): Promise<LoadedEconomics> {
  const c = new EconomicsColumns();
  const poolIndex = new Map<string, number>();
  const pools: string[] = [];
  const summary = await readBlockchairBlocks(path, (b) => {
    if (c.n === c.cap) c.grow();
    const i = c.n++;
    c.heights[i] = b.height;
    c.time[i] = b.timeSec;
    c.difficulty[i] = b.difficulty;
    c.fee[i] = b.feeSat;
    c.claimed[i] = b.claimedSubsidySat;
    c.scheduled[i] = b.scheduledSubsidySat;
    c.rewardUsd[i] = b.rewardUsd;
    c.tx[i] = b.txCount;
    c.weight[i] = b.weight;
    let p = poolIndex.get(b.miner);
    if (p === undefined) {
      p = pools.length;
      pools.push(b.miner);
      poolIndex.set(b.miner, p);
    }
    c.pool[i] = p;
    if (onProgress && c.n % 50_000 === 0) onProgress(c.n);
  });
  const blocks = toEconomicsBlocks(c, pools, summary.missingHeights);
  const unknownGaps = summary.missingHeights.filter((h) => !BLOCKCHAIR_KNOWN_MISSING_HEIGHTS.includes(h));
  const coverage = coverageOf(blocks, summary);
  const notes = [
    `${summary.rows.toLocaleString('en-US')} blocks, heights ${summary.firstHeight}–${summary.lastHeight}, ${coverage.time ? `${formatDay(coverage.time.start)} → ${formatDay(coverage.time.end - DAY_SEC)}` : 'no times'}`,
    summary.missingHeights.length > 0
      ? `missing from the source: ${summary.missingHeights.length} block(s) (${summary.missingHeights.join(', ')}); their windows count ${summary.missingHeights.length} fewer blocks and their rewards are not included (column missing_blocks)`
      : 'no missing heights',
    `${summary.timeCorrected} block time(s) corrected by +1 h (a known Blockchair dump error; PROVENANCE.md)`,
    `${summary.underClaimedHeights.length} block(s) claimed less than the scheduled subsidy (${summary.underClaimedHeights.join(', ')}): revenue uses what was claimed`,
    ...(unknownGaps.length > 0 ? [`warning: ${unknownGaps.length} unexpected gap(s) in heights`] : []),
  ];
  return {
    blocks,
    coverage,
    provenance: {
      source: 'blockchair',
      description: "Blockchair daily block dumps 2019-12-31 → 2025-03-08 (fees, claimed subsidy, reward, reward USD at Blockchair's daily price, guessed_miner)",
      from: shown,
      labels: "Blockchair's guessed_miner (its own tag list; 'Unknown' where it has none)",
      notes,
    },
  };
}

const cache = new Map<string, Promise<LoadedEconomics>>();

/** The staged Blockchair dump (or another file of the same shape), loaded once per process. */
export function blockchairEconomicsSource(datasetsRoot: string, file?: string): BlockEconomicsSource {
  const path = file ?? join(datasetsRoot, BLOCKCHAIR_BLOCKS_FILE);
  return {
    id: 'blockchair',
    load() {
      let p = cache.get(path);
      if (!p) {
        p = loadBlockchair(path, path.startsWith(`${datasetsRoot}/`) ? `datasets/${path.slice(datasetsRoot.length + 1)}` : path);
        p.catch(() => cache.delete(path));
        cache.set(path, p);
      }
      return p;
    },
  };
}

export type PriceBasis = 'blockchair' | 'monthly';
export const PRICE_BASES: readonly PriceBasis[] = ['blockchair', 'monthly'];

/** BTC/USD per block: Blockchair's own (reward_usd ÷ reward, its daily price) or the project's monthly table. */
export async function blockPrices(b: EconomicsBlocks, basis: PriceBasis, monthlyTable?: string): Promise<{ price: (i: number) => number | undefined; description: string }> {
  if (basis === 'blockchair') {
    return {
      price: (i) => {
        const r = b.feeSat[i]! + b.claimedSubsidySat[i]!;
        const usd = b.rewardUsd[i]!;
        return r > 0 && Number.isFinite(usd) ? usd / (r / 1e8) : undefined;
      },
      description: "Blockchair's daily BTC/USD (each block's reward_usd ÷ reward)",
    };
  }
  const table = await readBtcUsdMonthly(monthlyTable);
  const byMonth = new Map(table.map((m) => [m.monthSec, m.usd]));
  return {
    price: (i) => {
      const t = new Date(b.timeSec[i]! * 1000);
      return byMonth.get(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1) / 1000);
    },
    description: `${monthlyTable ?? 'data/hardware/btc-usd-monthly.csv'} (FRED CBBTCUSD month-end value, applied to every block of the month)`,
  };
}

export type PoolLabels = 'mempool' | 'blockchair';
export const POOL_LABELS: readonly PoolLabels[] = ['mempool', 'blockchair'];

const relabelled = new Map<string, Promise<LoadedEconomics>>();

/**
 * The same blocks with mempool.space pool labels (datasets/bitcoin/per-block-pool-attribution-2020-2026,
 * joined by height: version 1, else version 2, else "unknown"), shown by display name. Blockchair's
 * own tags leave ~4× more blocks "Unknown" (its PROVENANCE.md).
 */
export function withMempoolLabels(loaded: LoadedEconomics, datasetsRoot: string): Promise<LoadedEconomics> {
  const key = `${datasetsRoot}|${loaded.provenance.from}`;
  let p = relabelled.get(key);
  if (!p) {
    p = (async () => {
      const path = join(datasetsRoot, PER_BLOCK_FILE);
      const data = await readDataset(path);
      const label = new Map<number, string>();
      for (const source of ['perblock-v2', 'perblock-v1']) {
        const b = data.blockBatches.find((x) => x.source === source);
        if (b) b.heights.forEach((h, i) => label.set(h, b.labels[i]!));
      }
      const pools: string[] = [];
      const slugs: string[] = [];
      const index = new Map<string, number>();
      const b = loaded.blocks;
      const pool = new Int32Array(b.heights.length);
      let unlabelled = 0;
      b.heights.forEach((h, i) => {
        const slug = label.get(h);
        if (slug === undefined) unlabelled++;
        const name = slug === undefined || slug === 'unknown' ? 'unknown' : poolName(slug);
        let k = index.get(name);
        if (k === undefined) {
          k = pools.length;
          pools.push(name);
          slugs.push(slug ?? 'unknown');
          index.set(name, k);
        }
        pool[i] = k;
      });
      return {
        ...loaded,
        blocks: { ...b, pool, pools },
        poolSlugs: slugs,
        provenance: {
          ...loaded.provenance,
          labels: `mempool.space pool labels of datasets/${PER_BLOCK_FILE} (version 1, else version 2), joined by height; ${unlabelled} block(s) without a label count as unknown`,
        },
      };
    })();
    p.catch(() => relabelled.delete(key));
    relabelled.set(key, p);
  }
  return p;
}
