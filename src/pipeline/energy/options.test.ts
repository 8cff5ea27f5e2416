import { describe, expect, it } from 'vitest';
import { UsageError } from '../../domain/errors.js';
import { CBECI_PUE, parseEnergyOptions } from './options.js';

describe('energy options', () => {
  it('default to the CBECI assumptions', () => {
    expect(parseEnergyOptions({})).toEqual({
      electricityUsdPerKwh: 0.05,
      pue: CBECI_PUE,
      feesBtcPerBlock: 0,
      feesFrom: 'data',
      maxAgeYears: 5,
      smoothDays: 14,
      confidence: 0.95,
      whenUnprofitable: 'most-efficient',
      hashpriceUsdThDay: undefined,
      btcUsd: undefined,
    });
  });

  it('read text as the CLI gives it: one PUE or three ordered ones, numbers in range', () => {
    const o = parseEnergyOptions({ electricityPrice: '0.07', pue: '1.05,1.1,1.3', maxAgeYears: '0', smoothDays: '1', btcUsd: '50000', feesFrom: 'none' });
    expect([o.electricityUsdPerKwh, o.pue, o.maxAgeYears, o.smoothDays, o.btcUsd, o.feesFrom]).toEqual([0.07, { lower: 1.05, best: 1.1, upper: 1.3 }, 0, 1, 50000, 'none']);
    expect(parseEnergyOptions({ pue: '1.2' }).pue).toEqual({ lower: 1.2, best: 1.2, upper: 1.2 });
  });

  it('refuse bad values with one line naming the flag and the accepted range', () => {
    const bad: [Parameters<typeof parseEnergyOptions>[0], string][] = [
      [{ smoothDays: '0' }, 'invalid --smooth-days: 0 (expected an integer in [1, 366] days)'],
      [{ maxAgeYears: '2.5' }, 'invalid --max-age-years: 2.5 (expected an integer in [0, 100] years (0 = never retired))'],
      [{ btcUsd: '0' }, 'invalid --btc-usd: 0 (expected a number in (0, ∞) USD)'],
      [{ electricityPrice: '0x10' }, 'invalid --electricity-price: 0x10 (expected a number in [0, ∞) USD/kWh)'],
      [{ confidence: '0.4' }, 'invalid --confidence: 0.4 (expected a number in [0.5, 0.999999])'],
      [{ pue: '0.9' }, 'invalid --pue: 0.9 (expected a number in [1, 10])'],
      [{ pue: '1.2,1.1,1.0' }, 'invalid --pue: 1.2,1.1,1.0 (expected one value, or lower,best,upper with lower ≤ best ≤ upper)'],
      [{ feesFrom: 'some' }, 'invalid --fees-from: some (expected data or none)'],
      [{ whenUnprofitable: 'never' }, 'invalid --when-unprofitable: never (expected most-efficient or last-profitable)'],
    ];
    for (const [q, message] of bad) expect(() => parseEnergyOptions(q)).toThrow(new UsageError(message));
  });
});
