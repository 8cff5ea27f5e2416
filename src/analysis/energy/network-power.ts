/**
 * @module Bitcoin network power by the CBECI method (pure). Per UTC day: hash rate from the blocks
 * found and their difficulty (Σ D·2³² / 86,400 s), hash price (subsidy + fees) × BTC/USD per TH/s,
 * profitability threshold at the electricity price (optionally a trailing mean, CBECI uses 14
 * days), then the efficiency bounds of the available / profitable hardware. Per window: average
 * power = Σ over days of hashes × efficiency × PUE / window length, with the Poisson interval of
 * the window's block count widening the bounds: the lower bound uses the low end of the hash rate
 * interval, the upper bound the high end (exact when difficulty × efficiency is constant within
 * the window, a close approximation otherwise).
 */
import { countInterval, estimateHashrate, type HashrateEstimate } from '../hashrate.js';
import { efficiencyBounds, selectHardware, type EfficiencyBounds, type HardwareModel } from './hardware-selection.js';
import { hashPriceUsdPerThDay, powerW, profitabilityThresholdJPerTh } from './hash-price.js';

const DAY_SEC = 86_400;

/** One UTC day of blocks: count, Σ difficulty, Σ subsidy (BTC), and the real fees where the data has them. */
export interface DayBlocks {
  readonly daySec: number;
  readonly blocks: number;
  readonly work: number;
  readonly subsidyBtc: number;
  /** Σ fees (BTC) of the day's blocks that have fee data (0 when none). */
  readonly feesBtc?: number;
  /** How many of the day's blocks have fee data (`feesBtc` covers these). */
  readonly blocksWithFees?: number;
}

export interface PowerAssumptions {
  readonly electricityUsdPerKwh: number;
  readonly pue: EfficiencyBounds;
  /** Fees assumed per block for blocks without fee data (all blocks unless `feesFromData`). */
  readonly feesBtcPerBlock: number;
  /** Use the days' real fees (`feesBtc`) for the blocks that have them. */
  readonly feesFromData?: boolean;
  /** BTC/USD on a day; undefined where unknown. */
  readonly btcUsd: (daySec: number) => number | undefined;
  /** A fixed hash price replacing the computed one. */
  readonly hashpriceUsdPerThDay?: number;
  /** Hardware retired this many years after release (0: never). */
  readonly maxAgeYears: number;
  /** Trailing mean of the threshold over this many days (1: none). */
  readonly smoothDays: number;
  /** No profitable model: use the most efficient available one for all three bounds, or CBECI's "last known profitable equipment". */
  readonly whenUnprofitable: 'most-efficient' | 'last-profitable';
}

export type DayStatus = 'profitable' | 'none-profitable' | 'no-price' | 'no-hardware';

export interface DayEnergy {
  readonly daySec: number;
  readonly blocks: number;
  readonly work: number;
  readonly hashpriceUsdPerThDay: number | null;
  readonly thresholdJPerTh: number | null;
  readonly profitableModels: number;
  readonly eff: EfficiencyBounds | null;
  readonly status: DayStatus;
}

export function dailyEnergy(days: readonly DayBlocks[], models: readonly HardwareModel[], a: PowerAssumptions): DayEnergy[] {
  const raw = days.map((d) => {
    if (a.hashpriceUsdPerThDay !== undefined) return a.hashpriceUsdPerThDay;
    const price = a.btcUsd(d.daySec);
    if (price === undefined || d.blocks === 0) return null;
    const withFees = a.feesFromData ? (d.blocksWithFees ?? 0) : 0;
    const realFees = a.feesFromData ? (d.feesBtc ?? 0) : 0;
    const revenueUsd = (d.subsidyBtc + realFees + a.feesBtcPerBlock * (d.blocks - withFees)) * price;
    return hashPriceUsdPerThDay(revenueUsd, (d.work * 4_294_967_296) / DAY_SEC);
  });
  const thresholds = raw.map((hp) => (hp === null ? null : profitabilityThresholdJPerTh(hp, a.electricityUsdPerKwh)));
  const out: DayEnergy[] = [];
  let lastProfitable: EfficiencyBounds | null = null;
  days.forEach((d, i) => {
    let sum = 0;
    let n = 0;
    for (let k = Math.max(0, i - a.smoothDays + 1); k <= i; k++) {
      const t = thresholds[k];
      if (t !== null && t !== undefined) {
        sum += t;
        n++;
      }
    }
    const threshold = thresholds[i] === null ? null : sum / n;
    const base = { daySec: d.daySec, blocks: d.blocks, work: d.work, hashpriceUsdPerThDay: raw[i]!, thresholdJPerTh: threshold };
    const sel = selectHardware(models, d.daySec, threshold, a.maxAgeYears);
    if (sel.mostEfficient === null) return out.push({ ...base, profitableModels: 0, eff: null, status: 'no-hardware' });
    if (threshold === null) return out.push({ ...base, profitableModels: 0, eff: null, status: 'no-price' });
    const bounds = efficiencyBounds(sel);
    if (bounds !== null) {
      lastProfitable = bounds;
      return out.push({ ...base, profitableModels: sel.profitable.length, eff: bounds, status: 'profitable' });
    }
    const e = sel.mostEfficient.efficiencyJPerTh;
    const fallback = a.whenUnprofitable === 'last-profitable' && lastProfitable !== null ? lastProfitable : { lower: e, best: e, upper: e };
    return out.push({ ...base, profitableModels: 0, eff: fallback, status: 'none-profitable' });
  });
  return out;
}

export interface WindowPower {
  readonly start: number;
  readonly end: number;
  readonly days: number;
  readonly hashrate: HashrateEstimate;
  /** Means over the window's days (null if any day lacks one). */
  readonly hashpriceUsdPerThDay: number | null;
  readonly thresholdJPerTh: number | null;
  /** Profitable models on the window's last day. */
  readonly profitableModels: number;
  /** Hash-weighted mean efficiency of each bound (J/TH), null when a day has none. */
  readonly eff: EfficiencyBounds | null;
  /** Average power, W: lower uses the hash-rate interval's low end and the lower PUE, upper the high end. */
  readonly powerW: EfficiencyBounds | null;
  readonly unprofitableDays: number;
}

/** Windows [start, end) made of whole days present in `daily` (others are skipped). */
export function windowPower(daily: readonly DayEnergy[], windows: readonly { start: number; end: number }[], pue: EfficiencyBounds, confidence: number): WindowPower[] {
  const index = new Map(daily.map((d, i) => [d.daySec, i]));
  const out: WindowPower[] = [];
  for (const w of windows) {
    const n = Math.round((w.end - w.start) / DAY_SEC);
    const i0 = index.get(w.start);
    if (i0 === undefined || n < 1 || daily[i0 + n - 1]?.daySec !== w.start + (n - 1) * DAY_SEC) continue;
    const ds = daily.slice(i0, i0 + n);
    const blocks = ds.reduce((s, d) => s + d.blocks, 0);
    const work = ds.reduce((s, d) => s + d.work, 0);
    if (blocks === 0) continue;
    const elapsed = w.end - w.start;
    const mean = (f: (d: DayEnergy) => number | null) => (ds.some((d) => f(d) === null) ? null : ds.reduce((s, d) => s + f(d)!, 0) / n);
    let eff: EfficiencyBounds | null = null;
    let power: EfficiencyBounds | null = null;
    if (ds.every((d) => d.eff !== null)) {
      const sum = (k: keyof EfficiencyBounds) => ds.reduce((s, d) => s + d.work * d.eff![k], 0);
      eff = { lower: sum('lower') / work, best: sum('best') / work, upper: sum('upper') / work };
      const iv = countInterval(blocks, confidence, 'poisson');
      power = {
        lower: (iv.lo / blocks) * powerW(work, elapsed, eff.lower, pue.lower),
        best: powerW(work, elapsed, eff.best, pue.best),
        upper: (iv.hi / blocks) * powerW(work, elapsed, eff.upper, pue.upper),
      };
    }
    out.push({
      start: w.start,
      end: w.end,
      days: n,
      hashrate: estimateHashrate(blocks, work, elapsed, confidence, 'poisson'),
      hashpriceUsdPerThDay: mean((d) => d.hashpriceUsdPerThDay),
      thresholdJPerTh: mean((d) => d.thresholdJPerTh),
      profitableModels: ds[n - 1]!.profitableModels,
      eff,
      powerW: power,
      unprofitableDays: ds.filter((d) => d.status === 'none-profitable').length,
    });
  }
  return out;
}
