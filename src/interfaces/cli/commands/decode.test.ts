import { datasetPath } from '../../../sources/files/datasets-path.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import type { CoinbaseInfo } from '../../../domain/block.js';
import { DecodeError, SourceError } from '../../../domain/errors.js';
import { realBlock } from '../../../../test/support/bitcoin-blocks.js';
import { captureIo } from '../io.js';
import { register, type DecodeCommandOptions } from './decode.js';

const dir = mkdtempSync(join(tmpdir(), 'decode-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], options?: DecodeCommandOptions): Promise<string> {
  const io = captureIo();
  const program = new Command('nakamoto').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  register(program, io, options);
  await program.parseAsync(['node', 'nakamoto', ...args]);
  return io.out();
}

describe('nakamoto decode block', () => {
  const b = realBlock(542213);
  const binPath = join(dir, 'block.bin');
  const hexPath = join(dir, 'block.hex');
  writeFileSync(binPath, b.bytes);
  // Hex text with line breaks, as `bitcoin-cli getblock <hash> 0 | fold` would give.
  writeFileSync(hexPath, Buffer.from(b.bytes).toString('hex').replace(/(.{128})/g, '$1\n') + '\n');

  it('prints the expected.json facts as JSON, from binary and from hex', async () => {
    for (const path of [binPath, hexPath]) {
      const out = JSON.parse(await run(['decode', 'block', path, '--format', 'json'])) as Record<string, unknown>;
      const e = b.expected;
      expect(out.hash).toBe(e.hash);
      expect(out.height).toBe(e.height);
      expect(out.time).toBe(e.time_utc);
      expect(out.txCount).toBe(e.tx_count);
      expect(out.coinbaseText).toBe(e.coinbase_printable);
      expect(out.coinbaseHex).toBe(e.coinbase_scriptsig_hex);
      expect((out.outputs as { valueSats: string; scriptHex: string }[]).map((o) => [o.valueSats, o.scriptHex])).toEqual(e.coinbase_outputs.map((o) => [o.sats, o.spk]));
      expect(out.payoutAddresses).toEqual(['1Nh7uHdvY6fNwtQtM1G5EZAFPLC33B59rB']);
      expect((out.mergedMining as { offset: number }[]).map((m) => m.offset)).toEqual([e.coinbase_scriptsig_hex.indexOf('fabe6d6d') / 2]);
      expect(out).not.toHaveProperty('attribution');
    }
  });

  it('--full adds sizes and the merkle check; table output names the fields', async () => {
    const out = JSON.parse(await run(['decode', 'block', binPath, '--format', 'json', '--full'])) as Record<string, unknown>;
    expect(out.merkleRootValid).toBe(true);
    expect(out.sizeBytes).toBe(2355);
    const table = await run(['decode', 'block', binPath]);
    expect(table).toMatch(/^field\s+value\n/);
    expect(table).not.toContain('[object Object]');
    expect(table).toMatch(new RegExp(`^hash +${b.expected.hash}$`, 'm'));
    expect(table).toMatch(/^difficulty +7019199231177\.173$/m);
    expect(table).toMatch(/^output 0 +1250004874 sats p2pkh 1Nh7uHdvY6fNwtQtM1G5EZAFPLC33B59rB$/m);
  });

  it('table form prints the attribution matches as text, never [object Object] (block 702,861: address and tag)', async () => {
    const table = await run(['decode', 'block', datasetPath('bitcoin/raw-blocks/block_702861.bin')]);
    expect(table).not.toContain('[object Object]');
    expect(table).toMatch(/^pool +name Binance Pool, slug binancepool, method address, /m);
    expect(table).toMatch(/^matches +pool Binance Pool, slug binancepool, method address, rule bc1q\w+; pool Binance Pool, slug binancepool, method tag, rule binance$/m);
  });

  it('reads - from stdin and passes the coinbase to the attribution hook', async () => {
    const seen: CoinbaseInfo[] = [];
    const out = JSON.parse(
      await run(['decode', 'block', '-', '--format', 'json'], {
        readStdin: () => Promise.resolve(b.bytes),
        attribute: (c) => (seen.push(c), { pool: 'from-hook' }),
      }),
    ) as Record<string, unknown>;
    expect(out.pool).toBe('from-hook');
    expect(seen.map((c) => [c.height, c.payoutAddresses])).toEqual([[542213, ['1Nh7uHdvY6fNwtQtM1G5EZAFPLC33B59rB']]]);
  });

  it('gives typed errors for missing files, bad hex and truncated blocks', async () => {
    await expect(run(['decode', 'block', join(dir, 'nope.bin')])).rejects.toBeInstanceOf(SourceError);
    const odd = join(dir, 'odd.hex');
    writeFileSync(odd, 'abc');
    await expect(run(['decode', 'block', odd])).rejects.toThrow(/odd number of hex digits/);
    const cut = join(dir, 'cut.bin');
    writeFileSync(cut, b.bytes.subarray(0, 200));
    await expect(run(['decode', 'block', cut])).rejects.toMatchObject({ constructor: DecodeError, position: { input: cut } });
    await expect(run(['decode', 'block', binPath, '--format', 'csv'])).rejects.toThrow(/csv/);
  });

  it('attributes the block with a real rule set: 702,861 is Binance Pool by payout address, its tag also matches', async () => {
    const file = datasetPath('bitcoin/raw-blocks/block_702861.bin');
    const out = JSON.parse(await run(['decode', 'block', file, '--format', 'json', '--rules', 'mempool'])) as {
      pool: { name: string; slug: string; method: string; ruleSet: string };
      matches: { pool: string; method: string }[];
    };
    // expected.json: expected_pool_mempool_pools_v2 = Binance Pool via the payout address; the coinbase also carries "binance/".
    expect(out.pool).toMatchObject({ name: 'Binance Pool', slug: 'binancepool', method: 'address' });
    expect(out.pool.ruleSet).toMatch(/^mempool@[0-9a-f]{12}$/);
    expect(out.matches.map((m) => [m.pool, m.method])).toEqual([
      ['Binance Pool', 'address'],
      ['Binance Pool', 'tag'],
    ]);
  });
});
