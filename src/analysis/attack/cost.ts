/**
 * @module Cost of running (or renting) a share of the hash rate versus the block rewards it earns,
 * per hour: the flow side of Budish (2018, "The Economic Limits of Bitcoin and the Blockchain").
 * Pinned conventions: `share01` is the attacker's share of the total hash rate **including** its
 * own (`shareBasis: 'existing'`: the attacker already is part of the stated network hash rate,
 * hashrate = share·H; `'added'`: the attacker brings new hardware, hashrate = share/(1−share)·H).
 * Blocks arrive at the 10-minute target (6 per hour, i.e. after difficulty has adjusted), so the
 * attacker expects 6·share blocks per hour.
 */
import { UsageError } from '../../domain/errors.js';
import { blockSubsidySats, SATS_PER_BTC } from './subsidy.js';
import { requireInRange, requireInteger, requireNonNegative, requirePositive, requireProbability } from './validate.js';

export const BLOCKS_PER_HOUR = 6;
/** Height used when none is given: the first block of the 3.125 BTC era (April 2024). */
export const DEFAULT_HEIGHT = 840_000;

export type ShareBasis = 'existing' | 'added';
export const SHARE_BASES: readonly ShareBasis[] = ['existing', 'added'];

export type OperatingCost =
  | { readonly kind: 'energy'; readonly efficiencyJPerTh: number; readonly electricityUsdPerKwh: number }
  | { readonly kind: 'hashprice'; readonly hashpriceUsdPerPhDay: number };

export interface AttackCostInput {
  readonly networkHashrateEhs: number;
  readonly share01: number;
  readonly shareBasis?: ShareBasis;
  readonly cost: OperatingCost;
  readonly btcPriceUsd: number;
  /** Block height fixing the subsidy (default DEFAULT_HEIGHT). */
  readonly height?: number;
  readonly feesBtcPerBlock?: number;
  /** Length of the attack for the totals (default 1 hour). */
  readonly durationHours?: number;
}

export interface AttackCost {
  readonly attackerHashrateEhs: number;
  /** Electrical power drawn (energy mode only; null when renting at a hash price). */
  readonly powerMw: number | null;
  readonly costPerHourUsd: number;
  readonly height: number;
  readonly subsidyBtc: number;
  readonly feesBtcPerBlock: number;
  readonly rewardPerBlockBtc: number;
  readonly attackerBlocksPerHour: number;
  /** Block rewards the share earns per hour: 6·share·(subsidy + fees)·price. */
  readonly rewardsPerHourUsd: number;
  /** What the whole network is paid per hour: 6·(subsidy + fees)·price (Budish's flow). */
  readonly networkRewardsPerHourUsd: number;
  /** cost / rewards: > 1 means the share loses money at these prices. */
  readonly costToRewardRatio: number | null;
  readonly durationHours: number;
  readonly totalCostUsd: number;
  readonly totalRewardsUsd: number;
  readonly netCostUsd: number;
}

/** Attacker hash rate in EH/s for a share of the total under the chosen basis. */
export function attackerHashrateEhs(networkHashrateEhs: number, share01: number, basis: ShareBasis = 'existing'): number {
  requirePositive(networkHashrateEhs, 'network hash rate (EH/s)');
  requireProbability(share01, 'share');
  if (basis === 'existing') return share01 * networkHashrateEhs;
  if (basis === 'added') {
    if (share01 >= 1) throw new UsageError(`invalid share: ${share01} (with basis 'added' the share must be < 1)`);
    return (share01 / (1 - share01)) * networkHashrateEhs;
  }
  throw new UsageError(`invalid share basis: ${String(basis)} (expected one of ${SHARE_BASES.join(', ')})`);
}

/** Hourly operating cost of a hash rate: energy (EH/s → TH/s × J/TH = W) or rent at a hash price. */
export function costPerHourUsd(hashrateEhs: number, cost: OperatingCost): { costPerHourUsd: number; powerMw: number | null } {
  requireNonNegative(hashrateEhs, 'hash rate (EH/s)');
  if (cost.kind === 'energy') {
    const eff = requirePositive(cost.efficiencyJPerTh, 'efficiency (J/TH)');
    const price = requireNonNegative(cost.electricityUsdPerKwh, 'electricity price (USD/kWh)');
    const watts = hashrateEhs * 1e6 * eff; // TH/s × J/TH = J/s
    return { costPerHourUsd: (watts / 1000) * price, powerMw: watts / 1e6 };
  }
  if (cost.kind === 'hashprice') {
    const hp = requireNonNegative(cost.hashpriceUsdPerPhDay, 'hash price (USD/PH/day)');
    return { costPerHourUsd: (hashrateEhs * 1000 * hp) / 24, powerMw: null };
  }
  throw new UsageError(`invalid cost kind: ${String((cost as { kind: unknown }).kind)} (expected energy or hashprice)`);
}

export function attackCost(input: AttackCostInput): AttackCost {
  const basis = input.shareBasis ?? 'existing';
  const hashrate = attackerHashrateEhs(input.networkHashrateEhs, input.share01, basis);
  const { costPerHourUsd: hourly, powerMw } = costPerHourUsd(hashrate, input.cost);
  const price = requireNonNegative(input.btcPriceUsd, 'BTC price (USD)');
  const height = requireInteger(input.height ?? DEFAULT_HEIGHT, 'height', 0);
  const fees = requireNonNegative(input.feesBtcPerBlock ?? 0, 'fees (BTC per block)');
  const duration = requireInRange(input.durationHours ?? 1, 'duration (hours)', 0, 1e6);
  const subsidyBtc = Number(blockSubsidySats(height)) / SATS_PER_BTC;
  const rewardPerBlockBtc = subsidyBtc + fees;
  const networkRewardsPerHourUsd = BLOCKS_PER_HOUR * rewardPerBlockBtc * price;
  const attackerBlocksPerHour = BLOCKS_PER_HOUR * input.share01;
  const rewardsPerHourUsd = attackerBlocksPerHour * rewardPerBlockBtc * price;
  return {
    attackerHashrateEhs: hashrate,
    powerMw,
    costPerHourUsd: hourly,
    height,
    subsidyBtc,
    feesBtcPerBlock: fees,
    rewardPerBlockBtc,
    attackerBlocksPerHour,
    rewardsPerHourUsd,
    networkRewardsPerHourUsd,
    costToRewardRatio: rewardsPerHourUsd > 0 ? hourly / rewardsPerHourUsd : null,
    durationHours: duration,
    totalCostUsd: hourly * duration,
    totalRewardsUsd: rewardsPerHourUsd * duration,
    netCostUsd: (hourly - rewardsPerHourUsd) * duration,
  };
}
