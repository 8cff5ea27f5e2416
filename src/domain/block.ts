/**
 * @module Bitcoin block records shared by decode → attribute → store.
 */

/** One coinbase output. `address` is null for outputs with no standard address (P2PK, OP_RETURN, bare multisig). */
export interface CoinbaseOutput {
  readonly valueSats: bigint;
  readonly scriptHex: string;
  readonly type: 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr' | 'p2pk' | 'multisig' | 'op_return' | 'witness_commitment' | 'witness_unknown' | 'nonstandard';
  readonly address: string | null;
  /** For p2pk: the public key hex (some rule sets identify pools by it). For op_return: the pushed data hex. For witness_commitment: the 32-byte commitment hex. */
  readonly data?: string;
  /** For bare multisig: the public keys (hex, script order) and how many signatures are required (m of n). */
  readonly pubkeys?: readonly string[];
  readonly requiredSigs?: number;
}

/**
 * A merged-mining commitment in a coinbase scriptSig: magic `fabe6d6d` followed by the 32-byte
 * aux-chain merkle root (Namecoin AuxPoW style), then optionally 4-byte merkle size and nonce.
 */
export interface MergedMiningMarker {
  /** Byte offset of the magic within the scriptSig. */
  readonly offset: number;
  /** The 32 bytes after the magic, hex, in the order they appear in the scriptSig (not reversed). */
  readonly auxMerkleRootHex: string;
  /** Little-endian u32 after the root (number of aux chains' merkle leaves), null when the scriptSig ends first. */
  readonly merkleSize: number | null;
  /** Little-endian u32 after the size, null when the scriptSig ends first. */
  readonly merkleNonce: number | null;
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

/** Everything the decoder reads from a coinbase transaction (a superset of CoinbaseInfo). */
export interface CoinbaseDetail extends CoinbaseInfo {
  /** The scriptSig with bytes outside printable ASCII (0x20–0x7e) replaced by '.'. */
  readonly scriptSigText: string;
  readonly outputs: readonly CoinbaseOutput[];
  readonly mergedMining: readonly MergedMiningMarker[];
  /** The segwit witness commitment (32 bytes hex) of the last `6a24aa21a9ed…` output, else null. */
  readonly witnessCommitmentHex: string | null;
  /** Coinbase txid (display order, hex); null when not computed. */
  readonly txid: string | null;
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
