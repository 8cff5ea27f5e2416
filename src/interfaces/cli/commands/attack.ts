/**
 * @module `nakamoto attack …`: double-spend probabilities (Nakamoto vs exact), selfish-mining
 * revenue (Eyal–Sirer, optionally the optimal MDP policy), the hourly cost of a hash share versus
 * its block rewards, and the smallest coalitions above attack thresholds in one window of data.
 * A renderer over the attack and coalitions queries; the only CLI logic is naming options as flags
 * in their errors (`invalid --q: …` where the query says `invalid q: …`).
 */
import type { Command } from 'commander';
import { CATCH_UP_RULES, DEFAULT_HEIGHT, DEFAULT_TRUNCATION } from '../../../analysis/attack/index.js';
import {
  queryAttackCostFromData,
  queryDoubleSpend,
  querySelfishMining,
  type CostRequest,
  type DoubleSpendRequest,
  type SelfishMiningRequest,
} from '../../../pipeline/queries/attack-query.js';
import { getDistribution } from '../../../pipeline/catalogue.js';
import { queryCoalitions, type CoalitionsRequest, type CoalitionsResult } from '../../../pipeline/queries/coalitions-query.js';
import { parseNumberParam, type NumberSpec } from '../../../pipeline/queries/query-params.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import { flagged } from '../flag-names.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows, type OutputFormat, type Row } from '../output.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';
import { provenanceLines } from './metrics.js';

/** Parse a numeric option; throws `invalid <flag>: <value> (<expected>)`. */
export function parseNumberOption(flag: string, raw: string, spec: NumberSpec = {}): number {
  return parseNumberParam(flag, raw, spec);
}

/** Every parameter the attack queries name in their errors (reported as the matching flag). */
const PARAMS = [
  'q', 'z', 'target', 'rule', 'alpha', 'gamma', 'truncation', 'hashrateEhs', 'share', 'shareBasis', 'efficiencyJTh', 'electricityUsdKwh',
  'hashpriceUsdPhDay', 'btcPriceUsd', 'height', 'feesBtcPerBlock', 'durationHours', 'hashpriceAt', 'hashpriceWindow', 'window', 'at', 'level', 'source', 'thresholds',
  'threshold', 'ci', 'confidence', 'draws', 'seed',
] as const;

function print(io: CliIo, format: OutputFormat, json: unknown, rows: readonly Row[], columns: readonly string[]): void {
  if (format === 'json') io.stdout(JSON.stringify(json, null, 2) + '\n');
  else io.stdout(renderRows(rows, columns, format));
}

type WithFormat<T> = T & { format: string };

function doubleSpend(io: CliIo, opts: WithFormat<DoubleSpendRequest>): void {
  const format = parseFormat(opts.format);
  const r = flagged(PARAMS, () => queryDoubleSpend(opts));
  const rows: Row[] = [
    { model: 'nakamoto', probability: r.nakamoto },
    { model: 'exact', probability: r.exact },
  ];
  const columns = ['model', 'probability'];
  if (r.confirmations) {
    const column = `confirmations for P < ${r.target}`;
    rows[0] = { ...rows[0], [column]: r.confirmations.nakamoto ?? 'never' };
    rows[1] = { ...rows[1], [column]: r.confirmations.exact ?? 'never' };
    columns.push(column);
  }
  print(io, format, r, rows, columns);
}

function selfishMining(io: CliIo, opts: WithFormat<SelfishMiningRequest>): void {
  const format = parseFormat(opts.format);
  const r = flagged(PARAMS, () => querySelfishMining(opts));
  const rows: Row[] = [
    { strategy: 'honest', relativeRevenue: r.alpha, threshold: null },
    { strategy: 'eyal-sirer (SM1)', relativeRevenue: r.relativeRevenue, threshold: r.threshold },
  ];
  if (r.optimalRelativeRevenue !== undefined) {
    rows.push({ strategy: `optimal (MDP, T=${r.truncation})`, relativeRevenue: r.optimalRelativeRevenue, threshold: r.optimalThreshold });
  }
  print(io, format, r, rows, ['strategy', 'relativeRevenue', 'threshold']);
}

async function cost(io: CliIo, opts: WithFormat<CostRequest> & { db?: string }): Promise<void> {
  const format = parseFormat(opts.format);
  const store = opts.hashrateEhs === undefined ? await openExistingStore(opts.db, io, false) : null;
  try {
    const { shareBasis, networkHashrate, opportunity, ...result } = await flagged(PARAMS, () => queryAttackCostFromData(opts, { store, datasetsRoot: datasetsRoot(io.env) }));
    const rows: Row[] = Object.entries(result).map(([quantity, value]) => ({ quantity, value: value as number | null }));
    if (opportunity) {
      rows.push(
        { quantity: 'opportunityHashpriceUsdPerThDay', value: opportunity.hashpriceUsdPerThDay },
        { quantity: 'opportunityCostPerHourUsd', value: opportunity.costPerHourUsd },
        { quantity: 'opportunityCostPerHourUsdLo', value: opportunity.costPerHourUsdLo },
        { quantity: 'opportunityCostPerHourUsdHi', value: opportunity.costPerHourUsdHi },
        { quantity: 'opportunityTotalCostUsd', value: opportunity.totalCostUsd },
      );
      if (format === 'table') io.stdout(`# opportunity cost: hash price ${opportunity.window.start} → ${opportunity.window.end}; ${opportunity.price}; ${opportunity.method}\n`);
    }
    if (networkHashrate) {
      rows.unshift(
        { quantity: 'networkHashrateEhs', value: networkHashrate.ehs },
        { quantity: 'networkHashrateEhsLo', value: networkHashrate.loEhs },
        { quantity: 'networkHashrateEhsHi', value: networkHashrate.hiEhs },
      );
      rows.push({ quantity: 'costPerHourUsdLo', value: networkHashrate.costPerHourUsdLo }, { quantity: 'costPerHourUsdHi', value: networkHashrate.costPerHourUsdHi });
      if (format === 'table') io.stdout(`# network hash rate: ${networkHashrate.window.start} → ${networkHashrate.window.end} (7-day estimate, 95% interval), ${networkHashrate.source}\n`);
    }
    print(io, format, { shareBasis, ...result, ...(networkHashrate ? { networkHashrate } : {}), ...(opportunity ? { opportunity } : {}) }, rows, ['quantity', 'value']);
  } finally {
    await store?.close();
  }
}

/** One row per threshold: size, members, combined share and (with intervals) the size bounds. */
function coalitionRows(r: CoalitionsResult, format: OutputFormat): { rows: Row[]; columns: string[] } {
  const table = format === 'table';
  const rows = r.coalitions.map((c): Row => ({
    threshold: table ? `> ${Number((c.threshold * 100).toFixed(1))}%` : c.threshold,
    size: c.size ?? (table ? 'none' : null),
    combinedShare: table ? `${(c.combinedShare * 100).toFixed(2)}%` : c.combinedShare,
    ...(c.sizeBounds ? { sizeMin: c.sizeBounds.min, sizeMax: c.sizeBounds.max } : {}),
    unique: c.unique,
    members: c.members.join(', '),
  }));
  const columns = ['threshold', 'size', 'combinedShare', ...(r.intervals ? ['sizeMin', 'sizeMax'] : []), 'unique', 'members'];
  return { rows, columns };
}

interface CoalitionsOpts extends Omit<CoalitionsRequest, 'ci'> {
  ci: boolean;
  format: string;
  db?: string;
}

async function coalitions(io: CliIo, opts: CoalitionsOpts): Promise<void> {
  const format = parseFormat(opts.format);
  // Block counts are a sample of hash rate, so their coalitions carry an interval unless --no-ci.
  const ci = opts.ci && getDistribution(opts.distribution).unit === 'blocks';
  const store = await openExistingStore(opts.db, io, false);
  try {
    const request: CoalitionsRequest = { ...opts, ci };
    const r = await flagged(PARAMS, () => queryCoalitions(request, { store, datasetsRoot: datasetsRoot(io.env) }));
    if (format === 'json') {
      io.stdout(JSON.stringify(r, null, 2) + '\n');
      return;
    }
    const windowLine = `window ${r.window.start} → ${r.window.end} (end exclusive): ${r.entities} entities, total ${r.total} ${r.provenance.unit}`;
    const intervalLine = r.intervals
      ? `sizeMin–sizeMax: coalition size from ${Number((r.intervals.confidence * 100).toFixed(2))}% central posterior intervals of each share (Dirichlet(counts + ½), ${r.intervals.draws} draws, seed ${r.intervals.seed})`
      : 'no intervals (not block-sampled data, or --no-ci)';
    (format === 'table' ? io.stdout : io.stderr)(provenanceLines(r.provenance, [windowLine, intervalLine]));
    const { rows, columns } = coalitionRows(r, format);
    io.stdout(renderRows(rows, columns, format));
  } finally {
    await store?.close();
  }
}

export function register(program: Command, io: CliIo): void {
  const attack = program
    .command('attack')
    .description('Attack economics: double-spend races, selfish mining, the hourly cost of a hash share, and the smallest coalitions above attack thresholds (see docs/attack-economics.md).');

  attack
    .command('double-spend')
    .description('Probability that an attacker with hash share q catches up from z confirmations behind (Nakamoto §11 vs exact).')
    .requiredOption('--q <share>', 'attacker hash share, 0 ≤ q ≤ 1')
    .requiredOption('--z <confirmations>', 'confirmations (integer ≥ 0)')
    .option('--target <probability>', 'also report the fewest confirmations with P < target under each model')
    .option('--rule <rule>', `success rule: ${CATCH_UP_RULES.join(' or ')}`, 'catch-up')
    .option('--format <format>', 'table, csv or json', 'table')
    .action((opts: WithFormat<DoubleSpendRequest>) => doubleSpend(io, opts));

  attack
    .command('selfish-mining')
    .description('Relative revenue of selfish mining (Eyal–Sirer SM1; with --optimal, the optimal MDP policy).')
    .requiredOption('--alpha <share>', 'attacker hash share, 0 ≤ α ≤ 0.5')
    .requiredOption('--gamma <share>', 'share of honest miners that build on the attacker block in a tie, 0 ≤ γ ≤ 1')
    .option('--optimal', 'also solve the Sapirshtein–Sompolinsky–Zohar MDP (revenue and profit threshold)')
    .option('--truncation <T>', 'MDP truncation (longest private or public branch)', String(DEFAULT_TRUNCATION))
    .option('--format <format>', 'table, csv or json', 'table')
    .action((opts: WithFormat<SelfishMiningRequest>) => selfishMining(io, opts));

  attack
    .command('cost')
    .description('Hourly cost of running or renting a hash share versus the block rewards it earns (Budish 2018 flow).')
    .option('--hashrate-ehs <EH/s>', 'network hash rate in EH/s (default: the latest 7-day estimate from the store or the embedded data, with its interval)')
    .requiredOption('--share <share>', 'attacker share of the total hash rate, 0 ≤ share ≤ 1')
    .option('--share-basis <basis>', `existing (share of the stated hash rate) or added (new hardware)`, 'existing')
    .option('--efficiency-j-th <J/TH>', 'hardware efficiency in J/TH (with --electricity-usd-kwh)')
    .option('--electricity-usd-kwh <USD>', 'electricity price in USD/kWh (with --efficiency-j-th)')
    .option('--hashprice-usd-ph-day <USD>', 'rental / hash price in USD per PH/s per day')
    .requiredOption('--btc-price-usd <USD>', 'BTC price in USD')
    .option('--height <height>', `block height fixing the subsidy (default ${DEFAULT_HEIGHT})`)
    .option('--fees-btc-per-block <BTC>', 'average fees per block in BTC', '0')
    .option('--duration-hours <hours>', 'attack duration for the totals', '1')
    .option('--hashprice-at <date>', "also price the attacker's hash at the observed hash price (opportunity cost: real subsidy + fees per TH/s per day) of the window ending this UTC day (Blockchair data, 2020 → 2025-03-08)")
    .option('--hashprice-window <size>', 'length of that window (default 30d)')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--db <path>', DB_OPTION_HELP)
    .action((opts: WithFormat<CostRequest> & { db?: string }) => cost(io, opts));

  attack
    .command('coalitions')
    .description('Smallest sets of the largest entities whose combined share exceeds 25%, ⅓, 50% and 51% in one time window; for block data, with the interval of each set’s size.')
    .option('--distribution <id>', 'distribution id (see `nakamoto distributions`)', 'bitcoin/pools')
    .option('--window <size>', 'window length in days, weeks, months or years (e.g. 7d, 30d, 1m, 1y)', '30d')
    .option('--at <date>', 'last day of the window (UTC, inclusive); default: the last day of data')
    .option('--level <level>', 'entity level: pool, owner (alias entity) or template (Bitcoin); see `nakamoto distributions`')
    .option('--source <id>', 'data source (see `nakamoto metrics --help`)')
    .option('--thresholds <list>', 'comma-separated thresholds in (0, 1) (default 0.25,0.333…,0.5,0.51)')
    .option('--no-ci', 'block data: leave out the size intervals (posterior intervals of each share; see docs/uncertainty.md)')
    .option('--confidence <level>', 'central interval level', '0.95')
    .option('--draws <n>', 'posterior draws', '1000')
    .option('--seed <n>', 'random seed (results are reproducible for a seed)', '1')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--db <path>', DB_OPTION_HELP)
    .action((opts: CoalitionsOpts) => coalitions(io, opts));
}
