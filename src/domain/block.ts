/**
 * @module Bitcoin block records shared by decode → attribute → store.
 */

/** One coinbase output. `address` is null for outputs with no standard address (P2PK, OP_RETURN, bare multisig). */
export interface CoinbaseOutput {
  readonly valueSats: bigint;
  readonly scriptHex: string;
  readonly type: 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr' | 'p2pk' | 'multisig' | 'op_return' | 'witness_commitment' | 'witness_unknown' | 'nonstandard';
  readonly address: string | null;
  /** For p2pk: the public key hex (some rule sets identify pools by it). For op_return: the pushed data hex. */
  readonly data?: string;
}

/** What attribution needs from a block: the coinbase scriptSig and its payout addresses. */
export interface CoinbaseInfo {
  readonly height: number | null;
  readonly timeSec?: number;
  /** The coinbase input's scriptSig, hex. */
  readonly scriptSigHex: string;
  /** Addresses of the coinbase outputs, in output order (outputs without an address omitted). */
  readonly payoutAddresses: readonly string[];
}

export interface BlockHeader {
  readonly hash: string;
  readonly version: number;
  readonly prevHash: string;
  readonly merkleRoot: string;
  readonly timeSec: number;
  readonly bits: number;
  readonly nonce: number;
  /** Difficulty relative to the genesis target (0x1d00ffff), as Bitcoin Core's getblock reports it. */
  readonly difficulty: number;
}
