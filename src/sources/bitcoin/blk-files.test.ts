import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { xorInPlace } from '../../decode/bitcoin/blk-record.js';
import { buildBlock, buildCoinbaseTx } from '../../decode/bitcoin/build-block.js';
import { decodeCoinbaseBlock } from '../../decode/bitcoin/coinbase.js';
import { sha256d } from '../../decode/bitcoin/hash.js';
import { meetsTarget } from '../../decode/bitcoin/header.js';
import { toHexReversed } from '../../decode/bitcoin/hex.js';
import { loadRealBlocks } from '../../../test/support/bitcoin-blocks.js';
import { indexBlocksDir, readChainBlocks, readChainCoinbases, readXorKey, type BlocksIndex } from './blk-files.js';

const MAGIC = Uint8Array.of(0xf9, 0xbe, 0xb4, 0xd9);
const KEY = Uint8Array.of(0x3c, 0x91, 0x07, 0xee, 0x5a, 0x00, 0xc4, 0x18);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function record(block: Uint8Array): Uint8Array {
  const r = new Uint8Array(8 + block.length);
  r.set(MAGIC);
  new DataView(r.buffer).setUint32(4, block.length, true);
  r.set(block, 8);
  return r;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

/** Write blk files (records, then `padding` raw zero bytes — Core preallocates without obfuscating). */
function blocksDir(files: readonly (readonly Uint8Array[])[], opts: { key?: Uint8Array; padding?: number; tail?: Uint8Array } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'blk-'));
  dirs.push(dir);
  files.forEach((parts, i) => {
    const data = concat([...parts, ...(i === files.length - 1 && opts.tail ? [opts.tail] : [])]);
    if (opts.key) xorInPlace(data, opts.key, 0);
    writeFileSync(join(dir, `blk${String(i).padStart(5, '0')}.dat`), concat([data, new Uint8Array(opts.padding ?? 0)]));
  });
  if (opts.key) writeFileSync(join(dir, 'xor.dat'), opts.key);
  return dir;
}

const hashOf = (block: Uint8Array) => toHexReversed(sha256d(block.subarray(0, 80)));

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('blk files of the real blocks', () => {
  const real = loadRealBlocks();
  const byHeight = (h: number) => real.find((b) => b.expected.height === h)!.bytes;
  const layout = [[byHeight(702861), byHeight(0), byHeight(277647)].map(record), [byHeight(413567), byHeight(542213)].map(record)];

  it.each([
    ['plain', undefined],
    ['XOR-obfuscated', KEY],
  ] as const)('%s: genesis is the chain, the other four are unconnected, padding skipped', async (_name, key) => {
    const dir = blocksDir(layout, { key, padding: 4096 });
    const index = await indexBlocksDir(dir);
    expect(index.xorKey).toEqual(key ?? null);
    expect(index.issues).toEqual([]);
    expect(index.paddingBytes).toBe(2 * 4096);
    expect(index.best.map((b) => [b.height, b.block.hash])).toEqual([[0, real[0]!.expected.hash]]);
    expect(index.unconnected.map((b) => b.hash).sort()).toEqual(real.slice(1).map((b) => b.expected.hash).sort());
    const [genesis] = await collect(readChainBlocks(index));
    expect(Buffer.compare(genesis!.bytes, byHeight(0))).toBe(0);
  });

  it('starting from a known block (702,861) yields its exact bytes and its BIP34 height agrees', async () => {
    const dir = blocksDir(layout, { key: KEY });
    const index = await indexBlocksDir(dir, { start: { hash: real[4]!.expected.hash, height: 702861 } });
    const blocks = await collect(readChainBlocks(index));
    expect(blocks.map((b) => b.height)).toEqual([702861]);
    expect(Buffer.compare(blocks[0]!.bytes, byHeight(702861))).toBe(0);
    const [cb] = await collect(readChainCoinbases(index));
    expect(cb!.coinbase.height).toBe(702861);
    expect(cb!.coinbase.payoutAddresses).toEqual(['bc1qx9t2l3pyny2spqpqlye8svce70nppwtaxwdrp4']);
  });

  it('without xor.dat the obfuscated files have no recognisable records', async () => {
    const dir = blocksDir(layout, { key: KEY });
    rmSync(join(dir, 'xor.dat'));
    const index = await indexBlocksDir(dir);
    expect(index.best).toEqual([]);
    expect(index.issues.map((i) => i.kind)).toEqual(['bad-magic', 'bad-magic']);
  });

  it('a truncated final record is reported with file and offset, or thrown in strict mode', async () => {
    const g = record(byHeight(0));
    const dir = blocksDir([[g]], { tail: record(byHeight(542213)).subarray(0, 500) });
    const index = await indexBlocksDir(dir);
    expect(index.best.length).toBe(1);
    expect(index.issues).toEqual([
      { kind: 'truncated', file: join(dir, 'blk00000.dat'), offset: g.length, detail: 'record declares 2355 bytes but the file has 492 left' },
    ]);
    await expect(indexBlocksDir(dir, { strict: true })).rejects.toMatchObject({
      constructor: DecodeError,
      position: { input: join(dir, 'blk00000.dat'), offset: g.length },
    });
  });

  it('garbage between records is skipped and reported; the next record is still found', async () => {
    const junk = Uint8Array.of(1, 2, 3, 4, 5, 6, 7);
    const dir = blocksDir([[record(byHeight(542213)), junk, record(byHeight(0))]]);
    const index = await indexBlocksDir(dir);
    expect(index.best.map((b) => b.height)).toEqual([0]);
    expect(index.unconnected.length).toBe(1);
    expect(index.issues).toEqual([{ kind: 'bad-magic', file: join(dir, 'blk00000.dat'), offset: 8 + 2355, detail: '7 bytes without the network magic skipped' }]);
  });
});

describe('xor.dat', () => {
  it('all zeros means no obfuscation; a wrong size is a DecodeError', async () => {
    const dir = blocksDir([[record(loadRealBlocks()[0]!.bytes)]]);
    writeFileSync(join(dir, 'xor.dat'), new Uint8Array(8));
    expect(await readXorKey(dir)).toBeNull();
    expect((await indexBlocksDir(dir)).best.length).toBe(1);
    writeFileSync(join(dir, 'xor.dat'), new Uint8Array(7));
    await expect(readXorKey(dir)).rejects.toThrow(/expected a 8-byte key, found 7 bytes/);
  });
});

describe('chain order from synthetic linked blocks', () => {
  const EASY = 0x207fffff; // regtest: work 2
  const HARD = 0x1f7fffff; // work 512
  function mk(height: number, prev: Uint8Array | null, bits = EASY, tag = ''): Uint8Array {
    const coinbase = buildCoinbaseTx({
      height,
      extra: new TextEncoder().encode(`/test ${tag}/`),
      outputs: [{ valueSats: 5_000_000_000n, script: Uint8Array.of(0x00, 0x14, ...new Uint8Array(20).fill(height)) }],
      segwit: height % 2 === 0,
    });
    const prevHash = prev === null ? '00'.repeat(32) : hashOf(prev);
    return buildBlock({ version: 0x20000000, prevHash, timeSec: 1_700_000_000 + 600 * height, bits }, [coinbase]);
  }
  const g = mk(0, null);
  const a1 = mk(1, g);
  const a2 = mk(2, a1);
  const a3 = mk(3, a2);
  const a4 = mk(4, a3);
  const b2 = mk(2, a1, HARD, 'fork'); // fewer blocks, more work
  const b3 = mk(3, b2, EASY, 'fork');
  const orphan = mk(9, mk(8, null, EASY, 'elsewhere'));

  async function index(key?: Uint8Array): Promise<BlocksIndex> {
    const dir = blocksDir([[a3, b3, g, orphan, a1].map(record), [a4, b2, a2, a1].map(record)], { key, padding: 1000 });
    return indexBlocksDir(dir);
  }

  it('follows the most-work branch from genesis and reports stale, unconnected and duplicate blocks', async () => {
    for (const key of [undefined, KEY]) {
      const ix = await index(key);
      expect(ix.best.map((b) => [b.height, b.block.hash])).toEqual([g, a1, b2, b3].map((b, i) => [i, hashOf(b)]));
      expect(ix.stale.map((b) => [b.height, b.block.hash])).toEqual([[2, hashOf(a2)], [3, hashOf(a3)], [4, hashOf(a4)]]);
      expect(ix.unconnected.map((b) => b.hash)).toEqual([hashOf(orphan)]);
      expect(ix.issues.map((i) => [i.kind, i.file.endsWith('blk00001.dat'), i.offset])).toEqual([['duplicate', true, a4.length + b2.length + a2.length + 24]]);
    }
  });

  it('yields blocks in chain order with bytes intact; BIP34 heights match chain heights', async () => {
    const ix = await index(KEY);
    const blocks = await collect(readChainBlocks(ix));
    expect(blocks.map((b) => Buffer.compare(b.bytes, [g, a1, b2, b3][b.height]!))).toEqual([0, 0, 0, 0]);
    const cbs = await collect(readChainCoinbases(ix));
    expect(cbs.map((c) => c.coinbase.height)).toEqual([0, 1, 2, 3]);
    expect(cbs.map((c) => c.coinbase.scriptSigText.includes('/test fork/'))).toEqual([false, false, true, true]);
  });

  it('a block whose coinbase is corrupt fails in the coinbase reader with a DecodeError naming the file', async () => {
    const broken = a1.slice();
    broken[93]! ^= 0xff; // inside the null prevout hash (bytes 86–117: header 80, tx count 1, version 4, input count 1)
    const dir = blocksDir([[g, broken].map(record)]);
    const ix = await indexBlocksDir(dir);
    expect(ix.best.length).toBe(2); // the header is intact, so indexing accepts it
    await expect(collect(readChainCoinbases(ix))).rejects.toMatchObject({
      constructor: DecodeError,
      message: expect.stringContaining(`${join(dir, 'blk00000.dat')} block at byte ${8 + g.length + 8} (height 1)`) as unknown,
    });
  });

  it('skips and reports a block that fails proof of work', async () => {
    const bad = mk(1, g, EASY, 'bad').slice();
    while (meetsTarget(sha256d(bad.subarray(0, 80)), EASY)) bad[76]!++;
    const dir = blocksDir([[g, bad].map(record)]);
    const ix = await indexBlocksDir(dir);
    expect(ix.best.length).toBe(1);
    expect(ix.issues.map((i) => [i.kind, i.offset])).toEqual([['bad-pow', 8 + g.length]]);
    expect((await indexBlocksDir(dir, { checkPow: false })).best.length).toBe(2);
    expect(decodeCoinbaseBlock(bad).coinbase.height).toBe(1);
  });
});
