/**
 * @module Unit conversions for subtensor values: 1 TAO = 1 alpha = 1e9 rao; u16 scores
 * (rank, trust, consensus, incentive, dividends, validator trust, pruning score) are fixed-point
 * fractions with 65535 = 1.
 */

export const RAO_PER_TOKEN = 1_000_000_000n;
export const U16_MAX = 65535;

/** rao → TAO or alpha, exact to the float nearest the decimal value for any u64 (integer and fraction converted separately). */
export function raoToToken(rao: bigint): number {
  const whole = rao / RAO_PER_TOKEN;
  const frac = rao % RAO_PER_TOKEN;
  return Number(whole) + Number(frac) / 1e9;
}

/** u16 fixed-point → 0..1. */
export function u16ToUnit(v: number): number {
  return v / U16_MAX;
}
