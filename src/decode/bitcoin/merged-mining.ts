/**
 * @module Merged-mining markers in a coinbase scriptSig: the AuxPoW magic `fabe6d6d` followed by
 * the 32-byte aux-chain merkle root, then (usually) a 4-byte merkle size and 4-byte nonce, as
 * Namecoin's CAuxPow::check expects (and Dogecoin, Syscoin, RSK-era pools reuse).
 */
import type { MergedMiningMarker } from '../../domain/block.js';
import { toHex } from './hex.js';

const MAGIC0 = 0xfa;
const MAGIC1 = 0xbe;
const MAGIC2 = 0x6d;
const MAGIC3 = 0x6d;
const ROOT_BYTES = 32;

const NONE: readonly MergedMiningMarker[] = Object.freeze([]);

function u32le(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000;
}

/**
 * Every `fabe6d6d` occurrence followed by at least 32 bytes, in scriptSig order. A magic with
 * fewer than 32 bytes after it is not a commitment and is skipped. Offsets are within the scriptSig.
 */
export function findMergedMiningMarkers(scriptSig: Uint8Array): readonly MergedMiningMarker[] {
  let found: MergedMiningMarker[] | null = null;
  const last = scriptSig.length - 4 - ROOT_BYTES;
  for (let i = 0; i <= last; i++) {
    if (scriptSig[i] !== MAGIC0 || scriptSig[i + 1] !== MAGIC1 || scriptSig[i + 2] !== MAGIC2 || scriptSig[i + 3] !== MAGIC3) continue;
    const root = i + 4;
    const tail = root + ROOT_BYTES;
    const hasSize = tail + 4 <= scriptSig.length;
    const hasNonce = tail + 8 <= scriptSig.length;
    (found ??= []).push({
      offset: i,
      auxMerkleRootHex: toHex(scriptSig, root, tail),
      merkleSize: hasSize ? u32le(scriptSig, tail) : null,
      merkleNonce: hasNonce ? u32le(scriptSig, tail + 4) : null,
    });
  }
  return found ?? NONE;
}
