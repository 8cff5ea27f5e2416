/**
 * @module Bitcoin block subsidy by height, as consensus computes it (Bitcoin Core
 * `GetBlockSubsidy`): 50 BTC in satoshis, right-shifted once per 210,000 blocks, 0 from the 64th
 * halving on. Integer satoshis throughout.
 */
import { requireInteger } from './validate.js';

export const HALVING_INTERVAL = 210_000;
export const INITIAL_SUBSIDY_SATS = 5_000_000_000n;
export const SATS_PER_BTC = 100_000_000;

/** Subsidy in satoshis at a block height (≥ 0). */
export function blockSubsidySats(height: number): bigint {
  requireInteger(height, 'height', 0);
  const halvings = Math.floor(height / HALVING_INTERVAL);
  if (halvings >= 64) return 0n;
  return INITIAL_SUBSIDY_SATS >> BigInt(halvings);
}

/** Subsidy in BTC at a block height (exact: sats / 1e8 is representable to the satoshi). */
export function blockSubsidyBtc(height: number): number {
  return Number(blockSubsidySats(height)) / SATS_PER_BTC;
}
