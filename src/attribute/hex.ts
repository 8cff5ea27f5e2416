/**
 * @module Coinbase scriptSig bytes: strict hex parsing and mempool's `hex2ascii` (each byte
 * mapped 1:1 to the char with that code, i.e. latin1, nothing filtered).
 */

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
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** mempool `transactionUtils.hex2ascii`: `String.fromCharCode(byte)` for every byte. */
export function hexToLatin1(hex: string): string {
  return Buffer.from(hexToBytes(hex)).toString('latin1');
}
