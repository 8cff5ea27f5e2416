/**
 * @module The energy queries behind `nakamoto energy bitcoin|ai` (and the energy distributions):
 * Bitcoin network power by the CBECI method per window, with every assumption listed and
 * overridable; Bitcoin power by country (CBECI shares × network power); AI power capacity by owner
 * or country from Epoch's GPU clusters. Plain JSON-ready results; docs/energy.md has the method.
 */
import { DAY_SEC, formatDay } from '../../aggregate/duration.js';
import { divideWindows, windowAxis } from '../../aggregate/windows.js';
import { blockSubsidyBtc } from '../../analysis/attack/subsidy.js';
import { annualisedTwh } from '../../analysis/energy/hash-price.js';
import { dailyEnergy, windowPower, type DayBlocks, type PowerAssumptions } from '../../analysis/energy/network-power.js';
import { extendEpochs } from '../../analysis/energy/retarget.js';
import { SourceError, UsageError } from '../../domain/errors.js';
import { difficultyAt, readDifficultyEpochs } from '../../sources/bitcoin/difficulty-epochs.js';
import { defaultHardwarePaths, readBtcUsdMonthly, readHardwareFile, BTC_USD_TABLE, type AsicModel } from '../../sources/datasets/asic-hardware.js';
import { requireColumns, scannerFromText } from '../../sources/files/csv.js';
import { intField } from '../../sources/files/fields.js';
import { readText } from '../../sources/files/read-file.js';
import type { Coverage } from '../series-source.js';
import type { QueryContext, Row } from './context.js';
import { resolveWindows, type WindowRequest } from './window-request.js';

export const PER_BLOCK_FILE = 'bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz';

export interface BitcoinDays {
  readonly days: readonly DayBlocks[];
  readonly coverage: Coverage;
  readonly notes: readonly string[];
}

const dayCache = new Map<string, Promise<BitcoinDays>>();

/** Blocks per UTC day (count, Σ difficulty, Σ subsidy) from the per-block dataset; difficulty from the epochs file, extended by retargets recomputed from the block times. */
export function loadBitcoinDays(datasetsRoot: string): Promise<BitcoinDays> {
  let p = dayCache.get(datasetsRoot);
  if (!p) {
    p = readBitcoinDays(datasetsRoot);
    p.catch(() => dayCache.delete(datasetsRoot));
    dayCache.set(datasetsRoot, p);
  }
  return p;
}

async function readBitcoinDays(datasetsRoot: string): Promise<BitcoinDays> {
  const path = `${datasetsRoot}/${PER_BLOCK_FILE}`;
  const rows = scannerFromText(await readText(path), path);
  const col = requireColumns(rows, ['height', 'unix_time']);
  const times = new Map<number, number>();
  const ctx = { input: path, line: 0 as number | undefined };
  rows.scan((f, line) => {
    ctx.line = line;
    times.set(intField(ctx, 'height', f[col.height]), intField(ctx, 'unix_time', f[col.unix_time]));
  });
  const heights = [...times.keys()].sort((a, b) => a - b);
  const epochs = readDifficultyEpochs({ NAKAMOTO_DATASETS: datasetsRoot });
  const ext = extendEpochs(epochs, (h) => times.get(h), heights[heights.length - 1]!);
  if (ext.mismatches.length > 0) {
    const m = ext.mismatches[0]!;
    throw new SourceError(`difficulty check failed: at height ${m.height} the block times imply bits ${m.computedBits.toString(16)}, ${epochs.file} has ${m.fileBits.toString(16)} (${ext.mismatches.length} mismatches)`);
  }
  const byDay = new Map<number, { blocks: number; work: number; subsidyBtc: number }>();
  for (const h of heights) {
    const d = Math.floor(times.get(h)! / DAY_SEC) * DAY_SEC;
    const difficulty = difficultyAt(ext.epochs, h);
    if (Number.isNaN(difficulty)) continue;
    const e = byDay.get(d) ?? { blocks: 0, work: 0, subsidyBtc: 0 };
    e.blocks++;
    e.work += difficulty;
    e.subsidyBtc += blockSubsidyBtc(h);
    byDay.set(d, e);
  }
  // The first and last UTC days are partial in the file: left out.
  const all = [...byDay].sort((a, b) => a[0] - b[0]);
  const days = all.slice(1, -1).map(([daySec, e]) => ({ daySec, ...e }));
  return {
    days,
    coverage: { time: { start: days[0]!.daySec, end: days[days.length - 1]!.daySec + DAY_SEC }, height: null },
    notes: [
      `blocks: ${path} (heights ${heights[0]}–${heights[heights.length - 1]}, grouped by UTC day of the block timestamp; first and last partial days left out)`,
      `difficulty: ${ext.epochs.file}; ${ext.verified} retargets inside the file recomputed from the block times and matched exactly`,
    ],
  };
}

export interface BitcoinEnergyRequest extends Partial<WindowRequest> {
  readonly electricityPrice?: string | number;
  /** One PUE for all bounds, or `lower,best,upper`. */
  readonly pue?: string;
  readonly hardware?: readonly string[];
  readonly hashpriceUsdThDay?: string | number;
  readonly btcUsd?: string | number;
  readonly btcUsdTable?: string;
  readonly feesBtcPerBlock?: string | number;
  readonly maxAgeYears?: string | number;
  readonly smoothDays?: string | number;
  readonly whenUnprofitable?: string;
  readonly confidence?: string | number;
}

export interface Assumption {
  readonly name: string;
  readonly value: string;
  readonly source: string;
}

export interface EnergyResult {
  readonly title: string;
  readonly assumptions: readonly Assumption[];
  readonly notes: readonly string[];
  readonly windows: string;
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

function num(raw: string | number | undefined, fallback: number, what: string, unit: string, min: number, max = Infinity, integer = false): number {
  if (raw === undefined) return fallback;
  const s = String(raw).trim();
  const v = Number(s);
  if (s === '' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new UsageError(`invalid ${what}: ${s} (expected ${integer ? 'a whole number' : 'a number'} ${max === Infinity ? `≥ ${min}` : `${min}–${max}`}${unit ? ` ${unit}` : ''})`);
  }
  return v;
}

/** CBECI's PUE per bound (ccaf_cbeci_api energy_consumption_calculator.py: min 1.01, guess 1.10, max 1.20). */
export const CBECI_PUE = { lower: 1.01, best: 1.1, upper: 1.2 } as const;

function parsePue(raw: string | undefined): { lower: number; best: number; upper: number } {
  if (raw === undefined) return { ...CBECI_PUE };
  const parts = raw.split(',').map((p) => num(p, 0, '--pue', '(≥ 1)', 1, 10));
  if (parts.length === 1) return { lower: parts[0]!, best: parts[0]!, upper: parts[0]! };
  if (parts.length !== 3 || !(parts[0]! <= parts[1]! && parts[1]! <= parts[2]!)) throw new UsageError(`invalid --pue: ${raw} (expected one value, or lower,best,upper with lower ≤ best ≤ upper)`);
  return { lower: parts[0]!, best: parts[1]!, upper: parts[2]! };
}

export interface ResolvedAssumptions {
  readonly power: PowerAssumptions;
  readonly models: readonly AsicModel[];
  readonly confidence: number;
  readonly list: readonly Assumption[];
}

export async function resolveAssumptions(q: BitcoinEnergyRequest, datasetsRoot: string): Promise<ResolvedAssumptions> {
  const price = num(q.electricityPrice, 0.05, '--electricity-price', 'USD/kWh', 0);
  const pue = parsePue(q.pue);
  const fees = num(q.feesBtcPerBlock, 0, '--fees-btc-per-block', 'BTC', 0);
  const maxAgeYears = num(q.maxAgeYears, 5, '--max-age-years', 'years (0 = never retired)', 0, 100, true);
  const smoothDays = num(q.smoothDays, 14, '--smooth-days', 'days', 1, 366, true);
  const confidence = num(q.confidence, 0.95, '--confidence', '', 0.5, 0.999999);
  const when = q.whenUnprofitable ?? 'most-efficient';
  if (when !== 'most-efficient' && when !== 'last-profitable') throw new UsageError(`invalid --when-unprofitable: ${when} (expected most-efficient or last-profitable)`);
  const paths = q.hardware && q.hardware.length > 0 ? [...q.hardware] : defaultHardwarePaths(datasetsRoot);
  const models = (await Promise.all(paths.map(readHardwareFile))).flat();
  const hashprice = q.hashpriceUsdThDay === undefined ? undefined : num(q.hashpriceUsdThDay, 0, '--hashprice-usd-th-day', 'USD per TH/s per day', 0);
  const fixedUsd = q.btcUsd === undefined ? undefined : num(q.btcUsd, 0, '--btc-usd', 'USD', Number.MIN_VALUE);
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
    { name: 'hardware', value: `${models.length} models from ${paths.length} files`, source: paths.join(' + ') },
    { name: 'hardware lifetime', value: maxAgeYears === 0 ? 'never retired' : `${maxAgeYears} years after release`, source: 'CBECI current code (5 years), --max-age-years' },
    { name: 'best guess', value: 'equal-weight mean efficiency of the profitable models', source: 'CBECI assumption 3c' },
    { name: 'threshold smoothing', value: smoothDays === 1 ? 'none' : `trailing ${smoothDays}-day mean`, source: 'CBECI 14-day moving average, --smooth-days' },
    { name: 'no profitable model', value: when === 'most-efficient' ? 'all bounds use the most efficient available model' : 'last profitable bounds carried forward (CBECI assumption 2)', source: '--when-unprofitable' },
    { name: 'hash price', value: hashprice !== undefined ? `${hashprice} USD per TH/s per day (fixed)` : '(subsidy + fees) × BTC/USD × blocks per day / network TH/s', source: '--hashprice-usd-th-day' },
    { name: 'fees', value: `${fees} BTC per block`, source: 'no fee data in the datasets: 0 understates revenue (hence the threshold and upper bound); --fees-btc-per-block' },
    { name: 'BTC/USD', value: hashprice !== undefined ? 'not used' : fixedUsd !== undefined ? `${fixedUsd}` : 'monthly table', source: hashprice !== undefined ? '' : priceSource },
    { name: 'hash-rate interval', value: `${confidence} Poisson (Garwood) on the window's block count; lower bound uses its low end, upper its high end`, source: '--confidence' },
  ];
  return { power: { electricityUsdPerKwh: price, pue, feesBtcPerBlock: fees, btcUsd, hashpriceUsdPerThDay: hashprice, maxAgeYears, smoothDays, whenUnprofitable: when }, models, confidence, list };
}

export const BITCOIN_ENERGY_COLUMNS = [
  'window_start', 'window_end', 'days', 'blocks', 'hashrate_ehs', 'hashrate_lo_ehs', 'hashrate_hi_ehs', 'hashprice_usd_th_day', 'threshold_j_th', 'profitable_models',
  'eff_lower_j_th', 'eff_best_j_th', 'eff_upper_j_th', 'power_lower_gw', 'power_best_gw', 'power_upper_gw', 'energy_lower_twh_yr', 'energy_best_twh_yr', 'energy_upper_twh_yr', 'unprofitable_days',
] as const;

const sig = (x: number | null | undefined, digits = 6) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toPrecision(digits)));

export async function queryBitcoinEnergy(q: BitcoinEnergyRequest, ctx: QueryContext): Promise<EnergyResult> {
  const a = await resolveAssumptions(q, ctx.datasetsRoot);
  const data = await loadBitcoinDays(ctx.datasetsRoot);
  const { spec, range } = resolveWindows({ ...q, window: q.window ?? '1m' }, data.coverage);
  if (windowAxis(spec) !== 'time') throw new UsageError('energy uses time windows (1d, 7d, 1m, 1y …), not block counts');
  const windows = divideWindows(spec, range.start, range.end);
  const results = windowPower(dailyEnergy(data.days, a.models, a.power), windows, a.power.pue, a.confidence);
  if (results.length === 0) throw new UsageError(`no complete ${spec.size.text} window between ${formatDay(range.start)} and ${formatDay(range.end)}`);
  const gw = (w: number | undefined) => sig(w === undefined ? null : w / 1e9);
  const rows: Row[] = results.map((r) => ({
    window_start: formatDay(r.start),
    window_end: formatDay(r.end),
    days: r.days,
    blocks: r.hashrate.blocks,
    hashrate_ehs: sig(r.hashrate.hashrate / 1e18),
    hashrate_lo_ehs: sig(r.hashrate.lo / 1e18),
    hashrate_hi_ehs: sig(r.hashrate.hi / 1e18),
    hashprice_usd_th_day: sig(r.hashpriceUsdPerThDay, 4),
    threshold_j_th: sig(r.thresholdJPerTh, 4),
    profitable_models: r.profitableModels,
    eff_lower_j_th: sig(r.eff?.lower, 4),
    eff_best_j_th: sig(r.eff?.best, 4),
    eff_upper_j_th: sig(r.eff?.upper, 4),
    power_lower_gw: gw(r.powerW?.lower),
    power_best_gw: gw(r.powerW?.best),
    power_upper_gw: gw(r.powerW?.upper),
    energy_lower_twh_yr: sig(r.powerW ? annualisedTwh(r.powerW.lower) : null),
    energy_best_twh_yr: sig(r.powerW ? annualisedTwh(r.powerW.best) : null),
    energy_upper_twh_yr: sig(r.powerW ? annualisedTwh(r.powerW.upper) : null),
    unprofitable_days: r.unprofitableDays,
  }));
  return {
    title: 'Bitcoin network power, CBECI method (lower / best guess / upper)',
    assumptions: a.list,
    notes: data.notes,
    windows: `windows: ${spec.size.text}, step ${spec.step.text}, ${results.length} windows; window_end exclusive; UTC; power = average over the window, energy = power × 8,766 h (annualised)`,
    columns: BITCOIN_ENERGY_COLUMNS,
    rows,
  };
}

/** Average best-guess network power (W) per calendar month, for the months the data covers completely. */
export async function monthlyBestPowerW(q: BitcoinEnergyRequest, datasetsRoot: string): Promise<{ byMonth: Map<number, number>; assumptions: readonly Assumption[]; notes: readonly string[] }> {
  const a = await resolveAssumptions(q, datasetsRoot);
  const data = await loadBitcoinDays(datasetsRoot);
  const { spec, range } = resolveWindows({ window: '1m' }, data.coverage);
  const first = new Date(range.start * 1000);
  const anchor = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1) / 1000;
  const windows = divideWindows({ ...spec, anchor }, range.start, range.end);
  const results = windowPower(dailyEnergy(data.days, a.models, a.power), windows, a.power.pue, a.confidence);
  const byMonth = new Map<number, number>();
  for (const r of results) if (r.powerW) byMonth.set(r.start, r.powerW.best);
  return { byMonth, assumptions: a.list, notes: data.notes };
}
