/**
 * `decode block` heights (issue 16): the genesis block is height 0 by definition (its previous-block
 * hash is all zeros); another pre-BIP34 block does not state its height, and the command says so
 * instead of printing null silently. Block 1 is rebuilt byte for byte from the real coinbase
 * dataset (its header fields are public constants) and checked against the dataset's block hash.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/run-cli.js';
import { buildBlock, buildCoinbaseTx } from '../../../decode/bitcoin/build-block.js';
import { decodeCoinbaseBlock } from '../../../decode/bitcoin/coinbase.js';
import { readCsv } from '../../../sources/files/csv.js';
import { datasetPath } from '../../../sources/files/datasets-path.js';
import { UNKNOWN_HEIGHT } from './decode.js';

const dir = mkdtempSync(join(tmpdir(), 'nk-decode-height-'));
const genesis = datasetPath('bitcoin/raw-blocks/block_000000_genesis.bin');

async function block1(): Promise<{ bytes: Uint8Array; hash: string }> {
  const t = await readCsv(datasetPath('bitcoin/coinbases/mainnet_coinbases_h0-599_2009.csv'));
  const row = t.rows[1]!;
  const [value, script] = row[t.header.indexOf('coinbase_outputs')]!.split(':');
  const coinbase = buildCoinbaseTx({ extra: Buffer.from(row[t.header.indexOf('coinbase_scriptsig_hex')]!, 'hex'), outputs: [{ valueSats: BigInt(value!), script: Buffer.from(script!, 'hex') }] });
  // Block 1's header: version 1, parent = genesis, 2009-01-09T02:54:25Z, bits 0x1d00ffff, nonce 2573394689.
  const bytes = buildBlock({ version: 1, prevHash: t.rows[0]![t.header.indexOf('block_hash')]!, timeSec: Date.parse(row[t.header.indexOf('time_utc')]!) / 1000, bits: 0x1d00ffff, nonce: 2573394689, mine: false }, [coinbase]);
  return { bytes, hash: row[t.header.indexOf('block_hash')]! };
}

describe('nakamoto decode block: height', () => {
  it('the genesis block is height 0', async () => {
    const r = await runCli(['decode', 'block', genesis, '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as { height: number | null; heightNote?: string };
    expect(out.height).toBe(0);
    expect(out.heightNote).toBeUndefined();
  });

  it('block 1 (version 1, before BIP34) has no height of its own: said in the table, null plus a note in JSON', async () => {
    const b = await block1();
    expect(decodeCoinbaseBlock(b.bytes).header.hash).toBe(b.hash); // the real block, rebuilt exactly
    const path = join(dir, 'block1.bin');
    writeFileSync(path, b.bytes);
    const table = await runCli(['decode', 'block', path]);
    expect(table.code, table.err).toBe(0);
    expect(table.out).toMatch(new RegExp(`^height +${UNKNOWN_HEIGHT.replace(/[()]/g, '\\$&')}$`, 'm'));
    const json = JSON.parse((await runCli(['decode', 'block', path, '--format', 'json'])).out) as { height: number | null; heightNote?: string };
    expect(json.height).toBeNull();
    expect(json.heightNote).toBe(UNKNOWN_HEIGHT);
  });
});
