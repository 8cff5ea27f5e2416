import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { decodeBlock } from './block.js';
import { decodeCoinbaseBlock } from './coinbase.js';
import { realBlock } from '../../../test/support/bitcoin-blocks.js';

/** Run a decoder: it must return or throw a DecodeError naming the input and an offset inside the bytes. */
function resultOrDecodeError(f: (b: Uint8Array, o: { input: string }) => unknown, bytes: Uint8Array): 'ok' | DecodeError {
  try {
    f(bytes, { input: 'fuzz' });
    return 'ok';
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    expect(e.position.input).toBe('fuzz');
    expect(e.position.offset).toBeGreaterThanOrEqual(0);
    expect(e.position.offset).toBeLessThanOrEqual(bytes.length);
    return e;
  }
}

const decoders = [
  ['fast path', decodeCoinbaseBlock],
  ['full path', decodeBlock],
] as const;

describe.each(decoders)('%s never throws anything but DecodeError', (_name, decode) => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (b) => void resultOrDecodeError(decode, b)), { numRuns: 1000 });
  });

  it('a real header followed by random bytes', () => {
    const head = realBlock(542213).bytes.subarray(0, 80);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (tail) => {
        const b = new Uint8Array(80 + tail.length);
        b.set(head);
        b.set(tail, 80);
        resultOrDecodeError(decode, b);
      }),
      { numRuns: 1000 },
    );
  });

  it('a real segwit block with bytes flipped or overwritten', () => {
    const original = realBlock(542213).bytes;
    const edit = fc.record({ at: fc.nat({ max: original.length - 1 }), value: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const b = original.slice();
        for (const { at, value } of edits) b[at] = value;
        resultOrDecodeError(decode, b);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('mutations in the header + coinbase region of block 702,861 (fast path)', () => {
  it('give a result or a DecodeError, and both outcomes occur', () => {
    const original = realBlock(702861).bytes;
    const end = decodeCoinbaseBlock(original).coinbaseEnd;
    const outcomes = { ok: 0, error: 0 };
    const b = original.slice();
    const edit = fc.record({ at: fc.nat({ max: end - 1 }), xor: fc.integer({ min: 1, max: 255 }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        // Edit one shared copy in place and undo afterwards (copying 1.38 MB per run is the slow part).
        for (const { at, xor } of edits) b[at]! ^= xor;
        outcomes[resultOrDecodeError(decodeCoinbaseBlock, b) === 'ok' ? 'ok' : 'error']++;
        for (const { at, xor } of edits.slice().reverse()) b[at]! ^= xor;
      }),
      { numRuns: 2000 },
    );
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes.error).toBeGreaterThan(0);
    expect(Buffer.compare(b, original)).toBe(0);
  });
});

describe('truncation', () => {
  it('the fast path fails with DecodeError at every cut inside header + coinbase (block 702,861)', () => {
    const b = realBlock(702861).bytes;
    const end = decodeCoinbaseBlock(b).coinbaseEnd;
    for (let cut = 0; cut < end; cut++) {
      const r = resultOrDecodeError(decodeCoinbaseBlock, b.subarray(0, cut));
      expect(r, `cut at ${cut}`).toBeInstanceOf(DecodeError);
    }
  });

  it('the full path fails with DecodeError at every cut of block 542,213', () => {
    const b = realBlock(542213).bytes;
    for (let cut = 0; cut < b.length; cut++) {
      const r = resultOrDecodeError(decodeBlock, b.subarray(0, cut));
      expect(r, `cut at ${cut}`).toBeInstanceOf(DecodeError);
    }
  });

  it('reports the offset where the bytes ran out', () => {
    const b = realBlock(0).bytes;
    const r = resultOrDecodeError(decodeBlock, b.subarray(0, 100));
    expect(r).toBeInstanceOf(DecodeError);
    // Genesis: header 80, count 1, version 4, input count 1, prevout 32+4 = byte 122 > 100. The
    // count check fires first: 1 tx of >= 60 bytes does not fit in the 19 bytes left after byte 81.
    expect((r as DecodeError).position).toEqual({ input: 'fuzz', offset: 80, field: 'transaction count' });
  });
});
