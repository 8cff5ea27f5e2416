import { address as bjAddress } from 'bitcoinjs-lib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base58, base58check, MAINNET, pubKeyHashAddress, segwitAddress, TESTNET } from './address.js';
import { fromHex } from './hex.js';

describe('base58check', () => {
  it('keeps leading zero bytes as 1s and encodes a known string', () => {
    expect(base58(Uint8Array.of(0, 0, 1))).toBe('112');
    // "Hello World!" → 2NEpo7TZRRrLZSi2U (IETF draft-msporny-base58 example).
    expect(base58(new TextEncoder().encode('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
  });

  it("derives Satoshi's genesis pubkey address 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", () => {
    const pubkey = fromHex('04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f');
    expect(pubKeyHashAddress(pubkey)).toBe('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
  });

  it('agrees with bitcoinjs-lib toBase58Check on random hashes and versions', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.constantFrom(0x00, 0x05, 0x6f, 0xc4), (hash, version) => {
        expect(base58check(version, hash)).toBe(bjAddress.toBase58Check(hash, version));
      }),
      { numRuns: 300 },
    );
  });
});

describe('segwit addresses (bech32 / bech32m)', () => {
  // Test vectors from BIP173 and BIP350 ("Test vectors for v0-v16 native segregated witness addresses").
  it.each([
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', '0014751e76e8199196d454941c45d1b3a323f1433bd6', 'bc'],
    ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', '00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262', 'tb'],
    ['bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y', '5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6', 'bc'],
    ['bc1sw50qgdz25j', '6002751e', 'bc'],
    ['tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c', '5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433', 'tb'],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', '512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798', 'bc'],
  ])('%s', (addr, spk, hrp) => {
    const s = fromHex(spk);
    const version = s[0] === 0 ? 0 : s[0]! - 0x50;
    expect(segwitAddress(hrp, version, s.subarray(2))).toBe(addr);
  });

  it('agrees with bitcoinjs-lib toBech32 for every witness version and program length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.uint8Array({ minLength: 2, maxLength: 40 }), fc.constantFrom(MAINNET, TESTNET), (version, program, net) => {
        expect(segwitAddress(net.bech32Hrp, version, program)).toBe(bjAddress.toBech32(program, version, net.bech32Hrp));
      }),
      { numRuns: 300 },
    );
  });
});
