/**
 * @module Tests for the hourly cost model against hand computations (units: EH/s → TH/s × J/TH = W;
 * hash price per PH/s/day ÷ 24), the two share bases, and Budish's flow identity: renting the
 * whole network at the break-even hash price costs exactly the block rewards.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../domain/errors.js';
import { attackCost, attackerHashrateEhs, costPerHourUsd } from './cost.js';

describe('costPerHourUsd', () => {
  it('energy: 408 EH/s at 20 J/TH draws 8.16 GW; at $0.05/kWh that is $408,000 per hour', () => {
    // 408e6 TH/s × 20 J/TH = 8.16e9 W = 8.16e6 kW; × $0.05 = $408,000 per hour.
    const r = costPerHourUsd(408, { kind: 'energy', efficiencyJPerTh: 20, electricityUsdPerKwh: 0.05 });
    expect(r.powerMw).toBeCloseTo(8160, 9);
    expect(r.costPerHourUsd).toBeCloseTo(408_000, 6);
  });

  it('hash price: 408 EH/s = 408,000 PH/s at $50/PH/day costs $850,000 per hour', () => {
    const r = costPerHourUsd(408, { kind: 'hashprice', hashpriceUsdPerPhDay: 50 });
    expect(r.costPerHourUsd).toBeCloseTo(850_000, 6);
    expect(r.powerMw).toBeNull();
  });
});

describe('attackerHashrateEhs', () => {
  it('existing: share × network; added: share/(1−share) × network', () => {
    expect(attackerHashrateEhs(800, 0.51)).toBeCloseTo(408, 12);
    // Adding 800 EH/s to an 800 EH/s network gives a 50% share.
    expect(attackerHashrateEhs(800, 0.5, 'added')).toBeCloseTo(800, 12);
    expect(() => attackerHashrateEhs(800, 1, 'added')).toThrow(UsageError);
    expect(() => attackerHashrateEhs(0, 0.5)).toThrow('invalid network hash rate (EH/s): 0');
    expect(() => attackerHashrateEhs(800, 0.5, 'rented' as never)).toThrow('invalid share basis: rented');
  });
});

describe('attackCost', () => {
  it('51% of 800 EH/s at $50/PH/day versus rewards at height 840,000, $100,000/BTC, 0.1 BTC fees', () => {
    const r = attackCost({
      networkHashrateEhs: 800,
      share01: 0.51,
      cost: { kind: 'hashprice', hashpriceUsdPerPhDay: 50 },
      btcPriceUsd: 100_000,
      height: 840_000,
      feesBtcPerBlock: 0.1,
      durationHours: 6,
    });
    // Rewards: 6 blocks/h × 0.51 × 3.225 BTC × $100,000 = $986,850 per hour; network: $1,935,000.
    expect(r.subsidyBtc).toBe(3.125);
    expect(r.rewardPerBlockBtc).toBeCloseTo(3.225, 12);
    expect(r.attackerBlocksPerHour).toBeCloseTo(3.06, 12);
    expect(r.rewardsPerHourUsd).toBeCloseTo(986_850, 6);
    expect(r.networkRewardsPerHourUsd).toBeCloseTo(1_935_000, 6);
    expect(r.costPerHourUsd).toBeCloseTo(850_000, 6);
    expect(r.costToRewardRatio).toBeCloseTo(850_000 / 986_850, 12);
    expect(r.totalCostUsd).toBeCloseTo(5_100_000, 5);
    expect(r.netCostUsd).toBeCloseTo(6 * (850_000 - 986_850), 5);
  });

  it('renting any share at the break-even hash price costs exactly its rewards (cost/reward = 1)', () => {
    // Break-even hash price = network rewards per day / network PH/s.
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 2000, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 100, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 1_300_000 }),
        (h, share, price, height) => {
          const base = { networkHashrateEhs: h, share01: share, btcPriceUsd: price, height };
          const flow = attackCost({ ...base, cost: { kind: 'hashprice', hashpriceUsdPerPhDay: 0 } }).networkRewardsPerHourUsd;
          const breakEven = (flow * 24) / (h * 1000);
          const r = attackCost({ ...base, cost: { kind: 'hashprice', hashpriceUsdPerPhDay: breakEven } });
          expect(r.costToRewardRatio).toBeCloseTo(1, 10);
        },
      ),
    );
  });

  it('defaults: height 840,000, no fees, one hour; share 0 has no reward ratio', () => {
    const r = attackCost({ networkHashrateEhs: 100, share01: 0, cost: { kind: 'energy', efficiencyJPerTh: 20, electricityUsdPerKwh: 0.05 }, btcPriceUsd: 1 });
    expect([r.height, r.feesBtcPerBlock, r.durationHours, r.costToRewardRatio]).toEqual([840_000, 0, 1, null]);
  });

  it('rejects bad inputs with the field named', () => {
    const ok = { networkHashrateEhs: 100, share01: 0.3, cost: { kind: 'hashprice', hashpriceUsdPerPhDay: 50 } as const, btcPriceUsd: 1 };
    expect(() => attackCost({ ...ok, btcPriceUsd: -1 })).toThrow('invalid BTC price (USD): -1');
    expect(() => attackCost({ ...ok, height: -5 })).toThrow('invalid height: -5');
    expect(() => attackCost({ ...ok, feesBtcPerBlock: Number.NaN })).toThrow('invalid fees (BTC per block): NaN');
    expect(() => attackCost({ ...ok, share01: 1.2 })).toThrow('invalid share: 1.2');
    expect(() => attackCost({ ...ok, cost: { kind: 'energy', efficiencyJPerTh: 0, electricityUsdPerKwh: 0.1 } })).toThrow('invalid efficiency (J/TH): 0');
  });
});
