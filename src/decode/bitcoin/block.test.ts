import { Block } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { decodeBlock } from './block.js';
import { decodeCoinbaseBlock } from './coinbase.js';
import { sha256d } from './hash.js';
import { merkleRoot } from './merkle.js';
import { loadRealBlocks, realBlock } from '../../../test/support/bitcoin-blocks.js';

describe('decodeBlock on the real blocks', () => {
  it.each(loadRealBlocks().map((b) => [b.expected.file, b] as const))('%s: counts and sizes agree with bitcoinjs-lib, merkle root valid', (_f, b) => {
    const got = decodeBlock(b.bytes, { input: b.path });
    const bj = Block.fromBuffer(b.bytes);
    const txs = bj.transactions!;
    expect(got.txCount).toBe(b.expected.tx_count);
    expect(got.merkleRootValid).toBe(b.expected.merkle_valid);
    expect(got.merkleMutated).toBe(false);
    expect(got.sizeBytes).toBe(bj.byteLength());
    expect(got.strippedSizeBytes).toBe(bj.byteLength(false, false));
    expect(got.weight).toBe(bj.weight());
    expect(got.inputCount).toBe(txs.reduce((s, t) => s + t.ins.length, 0));
    expect(got.outputCount).toBe(txs.reduce((s, t) => s + t.outs.length, 0));
    expect(got.segwitTxCount).toBe(txs.filter((t) => t.hasWitnesses()).length);
    expect(got.coinbase).toEqual(decodeCoinbaseBlock(b.bytes, { input: b.path }).coinbase);
  });

  it('detects a changed transaction through the merkle root', () => {
    const b = realBlock(542213).bytes.slice();
    const cbEnd = decodeCoinbaseBlock(b).coinbaseEnd;
    b[cbEnd + 10]! ^= 1; // inside transaction 1's prevout hash: structure intact, txid changed
    const got = decodeBlock(b);
    expect(got.merkleRootValid).toBe(false);
    expect(decodeBlock(b, { verifyMerkle: false }).merkleRootValid).toBeNull();
  });

  it('rejects trailing bytes after the last transaction', () => {
    const b = realBlock(0).bytes;
    const padded = new Uint8Array(b.length + 3);
    padded.set(b);
    expect(() => decodeBlock(padded, { input: 'x' })).toThrow(/x \(byte 285\) \[block end\]: 3 unexpected bytes/);
  });

  it('rejects a block whose transaction count exceeds what its bytes can hold', () => {
    const b = realBlock(0).bytes.slice();
    b[80] = 2; // genesis claims 2 transactions but has 204 bytes after the count; the 2nd is missing
    expect(() => decodeBlock(b)).toThrow(DecodeError);
  });
});

describe('merkleRoot', () => {
  const h = (n: number) => sha256d(Uint8Array.of(n));

  it('hashes pairs and duplicates the odd last hash (hand computation)', () => {
    const [a, b, c] = [h(1), h(2), h(3)];
    expect(merkleRoot([a]).root).toEqual(a);
    expect(merkleRoot([a, b]).root).toEqual(sha256d(a, b));
    expect(merkleRoot([a, b, c]).root).toEqual(sha256d(sha256d(a, b), sha256d(c, c)));
  });

  it("flags CVE-2012-2459: [a,b,c] and [a,b,c,c] share a root, only the latter is 'mutated'", () => {
    const [a, b, c] = [h(1), h(2), h(3)];
    const three = merkleRoot([a, b, c]);
    const four = merkleRoot([a, b, c, c]);
    expect(four.root).toEqual(three.root);
    expect(three.mutated).toBe(false);
    expect(four.mutated).toBe(true);
  });
});
