/**
 * @module The economics behind the CBECI bounds (pure): hash price (miner revenue per TH/s per
 * day), the profitability threshold it implies at an electricity price, power from hash rate ×
 * efficiency × PUE, and annualised energy. Units are in the names; 1 J/TH at 1 TH/s is 1 W.
 */

export const HASHES_PER_TH = 1e12;
/** Hours in an average year (365.25 d), CBECI's annualisation convention. */
export const HOURS_PER_YEAR = 365.25 * 24;

function finite(x: number, what: string, min = 0, strict = false): void {
  if (!Number.isFinite(x) || x < min || (strict && x === min)) throw new RangeError(`${what} must be a finite number ${strict ? '>' : '≥'} ${min}, got ${x}`);
}

/** Revenue of a day (USD) ÷ network hash rate (TH/s) = USD per (TH/s)·day. */
export function hashPriceUsdPerThDay(revenueUsdPerDay: number, hashrateHs: number): number {
  finite(revenueUsdPerDay, 'revenue');
  finite(hashrateHs, 'hash rate', 0, true);
  return revenueUsdPerDay / (hashrateHs / HASHES_PER_TH);
}

/** Electricity cost (USD) of running 1 TH/s for a day at `effJPerTh`: ε W × 24 h / 1000 × price per kWh. */
export function dailyCostUsdPerTh(effJPerTh: number, usdPerKwh: number): number {
  finite(effJPerTh, 'efficiency');
  finite(usdPerKwh, 'electricity price');
  return (effJPerTh * 24 * usdPerKwh) / 1000;
}

/**
 * The least efficient machine that still breaks even: ε·24·p/1000 ≤ hash price
 * ⇔ ε ≤ 1000·hash price / (24·p). Infinite at a zero electricity price.
 */
export function profitabilityThresholdJPerTh(hashpriceUsdPerThDay: number, usdPerKwh: number): number {
  finite(hashpriceUsdPerThDay, 'hash price');
  finite(usdPerKwh, 'electricity price');
  return usdPerKwh === 0 ? Infinity : (1000 * hashpriceUsdPerThDay) / (24 * usdPerKwh);
}

/** Average power (W) of `work` (Σ difficulty of the blocks found) over `elapsedSec`: H/s ÷ 10¹² × J/TH × PUE. */
export function powerW(work: number, elapsedSec: number, effJPerTh: number, pue: number): number {
  finite(work, 'work');
  finite(elapsedSec, 'elapsed time', 0, true);
  finite(effJPerTh, 'efficiency');
  finite(pue, 'PUE', 1);
  return ((work * 4_294_967_296) / elapsedSec / HASHES_PER_TH) * effJPerTh * pue;
}

/** Energy of a constant power over an average year, TWh/yr. */
export function annualisedTwh(powerWatts: number): number {
  return (powerWatts * HOURS_PER_YEAR) / 1e12;
}
