import { describe, expect, it } from 'vitest';
import { ByteReader } from './byte-reader.js';
import { sha256d } from './hash.js';
import { difficultyFromBits, meetsTarget, readHeader, targetFromBits, workFromBits } from './header.js';
import { loadRealBlocks } from '../../../test/support/bitcoin-blocks.js';

describe('compact target (bits)', () => {
  // Vectors from Bitcoin Core src/test/arith_uint256_tests.cpp (SetCompact); Core's negative and
  // overflow cases are null here, as is a zero target.
  it.each([
    [0x00123456, null],
    [0x01003456, null],
    [0x02000056, null],
    [0x04000000, null],
    [0x01803456, null],
    [0x01123456, 0x12n],
    [0x01fedcba, null], // negative
    [0x02123456, 0x1234n],
    [0x03123456, 0x123456n],
    [0x04123456, 0x12345600n],
    [0x04923456, null], // negative
    [0x05009234, 0x92340000n],
    [0x20123456, 0x1234560000000000000000000000000000000000000000000000000000000000n],
    [0xff123456, null], // overflow
  ] as const)('bits %s', (bits, target) => {
    expect(targetFromBits(bits)).toBe(target);
  });

  it('work per block matches Core chainwork: genesis 0x100010001, regtest 2', () => {
    // getblockheader of mainnet genesis: chainwork 0000…0100010001; regtest genesis (bits 207fffff): 0000…0002.
    expect(workFromBits(0x1d00ffff)).toBe(0x100010001n);
    expect(workFromBits(0x207fffff)).toBe(2n);
    expect(workFromBits(0x04923456)).toBe(0n);
  });
});

describe('real headers', () => {
  const blocks = loadRealBlocks();

  it.each(blocks.map((b) => [b.expected.file, b] as const))('%s: fields, hash and difficulty as staged', (_f, b) => {
    const h = readHeader(new ByteReader(b.bytes, b.path));
    const e = b.expected;
    expect(h.hash).toBe(e.hash);
    expect(h.prevHash).toBe(e.prev_hash);
    expect(h.merkleRoot).toBe(e.merkle_root);
    expect(h.version).toBe(e.version);
    expect(new Date(h.timeSec * 1000).toISOString()).toBe(e.time_utc);
    expect(h.bits.toString(16).padStart(8, '0')).toBe(e.bits);
    expect(h.nonce).toBe(e.nonce);
    // Core prints difficulty with 16 significant digits (UniValue setprecision(16)).
    expect(h.difficulty.toPrecision(16)).toBe(e.difficulty.toPrecision(16));
    expect(meetsTarget(sha256d(b.bytes.subarray(0, 80)), h.bits)).toBe(true);
  });

  it('genesis difficulty is exactly 1 and a wrong nonce fails proof of work', () => {
    expect(difficultyFromBits(0x1d00ffff)).toBe(1);
    const g = blocks[0]!.bytes.slice(0, 80);
    g[76]! ^= 1;
    expect(meetsTarget(sha256d(g), 0x1d00ffff)).toBe(false);
  });
});
