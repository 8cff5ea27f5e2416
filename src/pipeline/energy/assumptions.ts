/**
 * @module The assumptions of the CBECI-method power estimate resolved from the parsed options: the
 * ASIC hardware lists read, the BTC/USD price per day (fixed, or the monthly table), and the list
 * of every assumption with its value and source that each energy answer prints (docs/energy.md).
 */
import { formatDay } from '../../aggregate/duration.js';
import type { PowerAssumptions } from '../../analysis/energy/network-power.js';
import { defaultHardwarePaths, readAsicTable, readBtcUsdMonthly, BTC_USD_TABLE, type AsicModel } from '../../sources/datasets/asic-hardware.js';
import { BLOCKCHAIR_BLOCKS_FILE } from '../../sources/datasets/blockchair-blocks.js';
import { parseEnergyOptions, type BitcoinEnergyRequest } from './options.js';
import { shortPath } from './short-path.js';

export interface Assumption {
  readonly name: string;
  readonly value: string;
  readonly source: string;
}

export interface ResolvedAssumptions {
  readonly power: PowerAssumptions;
  readonly models: readonly AsicModel[];
  readonly confidence: number;
  readonly list: readonly Assumption[];
}

export async function resolveAssumptions(q: BitcoinEnergyRequest, datasetsRoot: string): Promise<ResolvedAssumptions> {
  const o = parseEnergyOptions(q);
  const { electricityUsdPerKwh: price, pue, feesBtcPerBlock: fees, feesFrom, maxAgeYears, smoothDays, confidence, whenUnprofitable: when, hashpriceUsdThDay: hashprice, btcUsd: fixedUsd } = o;
  const paths = q.hardware && q.hardware.length > 0 ? [...q.hardware] : defaultHardwarePaths(datasetsRoot);
  const models = await readAsicTable(datasetsRoot, paths);
  let btcUsd: (daySec: number) => number | undefined = () => fixedUsd;
  let priceSource = `fixed by --btc-usd`;
  if (hashprice === undefined && fixedUsd === undefined) {
    const table = await readBtcUsdMonthly(q.btcUsdTable ?? BTC_USD_TABLE);
    const byMonth = new Map(table.map((m) => [m.monthSec, m.usd]));
    btcUsd = (d) => {
      const t = new Date(d * 1000);
      return byMonth.get(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1) / 1000);
    };
    priceSource = `${q.btcUsdTable ?? 'data/hardware/btc-usd-monthly.csv'} (${formatDay(table[0]!.monthSec).slice(0, 7)}–${formatDay(table[table.length - 1]!.monthSec).slice(0, 7)}; each day takes its month's row: FRED CBBTCUSD month-end value, source on every row)`;
  }
  const list: Assumption[] = [
    { name: 'electricity price', value: `${price} USD/kWh`, source: 'CBECI assumption 1 (0.05 USD/kWh, constant), --electricity-price' },
    { name: 'PUE lower/best/upper', value: `${pue.lower}/${pue.best}/${pue.upper}`, source: 'CBECI assumptions 4a–4c (1.01/1.10/1.20), --pue' },
    { name: 'hardware', value: `${models.length} models from ${paths.length} files`, source: paths.map((x) => shortPath(x, datasetsRoot)).join(' + ') },
    { name: 'hardware lifetime', value: maxAgeYears === 0 ? 'never retired' : `${maxAgeYears} years after release`, source: 'CBECI current code (5 years), --max-age-years' },
    { name: 'best guess', value: 'equal-weight mean efficiency of the profitable models', source: 'CBECI assumption 3c' },
    { name: 'threshold smoothing', value: smoothDays === 1 ? 'none' : `trailing ${smoothDays}-day mean`, source: 'CBECI 14-day moving average, --smooth-days' },
    { name: 'no profitable model', value: when === 'most-efficient' ? 'all bounds use the most efficient available model' : 'last profitable bounds carried forward (CBECI assumption 2)', source: '--when-unprofitable' },
    { name: 'hash price', value: hashprice !== undefined ? `${hashprice} USD per TH/s per day (fixed)` : '(subsidy + fees) × BTC/USD × blocks per day / network TH/s', source: '--hashprice-usd-th-day' },
    feesFrom === 'data'
      ? { name: 'fees', value: `real fees per block where the data has them (Blockchair dumps, 2019-12-31 → 2025-03-08); ${fees} BTC per block elsewhere`, source: `datasets/${BLOCKCHAIR_BLOCKS_FILE}; --fees-from none to ignore them; --fees-btc-per-block for blocks without fee data (0 understates revenue there)` }
      : { name: 'fees', value: `${fees} BTC per block (real fees ignored)`, source: '--fees-from none, --fees-btc-per-block' },
    { name: 'BTC/USD', value: hashprice !== undefined ? 'not used' : fixedUsd !== undefined ? `${fixedUsd}` : 'monthly table', source: hashprice !== undefined ? '' : priceSource },
    { name: 'hash-rate interval', value: `${confidence} Poisson (Garwood) on the window's block count; lower bound uses its low end, upper its high end`, source: '--confidence' },
  ];
  return { power: { electricityUsdPerKwh: price, pue, feesBtcPerBlock: fees, feesFromData: feesFrom === 'data', btcUsd, hashpriceUsdPerThDay: hashprice, maxAgeYears, smoothDays, whenUnprofitable: when }, models, confidence, list };
}
