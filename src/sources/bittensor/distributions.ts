/**
 * @module Bittensor distributions as ObservationSeries (kind `stock`, one observation per entity
 * at the snapshot time): stake and incentive per coldkey from a metagraph (UIDs grouped under the
 * coldkey that owns their hotkey), and emission per subnet from an all-subnet snapshot. Entities
 * with zero weight are kept: every coldkey holding a UID and every subnet is a known member of the
 * population (metrics such as Gini count them; shares, HHI and the Nakamoto coefficient do not
 * change). Root (netuid 0) is not a subnet that receives emission and is left out.
 */
import { toObservationSeries, type ObservationSeries } from '../../domain/observations.js';
import type { DelegateInfo } from '../../decode/bittensor/delegates.js';
import type { Metagraph, MetagraphRow } from '../../decode/bittensor/metagraph.js';
import type { SubnetRow } from '../../decode/bittensor/subnets.js';
import { raoToToken, u16ToUnit } from '../../decode/bittensor/units.js';
import { coldkeyLabels } from './coldkey-labels.js';

export interface SeriesWithNotes {
  readonly series: ObservationSeries;
  readonly notes: string[];
}

/**
 * Which stake: `total` (default) is the chain's stake weight on the subnet, alpha + tao_weight × root
 * TAO (tao_weight was 0.18), the weight Yuma consensus uses; `alpha` is the alpha staked on the
 * hotkey in the subnet only (neurons_lite `stake`).
 */
export type StakeMeasure = 'total' | 'alpha';

function perColdkey(m: Metagraph, delegates: ReadonlyMap<string, DelegateInfo>, value: (r: MetagraphRow) => number, what: string): SeriesWithNotes {
  const labels = coldkeyLabels(m.rows, delegates);
  const sums = new Map<string, number>();
  const uids = new Map<string, number>();
  for (const r of m.rows) {
    sums.set(r.coldkey, (sums.get(r.coldkey) ?? 0) + value(r));
    uids.set(r.coldkey, (uids.get(r.coldkey) ?? 0) + 1);
  }
  const records: { timeSec: number; entity: string; weight: number }[] = [];
  let zero = 0;
  for (const [coldkey, w] of sums) {
    records.push({ timeSec: m.timeSec, entity: labels.get(coldkey)!, weight: w });
    if (w === 0) zero++;
  }
  const named = [...labels].filter(([coldkey, label]) => label !== coldkey).length;
  return {
    series: toObservationSeries(records, 'stock'),
    notes: [
      `subnet ${m.netuid} at block ${m.block} (${new Date(m.timeSec * 1000).toISOString()}): ${m.rows.length} UIDs, ${sums.size} coldkeys, ${sums.size - zero} with ${what} > 0 (${zero} with none, kept as zero weights)`,
      `${named} coldkey(s) named from the delegate registry (names of registered hotkeys they own); others are shown by SS58 address`,
    ],
  };
}

/** Stake per coldkey, in TAO-equivalent (total) or alpha (alpha); 1 = 1e9 rao. */
export function stakeByColdkey(m: Metagraph, delegates: ReadonlyMap<string, DelegateInfo>, measure: StakeMeasure = 'total'): SeriesWithNotes {
  // Sum in rao (exact) per UID, convert once per UID: the float error is far below 1 rao per coldkey.
  const v = measure === 'total' ? (r: MetagraphRow) => raoToToken(r.totalStakeRao) : (r: MetagraphRow) => raoToToken(r.stakeAlphaRao);
  const out = perColdkey(m, delegates, v, measure === 'total' ? 'stake weight' : 'alpha stake');
  out.notes.push(
    measure === 'total'
      ? 'stake = subnet_state total_stake (alpha + 0.18 × root TAO), the weight Yuma consensus uses; includes stake delegated by nominators to the coldkey\'s hotkeys'
      : 'stake = alpha staked on the hotkeys in this subnet (neurons_lite stake); includes stake delegated by nominators',
  );
  return out;
}

/** Incentive per coldkey: sum of u16 incentive / 65535 over its UIDs (the shares sum to 1 per subnet). */
export function incentiveByColdkey(m: Metagraph, delegates: ReadonlyMap<string, DelegateInfo>): SeriesWithNotes {
  return perColdkey(m, delegates, (r) => u16ToUnit(r.incentiveU16), 'incentive');
}

/** Emission per subnet (entity `SN<netuid> <name>`), weight = the snapshot's emission_tao_day. */
export function subnetEmission(rows: readonly SubnetRow[], timeSec: number): SeriesWithNotes {
  const records = rows.filter((r) => r.netuid !== 0).map((r) => ({ timeSec, entity: `SN${r.netuid} ${r.name}`.trim(), weight: r.emissionTaoPerDay }));
  const total = records.reduce((s, r) => s + r.weight, 0);
  const zero = records.filter((r) => r.weight === 0).length;
  return {
    series: toObservationSeries(records, 'stock'),
    notes: [
      `${rows.length} rows in the snapshot: ${records.length} subnets (root, netuid 0, left out), ${records.length - zero} with emission > 0, ${zero} with none (kept as zero weights)`,
      `sum of emission_tao_day = ${total.toFixed(2)} TAO-equivalent/day: an estimate that double-counts across subnets; only shares are meaningful`,
    ],
  };
}

/** The metagraph restricted to UIDs holding a validator permit (validator stake). */
export function validatorsOf(m: Metagraph): Metagraph {
  return { ...m, rows: m.rows.filter((r) => r.validatorPermit) };
}
