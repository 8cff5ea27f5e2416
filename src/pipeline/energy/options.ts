/**
 * @module The options of `nakamoto energy bitcoin` (CLI flags, or the same names from code) parsed
 * into typed values with their defaults (the CBECI method's assumptions), each failure a one-line
 * UsageError naming the flag. Numbers go through the one number parser (queries/query-params.ts).
 */
import { UsageError } from '../../domain/errors.js';
import { parseNumberParam } from '../queries/query-params.js';
import type { WindowRequest } from '../queries/window-request.js';

export interface BitcoinEnergyRequest extends Partial<WindowRequest> {
  readonly electricityPrice?: string | number;
  /** One PUE for all bounds, or `lower,best,upper`. */
  readonly pue?: string;
  readonly hardware?: readonly string[];
  readonly hashpriceUsdThDay?: string | number;
  readonly btcUsd?: string | number;
  readonly btcUsdTable?: string;
  readonly feesBtcPerBlock?: string | number;
  /** `data` (default): real fees where the per-block data has them; `none`: --fees-btc-per-block for every block. */
  readonly feesFrom?: string;
  readonly maxAgeYears?: string | number;
  readonly smoothDays?: string | number;
  readonly whenUnprofitable?: string;
  readonly confidence?: string | number;
}

/** CBECI's PUE per bound (ccaf_cbeci_api energy_consumption_calculator.py: min 1.01, guess 1.10, max 1.20). */
export const CBECI_PUE = { lower: 1.01, best: 1.1, upper: 1.2 } as const;

export interface EnergyOptions {
  readonly electricityUsdPerKwh: number;
  readonly pue: { lower: number; best: number; upper: number };
  readonly feesBtcPerBlock: number;
  readonly feesFrom: 'data' | 'none';
  readonly maxAgeYears: number;
  readonly smoothDays: number;
  readonly confidence: number;
  readonly whenUnprofitable: 'most-efficient' | 'last-profitable';
  /** Fixed hash price (USD per TH/s per day); undefined = from revenue and BTC/USD. */
  readonly hashpriceUsdThDay: number | undefined;
  /** Fixed BTC/USD; undefined = the monthly table (unless the hash price is fixed). */
  readonly btcUsd: number | undefined;
}

function parsePue(raw: string | undefined): { lower: number; best: number; upper: number } {
  if (raw === undefined) return { ...CBECI_PUE };
  const parts = raw.split(',').map((p) => parseNumberParam('--pue', p, { min: 1, max: 10 }));
  if (parts.length === 1) return { lower: parts[0]!, best: parts[0]!, upper: parts[0]! };
  if (parts.length !== 3 || !(parts[0]! <= parts[1]! && parts[1]! <= parts[2]!)) throw new UsageError(`invalid --pue: ${raw} (expected one value, or lower,best,upper with lower ≤ best ≤ upper)`);
  return { lower: parts[0]!, best: parts[1]!, upper: parts[2]! };
}

export function parseEnergyOptions(q: BitcoinEnergyRequest): EnergyOptions {
  const electricityUsdPerKwh = parseNumberParam('--electricity-price', q.electricityPrice ?? 0.05, { min: 0, unit: 'USD/kWh' });
  const pue = parsePue(q.pue);
  const feesBtcPerBlock = parseNumberParam('--fees-btc-per-block', q.feesBtcPerBlock ?? 0, { min: 0, unit: 'BTC' });
  const feesFrom = q.feesFrom ?? 'data';
  if (feesFrom !== 'data' && feesFrom !== 'none') throw new UsageError(`invalid --fees-from: ${feesFrom} (expected data or none)`);
  const maxAgeYears = parseNumberParam('--max-age-years', q.maxAgeYears ?? 5, { min: 0, max: 100, integer: true, unit: 'years (0 = never retired)' });
  const smoothDays = parseNumberParam('--smooth-days', q.smoothDays ?? 14, { min: 1, max: 366, integer: true, unit: 'days' });
  const confidence = parseNumberParam('--confidence', q.confidence ?? 0.95, { min: 0.5, max: 0.999999 });
  const when = q.whenUnprofitable ?? 'most-efficient';
  if (when !== 'most-efficient' && when !== 'last-profitable') throw new UsageError(`invalid --when-unprofitable: ${when} (expected most-efficient or last-profitable)`);
  const hashpriceUsdThDay = q.hashpriceUsdThDay === undefined ? undefined : parseNumberParam('--hashprice-usd-th-day', q.hashpriceUsdThDay, { min: 0, unit: 'USD per TH/s per day' });
  const btcUsd = q.btcUsd === undefined ? undefined : parseNumberParam('--btc-usd', q.btcUsd, { min: 0, minExclusive: true, unit: 'USD' });
  return { electricityUsdPerKwh, pue, feesBtcPerBlock, feesFrom, maxAgeYears, smoothDays, confidence, whenUnprofitable: when, hashpriceUsdThDay, btcUsd };
}
