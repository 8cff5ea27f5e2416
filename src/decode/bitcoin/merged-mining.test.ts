import { describe, expect, it } from 'vitest';
import { fromHex } from './hex.js';
import { findMergedMiningMarkers } from './merged-mining.js';
import { loadCoinbaseRows } from '../../../test/support/bitcoin-blocks.js';

/** Offsets of 'fabe6d6d' in a hex string at byte boundaries: an independent string search. */
function hexOffsets(hex: string): number[] {
  const out: number[] = [];
  for (let i = hex.indexOf('fabe6d6d'); i >= 0; i = hex.indexOf('fabe6d6d', i + 1)) if (i % 2 === 0) out.push(i / 2);
  return out;
}

describe('findMergedMiningMarkers', () => {
  it('finds the commitments in the real coinbases and none in 2009', () => {
    const rows = loadCoinbaseRows();
    for (const r of rows) {
      const got = findMergedMiningMarkers(fromHex(r.scriptSigHex));
      expect(got.map((m) => m.offset), `${r.file}:${r.line}`).toEqual(hexOffsets(r.scriptSigHex));
      for (const m of got) expect(m.auxMerkleRootHex).toBe(r.scriptSigHex.slice(2 * m.offset + 8, 2 * m.offset + 72));
    }
    // PROVENANCE: 307,602, 383,616 and 481,829 carry fabe6d6d; the 2009 rows, 363,703 and 481,815 do not.
    expect(rows.filter((r) => findMergedMiningMarkers(fromHex(r.scriptSigHex)).length > 0).map((r) => r.height)).toEqual([307602, 383616, 481829]);
  });

  it('reads merkle size and nonce after the root (block 307,602, hand-read)', () => {
    const row = loadCoinbaseRows().find((r) => r.height === 307602)!;
    // 0392b104 | 062f503253482f | 043dbca953 | 08ae54416f33b50400 | 2e 522c → 4+7+5+9+3 = byte 28,
    // then fabe6d6d <32 bytes> 04000000 00000000: size 4, nonce 0.
    const [m] = findMergedMiningMarkers(fromHex(row.scriptSigHex));
    expect(m).toEqual({ offset: 28, auxMerkleRootHex: '312f5580194d912180a887dabf167aadd1e480d4ff76dff00fc3f2ec549ed096', merkleSize: 4, merkleNonce: 0 });
  });

  it('skips a magic without 32 bytes after it and reports nulls for a missing size/nonce', () => {
    expect(findMergedMiningMarkers(fromHex('fabe6d6d' + '00'.repeat(31)))).toEqual([]);
    expect(findMergedMiningMarkers(fromHex('00fabe6d6d' + '11'.repeat(32) + '0200'))).toEqual([
      { offset: 1, auxMerkleRootHex: '11'.repeat(32), merkleSize: null, merkleNonce: null },
    ]);
    const two = findMergedMiningMarkers(fromHex(('fabe6d6d' + '22'.repeat(32) + '01000000' + '05000000').repeat(2)));
    expect(two.map((m) => [m.offset, m.merkleSize, m.merkleNonce])).toEqual([[0, 1, 5], [44, 1, 5]]);
  });
});
