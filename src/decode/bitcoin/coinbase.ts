/**
 * @module Fast path: a block's header, transaction count and coinbase transaction, without
 * touching the other transactions. Reads about 300 bytes whatever the block size.
 */
import type { BlockHeader, CoinbaseDetail, CoinbaseOutput } from '../../domain/block.js';
import { MAINNET, type AddressNetwork } from './address.js';
import { ByteReader } from './byte-reader.js';
import { bip34Height } from './coinbase-height.js';
import { readHeader } from './header.js';
import { printableAscii, toHex, toHexReversed } from './hex.js';
import { findMergedMiningMarkers } from './merged-mining.js';
import { describeScript } from './script-type.js';
import { MIN_INPUT_BYTES, MIN_OUTPUT_BYTES, MIN_TX_BYTES, newTxSpan, readTxPrefix, skipWitnesses, txidOf, type TxSpan } from './transaction.js';

export interface DecodeOptions {
  /** Name of the input for error messages (file path, `<stdin>`…). Default `<block>`. */
  readonly input?: string;
  /** Address encoding (version bytes, bech32 prefix). Default mainnet. */
  readonly network?: AddressNetwork;
  /** Compute the coinbase txid (two SHA-256 over ~200 bytes). Default true. */
  readonly txid?: boolean;
}

export interface CoinbaseBlock {
  readonly header: BlockHeader;
  readonly txCount: number;
  readonly coinbase: CoinbaseDetail;
  /** Byte offset just past the coinbase transaction (where transaction 1 starts). */
  readonly coinbaseEnd: number;
}

/** Read the coinbase transaction at the reader's position (block header and tx count already read). */
export function readCoinbaseTransaction(r: ByteReader, header: BlockHeader, network: AddressNetwork, withTxid: boolean, span: TxSpan = newTxSpan()): CoinbaseDetail {
  const b = r.bytes;
  readTxPrefix(r, span);
  const inputsAt = r.pos;
  const inputs = r.count(MIN_INPUT_BYTES, 'coinbase input count');
  if (inputs !== 1) r.fail('coinbase input count', `first transaction is not a coinbase: ${inputs} inputs (a coinbase has exactly 1)`, inputsAt);
  const prevoutAt = r.pos;
  r.need(36, 'coinbase prevout');
  for (let i = 0; i < 32; i++) {
    if (b[prevoutAt + i] !== 0) r.fail('coinbase prevout', 'first transaction is not a coinbase: prevout hash is not null', prevoutAt);
  }
  r.pos = prevoutAt + 32;
  if (r.u32('coinbase prevout index') !== 0xffffffff) r.fail('coinbase prevout index', 'first transaction is not a coinbase: prevout index is not 0xffffffff', prevoutAt + 32);
  const scriptSig = r.varBytes('coinbase scriptSig');
  r.skip(4, 'coinbase sequence');

  const outputCount = r.count(MIN_OUTPUT_BYTES, 'coinbase output count');
  const outputs: CoinbaseOutput[] = [];
  const payoutAddresses: string[] = [];
  let witnessCommitmentHex: string | null = null;
  for (let i = 0; i < outputCount; i++) {
    const valueSats = r.u64('coinbase output value');
    const script = r.varBytes('coinbase output script');
    const d = describeScript(script, network);
    outputs.push({ valueSats, scriptHex: toHex(script), ...d });
    if (d.address !== null) payoutAddresses.push(d.address);
    if (d.type === 'witness_commitment') witnessCommitmentHex = d.data ?? null;
  }
  span.inputCount = 1;
  span.outputCount = outputCount;
  span.witnessStart = r.pos;
  if (span.segwit) skipWitnesses(r, 1);
  span.lockTimeStart = r.pos;
  r.skip(4, 'coinbase lock time');
  span.end = r.pos;

  return {
    height: heightFromBlock(header.prevHash, scriptSig, header.version),
    timeSec: header.timeSec,
    scriptSigHex: toHex(scriptSig),
    scriptSigText: printableAscii(scriptSig),
    payoutAddresses,
    outputs,
    mergedMining: findMergedMiningMarkers(scriptSig),
    witnessCommitmentHex,
    txid: withTxid ? toHexReversed(txidOf(b, span)) : null,
  };
}

const NULL_HASH = '0'.repeat(64);

/**
 * The height a block states by itself: 0 for the genesis block (by definition: the only block whose
 * previous-block hash is all zeros), else the BIP34 height; null when the block does not carry it
 * (version-1 and other pre-BIP34 blocks: only the chain around them can say).
 */
export function heightFromBlock(prevHash: string, scriptSig: Uint8Array, version: number): number | null {
  if (prevHash === NULL_HASH) return 0;
  return bip34Height(scriptSig, version);
}

/**
 * Decode header, transaction count and coinbase of a block in consensus serialization. Throws
 * DecodeError (with the byte offset) on malformed or truncated input; bytes after the coinbase
 * are not read, so a block cut after its coinbase still decodes here.
 */
export function decodeCoinbaseBlock(bytes: Uint8Array, options: DecodeOptions = {}): CoinbaseBlock {
  const r = new ByteReader(bytes, options.input ?? '<block>');
  const header = readHeader(r);
  const txCountAt = r.pos;
  const txCount = r.count(MIN_TX_BYTES, 'transaction count');
  if (txCount === 0) r.fail('transaction count', 'a block has at least one transaction (the coinbase)', txCountAt);
  const coinbase = readCoinbaseTransaction(r, header, options.network ?? MAINNET, options.txid ?? true);
  return { header, txCount, coinbase, coinbaseEnd: r.pos };
}
