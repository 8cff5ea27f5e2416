/**
 * @module Coinbase scriptSig bytes: strict hex parsing and mempool's `hex2ascii` (each byte
 * mapped 1:1 to the char with that code, i.e. latin1, nothing filtered). The digits are parsed by
 * the project's one hex parser (decode/bitcoin/hex.ts); this module keeps attribution's messages.
 */
import { fromHex } from '../decode/bitcoin/hex.js';

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** True when `hex` is an even-length string of hex digits (empty allowed). */
export function isHex(hex: string): boolean {
  return HEX.test(hex);
}

/** Bytes of a hex string; throws a plain Error naming the problem (callers wrap it in a typed error). */
export function hexToBytes(hex: string): Uint8Array {
  if (!isHex(hex)) {
    const bad = hex.search(/[^0-9a-fA-F]/);
    throw new Error(bad >= 0 ? `invalid hex: character ${JSON.stringify(hex[bad])} at offset ${bad}` : `invalid hex: odd length ${hex.length}`);
  }
  return fromHex(hex);
}

/** mempool `transactionUtils.hex2ascii`: `String.fromCharCode(byte)` for every byte. */
export function hexToLatin1(hex: string): string {
  return Buffer.from(hexToBytes(hex)).toString('latin1');
}
