import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base58Decode, base58Encode, decodeSs58, encodeSs58 } from './ss58.js';

describe('SS58', () => {
  // Substrate's well-known dev account //Alice: sr25519 public key and its generic-prefix (42) address,
  // as printed by `subkey inspect //Alice` and in the Substrate docs.
  const ALICE_KEY = Buffer.from('d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d', 'hex');
  const ALICE_42 = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

  it('encodes //Alice with prefix 42', () => {
    expect(encodeSs58(ALICE_KEY, 42)).toBe(ALICE_42);
  });

  it('decodes //Alice back to the key and rejects other prefixes', () => {
    const d = decodeSs58(ALICE_42);
    expect('key' in d && Buffer.from(d.key).equals(ALICE_KEY)).toBe(true);
    expect(decodeSs58(encodeSs58(ALICE_KEY, 0))).toMatchObject({ error: expect.stringMatching(/prefix 0/) });
  });

  it('detects a changed character (checksum) and bad alphabet', () => {
    const changed = ALICE_42.slice(0, 10) + (ALICE_42[10] === 'a' ? 'b' : 'a') + ALICE_42.slice(11);
    expect(decodeSs58(changed)).toMatchObject({ error: expect.stringMatching(/checksum|bytes/) });
    expect(decodeSs58('0OIl')).toMatchObject({ error: expect.stringMatching(/not base58/) });
  });

  it('base58 round-trips arbitrary bytes, including leading zeros', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(base58Decode(base58Encode(bytes))).toEqual(bytes);
      }),
    );
    // Each leading zero byte is one '1'; 0x01 is digit 1 = '2'.
    expect(base58Encode(Uint8Array.of(0, 0, 1))).toBe('112');
  });

  it('every 32-byte key round-trips through encode/decode', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        const d = decodeSs58(encodeSs58(key));
        expect('key' in d ? d.key : null).toEqual(key);
      }),
      { numRuns: 200 },
    );
  });
});
