/**
 * @module Decode the SCALE result of `NeuronInfoRuntimeApi_get_neurons_lite(netuid)`:
 * `Vec<NeuronInfoLite<AccountId32>>` with the fixed layout of opentensor/subtensor
 * `pallets/subtensor/src/rpc_info/neuron_info.rs` (hotkey, coldkey, Compact uid/netuid, active,
 * AxonInfo, PrometheusInfo, stake Vec<(AccountId, Compact<u64>)>, Compact u16 scores, Compact
 * emission and last_update, validator_permit, Compact pruning_score). No runtime metadata needed.
 */
import { encodeSs58 } from './ss58.js';
import { ScaleReader } from './scale-reader.js';

export interface AxonInfo {
  readonly block: bigint;
  readonly version: number;
  /** IPv4 in the low 32 bits, or a full IPv6 address (ipType 6). 0 when the neuron serves no axon. */
  readonly ip: bigint;
  readonly port: number;
  readonly ipType: number;
  readonly protocol: number;
}

export interface PrometheusInfo {
  readonly block: bigint;
  readonly version: number;
  readonly ip: bigint;
  readonly port: number;
  readonly ipType: number;
}

export interface NeuronLite {
  readonly hotkey: string;
  readonly coldkey: string;
  readonly uid: number;
  readonly netuid: number;
  readonly active: boolean;
  readonly axon: AxonInfo;
  readonly prometheus: PrometheusInfo;
  /** (coldkey, alpha in rao) pairs; the runtime returns one pair: the hotkey owner and the hotkey's stake on the subnet. */
  readonly stake: readonly { readonly coldkey: string; readonly rao: bigint }[];
  readonly rankU16: number;
  readonly emissionRao: bigint;
  readonly incentiveU16: number;
  readonly consensusU16: number;
  readonly trustU16: number;
  readonly validatorTrustU16: number;
  readonly dividendsU16: number;
  readonly lastUpdate: number;
  readonly validatorPermit: boolean;
  readonly pruningScoreU16: number;
}

const U16 = 0xffff;

export function readAccountId(r: ScaleReader, field: string): string {
  return encodeSs58(r.take(32, field));
}

function readAxon(r: ScaleReader, f: string): AxonInfo {
  const block = r.u64(`${f}.block`);
  const version = r.u32(`${f}.version`);
  const ip = r.u128(`${f}.ip`);
  const port = r.u16(`${f}.port`);
  const ipType = r.u8(`${f}.ip_type`);
  const protocol = r.u8(`${f}.protocol`);
  r.u8(`${f}.placeholder1`);
  r.u8(`${f}.placeholder2`);
  return { block, version, ip, port, ipType, protocol };
}

function readPrometheus(r: ScaleReader, f: string): PrometheusInfo {
  const block = r.u64(`${f}.block`);
  const version = r.u32(`${f}.version`);
  const ip = r.u128(`${f}.ip`);
  const port = r.u16(`${f}.port`);
  const ipType = r.u8(`${f}.ip_type`);
  return { block, version, ip, port, ipType };
}

/** Smallest encoding of one NeuronInfoLite: 2 keys + 6 one-byte compacts/bools + axon 34 + prometheus 31 + … */
const MIN_NEURON_BYTES = 64 + 2 + 1 + 34 + 31 + 1 + 10 + 1 + 1;

function readNeuron(r: ScaleReader, i: number): NeuronLite {
  const f = `neurons[${i}]`;
  const hotkey = readAccountId(r, `${f}.hotkey`);
  const coldkey = readAccountId(r, `${f}.coldkey`);
  const uid = r.compactNumber(`${f}.uid`, U16);
  const netuid = r.compactNumber(`${f}.netuid`, U16);
  const active = r.bool(`${f}.active`);
  const axon = readAxon(r, `${f}.axon_info`);
  const prometheus = readPrometheus(r, `${f}.prometheus_info`);
  const stake = r.vec(`${f}.stake`, 33, (k) => ({ coldkey: readAccountId(r, `${f}.stake[${k}].0`), rao: r.compact(`${f}.stake[${k}].1`) }));
  const rankU16 = r.compactNumber(`${f}.rank`, U16);
  const emissionRao = r.compact(`${f}.emission`);
  const incentiveU16 = r.compactNumber(`${f}.incentive`, U16);
  const consensusU16 = r.compactNumber(`${f}.consensus`, U16);
  const trustU16 = r.compactNumber(`${f}.trust`, U16);
  const validatorTrustU16 = r.compactNumber(`${f}.validator_trust`, U16);
  const dividendsU16 = r.compactNumber(`${f}.dividends`, U16);
  const lastUpdate = r.compactNumber(`${f}.last_update`);
  const validatorPermit = r.bool(`${f}.validator_permit`);
  const pruningScoreU16 = r.compactNumber(`${f}.pruning_score`, U16);
  return {
    hotkey, coldkey, uid, netuid, active, axon, prometheus, stake, rankU16, emissionRao, incentiveU16,
    consensusU16, trustU16, validatorTrustU16, dividendsU16, lastUpdate, validatorPermit, pruningScoreU16,
  };
}

/** Decode the whole `Vec<NeuronInfoLite>`; every byte must be consumed. */
export function decodeNeuronsLite(bytes: Uint8Array, input: string): NeuronLite[] {
  const r = new ScaleReader(bytes, input);
  const neurons = r.vec('neurons', MIN_NEURON_BYTES, (i) => readNeuron(r, i));
  r.expectEnd('Vec<NeuronInfoLite>');
  return neurons;
}
