import { describe, expect, it } from 'vitest';
import { pubKeyHashAddress } from './address.js';
import { fromHex } from './hex.js';
import { describeScript } from './script-type.js';
import { loadCoinbaseRows } from '../../../test/support/bitcoin-blocks.js';

const d = (hex: string) => describeScript(fromHex(hex));
const PK33 = '02' + '11'.repeat(32);
const PK65 = '04' + '22'.repeat(64);

describe('describeScript templates', () => {
  it('recognises address types', () => {
    expect(d('76a91427a1f12771de5cc3b73941664b2537c15316be4388ac')).toEqual({ type: 'p2pkh', address: '14cZMQk89mRYQkDEj8Rn25AnGoBi5H6uer' });
    expect(d('a914' + '00'.repeat(20) + '87').type).toBe('p2sh');
    expect(d('a914' + '00'.repeat(20) + '87').address!.startsWith('3')).toBe(true);
    expect(d('0014751e76e8199196d454941c45d1b3a323f1433bd6').address).toBe('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4');
    expect(d('0020' + '00'.repeat(32)).type).toBe('p2wsh');
    expect(d('5120' + '00'.repeat(32)).type).toBe('p2tr');
    expect(d('6002751e')).toEqual({ type: 'witness_unknown', address: 'bc1sw50qgdz25j' });
  });

  it('keeps the pubkey of P2PK (compressed and uncompressed) with no address', () => {
    expect(d('21' + PK33 + 'ac')).toEqual({ type: 'p2pk', address: null, data: PK33 });
    expect(d('41' + PK65 + 'ac')).toEqual({ type: 'p2pk', address: null, data: PK65 });
    // A 33-byte push that is not a pubkey (prefix 0x05) is not P2PK.
    expect(d('21' + '05' + '11'.repeat(32) + 'ac').type).toBe('nonstandard');
  });

  it('parses bare multisig m-of-n', () => {
    expect(d('51' + '21' + PK33 + '41' + PK65 + '52ae')).toEqual({ type: 'multisig', address: null, pubkeys: [PK33, PK65], requiredSigs: 1 });
    expect(d('53' + '21' + PK33 + '21' + PK33 + '52ae').type).toBe('nonstandard'); // 3-of-2
    expect(d('51' + '21' + PK33 + '53ae').type).toBe('nonstandard'); // n does not match the keys
  });

  it('separates the witness commitment from other OP_RETURN data', () => {
    const c = 'aa21a9ed' + 'ab'.repeat(32);
    expect(d('6a24' + c)).toEqual({ type: 'witness_commitment', address: null, data: 'ab'.repeat(32) });
    // Pushes after OP_RETURN are concatenated: PUSH 3 "abc", PUSHDATA1 2 "de".
    expect(d('6a03616263' + '4c026465')).toEqual({ type: 'op_return', address: null, data: '6162636465' });
    // A push running past the end falls back to the raw bytes after OP_RETURN.
    expect(d('6a05aabb').data).toBe('05aabb');
    expect(d('6a').data).toBe('');
  });

  it('calls malformed or unknown scripts nonstandard', () => {
    expect(d('').type).toBe('nonstandard');
    expect(d('0019' + '00'.repeat(25)).type).toBe('nonstandard'); // v0 program of 25 bytes
    expect(d('76a91427a1f12771de5cc3b73941664b2537c15316be4388').type).toBe('nonstandard'); // cut P2PKH
    expect(d('ac').type).toBe('nonstandard');
  });
});

describe('the 605 real coinbases (datasets/bitcoin/coinbases)', () => {
  const rows = loadCoinbaseRows();

  it('has the rows PROVENANCE.md describes', () => {
    expect(rows.length).toBe(605);
    expect(rows.filter((r) => r.height < 600).length).toBe(600);
  });

  it('types every scriptPubKey and derives the same address as the staged CSV', () => {
    const types = new Map<string, number>();
    for (const row of rows) {
      for (const o of row.outputs) {
        const got = describeScript(fromHex(o.spkHex));
        types.set(got.type, (types.get(got.type) ?? 0) + 1);
        const where = `${row.file}:${row.line}`;
        if (o.address.startsWith('P2PK:')) {
          expect(got.type, where).toBe('p2pk');
          expect(got.address, where).toBeNull();
          expect(pubKeyHashAddress(fromHex(got.data!)), where).toBe(o.address.slice(5));
        } else if (o.address === '') {
          expect(got.address, where).toBeNull();
          expect(got.type, where).toBe(o.spkHex.startsWith('6a24aa21a9ed') ? 'witness_commitment' : 'op_return');
        } else {
          expect(got.address, where).toBe(o.address);
        }
      }
    }
    // 600 P2PK outputs in 2009 (PROVENANCE: "All outputs are 50 BTC P2PK outputs"), 5 later P2PKH payouts, 2 commitments.
    expect(Object.fromEntries(types)).toEqual({ p2pk: 600, p2pkh: 5, witness_commitment: 2 });
  });
});
