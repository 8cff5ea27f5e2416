/**
 * @module Mining economics per window from per-block records (pure): fees, subsidy (claimed and
 * scheduled), reward, fee share, empty blocks, weight use, and what one TH/s earned per day —
 * hash value (sats per TH/s per day) and hash price (USD per TH/s per day).
 *
 * Hash value over a window of T seconds = (Σ reward · 86,400 / T) / (Ĥ / 10¹²), where Ĥ is the
 * network hash rate estimated from the same blocks (analysis/hashrate.ts: Σ D·2³² / T). T cancels
 * in the point estimate (= Σ reward / Σ D·2³² × 10¹² × 86,400: revenue per expected hash), but the
 * hashes actually done are uncertain: Ĥ has an exact Poisson interval [lo, hi] on the block count,
 * and the revenue is fixed, so hash value ∈ [revenue/hi, revenue/lo]. Hash price is the same with
 * the revenue in USD (each block's reward × a BTC/USD price chosen by the caller).
 *
 * Per pool: blocks, empty blocks with an exact (Clopper–Pearson) binomial interval on the empty
 * share, fee median and mean per block, fee share, weight use, the time since the previous block
 * for empty and for non-empty blocks (empty blocks found soon after the previous block are the
 * signature of mining on a header before the block is validated), and luck against a hash-rate
 * series the user supplies. Definitions: docs/economics.md.
 */
import { regularizedIncompleteBeta } from './attack/special-functions.js';
import { blockSubsidySats } from './attack/subsidy.js';
import { hashPriceUsdPerThDay } from './energy/hash-price.js';
import { countInterval, estimateHashrate, hashrateByTimeWindow, TWO_POW_32, type BlockObservations, type HashrateEstimate } from './hashrate.js';

export const SATS_PER_BTC = 100_000_000;
/** Consensus limit on block weight (BIP141). */
export const MAX_BLOCK_WEIGHT = 4_000_000;
const DAY_SEC = 86_400;

/** Per-block records in time order (ties by height). Amounts in satoshis. */
export interface EconomicsBlocks {
  readonly heights: Int32Array;
  readonly timeSec: Float64Array;
  readonly difficulty: Float64Array;
  readonly feeSat: Float64Array;
  readonly claimedSubsidySat: Float64Array;
  readonly scheduledSubsidySat: Float64Array;
  /** The source's USD value of the reward (NaN where the source has none). */
  readonly rewardUsd: Float64Array;
  readonly txCount: Int32Array;
  readonly weight: Float64Array;
  /** Pool label index into `pools`. */
  readonly pool: Int32Array;
  readonly pools: readonly string[];
  /** Seconds since the block at height − 1 (NaN when that block is not in the data). */
  readonly sincePrevSec: Float64Array;
  /** Heights known to exist but absent from the data, with an approximate time (the previous block's). */
  readonly missing: readonly { readonly height: number; readonly timeSec: number }[];
}

/** BTC/USD for block i (undefined where unknown). */
export type BlockPrice = (i: number) => number | undefined;

export interface Band {
  readonly value: number;
  readonly lo: number;
  readonly hi: number;
}

export interface WindowEconomics {
  readonly start: number;
  readonly end: number;
  readonly blocks: number;
  /** Known-missing blocks whose (approximate) time falls in the window: not counted anywhere else. */
  readonly missingBlocks: number;
  readonly emptyBlocks: number;
  readonly feesSat: number;
  readonly claimedSubsidySat: number;
  readonly scheduledSubsidySat: number;
  readonly rewardSat: number;
  /** null when a block's price is unknown. */
  readonly feesUsd: number | null;
  readonly rewardUsd: number | null;
  /** Σ fees / Σ reward (BTC terms). */
  readonly feeShare: number | null;
  /** Mean of weight / 4,000,000 over the window's blocks. */
  readonly meanWeightUse: number | null;
  readonly hashrate: HashrateEstimate | null;
  /** Sats per TH/s per day, with the hash-rate interval carried through. */
  readonly hashValueSats: Band | null;
  /** USD per TH/s per day. */
  readonly hashPriceUsd: Band | null;
}

/** Index range [i0, i1) of blocks with time in [start, end). */
function span(timeSec: Float64Array, start: number, end: number): [number, number] {
  const lower = (t: number) => {
    let [l, h] = [0, timeSec.length];
    while (l < h) {
      const m = (l + h) >> 1;
      if (timeSec[m]! < t) l = m + 1;
      else h = m;
    }
    return l;
  };
  return [lower(start), lower(end)];
}

/** Revenue of `elapsedSec` seconds → per TH/s per day at the estimate and its interval (hi uses the low hash rate). */
export function perThDay(revenue: number, elapsedSec: number, h: HashrateEstimate): Band | null {
  if (!(h.hashrate > 0) || !(h.lo > 0)) return null;
  const perDay = (revenue * DAY_SEC) / elapsedSec;
  return { value: hashPriceUsdPerThDay(perDay, h.hashrate), lo: hashPriceUsdPerThDay(perDay, h.hi), hi: hashPriceUsdPerThDay(perDay, h.lo) };
}

export function blockObservations(b: EconomicsBlocks): BlockObservations {
  const n = b.heights.length;
  return { timeSec: b.timeSec, count: new Float64Array(n).fill(1), work: b.difficulty, entity: b.pool, entities: b.pools };
}

/** Network economics per time window [start, end). */
export function networkEconomics(
  b: EconomicsBlocks,
  windows: readonly { readonly start: number; readonly end: number }[],
  opts: { readonly confidence: number; readonly price: BlockPrice },
): WindowEconomics[] {
  const rates = hashrateByTimeWindow(blockObservations(b), windows, { confidence: opts.confidence, interval: 'poisson' });
  return windows.map((w, k) => {
    const [i0, i1] = span(b.timeSec, w.start, w.end);
    let fees = 0;
    let claimed = 0;
    let scheduled = 0;
    let empty = 0;
    let weightUse = 0;
    let feesUsd: number | null = 0;
    let rewardUsd: number | null = 0;
    for (let i = i0; i < i1; i++) {
      const f = b.feeSat[i]!;
      const s = b.claimedSubsidySat[i]!;
      fees += f;
      claimed += s;
      scheduled += b.scheduledSubsidySat[i]!;
      if (b.txCount[i] === 1) empty++;
      weightUse += b.weight[i]! / MAX_BLOCK_WEIGHT;
      const p = opts.price(i);
      if (p === undefined || !Number.isFinite(p) || feesUsd === null || rewardUsd === null) {
        feesUsd = rewardUsd = null;
      } else {
        feesUsd += (f / SATS_PER_BTC) * p;
        rewardUsd += ((f + s) / SATS_PER_BTC) * p;
      }
    }
    const n = i1 - i0;
    const reward = fees + claimed;
    const h = rates[k]!.network;
    const elapsed = w.end - w.start;
    const missingBlocks = b.missing.filter((m) => m.timeSec >= w.start && m.timeSec < w.end).length;
    return {
      start: w.start,
      end: w.end,
      blocks: n,
      missingBlocks,
      emptyBlocks: empty,
      feesSat: fees,
      claimedSubsidySat: claimed,
      scheduledSubsidySat: scheduled,
      rewardSat: reward,
      feesUsd: n > 0 ? feesUsd : null,
      rewardUsd: n > 0 ? rewardUsd : null,
      feeShare: reward > 0 ? fees / reward : null,
      meanWeightUse: n > 0 ? weightUse / n : null,
      hashrate: h,
      hashValueSats: h ? perThDay(reward, elapsed, h) : null,
      hashPriceUsd: h && rewardUsd !== null && n > 0 ? perThDay(rewardUsd, elapsed, h) : null,
    };
  });
}

/** x with I_x(a, b) = p, by bisection (I is increasing in x). */
function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (regularizedIncompleteBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Exact (Clopper–Pearson) interval for a binomial proportion k of n at `confidence`. */
export function binomialInterval(k: number, n: number, confidence: number): { lo: number; hi: number } {
  if (!(n >= 1) || !(k >= 0 && k <= n) || !Number.isInteger(k) || !Number.isInteger(n)) throw new RangeError(`binomialInterval: need integers 0 ≤ k ≤ n, n ≥ 1 (k=${k}, n=${n})`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const alpha = 1 - confidence;
  return { lo: k === 0 ? 0 : betaQuantile(alpha / 2, k, n - k + 1), hi: k === n ? 1 : betaQuantile(1 - alpha / 2, k + 1, n - k) };
}

export function median(values: readonly number[] | Float64Array): number | null {
  const n = values.length;
  if (n === 0) return null;
  const s = Float64Array.from(values).sort();
  return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** A pool's hash rate on days (UTC day start → H/s), from the user. */
export type PoolHashrateSeries = ReadonlyMap<string, ReadonlyMap<number, number>>;

export interface PoolLuck {
  /** Blocks expected from the pool's stated hash rate: Σ over days h·86,400 / (D̄_day·2³²). */
  readonly expectedBlocks: number;
  /** Found ÷ expected, with the exact Poisson interval of the found count ÷ expected. */
  readonly luck: Band;
  readonly days: number;
}

export interface PoolEconomics {
  readonly pool: string;
  readonly blocks: number;
  readonly share: number;
  readonly emptyBlocks: number;
  readonly emptyShare: Band;
  readonly feeMedianSat: number;
  readonly feeMeanSat: number;
  readonly feesSat: number;
  readonly rewardSat: number;
  readonly feeShare: number | null;
  readonly meanWeightUse: number;
  /** Median seconds since the previous block, for the pool's empty / non-empty blocks (null when none or unknown). */
  readonly emptySincePrevMedianSec: number | null;
  readonly otherSincePrevMedianSec: number | null;
  readonly luck: PoolLuck | null;
}

/** Per pool within [start, end), most blocks first; `luck` when the pool has a hash-rate series covering every day of the window. */
export function poolEconomics(
  b: EconomicsBlocks,
  window: { readonly start: number; readonly end: number },
  opts: { readonly confidence: number; readonly hashrates?: PoolHashrateSeries },
): PoolEconomics[] {
  const [i0, i1] = span(b.timeSec, window.start, window.end);
  const n = i1 - i0;
  const byPool = new Map<number, number[]>();
  for (let i = i0; i < i1; i++) {
    const list = byPool.get(b.pool[i]!);
    if (list) list.push(i);
    else byPool.set(b.pool[i]!, [i]);
  }
  // Mean difficulty per UTC day (for luck): Σ D / count.
  const dayDifficulty = new Map<number, { sum: number; n: number }>();
  if (opts.hashrates) {
    for (let i = i0; i < i1; i++) {
      const d = Math.floor(b.timeSec[i]! / DAY_SEC) * DAY_SEC;
      const e = dayDifficulty.get(d) ?? { sum: 0, n: 0 };
      e.sum += b.difficulty[i]!;
      e.n++;
      dayDifficulty.set(d, e);
    }
  }
  const out: PoolEconomics[] = [];
  for (const [p, idx] of byPool) {
    const name = b.pools[p]!;
    const fees = idx.map((i) => b.feeSat[i]!);
    const feeSum = fees.reduce((s, x) => s + x, 0);
    const reward = idx.reduce((s, i) => s + b.feeSat[i]! + b.claimedSubsidySat[i]!, 0);
    const empty = idx.filter((i) => b.txCount[i] === 1);
    const emptyGaps = empty.map((i) => b.sincePrevSec[i]!).filter((x) => Number.isFinite(x));
    const otherGaps = idx.filter((i) => b.txCount[i] !== 1).map((i) => b.sincePrevSec[i]!).filter((x) => Number.isFinite(x));
    const iv = binomialInterval(empty.length, idx.length, opts.confidence);
    out.push({
      pool: name,
      blocks: idx.length,
      share: idx.length / n,
      emptyBlocks: empty.length,
      emptyShare: { value: empty.length / idx.length, lo: iv.lo, hi: iv.hi },
      feeMedianSat: median(fees)!,
      feeMeanSat: feeSum / idx.length,
      feesSat: feeSum,
      rewardSat: reward,
      feeShare: reward > 0 ? feeSum / reward : null,
      meanWeightUse: idx.reduce((s, i) => s + b.weight[i]! / MAX_BLOCK_WEIGHT, 0) / idx.length,
      emptySincePrevMedianSec: median(emptyGaps),
      otherSincePrevMedianSec: median(otherGaps),
      luck: luckOf(idx.length, opts.hashrates?.get(name), window, dayDifficulty, opts.confidence),
    });
  }
  return out.sort((x, y) => y.blocks - x.blocks || x.pool.localeCompare(y.pool));
}

function luckOf(
  found: number,
  series: ReadonlyMap<number, number> | undefined,
  w: { readonly start: number; readonly end: number },
  dayDifficulty: ReadonlyMap<number, { sum: number; n: number }>,
  confidence: number,
): PoolLuck | null {
  if (!series) return null;
  let expected = 0;
  let days = 0;
  for (let d = Math.floor(w.start / DAY_SEC) * DAY_SEC; d < w.end; d += DAY_SEC) {
    const h = series.get(d);
    const diff = dayDifficulty.get(d);
    if (h === undefined || diff === undefined) return null;
    const seconds = Math.min(d + DAY_SEC, w.end) - Math.max(d, w.start);
    expected += (h * seconds) / ((diff.sum / diff.n) * TWO_POW_32);
    days++;
  }
  if (!(expected > 0)) return null;
  const iv = countInterval(found, confidence, 'poisson');
  return { expectedBlocks: expected, luck: { value: found / expected, lo: iv.lo / expected, hi: iv.hi / expected }, days };
}

/** Hash rate of a window from the blocks alone (for callers that need only that). */
export function windowHashrate(b: EconomicsBlocks, start: number, end: number, confidence: number): HashrateEstimate | null {
  const [i0, i1] = span(b.timeSec, start, end);
  if (i1 === i0) return null;
  let work = 0;
  for (let i = i0; i < i1; i++) work += b.difficulty[i]!;
  return estimateHashrate(i1 - i0, work, end - start, confidence, 'poisson');
}

/**
 * Per-block economics when a source has only the coinbase (a node's or Esplora's coinbase, blk
 * files decoded to the coinbase): reward = Σ coinbase outputs, fees = reward − scheduled subsidy.
 * A coinbase that under-claims makes this a lower bound on the fees (the true fees need the other
 * transactions); a reward below the subsidy is reported as fees 0 with `underClaimedSat`.
 */
export function economicsFromCoinbase(height: number, outputValuesSat: readonly bigint[]): { readonly rewardSat: bigint; readonly scheduledSubsidySat: bigint; readonly feeSat: bigint; readonly underClaimedSat: bigint } {
  const reward = outputValuesSat.reduce((s, v) => s + v, 0n);
  const subsidy = blockSubsidySats(height);
  const fee = reward > subsidy ? reward - subsidy : 0n;
  return { rewardSat: reward, scheduledSubsidySat: subsidy, feeSat: fee, underClaimedSat: reward < subsidy ? subsidy - reward : 0n };
}
