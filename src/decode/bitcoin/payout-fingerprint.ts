/**
 * @module The payout structure of a coinbase, with addresses and amounts taken out: output count,
 * each output's script type in order, dust outputs (≤ 546 sat, not OP_RETURN), where the witness
 * commitment sits, how many OP_RETURN commitments there are. Pools that hand out one operator's
 * coinbase template share it even when each keeps its own payout addresses (docs/control.md).
 * Needs the coinbase outputs: full blocks, a node, Esplora, blk files or stratum jobs — not
 * Blockchair's dumps. Pure.
 */
import type { CoinbaseOutput } from '../../domain/block.js';
import { ByteReader } from './byte-reader.js';
import { readCoinbaseTransaction } from './coinbase.js';
import { MAINNET } from './address.js';
import { fromHex } from './hex.js';

export const DUST_SATS = 546n;

export interface PayoutShape {
  readonly outputs: number;
  /** Script types in output order, dust outputs marked `:dust`. */
  readonly types: readonly string[];
  readonly dust: number;
  /** Index of the witness commitment output, or null. */
  readonly witnessCommitmentAt: number | null;
  readonly opReturns: number;
  /** Canonical string, e.g. `p2sh:dust p2sh op_return witness_commitment`. */
  readonly key: string;
}

export function payoutShape(outputs: readonly Pick<CoinbaseOutput, 'valueSats' | 'type'>[]): PayoutShape {
  const types = outputs.map((o) => (o.type !== 'op_return' && o.type !== 'witness_commitment' && o.valueSats <= DUST_SATS ? `${o.type}:dust` : o.type));
  const wc = outputs.findIndex((o) => o.type === 'witness_commitment');
  return {
    outputs: outputs.length,
    types,
    dust: types.filter((t) => t.endsWith(':dust')).length,
    witnessCommitmentAt: wc < 0 ? null : wc,
    opReturns: outputs.filter((o) => o.type === 'op_return').length,
    key: types.join(' '),
  };
}

/** Outputs of a serialized coinbase transaction (hex; e.g. a stratum job's coinbase1 + extranonces + coinbase2). */
export function coinbaseOutputsFromHex(txHex: string, input = '<coinbase>'): readonly CoinbaseOutput[] {
  const bytes = fromHex(txHex, input);
  const header = { hash: '', version: 2, prevHash: '', merkleRoot: '', timeSec: 0, bits: 0, nonce: 0, difficulty: 0 };
  return readCoinbaseTransaction(new ByteReader(bytes, input), header, MAINNET, false).outputs;
}
