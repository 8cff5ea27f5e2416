/**
 * @module Walk one serialized transaction (legacy or segwit, BIP144) without materialising it:
 * record its byte spans, counts and sizes in a caller-owned TxSpan (no allocation per
 * transaction), and compute its txid from the non-witness spans.
 */
import type { ByteReader } from './byte-reader.js';
import { sha256d } from './hash.js';

/** Smallest possible serialized input (outpoint 36 + empty script 1 + sequence 4) and output (value 8 + empty script 1). */
export const MIN_INPUT_BYTES = 41;
export const MIN_OUTPUT_BYTES = 9;
/** Smallest possible transaction: version, 1 input, 1 output, lock time. */
export const MIN_TX_BYTES = 4 + 1 + MIN_INPUT_BYTES + 1 + MIN_OUTPUT_BYTES + 4;

/** Offsets of one transaction in the block; reused across calls. */
export interface TxSpan {
  start: number;
  end: number;
  segwit: boolean;
  /** Start of the input count (after marker and flag when segwit). */
  inputsStart: number;
  /** Start of the witness section (= lockTimeStart when not segwit). */
  witnessStart: number;
  lockTimeStart: number;
  inputCount: number;
  outputCount: number;
}

export function newTxSpan(): TxSpan {
  return { start: 0, end: 0, segwit: false, inputsStart: 0, witnessStart: 0, lockTimeStart: 0, inputCount: 0, outputCount: 0 };
}

/**
 * Version, then BIP144 marker 0x00 + flag 0x01 when present. Sets start/segwit/inputsStart.
 * Core rejects any other flag ("Unknown transaction optional data").
 */
export function readTxPrefix(r: ByteReader, span: TxSpan): void {
  span.start = r.pos;
  r.skip(4, 'transaction version');
  span.segwit = false;
  if (r.peek('transaction input count') === 0) {
    r.pos++;
    const flag = r.u8('segwit flag');
    if (flag !== 1) r.fail('segwit flag', `unsupported transaction flag ${flag} after a zero marker`, r.pos - 1);
    span.segwit = true;
  }
  span.inputsStart = r.pos;
}

/** Skip the witness stacks of `inputCount` inputs. */
export function skipWitnesses(r: ByteReader, inputCount: number): void {
  for (let i = 0; i < inputCount; i++) {
    const items = r.count(1, 'witness item count');
    for (let k = 0; k < items; k++) r.skip(r.count(1, 'witness item length'), 'witness item');
  }
}

/** Advance the reader over one transaction, filling `span`. */
export function walkTransaction(r: ByteReader, span: TxSpan): void {
  readTxPrefix(r, span);
  const inputs = r.count(MIN_INPUT_BYTES, 'input count');
  for (let i = 0; i < inputs; i++) {
    r.skip(36, 'input outpoint');
    r.skip(r.count(1, 'input script length'), 'input script');
    r.skip(4, 'input sequence');
  }
  const outputs = r.count(MIN_OUTPUT_BYTES, 'output count');
  for (let i = 0; i < outputs; i++) {
    r.skip(8, 'output value');
    r.skip(r.count(1, 'output script length'), 'output script');
  }
  span.inputCount = inputs;
  span.outputCount = outputs;
  span.witnessStart = r.pos;
  if (span.segwit) skipWitnesses(r, inputs);
  span.lockTimeStart = r.pos;
  r.skip(4, 'lock time');
  span.end = r.pos;
}

/** Bytes a segwit transaction adds over its stripped form (marker, flag, witnesses); 0 for legacy. */
export function witnessOverhead(span: TxSpan): number {
  return span.segwit ? 2 + (span.lockTimeStart - span.witnessStart) : 0;
}

/** The txid in internal byte order: SHA-256d of the serialization without marker, flag and witnesses. */
export function txidOf(bytes: Uint8Array, span: TxSpan): Uint8Array {
  if (!span.segwit) return sha256d(bytes.subarray(span.start, span.end));
  return sha256d(
    bytes.subarray(span.start, span.start + 4),
    bytes.subarray(span.inputsStart, span.witnessStart),
    bytes.subarray(span.lockTimeStart, span.end),
  );
}
