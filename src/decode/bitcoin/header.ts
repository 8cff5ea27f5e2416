/**
 * @module The 80-byte block header: fields, hash, compact target ("bits"), difficulty and work,
 * computed exactly as Bitcoin Core does (arith_uint256::SetCompact, GetDifficulty, GetBlockProof).
 */
import type { BlockHeader } from '../../domain/block.js';
import type { ByteReader } from './byte-reader.js';
import { sha256d } from './hash.js';
import { toHexReversed } from './hex.js';

export const HEADER_BYTES = 80;

/** Read the header at the reader's position (advances by 80 bytes). */
export function readHeader(r: ByteReader): BlockHeader {
  r.need(HEADER_BYTES, 'header');
  const start = r.pos;
  const b = r.bytes;
  const version = r.i32('header version');
  const prevHash = toHexReversed(b, start + 4, start + 36);
  const merkleRoot = toHexReversed(b, start + 36, start + 68);
  r.pos = start + 68;
  const timeSec = r.u32('header time');
  const bits = r.u32('header bits');
  const nonce = r.u32('header nonce');
  const hash = toHexReversed(sha256d(b.subarray(start, start + HEADER_BYTES)));
  return { hash, version, prevHash, merkleRoot, timeSec, bits, nonce, difficulty: difficultyFromBits(bits) };
}

/**
 * Difficulty = max target (0x1d00ffff) / target, computed in doubles as Bitcoin Core's
 * GetDifficulty (rpc/blockchain.cpp): 0xffff / mantissa, scaled by 256 per exponent step from 29.
 */
export function difficultyFromBits(bits: number): number {
  let shift = (bits >>> 24) & 0xff;
  const mantissa = bits & 0x00ffffff;
  let diff = 0x0000ffff / mantissa;
  while (shift < 29) {
    diff *= 256;
    shift++;
  }
  while (shift > 29) {
    diff /= 256;
    shift--;
  }
  return diff;
}

/**
 * The 256-bit target encoded by compact `bits` (arith_uint256::SetCompact). Returns null when
 * the encoding is negative, zero or overflows 256 bits — Core treats such headers as invalid.
 */
export function targetFromBits(bits: number): bigint | null {
  const size = (bits >>> 24) & 0xff;
  let word = bits & 0x007fffff;
  let target: bigint;
  if (size <= 3) {
    word >>>= 8 * (3 - size);
    target = BigInt(word);
  } else {
    target = BigInt(word) << BigInt(8 * (size - 3));
  }
  const negative = word !== 0 && (bits & 0x00800000) !== 0;
  const overflow = word !== 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
  if (negative || overflow || target === 0n) return null;
  return target;
}

const TWO_256 = 1n << 256n;

/** Expected number of hashes for a block at `bits`: 2^256 / (target + 1) (GetBlockProof); 0 for invalid bits. */
export function workFromBits(bits: number): bigint {
  const target = targetFromBits(bits);
  return target === null ? 0n : TWO_256 / (target + 1n);
}

/** Whether a header hash (32 bytes, internal byte order) is at or below the target of `bits`. */
export function meetsTarget(hashInternal: Uint8Array, bits: number): boolean {
  const target = targetFromBits(bits);
  if (target === null) return false;
  let h = 0n;
  for (let i = 31; i >= 0; i--) h = (h << 8n) | BigInt(hashInternal[i]!);
  return h <= target;
}
