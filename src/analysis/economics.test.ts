/**
 * Economics per window and per pool on small constructed inputs: hand-computed figures, and
 * fast-check properties (doubling fees cannot lower hash value; a window's fees are the sum of its
 * blocks'; the binomial interval brackets the observed share).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { datasetPath } from '../sources/files/datasets-path.js';
import { binomialInterval, economicsFromCoinbase, median, networkEconomics, poolEconomics, type EconomicsBlocks } from './economics.js';
import { countInterval } from './hashrate.js';

const DAY = 86_400;

interface Spec {
  t: number;
  fee: number;
  subsidy?: number;
  difficulty?: number;
  tx?: number;
  pool?: number;
  usd?: number;
}

function blocks(specs: readonly Spec[], pools = ['a', 'b', 'c']): EconomicsBlocks {
  const sorted = [...specs].sort((x, y) => x.t - y.t);
  const n = sorted.length;
  const f = (g: (s: Spec) => number) => Float64Array.from(sorted.map(g));
  return {
    heights: Int32Array.from(sorted.map((_, i) => 800_000 + i)),
    timeSec: f((s) => s.t),
    difficulty: f((s) => s.difficulty ?? 1e12),
    feeSat: f((s) => s.fee),
    claimedSubsidySat: f((s) => s.subsidy ?? 625_000_000),
    scheduledSubsidySat: f(() => 625_000_000),
    rewardUsd: f((s) => ((s.fee + (s.subsidy ?? 625_000_000)) / 1e8) * (s.usd ?? 30_000)),
    txCount: Int32Array.from(sorted.map((s) => s.tx ?? 2000)),
    weight: f(() => 3_990_000),
    pool: Int32Array.from(sorted.map((s) => s.pool ?? 0)),
    pools,
    sincePrevSec: Float64Array.from(sorted.map((s, i) => (i === 0 ? Number.NaN : s.t - sorted[i - 1]!.t))),
    missing: n > 0 ? [] : [],
  };
}

const price = (b: EconomicsBlocks) => (i: number) => b.rewardUsd[i]! / ((b.feeSat[i]! + b.claimedSubsidySat[i]!) / 1e8);

describe('networkEconomics: hand-computed', () => {
  // Three blocks in one day, difficulty 1e12 each, subsidy 6.25 BTC, fees 0.1/0.2/0 BTC, price 30,000.
  const b = blocks([
    { t: 100, fee: 10_000_000 },
    { t: 700, fee: 20_000_000 },
    { t: 1300, fee: 0, tx: 1 },
  ]);
  const [w] = networkEconomics(b, [{ start: 0, end: DAY }], { confidence: 0.95, price: price(b) });
  it('sums fees, subsidy, reward, USD; counts empty blocks; fee share', () => {
    expect(w!.blocks).toBe(3);
    expect(w!.emptyBlocks).toBe(1);
    expect(w!.feesSat).toBe(30_000_000);
    expect(w!.rewardSat).toBe(3 * 625_000_000 + 30_000_000);
    expect(w!.feeShare).toBeCloseTo(30_000_000 / 1_905_000_000, 12);
    expect(w!.feesUsd).toBeCloseTo(0.3 * 30_000, 6);
    expect(w!.rewardUsd).toBeCloseTo(19.05 * 30_000, 6);
    expect(w!.meanWeightUse).toBeCloseTo(3_990_000 / 4_000_000, 12);
  });
  it('hash value = Σ reward / Σ D·2³² × 10¹² × 86,400; interval = revenue ÷ the hash-rate interval', () => {
    // Ĥ = 3e12 · 2³² / 86,400 H/s; revenue per day = 1,905,000,000 sat.
    const H = (3e12 * 4_294_967_296) / DAY;
    const value = 1_905_000_000 / (H / 1e12);
    expect(w!.hashValueSats!.value).toBeCloseTo(value, 9);
    expect(w!.hashValueSats!.value).toBeCloseTo((1_905_000_000 / (3e12 * 4_294_967_296)) * 1e12 * DAY, 9);
    const iv = countInterval(3, 0.95, 'poisson');
    expect(w!.hashValueSats!.lo).toBeCloseTo(value / (iv.hi / 3), 9);
    expect(w!.hashValueSats!.hi).toBeCloseTo(value / (iv.lo / 3), 9);
    expect(w!.hashPriceUsd!.value).toBeCloseTo((value / 1e8) * 30_000, 9);
  });
  it('an unknown price makes the USD figures null, not zero', () => {
    const [x] = networkEconomics(b, [{ start: 0, end: DAY }], { confidence: 0.95, price: (i) => (i === 1 ? undefined : 30_000) });
    expect([x!.feesUsd, x!.rewardUsd, x!.hashPriceUsd]).toEqual([null, null, null]);
    expect(x!.hashValueSats).not.toBeNull();
  });
  it('an empty window has no hash rate and no hash value', () => {
    const [x] = networkEconomics(b, [{ start: DAY, end: 2 * DAY }], { confidence: 0.95, price: price(b) });
    expect([x!.blocks, x!.hashrate, x!.hashValueSats, x!.feeShare]).toEqual([0, null, null, null]);
  });
});

describe('poolEconomics: hand-computed', () => {
  const b = blocks([
    { t: 0, fee: 5, pool: 0 },
    { t: 600, fee: 0, tx: 1, pool: 0 }, // empty, 600 s after the previous block
    { t: 615, fee: 0, tx: 1, pool: 1 }, // empty, 15 s after
    { t: 1200, fee: 9, pool: 1 },
    { t: 1800, fee: 3, pool: 0 },
  ]);
  const pools = poolEconomics(b, { start: 0, end: DAY }, { confidence: 0.95 });
  it('counts, medians and means per pool; the empty-share interval is Clopper–Pearson', () => {
    const a = pools.find((p) => p.pool === 'a')!;
    expect([a.blocks, a.emptyBlocks, a.feeMedianSat, a.feeMeanSat, a.feesSat]).toEqual([3, 1, 3, 8 / 3, 8]);
    expect(a.emptyShare.value).toBeCloseTo(1 / 3, 12);
    expect([a.emptySincePrevMedianSec, a.otherSincePrevMedianSec]).toEqual([600, 600]);
    const bb = pools.find((p) => p.pool === 'b')!;
    expect([bb.emptySincePrevMedianSec, bb.otherSincePrevMedianSec, bb.feeMedianSat]).toEqual([15, 585, 4.5]);
    expect(pools.map((p) => p.pool)).toEqual(['a', 'b']);
  });
  it('luck = found ÷ (h·seconds / (D·2³²)) with the Poisson interval on found', () => {
    const H = 1e12 * 4_294_967_296 / 600; // one block per 600 s at D = 1e12
    const hashrates = new Map([['a', new Map([[0, H]])]]);
    const a = poolEconomics(b, { start: 0, end: DAY }, { confidence: 0.95, hashrates }).find((p) => p.pool === 'a')!;
    expect(a.luck!.expectedBlocks).toBeCloseTo(144, 9);
    expect(a.luck!.luck.value).toBeCloseTo(3 / 144, 12);
    const iv = countInterval(3, 0.95, 'poisson');
    expect(a.luck!.luck.lo).toBeCloseTo(iv.lo / 144, 12);
    // A pool without a series, or a window with a day the series lacks, has no luck.
    expect(poolEconomics(b, { start: 0, end: DAY }, { confidence: 0.95, hashrates }).find((p) => p.pool === 'b')!.luck).toBeNull();
  });
});

describe('binomialInterval (Clopper–Pearson)', () => {
  it('matches closed forms at k = 0 and k = n', () => {
    // k = 0: hi = 1 − (α/2)^(1/n); k = n: lo = (α/2)^(1/n).
    expect(binomialInterval(0, 10, 0.95).hi).toBeCloseTo(1 - 0.025 ** 0.1, 10);
    expect(binomialInterval(10, 10, 0.95).lo).toBeCloseTo(0.025 ** 0.1, 10);
    expect(binomialInterval(0, 10, 0.95).lo).toBe(0);
  });
  it('a textbook value: 3 of 20 at 95% → [0.0321, 0.3789]', () => {
    const iv = binomialInterval(3, 20, 0.95);
    expect(iv.lo).toBeCloseTo(0.0321, 4);
    expect(iv.hi).toBeCloseTo(0.3789, 4);
  });
  it('brackets k/n, stays in [0, 1], and widens with confidence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, u) => {
        const k = Math.min(n, Math.floor(u * (n + 1)));
        const a = binomialInterval(k, n, 0.9);
        const b = binomialInterval(k, n, 0.99);
        return a.lo >= 0 && a.hi <= 1 && a.lo <= k / n + 1e-12 && a.hi >= k / n - 1e-12 && b.lo <= a.lo + 1e-12 && b.hi >= a.hi - 1e-12;
      }),
    );
  });
  it('rejects impossible counts', () => {
    expect(() => binomialInterval(3, 2, 0.95)).toThrow(RangeError);
  });
});

describe('properties', () => {
  const blockArb = fc.record({
    t: fc.integer({ min: 0, max: 3 * DAY - 1 }),
    fee: fc.integer({ min: 0, max: 5e9 }),
    subsidy: fc.constantFrom(625_000_000, 312_500_000),
    difficulty: fc.double({ min: 1e10, max: 1e14, noNaN: true }),
    tx: fc.integer({ min: 1, max: 5000 }),
    pool: fc.integer({ min: 0, max: 2 }),
    usd: fc.double({ min: 100, max: 1e5, noNaN: true }),
  });
  const windows = [0, 1, 2].map((d) => ({ start: d * DAY, end: (d + 1) * DAY }));

  it('doubling every fee cannot lower hash value or hash price (value and both ends)', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { minLength: 1, maxLength: 60 }), (specs) => {
        const b1 = blocks(specs);
        const b2 = blocks(specs.map((s) => ({ ...s, fee: 2 * s.fee })));
        const p = (b: EconomicsBlocks) => (i: number) => b.rewardUsd[i]! / ((b.feeSat[i]! + b.claimedSubsidySat[i]!) / 1e8);
        const w1 = networkEconomics(b1, windows, { confidence: 0.95, price: p(b1) });
        const w2 = networkEconomics(b2, windows, { confidence: 0.95, price: p(b2) });
        return w1.every((x, k) => {
          const y = w2[k]!;
          if (x.hashValueSats === null) return y.hashValueSats === null;
          const ge = (a: number, c: number) => a >= c * (1 - 1e-12);
          return (
            ge(y.hashValueSats!.value, x.hashValueSats.value) && ge(y.hashValueSats!.lo, x.hashValueSats.lo) && ge(y.hashValueSats!.hi, x.hashValueSats.hi) &&
            ge(y.hashPriceUsd!.value, x.hashPriceUsd!.value) && y.feeShare! >= x.feeShare! - 1e-12
          );
        });
      }),
    );
  });

  it("a window's fees equal the sum of its blocks' fees; windows partition the total", () => {
    fc.assert(
      fc.property(fc.array(blockArb, { maxLength: 80 }), (specs) => {
        const b = blocks(specs);
        const ws = networkEconomics(b, windows, { confidence: 0.95, price: () => 1 });
        const inDay = (d: number) => specs.filter((s) => s.t >= d * DAY && s.t < (d + 1) * DAY);
        const ok = ws.every((w, d) => w.feesSat === inDay(d).reduce((s, x) => s + x.fee, 0) && w.blocks === inDay(d).length && w.emptyBlocks === inDay(d).filter((x) => x.tx === 1).length);
        const total = ws.reduce((s, w) => s + w.feesSat, 0) === specs.reduce((s, x) => s + x.fee, 0);
        const pools = poolEconomics(b, { start: 0, end: 3 * DAY }, { confidence: 0.95 });
        const poolTotal = pools.reduce((s, p) => s + p.feesSat, 0) === specs.reduce((s, x) => s + x.fee, 0);
        return ok && total && poolTotal;
      }),
    );
  });

  it('hash value lo ≤ value ≤ hi; the interval is the hash-rate interval inverted', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { minLength: 1, maxLength: 40 }), (specs) => {
        const b = blocks(specs);
        return networkEconomics(b, windows, { confidence: 0.9, price: () => 1 }).every((w) => {
          if (!w.hashValueSats || !w.hashrate) return true;
          const v = w.hashValueSats;
          return v.lo <= v.value && v.value <= v.hi && Math.abs(v.lo * w.hashrate.hi - v.value * w.hashrate.hashrate) <= 1e-9 * v.value * w.hashrate.hashrate;
        });
      }),
    );
  });

  it('median of an odd / even list', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('economicsFromCoinbase (sources with only the coinbase)', () => {
  it("block 739,990: Σ coinbase outputs − 6.25 BTC = Blockchair's fee_total (1,983,001 sat)", () => {
    // mainnet-observer's coinbase CSV: coinbase_outputs = `value_sat:script:address;…` (decoded there, independently of Blockchair).
    const text = readFileSync(datasetPath('bitcoin/mainnet-observer-blocks-2022-2025/coinbases_739990_913612_920533_925262.csv'), 'utf8');
    const [head, ...lines] = text.trim().split('\n');
    const cols = head!.split(',');
    const row = lines.map((l) => l.split(',')).find((f) => f[0] === '739990')!;
    const values = row[cols.indexOf('coinbase_outputs')]!.split(';').map((o) => BigInt(o.split(':')[0]!));
    const e = economicsFromCoinbase(739_990, values);
    expect(e).toEqual({ rewardSat: 626_983_001n, scheduledSubsidySat: 625_000_000n, feeSat: 1_983_001n, underClaimedSat: 0n });
  });
  it('an under-claiming coinbase gives fees 0 and the shortfall', () => {
    expect(economicsFromCoinbase(619_631, [1_249_999_927n])).toEqual({ rewardSat: 1_249_999_927n, scheduledSubsidySat: 1_250_000_000n, feeSat: 0n, underClaimedSat: 73n });
  });
  it('property: derived fees + claimed subsidy = the coinbase total; fees ≥ 0; claimed ≤ scheduled, equal unless under-claimed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 14_000_000 }), fc.array(fc.bigInt({ min: 0n, max: 2_100_000_000_000_000n }), { minLength: 1, maxLength: 5 }), (height, outputs) => {
        const e = economicsFromCoinbase(height, outputs);
        const total = outputs.reduce((a, b) => a + b, 0n);
        const claimed = e.rewardSat - e.feeSat;
        expect(e.rewardSat).toBe(total);
        expect(e.scheduledSubsidySat).toBe(height >= 64 * 210_000 ? 0n : 5_000_000_000n >> BigInt(Math.floor(height / 210_000)));
        expect(e.feeSat >= 0n && claimed <= e.scheduledSubsidySat).toBe(true);
        expect(claimed + e.underClaimedSat).toBe(e.scheduledSubsidySat);
        if (e.underClaimedSat > 0n) expect(e.feeSat).toBe(0n);
      }),
    );
  });
});
