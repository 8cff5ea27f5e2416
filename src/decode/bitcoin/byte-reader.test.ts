import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader, MAX_COMPACT_SIZE } from './byte-reader.js';
import { decodeErrorOf } from '../../../test/support/decode-error.js';

const reader = (bytes: number[]) => new ByteReader(Uint8Array.from(bytes), 'test');

/** CompactSize encoding written independently of the reader (Bitcoin wiki "Variable length integer"). */
function encodeCompact(n: number): number[] {
  if (n < 0xfd) return [n];
  if (n <= 0xffff) return [0xfd, n & 0xff, n >>> 8];
  return [0xfe, n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];
}

describe('ByteReader', () => {
  it('reads little-endian integers', () => {
    const r = reader([0x01, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0x00, 0xf2, 0x05, 0x2a, 0x01, 0x00, 0x00, 0x00]);
    expect(r.u32('a')).toBe(1);
    expect(r.i32('b')).toBe(-1);
    // 5,000,000,000 sats = 0x012a05f200 (the 50 BTC subsidy), little-endian.
    expect(r.u64('c')).toBe(5_000_000_000n);
    expect(r.remaining()).toBe(0);
  });

  it('decodes every canonical CompactSize up to MAX_SIZE', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_COMPACT_SIZE }), (n) => {
        const r = reader(encodeCompact(n));
        expect(r.varint('n')).toBe(n);
        expect(r.remaining()).toBe(0);
      }),
    );
  });

  it('rejects non-canonical and oversized CompactSizes, naming the offset', () => {
    expect(decodeErrorOf(() => reader([0xfd, 0xfc, 0x00]).varint('n')).reason).toMatch(/non-canonical compact size 252/);
    expect(decodeErrorOf(() => reader([0xfe, 0xff, 0xff, 0x00, 0x00]).varint('n')).reason).toMatch(/non-canonical/);
    expect(decodeErrorOf(() => reader([0xff, 1, 0, 0, 0, 0, 0, 0, 0]).varint('n')).reason).toMatch(/non-canonical/);
    expect(decodeErrorOf(() => reader([0xff, 0, 0, 0, 0, 1, 0, 0, 0]).varint('n')).reason).toMatch(/too large/);
    const e = decodeErrorOf(() => reader([0xfe, 0x01, 0x00, 0x00, 0x02]).varint('n'));
    expect(e.reason).toMatch(/too large \(33554433\)/);
  });

  it('reports truncation with input, byte offset and field instead of a RangeError', () => {
    const r = reader([1, 2, 3]);
    r.u8('first');
    const e = decodeErrorOf(() => r.u32('version'));
    expect(e.position).toEqual({ input: 'test', offset: 1, field: 'version' });
    expect(e.message).toBe('test (byte 1) [version]: truncated: need 4 bytes, 2 left');
  });

  it('caps counts against the bytes left', () => {
    // 3 items of at least 41 bytes cannot fit in 100 bytes.
    const r = new ByteReader(Uint8Array.from([3, ...new Array<number>(100).fill(0)]), 'test');
    expect(decodeErrorOf(() => r.count(41, 'inputs')).reason).toMatch(/count 3 .* exceeds the 100 bytes left/);
    const ok = new ByteReader(Uint8Array.from([2, ...new Array<number>(82).fill(0)]), 'test');
    expect(ok.count(41, 'inputs')).toBe(2);
  });

  it('returns views, not copies', () => {
    const bytes = Uint8Array.from([2, 7, 8, 9]);
    const v = new ByteReader(bytes, 't').varBytes('s');
    expect([...v]).toEqual([7, 8]);
    expect(v.buffer).toBe(bytes.buffer);
  });
});
