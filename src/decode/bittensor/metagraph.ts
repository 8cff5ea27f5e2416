/**
 * @module One row per UID of a subnet's metagraph, joined from the two runtime-API results
 * (`get_neurons_lite` for scores, axon and the hotkey's alpha stake; `get_subnet_state` for
 * registration block and the alpha / TAO / total stake weights). The join checks that the fields
 * both calls return agree for every UID: a mismatch is a DecodeError, never a silent pick.
 * Raw chain units are kept (rao, u16); see `units.ts` for TAO / alpha and 0–1.
 */
import { DecodeError } from '../../domain/errors.js';
import type { NeuronLite } from './neuron-lite.js';
import type { SubnetState } from './subnet-state.js';

export interface MetagraphRow {
  readonly uid: number;
  readonly hotkey: string;
  readonly coldkey: string;
  readonly active: boolean;
  readonly validatorPermit: boolean;
  /** neurons_lite `stake`: alpha staked on the hotkey in this subnet (rao). */
  readonly stakeAlphaRao: bigint;
  /** subnet_state stake weights (rao): alpha, root TAO, and total = alpha + tao_weight × TAO. */
  readonly alphaStakeRao: bigint;
  readonly taoStakeRao: bigint;
  readonly totalStakeRao: bigint;
  readonly rankU16: number;
  readonly trustU16: number;
  readonly consensusU16: number;
  readonly incentiveU16: number;
  readonly dividendsU16: number;
  readonly validatorTrustU16: number;
  readonly emissionRao: bigint;
  readonly lastUpdate: number;
  readonly blockAtRegistration: number;
  readonly pruningScoreU16: number;
  /** Served axon address ('' when none). */
  readonly axonIp: string;
  /** Served axon port (null when no axon). */
  readonly axonPort: number | null;
}

/** A metagraph read at one block. */
export interface Metagraph {
  readonly netuid: number;
  readonly block: number;
  readonly blockHash: string | null;
  /** Block time, UTC seconds. */
  readonly timeSec: number;
  readonly rows: readonly MetagraphRow[];
}

/** u128 IP → text: dotted quad for IPv4 (ip_type 4), RFC 5952 compressed form for IPv6. */
export function formatAxonIp(ip: bigint, ipType: number): string {
  if (ip === 0n) return '';
  if (ipType === 4 || (ipType !== 6 && ip <= 0xffffffffn)) {
    const v = Number(ip & 0xffffffffn);
    return [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff].join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip >> BigInt(16 * i)) & 0xffffn));
  // Longest run (≥ 2) of zero groups becomes '::' (first one on ties).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** Join the two runtime-API results into rows, checking that shared fields agree for every UID. */
export function joinMetagraph(neurons: readonly NeuronLite[], state: SubnetState, netuid: number, input: string): MetagraphRow[] {
  const fail = (field: string, reason: string): never => {
    throw new DecodeError({ input, field }, reason);
  };
  if (state.netuid !== netuid) fail('subnet_state.netuid', `subnet_state is for netuid ${state.netuid}, expected ${netuid}`);
  const n = neurons.length;
  const vectors: [string, number][] = [
    ['hotkeys', state.hotkeys.length], ['coldkeys', state.coldkeys.length], ['active', state.active.length],
    ['validator_permit', state.validatorPermit.length], ['pruning_score', state.pruningScoreU16.length],
    ['last_update', state.lastUpdate.length], ['emission', state.emissionRao.length], ['dividends', state.dividendsU16.length],
    ['incentives', state.incentivesU16.length], ['consensus', state.consensusU16.length], ['trust', state.trustU16.length],
    ['rank', state.rankU16.length], ['block_at_registration', state.blockAtRegistration.length],
    ['alpha_stake', state.alphaStakeRao.length], ['tao_stake', state.taoStakeRao.length], ['total_stake', state.totalStakeRao.length],
  ];
  for (const [name, len] of vectors) if (len !== n) fail(`subnet_state.${name}`, `has ${len} entries, neurons_lite has ${n} neurons`);
  return neurons.map((nu, i) => {
    const at = (f: string): string => `uid ${i}.${f}`;
    if (nu.uid !== i) fail(at('uid'), `neurons_lite[${i}] has uid ${nu.uid}; expected UIDs 0..${n - 1} in order`);
    if (nu.netuid !== netuid) fail(at('netuid'), `neuron is on netuid ${nu.netuid}, expected ${netuid}`);
    const same = (f: string, a: unknown, b: unknown): void => {
      if (a !== b) fail(at(f), `neurons_lite says ${String(a)}, subnet_state says ${String(b)}`);
    };
    same('hotkey', nu.hotkey, state.hotkeys[i]);
    same('coldkey', nu.coldkey, state.coldkeys[i]);
    same('active', nu.active, state.active[i]);
    same('validator_permit', nu.validatorPermit, state.validatorPermit[i]);
    same('rank', nu.rankU16, state.rankU16[i]);
    same('trust', nu.trustU16, state.trustU16[i]);
    same('consensus', nu.consensusU16, state.consensusU16[i]);
    same('incentive', nu.incentiveU16, state.incentivesU16[i]);
    same('dividends', nu.dividendsU16, state.dividendsU16[i]);
    same('emission', nu.emissionRao, state.emissionRao[i]);
    same('last_update', nu.lastUpdate, state.lastUpdate[i]);
    same('pruning_score', nu.pruningScoreU16, state.pruningScoreU16[i]);
    const axonIp = formatAxonIp(nu.axon.ip, nu.axon.ipType);
    return {
      uid: i,
      hotkey: nu.hotkey,
      coldkey: nu.coldkey,
      active: nu.active,
      validatorPermit: nu.validatorPermit,
      stakeAlphaRao: nu.stake.reduce((s, x) => s + x.rao, 0n),
      alphaStakeRao: state.alphaStakeRao[i]!,
      taoStakeRao: state.taoStakeRao[i]!,
      totalStakeRao: state.totalStakeRao[i]!,
      rankU16: nu.rankU16,
      trustU16: nu.trustU16,
      consensusU16: nu.consensusU16,
      incentiveU16: nu.incentiveU16,
      dividendsU16: nu.dividendsU16,
      validatorTrustU16: nu.validatorTrustU16,
      emissionRao: nu.emissionRao,
      lastUpdate: nu.lastUpdate,
      blockAtRegistration: state.blockAtRegistration[i]!,
      pruningScoreU16: nu.pruningScoreU16,
      axonIp,
      axonPort: axonIp === '' ? null : nu.axon.port,
    };
  });
}
