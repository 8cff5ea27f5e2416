/**
 * @module Full path: walk every transaction of a block (counts, sizes, weight) and optionally
 * recompute the merkle root from the txids. The block must end exactly after its last transaction.
 */
import type { BlockHeader, CoinbaseDetail } from '../../domain/block.js';
import { MAINNET } from './address.js';
import { ByteReader } from './byte-reader.js';
import { readCoinbaseTransaction, type DecodeOptions } from './coinbase.js';
import { readHeader } from './header.js';
import { merkleRoot } from './merkle.js';
import { toHexReversed } from './hex.js';
import { MIN_TX_BYTES, newTxSpan, txidOf, walkTransaction, witnessOverhead } from './transaction.js';

export interface FullDecodeOptions extends DecodeOptions {
  /** Recompute the merkle root from all txids and compare with the header. Default true. */
  readonly verifyMerkle?: boolean;
}

export interface DecodedBlock {
  readonly header: BlockHeader;
  readonly txCount: number;
  readonly coinbase: CoinbaseDetail;
  /** Serialized size including witnesses. */
  readonly sizeBytes: number;
  /** Size without witness data (BIP141 "stripped size"). */
  readonly strippedSizeBytes: number;
  /** BIP141 weight = 3 × stripped size + size. */
  readonly weight: number;
  readonly inputCount: number;
  readonly outputCount: number;
  readonly segwitTxCount: number;
  /** Null when not verified. */
  readonly merkleRootValid: boolean | null;
  /**
   * Core's "mutated" flag (CVE-2012-2459): two identical adjacent hashes at some level of the tree,
   * so a different transaction list has the same root. Null when not verified.
   */
  readonly merkleMutated: boolean | null;
}

/** Decode a whole block; DecodeError (with byte offset) on any malformed, truncated or trailing bytes. */
export function decodeBlock(bytes: Uint8Array, options: FullDecodeOptions = {}): DecodedBlock {
  const verify = options.verifyMerkle ?? true;
  const r = new ByteReader(bytes, options.input ?? '<block>');
  const header = readHeader(r);
  const txCountAt = r.pos;
  const txCount = r.count(MIN_TX_BYTES, 'transaction count');
  if (txCount === 0) r.fail('transaction count', 'a block has at least one transaction (the coinbase)', txCountAt);
  const txids: Uint8Array[] | null = verify ? new Array<Uint8Array>(txCount) : null;
  const span = newTxSpan();
  const coinbase = readCoinbaseTransaction(r, header, options.network ?? MAINNET, options.txid ?? true, span);
  let witnessBytes = witnessOverhead(span);
  let inputCount = 1;
  let outputCount = span.outputCount;
  let segwitTxCount = span.segwit ? 1 : 0;
  if (txids) txids[0] = txidOf(bytes, span);
  for (let i = 1; i < txCount; i++) {
    walkTransaction(r, span);
    witnessBytes += witnessOverhead(span);
    inputCount += span.inputCount;
    outputCount += span.outputCount;
    if (span.segwit) segwitTxCount++;
    if (txids) txids[i] = txidOf(bytes, span);
  }
  if (r.pos !== bytes.length) r.fail('block end', `${bytes.length - r.pos} unexpected bytes after transaction ${txCount - 1} (the last)`);
  let merkleRootValid: boolean | null = null;
  let merkleMutated: boolean | null = null;
  if (txids) {
    const computed = merkleRoot(txids);
    merkleRootValid = toHexReversed(computed.root) === header.merkleRoot;
    merkleMutated = computed.mutated;
  }
  const sizeBytes = bytes.length;
  const strippedSizeBytes = sizeBytes - witnessBytes;
  return {
    header,
    txCount,
    coinbase,
    sizeBytes,
    strippedSizeBytes,
    weight: 3 * strippedSizeBytes + sizeBytes,
    inputCount,
    outputCount,
    segwitTxCount,
    merkleRootValid,
    merkleMutated,
  };
}
