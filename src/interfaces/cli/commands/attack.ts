/**
 * @module `nakamoto attack …`: double-spend probabilities (Nakamoto vs exact), selfish-mining
 * revenue (Eyal–Sirer, optionally the optimal MDP policy) and the hourly cost of a hash share
 * versus its block rewards. Every option is validated here and named in the error.
 */
import type { Command } from 'commander';
import {
  attackCost,
  CATCH_UP_RULES,
  confirmationsFor,
  DEFAULT_HEIGHT,
  DEFAULT_TRUNCATION,
  exactProbability,
  eyalSirerRevenue,
  eyalSirerThreshold,
  nakamotoProbability,
  optimalProfitThreshold,
  optimalSelfishMining,
  SHARE_BASES,
  type CatchUpRule,
  type OperatingCost,
  type ShareBasis,
} from '../../../analysis/attack/index.js';
import { UsageError } from '../../../domain/errors.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows, type OutputFormat, type Row } from '../output.js';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface NumberSpec {
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  readonly integer?: boolean;
}

/** Parse a numeric option; throws `invalid <flag>: <value> (<expected>)`. */
export function parseNumberOption(flag: string, raw: string, spec: NumberSpec = {}): number {
  const text = raw.trim();
  const x = DECIMAL.test(text) ? Number(text) : Number.NaN;
  const { min, max } = spec;
  const lowOk = min === undefined || (spec.minExclusive ? x > min : x >= min);
  const highOk = max === undefined || (spec.maxExclusive ? x < max : x <= max);
  const intOk = !spec.integer || Number.isSafeInteger(x);
  if (Number.isFinite(x) && lowOk && highOk && intOk) return x;
  const range = `${min === undefined ? '(-∞' : (spec.minExclusive ? '(' : '[') + min}, ${max === undefined ? '∞)' : max + (spec.maxExclusive ? ')' : ']')}`;
  throw new UsageError(`invalid ${flag}: ${raw} (expected ${spec.integer ? 'an integer' : 'a number'} in ${range})`);
}

function parseChoice<T extends string>(flag: string, raw: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`invalid ${flag}: ${raw} (expected one of ${choices.join(', ')})`);
}

function print(io: CliIo, format: OutputFormat, json: unknown, rows: readonly Row[], columns: readonly string[]): void {
  if (format === 'json') io.stdout(JSON.stringify(json, null, 2) + '\n');
  else io.stdout(renderRows(rows, columns, format));
}

interface DoubleSpendOpts { q: string; z: string; target?: string; rule: string; format: string }

function doubleSpend(io: CliIo, opts: DoubleSpendOpts): void {
  const format = parseFormat(opts.format);
  const q = parseNumberOption('--q', opts.q, { min: 0, max: 1 });
  const z = parseNumberOption('--z', opts.z, { min: 0, integer: true });
  const rule = parseChoice<CatchUpRule>('--rule', opts.rule, CATCH_UP_RULES);
  const target = opts.target === undefined ? undefined : parseNumberOption('--target', opts.target, { min: 0, max: 1, minExclusive: true });
  const nakamoto = nakamotoProbability(q, z, { rule });
  const exact = exactProbability(q, z, { rule });
  const json: Record<string, unknown> = { q, z, rule, nakamoto, exact };
  const rows: Row[] = [
    { model: 'nakamoto', probability: nakamoto },
    { model: 'exact', probability: exact },
  ];
  const columns = ['model', 'probability'];
  if (target !== undefined) {
    const needed = { nakamoto: confirmationsFor(q, target, 'nakamoto', { rule }), exact: confirmationsFor(q, target, 'exact', { rule }) };
    json.target = target;
    json.confirmations = needed;
    rows[0] = { ...rows[0], [`confirmations for P < ${target}`]: needed.nakamoto ?? 'never' };
    rows[1] = { ...rows[1], [`confirmations for P < ${target}`]: needed.exact ?? 'never' };
    columns.push(`confirmations for P < ${target}`);
  }
  print(io, format, json, rows, columns);
}

interface SelfishOpts { alpha: string; gamma: string; optimal?: boolean; truncation: string; format: string }

function selfishMining(io: CliIo, opts: SelfishOpts): void {
  const format = parseFormat(opts.format);
  const alpha = parseNumberOption('--alpha', opts.alpha, { min: 0, max: 0.5 });
  const gamma = parseNumberOption('--gamma', opts.gamma, { min: 0, max: 1 });
  const truncation = parseNumberOption('--truncation', opts.truncation, { min: 2, max: 200, integer: true });
  const relativeRevenue = eyalSirerRevenue(alpha, gamma);
  const threshold = eyalSirerThreshold(gamma);
  const json: Record<string, unknown> = { alpha, gamma, relativeRevenue, threshold, profitable: relativeRevenue > alpha };
  const rows: Row[] = [
    { strategy: 'honest', relativeRevenue: alpha, threshold: null },
    { strategy: 'eyal-sirer (SM1)', relativeRevenue, threshold },
  ];
  if (opts.optimal) {
    const opt = optimalSelfishMining(alpha, gamma, { truncation });
    const optimalThreshold = optimalProfitThreshold(gamma, { truncation });
    Object.assign(json, {
      truncation,
      optimalRelativeRevenue: opt.relativeRevenue,
      optimalThreshold,
      optimalProfitable: opt.relativeRevenue > alpha + 1e-9,
      optimalConverged: opt.converged,
    });
    rows.push({ strategy: `optimal (MDP, T=${truncation})`, relativeRevenue: opt.relativeRevenue, threshold: optimalThreshold });
  }
  print(io, format, json, rows, ['strategy', 'relativeRevenue', 'threshold']);
}

interface CostOpts {
  hashrateEhs: string;
  share: string;
  shareBasis: string;
  efficiencyJTh?: string;
  electricityUsdKwh?: string;
  hashpriceUsdPhDay?: string;
  btcPriceUsd: string;
  height?: string;
  feesBtcPerBlock: string;
  durationHours: string;
  format: string;
}

function operatingCost(opts: CostOpts): OperatingCost {
  const energy = opts.efficiencyJTh !== undefined || opts.electricityUsdKwh !== undefined;
  if (energy && opts.hashpriceUsdPhDay !== undefined) {
    throw new UsageError('invalid cost options: give either --efficiency-j-th with --electricity-usd-kwh, or --hashprice-usd-ph-day, not both');
  }
  if (opts.hashpriceUsdPhDay !== undefined) {
    return { kind: 'hashprice', hashpriceUsdPerPhDay: parseNumberOption('--hashprice-usd-ph-day', opts.hashpriceUsdPhDay, { min: 0 }) };
  }
  if (opts.efficiencyJTh === undefined || opts.electricityUsdKwh === undefined) {
    throw new UsageError('invalid cost options: give --efficiency-j-th and --electricity-usd-kwh together, or --hashprice-usd-ph-day');
  }
  return {
    kind: 'energy',
    efficiencyJPerTh: parseNumberOption('--efficiency-j-th', opts.efficiencyJTh, { min: 0, minExclusive: true }),
    electricityUsdPerKwh: parseNumberOption('--electricity-usd-kwh', opts.electricityUsdKwh, { min: 0 }),
  };
}

function cost(io: CliIo, opts: CostOpts): void {
  const format = parseFormat(opts.format);
  const shareBasis = parseChoice<ShareBasis>('--share-basis', opts.shareBasis, SHARE_BASES);
  const result = attackCost({
    networkHashrateEhs: parseNumberOption('--hashrate-ehs', opts.hashrateEhs, { min: 0, minExclusive: true }),
    share01: parseNumberOption('--share', opts.share, { min: 0, max: 1, maxExclusive: shareBasis === 'added' }),
    shareBasis,
    cost: operatingCost(opts),
    btcPriceUsd: parseNumberOption('--btc-price-usd', opts.btcPriceUsd, { min: 0 }),
    height: opts.height === undefined ? undefined : parseNumberOption('--height', opts.height, { min: 0, integer: true }),
    feesBtcPerBlock: parseNumberOption('--fees-btc-per-block', opts.feesBtcPerBlock, { min: 0 }),
    durationHours: parseNumberOption('--duration-hours', opts.durationHours, { min: 0, max: 1e6 }),
  });
  const rows: Row[] = Object.entries(result).map(([quantity, value]) => ({ quantity, value: value as number | null }));
  print(io, format, { shareBasis, ...result }, rows, ['quantity', 'value']);
}

export function register(program: Command, io: CliIo): void {
  const attack = program
    .command('attack')
    .description('Attack economics: double-spend races, selfish mining, and the hourly cost of a hash share (see docs/attack-economics.md).');

  attack
    .command('double-spend')
    .description('Probability that an attacker with hash share q catches up from z confirmations behind (Nakamoto §11 vs exact).')
    .requiredOption('--q <share>', 'attacker hash share, 0 ≤ q ≤ 1')
    .requiredOption('--z <confirmations>', 'confirmations (integer ≥ 0)')
    .option('--target <probability>', 'also report the fewest confirmations with P < target under each model')
    .option('--rule <rule>', `success rule: ${CATCH_UP_RULES.join(' or ')}`, 'catch-up')
    .option('--format <format>', 'table, csv or json', 'table')
    .action((opts: DoubleSpendOpts) => doubleSpend(io, opts));

  attack
    .command('selfish-mining')
    .description('Relative revenue of selfish mining (Eyal–Sirer SM1; with --optimal, the optimal MDP policy).')
    .requiredOption('--alpha <share>', 'attacker hash share, 0 ≤ α ≤ 0.5')
    .requiredOption('--gamma <share>', 'share of honest miners that build on the attacker block in a tie, 0 ≤ γ ≤ 1')
    .option('--optimal', 'also solve the Sapirshtein–Sompolinsky–Zohar MDP (revenue and profit threshold)')
    .option('--truncation <T>', 'MDP truncation (longest private or public branch)', String(DEFAULT_TRUNCATION))
    .option('--format <format>', 'table, csv or json', 'table')
    .action((opts: SelfishOpts) => selfishMining(io, opts));

  attack
    .command('cost')
    .description('Hourly cost of running or renting a hash share versus the block rewards it earns (Budish 2018 flow).')
    .requiredOption('--hashrate-ehs <EH/s>', 'network hash rate in EH/s')
    .requiredOption('--share <share>', 'attacker share of the total hash rate, 0 ≤ share ≤ 1')
    .option('--share-basis <basis>', `existing (share of the stated hash rate) or added (new hardware)`, 'existing')
    .option('--efficiency-j-th <J/TH>', 'hardware efficiency in J/TH (with --electricity-usd-kwh)')
    .option('--electricity-usd-kwh <USD>', 'electricity price in USD/kWh (with --efficiency-j-th)')
    .option('--hashprice-usd-ph-day <USD>', 'rental / hash price in USD per PH/s per day')
    .requiredOption('--btc-price-usd <USD>', 'BTC price in USD')
    .option('--height <height>', `block height fixing the subsidy (default ${DEFAULT_HEIGHT})`)
    .option('--fees-btc-per-block <BTC>', 'average fees per block in BTC', '0')
    .option('--duration-hours <hours>', 'attack duration for the totals', '1')
    .option('--format <format>', 'table, csv or json', 'table')
    .action((opts: CostOpts) => cost(io, opts));
}
