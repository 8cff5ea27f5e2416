/**
 * @module Tests for the subsidy schedule: the known era values, the 1-satoshi last era and the
 * total supply of 20,999,999.9769 BTC (2,099,999,997,690,000 sats) that the schedule implies.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../domain/errors.js';
import { blockSubsidyBtc, blockSubsidySats, HALVING_INTERVAL } from './subsidy.js';

describe('blockSubsidySats', () => {
  it.each([
    [0, 50],
    [209_999, 50],
    [210_000, 25],
    [420_000, 12.5],
    [630_000, 6.25],
    [840_000, 3.125],
    [1_049_999, 3.125],
    [1_050_000, 1.5625],
  ])('height %i → %f BTC', (height, btc) => {
    expect(blockSubsidyBtc(height)).toBe(btc);
  });

  it('pays 1 sat in era 32 and nothing from era 33 on (and at ≥ 64 halvings)', () => {
    expect(blockSubsidySats(32 * HALVING_INTERVAL)).toBe(1n);
    expect(blockSubsidySats(33 * HALVING_INTERVAL)).toBe(0n);
    expect(blockSubsidySats(64 * HALVING_INTERVAL)).toBe(0n);
    expect(blockSubsidySats(1e12)).toBe(0n);
  });

  it('sums to the known total supply of 2,099,999,997,690,000 sats', () => {
    let total = 0n;
    for (let era = 0; era < 64; era++) total += BigInt(HALVING_INTERVAL) * blockSubsidySats(era * HALVING_INTERVAL);
    expect(total).toBe(2_099_999_997_690_000n);
  });

  it('rejects negative or fractional heights', () => {
    expect(() => blockSubsidySats(-1)).toThrow(UsageError);
    expect(() => blockSubsidySats(1.5)).toThrow('invalid height: 1.5');
  });
});
