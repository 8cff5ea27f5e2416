/**
 * @module BIP34 block height from the start of a coinbase scriptSig. Pinned convention: a height
 * is reported only for header version >= 2 (BIP34 applies to version-2+ blocks; mainnet enforced
 * it from height 227,931) and only when the scriptSig starts with the exact serialization Bitcoin
 * Core's ContextualCheckBlock expects (`CScript() << nHeight`): OP_0 for 0, OP_1..OP_16 for 1..16,
 * else a minimal little-endian non-negative number push of 1–4 bytes. Anything else gives null.
 */

/**
 * The BIP34 height, or null (version 1 block, or the first item is not a minimal height push).
 * Version-2 blocks mined before BIP34's 75% activation (mainnet, heights about 200k–224k) may
 * carry other data first; a caller that knows the chain height can cross-check.
 */
export function bip34Height(scriptSig: Uint8Array, version: number): number | null {
  if (version < 2 || scriptSig.length === 0) return null;
  const op = scriptSig[0]!;
  if (op === 0x00) return 0;
  if (op >= 0x51 && op <= 0x60) return op - 0x50;
  if (op < 1 || op > 4 || scriptSig.length < 1 + op) return null;
  const lastByte = scriptSig[op]!;
  if (lastByte & 0x80) return null; // negative
  // Minimal: the top byte is non-zero, unless it is a 0x00 sign pad needed by the byte below it.
  if (lastByte === 0 && (op === 1 || (scriptSig[op - 1]! & 0x80) === 0)) return null;
  let h = 0;
  for (let i = op; i >= 1; i--) h = h * 256 + scriptSig[i]!;
  // Core would have used OP_1..OP_16 for these.
  if (h >= 1 && h <= 16) return null;
  return h;
}
