/**
 * @module Metagraphs from a recording of real subtensor JSON-RPC responses (the staged
 * `recorded_jsonrpc_block…json` shape: `{ method: { "<JSON params>": response | response[] } }`):
 * for every recorded `NeuronInfoRuntimeApi_get_neurons_lite` call, the matching
 * `SubnetInfoRuntimeApi_get_subnet_state` at the same block hash and the `chain_getHeader` of that
 * hash are decoded exactly as a live read decodes them (same decoders, same join), so an ingested
 * recording equals a fetch replayed from it. Anything missing or undecodable is a DecodeError
 * naming the method and params.
 */
import { DecodeError } from '../../domain/errors.js';
import { decodeHeader } from './header.js';
import { joinMetagraph, type Metagraph } from './metagraph.js';
import { decodeNeuronsLite } from './neuron-lite.js';
import { hexToBytes } from './scale-reader.js';
import { decodeSubnetState } from './subnet-state.js';

type Recording = Record<string, Record<string, unknown>>;

/** True when a parsed JSON document has the shape of a JSON-RPC recording. */
export function isRpcRecording(doc: unknown): doc is Recording {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const d = doc as Record<string, unknown>;
  return typeof d.state_call === 'object' && d.state_call !== null && typeof d.chain_getHeader === 'object' && d.chain_getHeader !== null;
}

/** The first recorded response's `result` (an array of responses is what a repeated request got). */
function result(resp: unknown, input: string, field: string): unknown {
  const r = (Array.isArray(resp) ? resp[0] : resp) as { result?: unknown; error?: unknown } | undefined;
  if (typeof r !== 'object' || r === null) throw new DecodeError({ input, field }, 'recorded response is not a JSON-RPC response object');
  if (r.error !== undefined) throw new DecodeError({ input, field }, `recorded response is an error: ${JSON.stringify(r.error)}`);
  if (!('result' in r)) throw new DecodeError({ input, field }, 'recorded response has no result');
  return r.result;
}

function hexBytes(v: unknown, input: string, field: string): Uint8Array {
  if (typeof v !== 'string') throw new DecodeError({ input, field }, `expected SCALE bytes as a hex string, found ${JSON.stringify(v)?.slice(0, 60)}`);
  return hexToBytes(v, `${input} ${field}`);
}

/** netuid from the runtime-API parameter (SCALE u16, little-endian hex). */
function netuidOf(param: unknown, input: string, field: string): number {
  if (typeof param !== 'string' || !/^[0-9a-fA-F]{4}$/.test(param)) throw new DecodeError({ input, field }, `expected a u16 netuid as 4 hex digits, found ${JSON.stringify(param)}`);
  return parseInt(param.slice(0, 2), 16) | (parseInt(param.slice(2, 4), 16) << 8);
}

/** Every metagraph in the recording, by block then netuid; none is an error. */
export function decodeRecordedMetagraphs(doc: unknown, input: string): Metagraph[] {
  if (!isRpcRecording(doc)) throw new DecodeError({ input, field: '(root)' }, 'not a JSON-RPC recording: expected state_call and chain_getHeader entries');
  const out: Metagraph[] = [];
  const stateCalls = doc.state_call ?? {};
  const headers = doc.chain_getHeader ?? {};
  const calls = Object.entries(stateCalls).map(([key, resp]) => {
    let params: unknown;
    try {
      params = JSON.parse(key);
    } catch {
      throw new DecodeError({ input, field: `state_call[${key.slice(0, 60)}]` }, 'params key is not JSON');
    }
    return { key, params: Array.isArray(params) ? params : [], resp };
  });
  for (const nl of calls.filter((c) => c.params[0] === 'NeuronInfoRuntimeApi_get_neurons_lite')) {
    const [, param, hash] = nl.params;
    const nlField = `state_call[${nl.key}]`;
    const netuid = netuidOf(param, input, nlField);
    if (typeof hash !== 'string') throw new DecodeError({ input, field: nlField }, 'no block hash in the params: cannot date the snapshot');
    const ss = calls.find((c) => c.params[0] === 'SubnetInfoRuntimeApi_get_subnet_state' && c.params[1] === param && c.params[2] === hash);
    if (!ss) throw new DecodeError({ input, field: nlField }, `no SubnetInfoRuntimeApi_get_subnet_state recorded for netuid ${netuid} at ${hash}`);
    const ssField = `state_call[${ss.key}]`;
    const headerResp = headers[JSON.stringify([hash])];
    if (headerResp === undefined) throw new DecodeError({ input, field: `chain_getHeader[${JSON.stringify([hash])}]` }, `no header recorded for ${hash}: cannot date the snapshot`);
    const header = decodeHeader(result(headerResp, input, 'chain_getHeader'), `${input} chain_getHeader(${hash})`);
    const neurons = decodeNeuronsLite(hexBytes(result(nl.resp, input, nlField), input, nlField), `${input} ${nlField}`);
    const state = decodeSubnetState(hexBytes(result(ss.resp, input, ssField), input, ssField), `${input} ${ssField}`);
    if (state === null) throw new DecodeError({ input, field: ssField }, `subnet ${netuid} does not exist at block ${header.number}`);
    const rows = joinMetagraph(neurons, state, netuid, `${input} metagraph of subnet ${netuid} at ${hash}`);
    out.push({ netuid, block: header.number, blockHash: hash, timeSec: header.timeSec, rows });
  }
  if (out.length === 0) throw new DecodeError({ input, field: 'state_call' }, 'no NeuronInfoRuntimeApi_get_neurons_lite response recorded: nothing to ingest');
  return out.sort((a, b) => a.block - b.block || a.netuid - b.netuid);
}
