/**
 * @module Read a subnet's metagraph from a subtensor node over WebSocket JSON-RPC, without
 * runtime metadata: resolve the block (`chain_getHead`, or `chain_getBlockHash(n)`), date it from
 * its header (`chain_getHeader`), call the two runtime APIs with `state_call` at that hash, and
 * decode the SCALE results with fixed type definitions (decode/bittensor). Needs network access
 * to a node, e.g. `wss://entrypoint-finney.opentensor.ai:443`.
 */
import { DecodeError, NotFoundError, UsageError } from '../../domain/errors.js';
import { decodeHeader } from '../../decode/bittensor/header.js';
import { joinMetagraph } from '../../decode/bittensor/metagraph.js';
import { decodeNeuronsLite } from '../../decode/bittensor/neuron-lite.js';
import { hexToBytes } from '../../decode/bittensor/scale-reader.js';
import type { MetagraphSnapshot } from '../../decode/bittensor/snapshot-json.js';
import { decodeSubnetState } from '../../decode/bittensor/subnet-state.js';
import { WsJsonRpcClient, type WsRpcOptions } from './ws-json-rpc.js';

/** Public finney endpoint of the Opentensor Foundation. */
export const FINNEY_URL = 'wss://entrypoint-finney.opentensor.ai:443';

export interface LiveMetagraphOptions extends WsRpcOptions {
  /** Read at this block number (default: the node's best head). Ignored when `blockHash` is given. */
  readonly block?: number;
  readonly blockHash?: string;
  /** Reuse an open client (it is not closed afterwards). */
  readonly client?: WsJsonRpcClient;
  /** Clock for `fetchedAtSec` (default Date.now). */
  readonly now?: () => number;
}

const HASH_RE = /^0x[0-9a-f]{64}$/;

/** netuid as the runtime APIs take it: SCALE u16, little-endian hex without `0x` (as the Python SDK sends it). */
export function netuidParam(netuid: number): string {
  return Buffer.from([netuid & 0xff, netuid >> 8]).toString('hex');
}

function hashResult(v: unknown, input: string): string {
  if (typeof v === 'string' && HASH_RE.test(v)) return v;
  if (v === null) throw new NotFoundError(`${input}: the node knows no such block`);
  throw new DecodeError({ input, field: 'result' }, `expected a 32-byte block hash, found ${JSON.stringify(v)}`);
}

function hexResult(v: unknown, input: string): Uint8Array {
  if (typeof v !== 'string') throw new DecodeError({ input, field: 'result' }, `expected SCALE bytes as a hex string, found ${JSON.stringify(v)}`);
  return hexToBytes(v, input);
}

/** Fetch and decode the metagraph of `netuid` (all UIDs, every column of the metagraph CSV). */
export async function fetchLiveMetagraph(url: string, netuid: number, opts: LiveMetagraphOptions = {}): Promise<MetagraphSnapshot> {
  if (!/^wss?:\/\//.test(url)) throw new UsageError(`invalid subtensor URL: ${url} (expected ws:// or wss://)`);
  if (!Number.isInteger(netuid) || netuid < 0 || netuid > 0xffff) throw new UsageError(`invalid netuid: ${netuid} (expected an integer 0–65535)`);
  if (opts.block !== undefined && (!Number.isSafeInteger(opts.block) || opts.block < 0)) throw new UsageError(`invalid block: ${opts.block}`);
  if (opts.blockHash !== undefined && !HASH_RE.test(opts.blockHash)) throw new UsageError(`invalid block hash: ${opts.blockHash} (expected 0x + 64 lowercase hex digits)`);
  const client = opts.client ?? new WsJsonRpcClient(url, opts);
  try {
    let hash: string;
    if (opts.blockHash !== undefined) hash = opts.blockHash;
    else if (opts.block !== undefined) hash = hashResult(await client.call('chain_getBlockHash', [opts.block]), `${url} chain_getBlockHash(${opts.block})`);
    else hash = hashResult(await client.call('chain_getHead', []), `${url} chain_getHead`);
    const headerInput = `${url} chain_getHeader(${hash})`;
    const headerJson = await client.call('chain_getHeader', [hash]);
    if (headerJson === null) throw new NotFoundError(`${headerInput}: the node has no header for this hash`);
    const header = decodeHeader(headerJson, headerInput);
    if (opts.block !== undefined && opts.blockHash === undefined && header.number !== opts.block) {
      throw new DecodeError({ input: headerInput, field: 'number' }, `header is block ${header.number}, asked for ${opts.block}`);
    }
    const param = netuidParam(netuid);
    const nlInput = `${url} state_call NeuronInfoRuntimeApi_get_neurons_lite(${netuid}) at ${hash}`;
    const ssInput = `${url} state_call SubnetInfoRuntimeApi_get_subnet_state(${netuid}) at ${hash}`;
    const [nlRaw, ssRaw] = await Promise.all([
      client.call('state_call', ['NeuronInfoRuntimeApi_get_neurons_lite', param, hash]),
      client.call('state_call', ['SubnetInfoRuntimeApi_get_subnet_state', param, hash]),
    ]);
    const neurons = decodeNeuronsLite(hexResult(nlRaw, nlInput), nlInput);
    const state = decodeSubnetState(hexResult(ssRaw, ssInput), ssInput);
    if (state === null) throw new NotFoundError(`subnet ${netuid} does not exist at block ${header.number} (${url})`);
    const rows = joinMetagraph(neurons, state, netuid, `${url} metagraph of subnet ${netuid} at ${hash}`);
    const nowMs = (opts.now ?? Date.now)();
    return { netuid, block: header.number, blockHash: hash, timeSec: header.timeSec, rows, source: url, fetchedAtSec: Math.floor(nowMs / 1000) };
  } finally {
    if (!opts.client) await client.close();
  }
}
