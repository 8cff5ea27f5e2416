import { script as bjScript } from 'bitcoinjs-lib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bip34Height } from './coinbase-height.js';
import { fromHex } from './hex.js';
import { loadCoinbaseRows } from '../../../test/support/bitcoin-blocks.js';

describe('bip34Height', () => {
  const rows = loadCoinbaseRows();

  it('reports no height for any 2009 (version 1) coinbase', () => {
    const early = rows.filter((r) => r.height < 600);
    expect(early.length).toBe(600);
    for (const r of early) expect(bip34Height(fromHex(r.scriptSigHex), 1)).toBeNull();
  });

  it('needs the version gate: the 2009 scriptSigs start with a 4-byte push of the bits', () => {
    // Genesis scriptSig 04 ffff001d …: read as a number it is 0x1d00ffff = 486,604,799, not a height.
    expect(bip34Height(fromHex(rows[0]!.scriptSigHex), 2)).toBe(486_604_799);
  });

  it('reads the chain height of every post-BIP34 coinbase in the CSVs', () => {
    const later = rows.filter((r) => r.height >= 227_931);
    expect(later.map((r) => r.height)).toEqual([307602, 363703, 383616, 481815, 481829]);
    for (const r of later) expect(bip34Height(fromHex(r.scriptSigHex), 2)).toBe(r.height);
  });

  it('round-trips heights encoded by bitcoinjs-lib script.number (minimal CScriptNum)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 17, max: 2 ** 31 - 1 }), fc.uint8Array({ maxLength: 20 }), (h, tail) => {
        const n = bjScript.number.encode(h);
        expect(bip34Height(Uint8Array.from([n.length, ...n, ...tail]), 2)).toBe(h);
      }),
      { numRuns: 500 },
    );
  });

  it('uses OP_0 / OP_1..OP_16 for small heights and rejects other encodings', () => {
    expect(bip34Height(Uint8Array.of(0x00), 2)).toBe(0);
    expect(bip34Height(Uint8Array.of(0x51), 2)).toBe(1);
    expect(bip34Height(Uint8Array.of(0x60), 2)).toBe(16);
    expect(bip34Height(Uint8Array.of(0x01, 0x05), 2)).toBeNull(); // Core writes OP_5
    expect(bip34Height(Uint8Array.of(0x02, 0x11, 0x00), 2)).toBeNull(); // non-minimal 17
    expect(bip34Height(Uint8Array.of(0x02, 0xff, 0x00), 2)).toBe(255); // sign pad needed
    expect(bip34Height(Uint8Array.of(0x01, 0x81), 2)).toBeNull(); // negative
    expect(bip34Height(Uint8Array.of(0x03, 0x8f, 0x3c), 2)).toBeNull(); // push cut short
    expect(bip34Height(Uint8Array.of(0x05, 1, 2, 3, 4, 5), 2)).toBeNull(); // > 4 bytes
    expect(bip34Height(new Uint8Array(0), 2)).toBeNull();
  });
});
