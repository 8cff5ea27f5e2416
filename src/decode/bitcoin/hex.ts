/**
 * @module Hex encoding of byte ranges (lookup table, no per-byte allocation) and hex parsing with
 * typed errors. Bitcoin hashes are shown byte-reversed ("display order").
 */
import { DecodeError } from '../../domain/errors.js';

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of bytes[start, end). */
export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += HEX[bytes[i]!]!;
  return s;
}

/** Hex of bytes[start, end) read back to front: a hash in display order. */
export function toHexReversed(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  for (let i = end - 1; i >= start; i--) s += HEX[bytes[i]!]!;
  return s;
}

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Parse hex (case-insensitive, no separators). Odd length or a non-hex character is a DecodeError. */
export function fromHex(hex: string, input = '<hex>'): Uint8Array {
  if (hex.length % 2 !== 0) throw new DecodeError({ input, offset: hex.length }, `odd number of hex digits (${hex.length})`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(hex.charCodeAt(2 * i));
    const lo = nibble(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) {
      const at = hi < 0 ? 2 * i : 2 * i + 1;
      throw new DecodeError({ input, offset: at }, `not a hex digit: ${JSON.stringify(hex[at])}`);
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** Parse a display-order hash (64 hex digits) into internal byte order. */
export function hashFromHex(hex: string, input = '<hash>'): Uint8Array {
  if (hex.length !== 64) throw new DecodeError({ input }, `a hash must be 64 hex digits, got ${hex.length}`);
  return fromHex(hex, input).reverse();
}

/** Bytes 0x20..0x7e as ASCII, every other byte as '.'. */
export function printableAscii(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    s += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
  }
  return s;
}
