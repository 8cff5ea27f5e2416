import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256d } from './hash.js';
import { toHex } from './hex.js';
import { sha256dJs, sha256js } from './sha256.js';

const ascii = (s: string) => new TextEncoder().encode(s);
const nodeSha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('JavaScript SHA-256', () => {
  it('matches the FIPS 180-2 examples', () => {
    expect(toHex(sha256js(ascii('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256js(ascii('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256js(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with node:crypto for every length around the padding boundaries and random data', () => {
    for (let n = 0; n <= 200; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      expect(toHex(sha256js(b)), `length ${n}`).toBe(nodeSha256(b));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1200 }), (b) => {
        expect(toHex(sha256dJs(b))).toBe(createHash('sha256').update(createHash('sha256').update(b).digest()).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('sha256d of parts equals the hash of their concatenation, short (JS) and long (native)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 400 }), { maxLength: 4 }), (parts) => {
        const joined = Uint8Array.from(parts.flatMap((p) => [...p]));
        expect(toHex(sha256d(...parts))).toBe(toHex(sha256dJs(joined)));
      }),
      { numRuns: 200 },
    );
  });
});
