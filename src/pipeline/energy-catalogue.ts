/**
 * @module Energy inputs and distributions: Bitcoin blocks per day with difficulty (per-block
 * dataset + difficulty epochs extended by recomputed retargets), the CBECI-method assumptions
 * (parsed and listed with their sources), monthly network power, and the distributions
 * `bitcoin/power-by-country`, `ai/power-by-owner`, `ai/power-by-country` (`energyEntries`, for
 * the catalogue list). Queries and rendering are in queries/energy-query.ts; method in docs/energy.md.
 */
import { DAY_SEC, formatDay } from '../aggregate/duration.js';
import { divideWindows } from '../aggregate/windows.js';
import { blockSubsidyBtc } from '../analysis/attack/subsidy.js';
import { poweredClusters, powerSnapshots, snapshotSpan } from '../analysis/energy/ai-power.js';
import { powerByCountry } from '../analysis/energy/country-power.js';
import { dailyEnergy, windowPower, type DayBlocks, type PowerAssumptions } from '../analysis/energy/network-power.js';
import { extendEpochs } from '../analysis/energy/retarget.js';
import type { OrganisationLevel } from '../decode/epoch-ai/organisation-rules.js';
import { SourceError, UsageError } from '../domain/errors.js';
import { toObservationSeries } from '../domain/observations.js';
import { difficultyAt, readDifficultyEpochs } from '../sources/bitcoin/difficulty-epochs.js';
import { defaultHardwarePaths, readBtcUsdMonthly, readHardwareFile, BTC_USD_TABLE, type AsicModel } from '../sources/datasets/asic-hardware.js';
import { BLOCKCHAIR_BLOCKS_FILE } from '../sources/datasets/blockchair-blocks.js';
import { CBECI_FILE, readCbeci } from '../sources/datasets/cbeci.js';
import { readOrganisationRules } from '../sources/epoch-ai/aliases.js';
import { AttributionTally } from '../sources/epoch-ai/attribute-organisations.js';
import { INFRA_FILES } from '../sources/epoch-ai/paths.js';
import { readGpuClusters } from '../sources/epoch-ai/read.js';
import { requireColumns, scannerFromText } from '../sources/files/csv.js';
import { intField } from '../sources/files/fields.js';
import { PER_BLOCK_FILE, PROJECT_ROOT } from '../sources/files/datasets-path.js';
import { readText } from '../sources/files/read-file.js';
import type { DistributionEntry } from './distribution-entry.js';
import { blockchairEconomicsSource } from './economics-blocks.js';
import type { Row } from './queries/context.js';
import { parseNumberParam } from './queries/query-params.js';
import { resolveWindows, type WindowRequest } from './queries/window-request.js';
import { seriesCoverage } from './series-coverage.js';
import type { Coverage, SourcedSeries } from './series-source.js';


export interface BitcoinDays {
  readonly days: readonly DayBlocks[];
  readonly coverage: Coverage;
  readonly notes: readonly string[];
}

/** A path as printed: `datasets/…` inside the datasets folder, repository-relative inside the project. */
export function shortPath(path: string, datasetsRoot: string): string {
  if (path.startsWith(`${datasetsRoot}/`)) return `datasets/${path.slice(datasetsRoot.length + 1)}`;
  if (path.startsWith(`${PROJECT_ROOT}/`)) return path.slice(PROJECT_ROOT.length + 1);
  return path;
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
  // Real fees per height from the Blockchair per-block dump (2019-12-31 → 2025-03-08).
  const econ = await blockchairEconomicsSource(datasetsRoot).load();
  const feeAt = new Map<number, number>();
  econ.blocks.heights.forEach((h, i) => feeAt.set(h, econ.blocks.feeSat[i]!));
  const byDay = new Map<number, { blocks: number; work: number; subsidyBtc: number; feesBtc: number; blocksWithFees: number }>();
  let withFees = 0;
  for (const h of heights) {
    const d = Math.floor(times.get(h)! / DAY_SEC) * DAY_SEC;
    const difficulty = difficultyAt(ext.epochs, h);
    if (Number.isNaN(difficulty)) continue;
    const e = byDay.get(d) ?? { blocks: 0, work: 0, subsidyBtc: 0, feesBtc: 0, blocksWithFees: 0 };
    e.blocks++;
    e.work += difficulty;
    e.subsidyBtc += blockSubsidyBtc(h);
    const fee = feeAt.get(h);
    if (fee !== undefined) {
      e.feesBtc += fee / 1e8;
      e.blocksWithFees++;
      withFees++;
    }
    byDay.set(d, e);
  }
  // The first and last UTC days are partial in the file: left out.
  const all = [...byDay].sort((a, b) => a[0] - b[0]);
  const days = all.slice(1, -1).map(([daySec, e]) => ({ daySec, ...e }));
  return {
    days,
    coverage: { time: { start: days[0]!.daySec, end: days[days.length - 1]!.daySec + DAY_SEC }, height: null },
    notes: [
      `blocks: ${shortPath(path, datasetsRoot)} (heights ${heights[0]}–${heights[heights.length - 1]}, grouped by UTC day of the block timestamp; first and last partial days left out)`,
      `difficulty: ${shortPath(ext.epochs.file, datasetsRoot)}; ${ext.verified} retargets inside the file recomputed from the block times and matched exactly`,
      `fees: ${shortPath(econ.provenance.from, datasetsRoot)} gives real fees for ${withFees.toLocaleString('en-US')} of ${heights.length.toLocaleString('en-US')} blocks (joined by height); the others take --fees-btc-per-block`,
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
  /** `data` (default): real fees where the per-block data has them; `none`: --fees-btc-per-block for every block. */
  readonly feesFrom?: string;
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

/** CBECI's PUE per bound (ccaf_cbeci_api energy_consumption_calculator.py: min 1.01, guess 1.10, max 1.20). */
export const CBECI_PUE = { lower: 1.01, best: 1.1, upper: 1.2 } as const;

function parsePue(raw: string | undefined): { lower: number; best: number; upper: number } {
  if (raw === undefined) return { ...CBECI_PUE };
  const parts = raw.split(',').map((p) => parseNumberParam('--pue', p, { min: 1, max: 10 }));
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
  const price = parseNumberParam('--electricity-price', q.electricityPrice ?? 0.05, { min: 0, unit: 'USD/kWh' });
  const pue = parsePue(q.pue);
  const fees = parseNumberParam('--fees-btc-per-block', q.feesBtcPerBlock ?? 0, { min: 0, unit: 'BTC' });
  const feesFrom = q.feesFrom ?? 'data';
  if (feesFrom !== 'data' && feesFrom !== 'none') throw new UsageError(`invalid --fees-from: ${feesFrom} (expected data or none)`);
  const maxAgeYears = parseNumberParam('--max-age-years', q.maxAgeYears ?? 5, { min: 0, max: 100, integer: true, unit: 'years (0 = never retired)' });
  const smoothDays = parseNumberParam('--smooth-days', q.smoothDays ?? 14, { min: 1, max: 366, integer: true, unit: 'days' });
  const confidence = parseNumberParam('--confidence', q.confidence ?? 0.95, { min: 0.5, max: 0.999999 });
  const when = q.whenUnprofitable ?? 'most-efficient';
  if (when !== 'most-efficient' && when !== 'last-profitable') throw new UsageError(`invalid --when-unprofitable: ${when} (expected most-efficient or last-profitable)`);
  const paths = q.hardware && q.hardware.length > 0 ? [...q.hardware] : defaultHardwarePaths(datasetsRoot);
  const models = (await Promise.all(paths.map(readHardwareFile))).flat();
  const hashprice = q.hashpriceUsdThDay === undefined ? undefined : parseNumberParam('--hashprice-usd-th-day', q.hashpriceUsdThDay, { min: 0, unit: 'USD per TH/s per day' });
  const fixedUsd = q.btcUsd === undefined ? undefined : parseNumberParam('--btc-usd', q.btcUsd, { min: 0, minExclusive: true, unit: 'USD' });
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

/** `bitcoin/power-by-country`: CBECI monthly country shares × that month's best-guess network power (GW). */
export async function loadBitcoinPowerByCountry(datasetsRoot: string, q: BitcoinEnergyRequest = {}): Promise<SourcedSeries> {
  const path = `${datasetsRoot}/${CBECI_FILE}`;
  const cbeci = await readCbeci(path);
  const power = await monthlyBestPowerW(q, datasetsRoot);
  const { series, missingMonths } = powerByCountry(cbeci.series, power.byMonth);
  const month = (t: number) => formatDay(t).slice(0, 7);
  return {
    series,
    coverage: seriesCoverage(series),
    provenance: {
      distribution: 'bitcoin/power-by-country',
      source: 'cbeci+cbeci-method',
      description: 'CBECI mining-map country shares × monthly average network power (best guess, CBECI method; docs/energy.md)',
      rulesVersions: [],
      from: `${path} + ${datasetsRoot}/${PER_BLOCK_FILE}`,
      level: 'country',
      unit: 'GW',
      notes: [
        ...cbeci.notes,
        'one network-wide efficiency: a country\'s share of power equals its CBECI share of hash rate',
        ...(missingMonths.length ? [`left out (no power estimate: the block data starts 2020-01): ${missingMonths.map(month).join(', ')}`] : []),
        ...power.assumptions.map((x) => `assumption: ${x.name} = ${x.value}`),
      ],
    },
  };
}

export type AiPowerBy = 'owner' | 'country';

export interface AiPowerOptions {
  readonly by: AiPowerBy;
  readonly level?: OrganisationLevel;
  /** Fixed W per H100e for clusters without power (default: the data's median per start year). */
  readonly wattsPerH100e?: number;
}

/** `ai/power-by-owner` and `ai/power-by-country`: MW operating at each quarter end (Epoch GPU clusters). */
export async function loadAiPower(datasetsRoot: string, o: AiPowerOptions): Promise<SourcedSeries & { readonly totalSeries: SourcedSeries['series'] }> {
  const data = await readGpuClusters(datasetsRoot);
  const sel = poweredClusters(data.rows, o.wattsPerH100e);
  const notes = [...sel.notes];
  let sharesOf: (c: (typeof sel.kept)[number]['cluster']) => readonly { entity: string; share: number }[];
  let rulesVersions: string[] = [];
  if (o.by === 'country') {
    const blank = sel.kept.filter((k) => k.cluster.country === undefined);
    if (blank.length) notes.push(`${blank.length} counted clusters with no Country excluded (${blank.reduce((x, k) => x + k.powerMw, 0).toFixed(1)} MW)`);
    sharesOf = (c) => (c.country === undefined ? [] : [{ entity: c.country, share: 1 }]);
  } else {
    const { rules, rulesVersion, path } = await readOrganisationRules();
    const tally = new AttributionTally({ level: o.level ?? 'organisation', rules });
    const shares = new Map(sel.kept.map((k) => [k.cluster, tally.attribute(k.cluster.owner, k.powerMw)]));
    notes.push(...tally.notes('clusters', 'MW', 'Owner'));
    rulesVersions = [`organisation aliases ${rulesVersion} (${path})`];
    sharesOf = (c) => shares.get(c) ?? [];
  }
  const records = powerSnapshots(sel.kept, sharesOf);
  notes.push(snapshotSpan(records));
  const series = toObservationSeries(records, 'stock');
  const id = o.by === 'owner' ? 'ai/power-by-owner' : 'ai/power-by-country';
  return {
    series,
    totalSeries: toObservationSeries(powerSnapshots(sel.kept, () => [{ entity: 'all', share: 1 }]), 'stock'),
    coverage: seriesCoverage(series),
    provenance: { distribution: id, source: 'epoch-ai', description: "Epoch AI 'Data on GPU Clusters' (CC BY 4.0): power capacity (MW) of clusters operating at each quarter end", rulesVersions, from: `${datasetsRoot}/${INFRA_FILES.gpuClusters}`, level: o.by === 'owner' ? (o.level ?? 'organisation') : 'country', unit: 'MW', notes },
  };
}


const ENERGY_CAVEATS = [
  'An estimate from a model (CBECI method), not a measurement: the hardware mix, electricity price and PUE are assumptions (docs/energy.md).',
];

const bitcoinPowerByCountry: DistributionEntry = {
  id: 'bitcoin/power-by-country',
  title: 'Bitcoin mining power by country (best guess): CBECI country shares × network power',
  unit: 'GW',
  entityKind: 'country',
  levels: ['country'],
  aggregation: 'stock',
  coverage: '2020-01 → 2022-01 (monthly; CBECI map from 2019-09, block data from 2020-01)',
  source: 'Cambridge CBECI mining map × network power by the CBECI method (per-block data, difficulty epochs, ASIC lists, BTC/USD table)',
  caveats: [
    ...ENERGY_CAVEATS,
    'One network-wide efficiency: shares of power equal CBECI shares of hash rate (no per-country hardware data).',
    'Pool-reported IP geolocation: VPNs and proxies move hash rate to where they exit; hosted miners count where they are hosted.',
    '"Other" is one aggregate entity.',
  ],
  async load(ctx) {
    if (ctx.source !== undefined) throw new UsageError('--source: bitcoin/power-by-country has one source');
    if (ctx.level !== undefined && ctx.level !== 'country') throw new UsageError(`invalid level: ${ctx.level} (bitcoin/power-by-country offers country)`);
    return loadBitcoinPowerByCountry(ctx.datasetsRoot);
  },
};

function aiEntry(by: AiPowerBy): DistributionEntry {
  const id = `ai/power-by-${by}`;
  const levels = by === 'owner' ? ['organisation', 'parent'] : ['country'];
  return {
    id,
    title: `AI compute power capacity by ${by} (Epoch GPU clusters operating at each quarter end)`,
    unit: 'MW',
    entityKind: by === 'owner' ? 'organisation' : 'country',
    levels,
    aggregation: 'stock',
    coverage: '2010 → 2025 (quarter ends; first operational dates)',
    source: "Epoch AI, 'Data on GPU Clusters' (CC BY 4.0), Power Capacity (MW); clusters without it estimated from H100e",
    caveats: [
      'Epoch estimates its cluster database covers roughly 10–20% of global AI compute.',
      'Clusters without power are estimated from H100 equivalents × the median W per H100e of that start year (counted in notes).',
      by === 'owner' ? 'Multi-owner clusters are split evenly; clusters with no Owner are left out (counted).' : 'Clusters with no Country are left out (counted); Chinese systems are anonymised by Epoch.',
    ],
    async load(ctx) {
      if (ctx.source !== undefined) throw new UsageError(`--source: ${id} has one source (${INFRA_FILES.gpuClusters})`);
      const level = ctx.level ?? levels[0]!;
      if (!levels.includes(level)) throw new UsageError(`invalid level: ${level} (${id} offers ${levels.join(', ')})`);
      const { totalSeries: _total, ...sourced } = await loadAiPower(ctx.datasetsRoot, { by, level: by === 'owner' ? (level as OrganisationLevel) : undefined });
      return sourced;
    },
  };
}

/** The energy distributions, for the catalogue's list. */
export const energyEntries: DistributionEntry[] = [bitcoinPowerByCountry, aiEntry('owner'), aiEntry('country')];
