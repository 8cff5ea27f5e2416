/**
 * @module Distributions of Bittensor: emission per subnet, and stake weight and miner incentive per
 * coldkey on one subnet (snapshots; loaders in sources/bittensor/load.ts).
 */
import { UsageError } from '../../domain/errors.js';
import { loadBittensorIncentive, loadBittensorStake, loadBittensorSubnetEmission } from '../../sources/bittensor/load.js';
import type { DistributionEntry } from '../distribution-entry.js';
import { snapshotEntry } from './snapshot-entry.js';

const METAGRAPH_CAVEATS = [
  'One subnet at one block: a snapshot, not an average; SN1 ran 1024 UIDs at the time, most subnets run 256.',
  'Coldkeys are the closest on-chain proxy for an owner, but one operator can use many coldkeys, and stake on a hotkey includes nominators\' delegated stake: this measures control of stake weight, not ownership.',
  'Names come from the self-registered delegate registry (77 hotkeys, last changed 2025-06): a coldkey is named after registered hotkeys it owns; most coldkeys stay anonymous SS58 addresses.',
];

const STAKE_COVERAGE =
  'one snapshot: SN1 at block 6852690 (2025-11-10 15:12:24 UTC), 1024 UIDs, 75 coldkeys (23 with stake; the rest kept as zero weights)';
const STAKE_SOURCE =
  'opentensor/bittensor recorded finney responses (NeuronInfoRuntimeApi_get_neurons_lite + SubnetInfoRuntimeApi_get_subnet_state), decoded to sn1_metagraph_block6852690_2025-11-10.csv; names from opentensor/bittensor-delegates';

export const bittensorSubnetEmission: DistributionEntry = snapshotEntry({
  id: 'bittensor/subnet-emission',
  title: 'Bittensor emission per subnet',
  unit: 'TAO-equivalent per day (author estimate; shares only)',
  entityKind: 'subnet (netuid and name)',
  aggregation: 'stock',
  coverage: 'one snapshot: all 129 subnets on 2026-04-11 (stock at 00:00 UTC of that day)',
  source: 'sudoHayato/bittensor-research subnets_snapshot_2026-04-11.csv (bittensor SDK all_subnets / DynamicInfo; MIT)',
  caveats: [
    'emission_tao_day is the dataset author\'s TAO-equivalent estimate (alpha emission × price + TAO injection, or a pending-rate estimate); the sum (≈ 6,676/day) exceeds real issuance (3,600 TAO/day after the halving): use shares, not absolutes.',
    'Root (netuid 0) is left out; subnets with zero emission (SN96 in this snapshot) stay as zero weights, which Gini and entity counts see.',
    'A subnet is not an owner: one team can own several subnets, and emission is split further among each subnet\'s owner, miners and validators.',
  ],
  level: 'subnet',
  sources: [],
  sourceName: 'bittensor',
  loadStaged: (root) => loadBittensorSubnetEmission(root),
});

export const bittensorStake: DistributionEntry = snapshotEntry({
  id: 'bittensor/stake',
  title: 'Bittensor stake weight per coldkey (one subnet)',
  unit: 'TAO-equivalent (alpha + 0.18 × root TAO; 1 = 1e9 rao)',
  entityKind: 'coldkey (named after registered delegate hotkeys it owns)',
  aggregation: 'stock',
  coverage: STAKE_COVERAGE,
  source: STAKE_SOURCE,
  caveats: [
    ...METAGRAPH_CAVEATS,
    'Default measure is total stake weight (alpha + 0.18 × root TAO); --source alpha: alpha-only stake; --source validators: stake weight of the UIDs holding a validator permit only.',
    'With ingested metagraphs of several subnets, --netuid N picks one and --netuid all gives root TAO stake per coldkey across every subnet at each block (each hotkey once; alphas of different subnets are different tokens and are not added).',
  ],
  level: 'coldkey',
  sources: ['total', 'alpha', 'validators'],
  sourceName: 'bittensor',
  loadStaged: async (root, source) => {
    if (source !== undefined && source !== 'total' && source !== 'alpha' && source !== 'validators') throw new UsageError(`invalid stake measure: ${source} (known: total, alpha, validators)`);
    return loadBittensorStake(root, { measure: source === 'validators' ? 'total' : (source ?? 'total'), validatorsOnly: source === 'validators' });
  },
});

export const bittensorIncentive: DistributionEntry = snapshotEntry({
  id: 'bittensor/incentive',
  title: 'Bittensor miner incentive per coldkey (one subnet)',
  unit: 'share of the subnet\'s incentive (u16 / 65535; sums to 1)',
  entityKind: 'coldkey (named after registered delegate hotkeys it owns)',
  aggregation: 'stock',
  coverage: STAKE_COVERAGE,
  source: STAKE_SOURCE,
  caveats: [
    ...METAGRAPH_CAVEATS,
    'In this snapshot all incentive goes to UID 395, the subnet owner\'s key (an owner burn): one coldkey has share 1 and the other 74 zero, which says nothing about miners.',
    'Incentive is one epoch\'s value, not an average over time.',
  ],
  level: 'coldkey',
  sources: [],
  sourceName: 'bittensor',
  loadStaged: (root) => loadBittensorIncentive(root),
});
