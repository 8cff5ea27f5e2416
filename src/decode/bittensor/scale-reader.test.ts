import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { ScaleReader, hexToBytes } from './scale-reader.js';

/** Test-local compact encoder, written from the SCALE specification independently of the reader. */
function encodeCompact(v: bigint): Uint8Array {
  if (v < 64n) return Uint8Array.of(Number(v << 2n));
  if (v < 1n << 14n) {
    const w = Number((v << 2n) | 1n);
    return Uint8Array.of(w & 0xff, w >> 8);
  }
  if (v < 1n << 30n) {
    const w = (v << 2n) | 2n;
    return Uint8Array.of(...[0, 1, 2, 3].map((i) => Number((w >> BigInt(8 * i)) & 0xffn)));
  }
  const bytes: number[] = [];
  for (let x = v; x > 0n; x >>= 8n) bytes.push(Number(x & 0xffn));
  return Uint8Array.of(((bytes.length - 4) << 2) | 3, ...bytes);
}

const reader = (hex: string): ScaleReader => new ScaleReader(hexToBytes(hex, 'test'), 'test');

describe('SCALE compact integers', () => {
  // Vectors from the SCALE codec documentation (docs.substrate.io, "Type encoding (SCALE)", compact/general integers).
  it.each([
    ['00', 0n],
    ['04', 1n],
    ['a8', 42n],
    ['1501', 69n],
    ['feff0300', 65535n],
    ['0b00407a10f35a', 100000000000000n],
  ])('0x%s = %s', (hex, v) => {
    const r = reader(hex);
    expect(r.compact('x')).toBe(v);
    expect(r.remaining()).toBe(0);
  });

  it('round-trips every u128 through the independent encoder', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (v) => {
        const r = new ScaleReader(encodeCompact(v), 't');
        expect(r.compact('x')).toBe(v);
        expect(r.remaining()).toBe(0);
      }),
    );
  });

  it('rejects non-canonical encodings (value fits a shorter mode)', () => {
    // 1 encoded in two-byte mode: (1 << 2) | 1 = 0x0005 → 05 00.
    expect(() => reader('0500').compact('n')).toThrow(/non-canonical/);
    // 1 encoded in four-byte mode.
    expect(() => reader('06000000').compact('n')).toThrow(/non-canonical/);
    // 2^30 − 1 in big-integer mode (fits four-byte mode).
    expect(() => reader('03ffffff3f').compact('n')).toThrow(/non-canonical/);
  });

  it('truncation is a DecodeError naming input, field and offset', () => {
    const r = reader('0b00407a');
    const err = (() => {
      try {
        r.compact('stake');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).position).toMatchObject({ input: 'test', field: 'stake', offset: 1 });
    expect((err as DecodeError).reason).toMatch(/truncated: need 6 bytes, 3 left/);
  });
});

describe('fixed-width reads', () => {
  it('little-endian u16, u32, u64, u128 and bool', () => {
    const r = reader('3412' + '78563412' + '0100000000000080' + '01' + '00'.repeat(15) + '01' + '00');
    expect(r.u16('a')).toBe(0x1234);
    expect(r.u32('b')).toBe(0x12345678);
    expect(r.u64('c')).toBe(0x8000000000000001n);
    expect(r.u128('d')).toBe(1n);
    expect(r.bool('e')).toBe(true);
    expect(r.bool('f')).toBe(false);
    expect(() => r.u8('g')).toThrow(DecodeError);
  });

  it('rejects a bool byte other than 0 or 1', () => {
    expect(() => reader('02').bool('active')).toThrow(/invalid bool byte 0x02/);
  });

  it('a vector longer than the remaining bytes fails before allocating', () => {
    // Length 2^30 (big-integer mode) with 2 bytes left.
    expect(() => reader('0300000040ffff').vecLength('hotkeys', 32)).toThrow(/truncated: vector of 1073741824 items/);
  });

  it('hex input must be even-length hex', () => {
    expect(() => hexToBytes('0x123', 'x')).toThrow(/odd length/);
    expect(() => hexToBytes('0xzz', 'x')).toThrow(DecodeError);
    expect(hexToBytes('0x0a0b', 'x')).toEqual(Uint8Array.of(10, 11));
  });
});
