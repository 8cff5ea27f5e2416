/**
 * @module Decode the SCALE result of `SubnetInfoRuntimeApi_get_subnet_state(netuid)`:
 * `Option<SubnetState<AccountId32>>` with the fixed layout of opentensor/subtensor
 * `pallets/subtensor/src/rpc_info/show_subnet.rs` — one vector per field, indexed by UID.
 * Stakes are the chain's stake weights: alpha, TAO (root) and total = alpha + tao_weight × TAO.
 */
import { readAccountId } from './neuron-lite.js';
import { ScaleReader } from './scale-reader.js';

export interface SubnetState {
  readonly netuid: number;
  readonly hotkeys: readonly string[];
  readonly coldkeys: readonly string[];
  readonly active: readonly boolean[];
  readonly validatorPermit: readonly boolean[];
  readonly pruningScoreU16: readonly number[];
  readonly lastUpdate: readonly number[];
  readonly emissionRao: readonly bigint[];
  readonly dividendsU16: readonly number[];
  readonly incentivesU16: readonly number[];
  readonly consensusU16: readonly number[];
  readonly trustU16: readonly number[];
  readonly rankU16: readonly number[];
  readonly blockAtRegistration: readonly number[];
  readonly alphaStakeRao: readonly bigint[];
  readonly taoStakeRao: readonly bigint[];
  readonly totalStakeRao: readonly bigint[];
  /** Last emission per hotkey on each subnet: `[subnet index][hotkey index]`. */
  readonly emissionHistoryRao: readonly (readonly bigint[])[];
}

const U16 = 0xffff;

/** Decode `Option<SubnetState>`; `null` when the subnet does not exist (0x00). Every byte must be consumed. */
export function decodeSubnetState(bytes: Uint8Array, input: string): SubnetState | null {
  const r = new ScaleReader(bytes, input);
  const tag = r.u8('Option');
  if (tag === 0) {
    r.expectEnd('Option<SubnetState> (None)');
    return null;
  }
  if (tag !== 1) r.fail('Option', `invalid Option tag ${tag}`, 0);
  const u16s = (f: string): number[] => r.vec(f, 1, (i) => r.compactNumber(`${f}[${i}]`, U16));
  const u64s = (f: string): number[] => r.vec(f, 1, (i) => r.compactNumber(`${f}[${i}]`));
  const raos = (f: string): bigint[] => r.vec(f, 1, (i) => r.compact(`${f}[${i}]`));
  const bools = (f: string): boolean[] => r.vec(f, 1, (i) => r.bool(`${f}[${i}]`));
  const netuid = r.compactNumber('netuid', U16);
  const hotkeys = r.vec('hotkeys', 32, (i) => readAccountId(r, `hotkeys[${i}]`));
  const coldkeys = r.vec('coldkeys', 32, (i) => readAccountId(r, `coldkeys[${i}]`));
  const active = bools('active');
  const validatorPermit = bools('validator_permit');
  const pruningScoreU16 = u16s('pruning_score');
  const lastUpdate = u64s('last_update');
  const emissionRao = raos('emission');
  const dividendsU16 = u16s('dividends');
  const incentivesU16 = u16s('incentives');
  const consensusU16 = u16s('consensus');
  const trustU16 = u16s('trust');
  const rankU16 = u16s('rank');
  const blockAtRegistration = u64s('block_at_registration');
  const alphaStakeRao = raos('alpha_stake');
  const taoStakeRao = raos('tao_stake');
  const totalStakeRao = raos('total_stake');
  const emissionHistoryRao = r.vec('emission_history', 1, (s) => raos(`emission_history[${s}]`));
  r.expectEnd('Option<SubnetState>');
  return {
    netuid, hotkeys, coldkeys, active, validatorPermit, pruningScoreU16, lastUpdate, emissionRao, dividendsU16,
    incentivesU16, consensusU16, trustU16, rankU16, blockAtRegistration, alphaStakeRao, taoStakeRao, totalStakeRao,
    emissionHistoryRao,
  };
}
