/**
 * @module Attack-calculator queries behind `nakamoto attack …` and `GET /api/attack/…`: double-spend
 * probabilities (Nakamoto §11 vs exact), selfish-mining revenue (Eyal–Sirer; optionally the optimal
 * MDP with a bounded truncation) and the hourly cost of a hash share. Plain params in (text or
 * numbers), JSON-ready results out; every parameter is named in its error.
 */
import {
  attackCost,
  CATCH_UP_RULES,
  confirmationsFor,
  DEFAULT_TRUNCATION,
  exactProbability,
  eyalSirerRevenue,
  eyalSirerThreshold,
  nakamotoProbability,
  optimalProfitThreshold,
  optimalSelfishMining,
  SHARE_BASES,
  type AttackCost,
  type CatchUpRule,
  type OperatingCost,
  type ShareBasis,
} from '../../analysis/attack/index.js';
import { UsageError } from '../../domain/errors.js';
import type { QueryContext } from './context.js';
import { queryEconomics } from './economics-query.js';
import { latestHashrate, type LatestHashrate } from './hashrate-query.js';
import { parseChoiceParam, parseFlagParam, parseNumberParam } from './query-params.js';

type Num = string | number;

export interface DoubleSpendRequest {
  readonly q: Num;
  readonly z: Num;
  readonly target?: Num;
  readonly rule?: string;
}

export interface DoubleSpendResult {
  readonly q: number;
  readonly z: number;
  readonly rule: CatchUpRule;
  readonly nakamoto: number;
  readonly exact: number;
  readonly target?: number;
  /** Fewest confirmations with P < target under each model (null = never). */
  readonly confirmations?: { readonly nakamoto: number | null; readonly exact: number | null };
}

export function queryDoubleSpend(r: DoubleSpendRequest): DoubleSpendResult {
  const q = parseNumberParam('q', r.q, { min: 0, max: 1 });
  const z = parseNumberParam('z', r.z, { min: 0, integer: true });
  const rule = parseChoiceParam<CatchUpRule>('rule', r.rule ?? 'catch-up', CATCH_UP_RULES);
  const base = { q, z, rule, nakamoto: nakamotoProbability(q, z, { rule }), exact: exactProbability(q, z, { rule }) };
  if (r.target === undefined) return base;
  const target = parseNumberParam('target', r.target, { min: 0, max: 1, minExclusive: true });
  return { ...base, target, confirmations: { nakamoto: confirmationsFor(q, target, 'nakamoto', { rule }), exact: confirmationsFor(q, target, 'exact', { rule }) } };
}

export interface SelfishMiningRequest {
  readonly alpha: Num;
  readonly gamma: Num;
  readonly optimal?: boolean | string;
  readonly truncation?: Num;
}

export interface SelfishMiningResult {
  readonly alpha: number;
  readonly gamma: number;
  readonly relativeRevenue: number;
  readonly threshold: number;
  readonly profitable: boolean;
  readonly truncation?: number;
  readonly optimalRelativeRevenue?: number;
  readonly optimalThreshold?: number;
  readonly optimalProfitable?: boolean;
  readonly optimalConverged?: boolean;
}

/** `maxTruncation` bounds the MDP size (the HTTP API uses 40: about half a second on one core). */
export function querySelfishMining(r: SelfishMiningRequest, limits: { maxTruncation?: number } = {}): SelfishMiningResult {
  const alpha = parseNumberParam('alpha', r.alpha, { min: 0, max: 0.5 });
  const gamma = parseNumberParam('gamma', r.gamma, { min: 0, max: 1 });
  const truncation = parseNumberParam('truncation', r.truncation ?? DEFAULT_TRUNCATION, { min: 2, max: limits.maxTruncation ?? 200, integer: true });
  const relativeRevenue = eyalSirerRevenue(alpha, gamma);
  const base = { alpha, gamma, relativeRevenue, threshold: eyalSirerThreshold(gamma), profitable: relativeRevenue > alpha };
  if (!parseFlagParam('optimal', r.optimal)) return base;
  const opt = optimalSelfishMining(alpha, gamma, { truncation });
  return {
    ...base,
    truncation,
    optimalRelativeRevenue: opt.relativeRevenue,
    optimalThreshold: optimalProfitThreshold(gamma, { truncation }),
    optimalProfitable: opt.relativeRevenue > alpha + 1e-9,
    optimalConverged: opt.converged,
  };
}

export interface CostRequest {
  /** Network hash rate; omitted, the latest 7-day estimate from the data (`queryAttackCostFromData`). */
  readonly hashrateEhs?: Num;
  readonly share: Num;
  readonly shareBasis?: string;
  readonly efficiencyJTh?: Num;
  readonly electricityUsdKwh?: Num;
  readonly hashpriceUsdPhDay?: Num;
  readonly btcPriceUsd: Num;
  readonly height?: Num;
  readonly feesBtcPerBlock?: Num;
  readonly durationHours?: Num;
  /** Also price the attacker's hash at the hash price of the window ending this UTC day (opportunity cost; docs/economics.md). */
  readonly hashpriceAt?: string;
  /** Length of that window (default 30d). */
  readonly hashpriceWindow?: string;
}

/** The attacker's hash priced at the observed hash price: what honest mining with it would have earned. */
export interface OpportunityCost {
  readonly window: { readonly start: string; readonly end: string };
  readonly price: string;
  readonly hashpriceUsdPerThDay: number;
  readonly hashpriceUsdPerThDayLo: number;
  readonly hashpriceUsdPerThDayHi: number;
  /** attacker EH/s × 10⁶ TH/s per EH/s × hash price ÷ 24 h. */
  readonly costPerHourUsd: number;
  readonly costPerHourUsdLo: number;
  readonly costPerHourUsdHi: number;
  readonly totalCostUsd: number;
  readonly method: string;
}

async function opportunityCost(r: CostRequest, attackerEhs: number, durationHours: number, ctx: QueryContext): Promise<OpportunityCost> {
  const econ = await queryEconomics({ window: r.hashpriceWindow ?? '30d', at: r.hashpriceAt }, ctx);
  const row = econ.rows[0];
  if (!row || typeof row.hash_price_usd !== 'number') throw new UsageError(`invalid hashpriceAt: ${r.hashpriceAt} (no hash price for that window)`);
  const perHour = (hp: number) => (attackerEhs * 1e6 * hp) / 24;
  const hp = row.hash_price_usd;
  return {
    window: { start: String(row.window_start), end: String(row.window_end) },
    price: econ.price,
    hashpriceUsdPerThDay: hp,
    hashpriceUsdPerThDayLo: row.hash_price_lo_usd as number,
    hashpriceUsdPerThDayHi: row.hash_price_hi_usd as number,
    costPerHourUsd: perHour(hp),
    costPerHourUsdLo: perHour(row.hash_price_lo_usd as number),
    costPerHourUsdHi: perHour(row.hash_price_hi_usd as number),
    totalCostUsd: perHour(hp) * durationHours,
    method: 'opportunity cost: the revenue honest mining with the attacker\'s hash would have earned at the observed hash price (real subsidy + fees per TH/s per day over the window); interval from the network hash-rate interval',
  };
}

function operatingCost(r: CostRequest): OperatingCost {
  const energy = r.efficiencyJTh !== undefined || r.electricityUsdKwh !== undefined;
  if (energy && r.hashpriceUsdPhDay !== undefined) {
    throw new UsageError('invalid cost options: give either efficiencyJTh with electricityUsdKwh, or hashpriceUsdPhDay, not both');
  }
  if (r.hashpriceUsdPhDay !== undefined) return { kind: 'hashprice', hashpriceUsdPerPhDay: parseNumberParam('hashpriceUsdPhDay', r.hashpriceUsdPhDay, { min: 0 }) };
  if (r.efficiencyJTh === undefined || r.electricityUsdKwh === undefined) {
    throw new UsageError('invalid cost options: give efficiencyJTh and electricityUsdKwh together, or hashpriceUsdPhDay');
  }
  return {
    kind: 'energy',
    efficiencyJPerTh: parseNumberParam('efficiencyJTh', r.efficiencyJTh, { min: 0, minExclusive: true }),
    electricityUsdPerKwh: parseNumberParam('electricityUsdKwh', r.electricityUsdKwh, { min: 0 }),
  };
}

export function queryAttackCost(r: CostRequest): AttackCost & { readonly shareBasis: ShareBasis } {
  const shareBasis = parseChoiceParam<ShareBasis>('shareBasis', r.shareBasis ?? 'existing', SHARE_BASES);
  const result = attackCost({
    networkHashrateEhs: parseNumberParam('hashrateEhs', r.hashrateEhs ?? '', { min: 0, minExclusive: true }),
    share01: parseNumberParam('share', r.share, { min: 0, max: 1, maxExclusive: shareBasis === 'added' }),
    shareBasis,
    cost: operatingCost(r),
    btcPriceUsd: parseNumberParam('btcPriceUsd', r.btcPriceUsd, { min: 0 }),
    height: r.height === undefined ? undefined : parseNumberParam('height', r.height, { min: 0, integer: true }),
    feesBtcPerBlock: parseNumberParam('feesBtcPerBlock', r.feesBtcPerBlock ?? 0, { min: 0 }),
    durationHours: parseNumberParam('durationHours', r.durationHours ?? 1, { min: 0, max: 1e6 }),
  });
  return { shareBasis, ...result };
}

/**
 * The cost query with the network hash rate taken from the data when not given: the latest
 * complete 7-day estimate (store chain, per-block data or the embedded default with the difficulty
 * history), and the cost at both ends of its interval, since cost scales with hash rate.
 */
export async function queryAttackCostFromData(
  r: CostRequest,
  ctx: QueryContext,
): Promise<ReturnType<typeof queryAttackCost> & { readonly networkHashrate?: LatestHashrate & { readonly costPerHourUsdLo: number; readonly costPerHourUsdHi: number }; readonly opportunity?: OpportunityCost }> {
  if (r.hashpriceWindow !== undefined && r.hashpriceAt === undefined) throw new UsageError('invalid hashpriceWindow: needs hashpriceAt (the last day of the window)');
  const withOpportunity = async <T extends ReturnType<typeof queryAttackCost>>(base: T) =>
    r.hashpriceAt === undefined ? base : { ...base, opportunity: await opportunityCost(r, base.attackerHashrateEhs, base.durationHours, ctx) };
  if (r.hashrateEhs !== undefined) return withOpportunity(queryAttackCost(r));
  const latest = await latestHashrate(ctx);
  const mid = queryAttackCost({ ...r, hashrateEhs: latest.ehs });
  const lo = queryAttackCost({ ...r, hashrateEhs: latest.loEhs });
  const hi = queryAttackCost({ ...r, hashrateEhs: latest.hiEhs });
  return withOpportunity({ ...mid, networkHashrate: { ...latest, costPerHourUsdLo: lo.costPerHourUsd, costPerHourUsdHi: hi.costPerHourUsd } });
}
