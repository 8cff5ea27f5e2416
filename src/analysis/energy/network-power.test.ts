import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBitcoinDays, type BitcoinDays } from '../../pipeline/energy/bitcoin-days.js';
import { readBtcUsdMonthly } from '../../sources/datasets/asic-hardware.js';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import type { HardwareModel } from './hardware-selection.js';
import { dailyCostUsdPerTh, profitabilityThresholdJPerTh } from './hash-price.js';
import { dailyEnergy, windowPower, type DayBlocks, type PowerAssumptions } from './network-power.js';

const DAY = 86_400;
const CBECI_PUE = { lower: 1.01, best: 1.1, upper: 1.2 };
// Five rows of CBECI's 2021-02 list (cbeci_miners_2021-02.json, J/GH × 1000) and our S19 XP row.
const MODELS: HardwareModel[] = [
  { model: 'Bitmain Antminer S7', releaseSec: 1441065600, efficiencyJPerTh: 273.36 }, // 2015-09-01
  { model: 'Canaan AvalonMiner 741', releaseSec: 1491004800, efficiencyJPerTh: 157.53 }, // 2017-04-01
  { model: 'Bitmain Antminer S9 (13Th)', releaseSec: 1498867200, efficiencyJPerTh: 100 }, // 2017-07-01
  { model: 'Bitmain Antminer S19 Pro (110Th)', releaseSec: 1588291200, efficiencyJPerTh: 29.55 }, // 2020-05-01
  { model: 'Antminer S19 XP', releaseSec: Date.UTC(2022, 6, 1) / 1000, efficiencyJPerTh: 21.5 },
];

function assumptions(over: Partial<PowerAssumptions> = {}): PowerAssumptions {
  return { electricityUsdPerKwh: 0.05, pue: CBECI_PUE, feesBtcPerBlock: 0, btcUsd: () => undefined, maxAgeYears: 5, smoothDays: 1, whenUnprofitable: 'most-efficient', ...over };
}

describe('bounds for real days, computed by hand from the raw inputs', () => {
  let data: BitcoinDays;
  let usd: Map<number, number>;
  beforeAll(async () => {
    data = await loadBitcoinDays(datasetsRoot());
    usd = new Map((await readBtcUsdMonthly()).map((m) => [m.monthSec, m.usd]));
  });
  const dayOf = (iso: string) => data.days.find((d) => d.daySec === Date.parse(`${iso}T00:00:00Z`) / 1000)!;
  const monthPrice = (d: number) => usd.get(Date.UTC(new Date(d * 1000).getUTCFullYear(), new Date(d * 1000).getUTCMonth(), 1) / 1000);

  it('2021-04-20: S9-class machines profitable, the S7 retired by age', () => {
    // Raw inputs: 128 blocks with timestamps on 2021-04-20 (heights 679,838–679,965), all at
    // difficulty 23,581,981,443,663.85 (difficulty_by_block.csv); subsidy 6.25; BTC/USD 57,640.17 (2021-04 row).
    const d = dayOf('2021-04-20');
    expect(d.blocks).toBe(128);
    expect(d.work / (128 * 23581981443663.85)).toBeCloseTo(1, 12);
    expect(d.subsidyBtc).toBe(128 * 6.25);
    // H = 128 × D × 2³² / 86,400 = 1.50050132e20 H/s (150.05 EH/s)
    // hash price = 128 × 6.25 × 57,640.17 / (H / 10¹²) = 0.307312 USD per TH/s per day
    // threshold = 1000 × 0.307312 / (24 × 0.05) = 256.093 J/TH
    // available (5-year life): 741 (to 2022-04), S9 (to 2022-07), S19 Pro; the S7 retired 2020-09
    // profitable (≤ 256.09): 741 157.53, S9 100, S19 Pro 29.55
    //   lower = 29.55, best = (157.53 + 100 + 29.55) / 3 = 95.6933, upper = 157.53 J/TH
    // Garwood 95% for n = 128: lo = χ²(0.025; 256)/2/128 = 0.834276, hi = χ²(0.975; 258)/2/128 = 1.189003 (scipy)
    // power best  = 1.50050132e8 TH/s × 95.6933 × 1.10          = 15.7947 GW
    // power lower = 0.834276 × 1.50050132e8 × 29.55 × 1.01       =  3.73616 GW
    // power upper = 1.189003 × 1.50050132e8 × 157.53 × 1.20      = 33.7259 GW
    const daily = dailyEnergy([d], MODELS, assumptions({ btcUsd: monthPrice }));
    expect(daily[0]!.hashpriceUsdPerThDay).toBeCloseTo(0.30731153, 7);
    expect(daily[0]!.thresholdJPerTh).toBeCloseTo(256.09294, 4);
    expect(daily[0]!.eff).toEqual({ lower: 29.55, best: expect.closeTo(95.693333, 5) as number, upper: 157.53 });
    const [w] = windowPower(daily, [{ start: d.daySec, end: d.daySec + DAY }], CBECI_PUE, 0.95);
    expect(w!.hashrate.hashrate / 1e18).toBeCloseTo(150.050132, 5);
    expect(w!.powerW!.best / 1e9).toBeCloseTo(15.794677, 5);
    expect(w!.powerW!.lower / 1e9).toBeCloseTo(3.736156, 5);
    expect(w!.powerW!.upper / 1e9).toBeCloseTo(33.725931, 5);
    // With no age limit the S7 is available but not profitable (273.36 > 256.09): same bounds.
    expect(dailyEnergy([d], MODELS, assumptions({ btcUsd: monthPrice, maxAgeYears: 0 }))[0]!.eff).toEqual(daily[0]!.eff);
  });

  it('2022-11-25: only the S19 generation profitable; at 0.12 USD/kWh nothing is', () => {
    // 123 blocks (heights 764,598–764,720), difficulty 36,950,494,067,222.41, BTC/USD 17,179.78 (2022-11 row).
    const d = dayOf('2022-11-25');
    expect(d.blocks).toBe(123);
    expect(d.work / (123 * 36950494067222.41)).toBeCloseTo(1, 12);
    // H = 123 × D × 2³² / 86,400 = 2.25928740e20 H/s; hash price = 123 × 6.25 × 17,179.78 / 2.25928740e8 = 0.0584563
    // threshold = 1000 × 0.0584563 / 1.2 = 48.7136 J/TH; the 741 and S9 are past 5 years
    // profitable: S19 Pro 29.55, S19 XP 21.5 → lower 21.5, best 25.525, upper 29.55
    // Garwood n = 123: lo 0.831098, hi 1.193142
    // best  = 2.25928740e8 × 25.525 × 1.10 = 6.34351 GW
    // lower = 0.831098 × 2.25928740e8 × 21.5 × 1.01 = 4.07740 GW
    // upper = 1.193142 × 2.25928740e8 × 29.55 × 1.20 = 9.55877 GW
    const daily = dailyEnergy([d], MODELS, assumptions({ btcUsd: monthPrice }));
    expect(daily[0]!.thresholdJPerTh).toBeCloseTo(48.71357, 4);
    expect(daily[0]!.eff).toEqual({ lower: 21.5, best: 25.525, upper: 29.55 });
    const [w] = windowPower(daily, [{ start: d.daySec, end: d.daySec + DAY }], CBECI_PUE, 0.95);
    expect(w!.powerW!.best / 1e9).toBeCloseTo(6.343514, 5);
    expect(w!.powerW!.lower / 1e9).toBeCloseTo(4.077401, 5);
    expect(w!.powerW!.upper / 1e9).toBeCloseTo(9.558774, 5);
    // At 0.12 USD/kWh the threshold is 48.7136 × 0.05 / 0.12 = 20.297 J/TH < 21.5: nothing profitable.
    const dear = dailyEnergy([d], MODELS, assumptions({ btcUsd: monthPrice, electricityUsdPerKwh: 0.12 }))[0]!;
    expect(dear.status).toBe('none-profitable');
    expect(dear.eff).toEqual({ lower: 21.5, best: 21.5, upper: 21.5 });
  });

  it('carries the last profitable bounds with --when-unprofitable last-profitable (CBECI assumption 2)', () => {
    const d1: DayBlocks = { daySec: Date.UTC(2023, 0, 1) / 1000, blocks: 144, work: 144 * 3e13, subsidyBtc: 900 };
    const d2 = { ...d1, daySec: d1.daySec + DAY };
    // Price 30,000 on day 1, 1 on day 2 (nothing profitable on day 2).
    const btcUsd = (t: number) => (t === d1.daySec ? 30_000 : 1);
    const daily = dailyEnergy([d1, d2], MODELS, assumptions({ btcUsd, whenUnprofitable: 'last-profitable' }));
    expect(daily[1]!.status).toBe('none-profitable');
    expect(daily[1]!.eff).toEqual(daily[0]!.eff);
  });
});

describe('hash price and threshold', () => {
  it('a machine at the threshold exactly breaks even (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 10, noNaN: true }), fc.double({ min: 1e-3, max: 1, noNaN: true }), (hp, price) => {
        const t = profitabilityThresholdJPerTh(hp, price);
        expect(dailyCostUsdPerTh(t, price)).toBeCloseTo(hp, 10);
      }),
    );
    // 0.1 USD per TH/s per day at 0.05 USD/kWh: 1000 × 0.1 / (24 × 0.05) = 83.33 J/TH.
    expect(profitabilityThresholdJPerTh(0.1, 0.05)).toBeCloseTo(83.3333, 4);
    expect(() => profitabilityThresholdJPerTh(0.1, -0.05)).toThrow(RangeError);
  });
});

const dayArb = fc.record({ blocks: fc.integer({ min: 60, max: 220 }), difficulty: fc.double({ min: 1e12, max: 1e14, noNaN: true }), usd: fc.double({ min: 1000, max: 100_000, noNaN: true }) });
const modelArb = fc.record({ model: fc.constant('m'), releaseSec: fc.integer({ min: 1.4e9, max: 1.7e9 }), efficiencyJPerTh: fc.double({ min: 10, max: 300, noNaN: true }) });
const scenario = fc.record({
  days: fc.array(dayArb, { minLength: 1, maxLength: 20 }),
  models: fc.array(modelArb, { minLength: 1, maxLength: 8 }),
  price: fc.double({ min: 0.005, max: 0.3, noNaN: true }),
  pue: fc.array(fc.double({ min: 1, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }).map((p) => p.sort((a, b) => a - b)),
  smooth: fc.integer({ min: 1, max: 14 }),
  maxAge: fc.integer({ min: 0, max: 6 }),
});
const START = Date.UTC(2024, 0, 1) / 1000;

interface Scenario {
  days: { blocks: number; difficulty: number; usd: number }[];
  models: HardwareModel[];
  price: number;
  pue: number[];
  smooth: number;
  maxAge: number;
}

function run(s: Scenario, scale = 1, price = s.price) {
  const days: DayBlocks[] = s.days.map((d, i) => ({ daySec: START + i * DAY, blocks: d.blocks * scale, work: d.blocks * scale * d.difficulty, subsidyBtc: d.blocks * scale * 3.125 }));
  const pue = { lower: s.pue[0]!, best: s.pue[1]!, upper: s.pue[2]! };
  const a = assumptions({ electricityUsdPerKwh: price, pue, btcUsd: (t) => s.days[(t - START) / DAY]!.usd, smoothDays: s.smooth, maxAgeYears: s.maxAge });
  const daily = dailyEnergy(days, s.models, a);
  return { daily, windows: windowPower(daily, [{ start: START, end: START + days.length * DAY }], pue, 0.95) };
}

describe('properties of the bounds', () => {
  it('lower ≤ best ≤ upper, for efficiency and power', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { daily, windows } = run(s);
        for (const d of daily) if (d.eff) expect(d.eff.lower <= d.eff.best && d.eff.best <= d.eff.upper).toBe(true);
        const p = windows[0]!.powerW;
        if (p) expect(p.lower <= p.best && p.best <= p.upper).toBe(true);
      }),
    );
  });

  it('doubling the hash rate (blocks and work per day, same difficulty) doubles the best-guess power', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const one = run(s).windows[0]!.powerW;
        const two = run(s, 2).windows[0]!.powerW;
        if (one === null) expect(two).toBeNull();
        else expect(two!.best / one.best).toBeCloseTo(2, 10);
      }),
    );
  });

  it('a higher electricity price can only lower the upper bound', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 1.0001, max: 20, noNaN: true }), (s, factor) => {
        const cheap = run(s);
        const dear = run(s, 1, s.price * factor);
        cheap.daily.forEach((d, i) => {
          const e = dear.daily[i]!.eff;
          if (d.eff && e) expect(e.upper).toBeLessThanOrEqual(d.eff.upper);
        });
        const [c, x] = [cheap.windows[0]!.powerW, dear.windows[0]!.powerW];
        if (c && x) expect(x.upper).toBeLessThanOrEqual(c.upper * (1 + 1e-12));
      }),
    );
  });
});
