import { Block } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { pubKeyHashAddress } from './address.js';
import { buildBlock, buildCoinbaseTx } from './build-block.js';
import { decodeCoinbaseBlock } from './coinbase.js';
import { fromHex } from './hex.js';
import { loadCoinbaseRows, loadRealBlocks } from '../../../test/support/bitcoin-blocks.js';

describe('decodeCoinbaseBlock on the real blocks (expected.json)', () => {
  const blocks = loadRealBlocks();

  it.each(blocks.map((b) => [b.expected.file, b] as const))('%s', (_f, b) => {
    const e = b.expected;
    const got = decodeCoinbaseBlock(b.bytes, { input: b.path });
    expect(got.header.hash).toBe(e.hash);
    expect(got.txCount).toBe(e.tx_count);
    const cb = got.coinbase;
    expect(cb.scriptSigHex).toBe(e.coinbase_scriptsig_hex);
    expect(cb.scriptSigText).toBe(e.coinbase_printable);
    expect(cb.timeSec).toBe(Date.parse(e.time_utc) / 1000);
    // Genesis is height 0 by definition (null parent); the others carry theirs (BIP34).
    expect(cb.height).toBe(e.height);
    expect(cb.outputs.length).toBe(e.coinbase_outputs.length);
    cb.outputs.forEach((o, i) => {
      const x = e.coinbase_outputs[i]!;
      expect(o.valueSats).toBe(BigInt(x.sats));
      expect(o.scriptHex).toBe(x.spk);
      if (x.address?.startsWith('P2PK:')) {
        expect(o.address).toBeNull();
        expect(pubKeyHashAddress(fromHex(o.data!))).toBe(x.address.slice(5));
      } else {
        expect(o.address).toBe(x.address);
      }
    });
    expect(cb.payoutAddresses).toEqual(e.coinbase_outputs.map((x) => x.address).filter((a): a is string => a !== null && !a.startsWith('P2PK:')));
    // Independent: bitcoinjs-lib's full parse gives the coinbase txid and where transaction 1 starts.
    const bj = Block.fromBuffer(b.bytes);
    const cbTx = bj.transactions![0]!;
    expect(cb.txid).toBe(cbTx.getId());
    const countBytes = e.tx_count < 0xfd ? 1 : 3;
    expect(got.coinbaseEnd).toBe(80 + countBytes + cbTx.byteLength());
  });

  it('skips through the segwit coinbase witness of block 702,861 and reads its commitment', () => {
    const b = blocks.find((x) => x.expected.height === 702861)!;
    const got = decodeCoinbaseBlock(b.bytes);
    expect(got.coinbase.witnessCommitmentHex).toBe('71bfcc287cd6271682f35f5fba3963861571e0f186899eb0a41a5ebc360a3faa');
    expect(got.coinbase.mergedMining.map((m) => m.offset)).toEqual([9]); // 038db90a | 0475a45561 | fabe6d6d
  });

  it('does not parse past the coinbase, but checks the transaction count fits the bytes', () => {
    const b = blocks.find((x) => x.expected.height === 413567)!;
    const full = decodeCoinbaseBlock(b.bytes);
    const garbled = b.bytes.slice();
    garbled.fill(0xff, full.coinbaseEnd);
    expect(decodeCoinbaseBlock(garbled).coinbase).toEqual(full.coinbase);
    // 1,557 transactions of at least 60 bytes cannot fit in the 185 bytes left after the header.
    expect(() => decodeCoinbaseBlock(b.bytes.subarray(0, full.coinbaseEnd))).toThrow(/\(byte 80\) \[transaction count\]: count 1557/);
  });

  it('rejects a first transaction that is not a coinbase, at the prevout offset', () => {
    const b = blocks[0]!.bytes.slice();
    b[80 + 1 + 4 + 1 + 5]! ^= 0xff; // a byte of the null prevout hash
    const err = (() => {
      try {
        decodeCoinbaseBlock(b, { input: 'genesis' });
      } catch (e) {
        return e as DecodeError;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(DecodeError);
    expect(err.position.offset).toBe(86);
    expect(err.reason).toMatch(/not a coinbase/);
  });
});

describe('coinbase txids of the 605 CSV rows', () => {
  it('re-serialized (legacy and segwit) coinbases decode to the staged txid', () => {
    for (const row of loadCoinbaseRows()) {
      const outputs = row.outputs.map((o) => ({ valueSats: o.valueSats, script: fromHex(o.spkHex) }));
      // Sequence is not in the CSV: pools used 0xffffffff or 0 (tried both; one must match).
      const ids = [0xffffffff, 0].map((sequence) => {
        const tx = buildCoinbaseTx({ extra: fromHex(row.scriptSigHex), outputs, sequence, segwit: row.height > 481_000 });
        const block = buildBlock({ version: 2, prevHash: '00'.repeat(32), timeSec: 0, bits: 0x207fffff, mine: false }, [tx]);
        return decodeCoinbaseBlock(block).coinbase.txid;
      });
      expect(ids, `${row.file}:${row.line}`).toContain(row.txid);
    }
  });
});
