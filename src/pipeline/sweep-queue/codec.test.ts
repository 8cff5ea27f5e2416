import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeExact, encodeExact } from './codec.js';

const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('exact codec', () => {
  it('round-trips Float64Arrays bit for bit (NaN, -0, subnormals, ±Infinity included)', () => {
    fc.assert(
      fc.property(fc.array(fc.double()), (xs) => {
        const a = Float64Array.from(xs);
        const back = decodeExact(encodeExact({ a, nested: [{ b: a.subarray(1) }] })) as { a: Float64Array; nested: [{ b: Float64Array }] };
        expect(back.a).toBeInstanceOf(Float64Array);
        expect(sameBits(back.a, a)).toBe(true);
        expect(sameBits(back.nested[0].b, a.subarray(1))).toBe(true);
      }),
    );
  });

  it('round-trips plain numbers JSON cannot hold, and leaves other values alone', () => {
    fc.assert(
      fc.property(fc.double(), fc.string(), (x, s) => {
        const back = decodeExact(encodeExact({ x, s, list: [x, null, true] })) as { x: number; s: string; list: unknown[] };
        expect(Object.is(back.x, x)).toBe(true);
        expect(back.s).toBe(s);
        expect(Object.is(back.list[0], x)).toBe(true);
        expect(back.list.slice(1)).toEqual([null, true]);
      }),
    );
  });

  it('refuses typed arrays it cannot carry exactly', () => {
    expect(() => encodeExact({ a: new Int32Array(2) })).toThrow(/Int32Array/);
  });
});
