/**
 * @module Bitcoin merkle root (consensus/merkle.cpp ComputeMerkleRoot): pairwise SHA-256d of
 * 32-byte hashes in internal byte order, duplicating the last hash of an odd level, with Core's
 * "mutated" detection (identical adjacent pair, CVE-2012-2459).
 */
import { sha256d } from './hash.js';

export interface MerkleResult {
  readonly root: Uint8Array;
  readonly mutated: boolean;
}

function equal32(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Merkle root of txids (internal byte order). An empty list gives 32 zero bytes, as in Core. */
export function merkleRoot(hashes: readonly Uint8Array[]): MerkleResult {
  if (hashes.length === 0) return { root: new Uint8Array(32), mutated: false };
  let level: Uint8Array[] = hashes.slice();
  let mutated = false;
  while (level.length > 1) {
    for (let i = 0; i + 1 < level.length; i += 2) if (equal32(level[i]!, level[i + 1]!)) mutated = true;
    if (level.length % 2 === 1) level.push(level[level.length - 1]!);
    const next: Uint8Array[] = new Array<Uint8Array>(level.length / 2);
    for (let i = 0; i < next.length; i++) next[i] = sha256d(level[2 * i]!, level[2 * i + 1]!);
    level = next;
  }
  return { root: level[0]!, mutated };
}
