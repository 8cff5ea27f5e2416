import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexToBytes, hexToLatin1, isHex } from './hex.js';

describe('hex', () => {
  it('hexToLatin1 maps each byte to the char with that code (mempool hex2ascii)', () => {
    // String.fromCharCode(0x41, 0xff, 0x00, 0x80) written out by hand.
    expect(hexToLatin1('41ff0080')).toBe('A\u00ff\u0000\u0080');
    expect(hexToLatin1('')).toBe('');
  });
  it('rejects odd length and non-hex characters with the offset', () => {
    expect(isHex('0A0b')).toBe(true);
    expect(() => hexToBytes('abc')).toThrow('invalid hex: odd length 3');
    expect(() => hexToBytes('00zz')).toThrow('invalid hex: character "z" at offset 2');
  });
  it('property: hexToLatin1 agrees with String.fromCharCode per byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
        expect(hexToLatin1(hex)).toBe(String.fromCharCode(...bytes));
        expect([...hexToBytes(hex.toUpperCase())]).toEqual([...bytes]);
      }),
    );
  });
});
