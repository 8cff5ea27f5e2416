/**
 * @module Bitcoin's hash functions over byte views: double SHA-256 (block and transaction ids,
 * merkle nodes, base58check checksums) and HASH160 = RIPEMD-160(SHA-256(x)). Short inputs go to
 * the JavaScript SHA-256 (no per-call setup); long ones to node:crypto (native, faster per byte).
 */
import { createHash } from 'node:crypto';
import { sha256dJs } from './sha256.js';

/** Inputs up to this many bytes are hashed in JavaScript (measured break-even is about 600). */
const SMALL_INPUT_BYTES = 512;
const SCRATCH = new Uint8Array(SMALL_INPUT_BYTES);

function nativeSha256d(parts: readonly Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(createHash('sha256').update(h.digest()).digest());
}

/** SHA-256(SHA-256(parts concatenated)), 32 bytes in internal byte order. */
export function sha256d(...parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) {
    const only = parts[0]!;
    return only.length <= SMALL_INPUT_BYTES ? sha256dJs(only) : nativeSha256d(parts);
  }
  let total = 0;
  for (const p of parts) total += p.length;
  if (total > SMALL_INPUT_BYTES) return nativeSha256d(parts);
  let at = 0;
  for (const p of parts) {
    SCRATCH.set(p, at);
    at += p.length;
  }
  return sha256dJs(SCRATCH.subarray(0, total));
}

export function hash160(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('ripemd160').update(createHash('sha256').update(data).digest()).digest());
}
