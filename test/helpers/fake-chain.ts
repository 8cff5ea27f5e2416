/**
 * Chains for the fake nodes and the sync tests.
 * - `realSparseChain()`: the five real mainnet blocks of datasets/bitcoin/raw-blocks at their real
 *   heights (they do not link: a sparse "best chain" of five entries).
 * - `linkedChain(n)`: the real genesis block, then synthetic blocks linked by prev-hash whose
 *   coinbase transactions are the real ones of 277,647, 413,567, 542,213 and 702,861 (byte for byte,
 *   cycled), so decoding and attribution see real coinbases; headers are synthetic (regtest bits,
 *   nonce ground to meet them). `branch()` builds a competing branch from a fork height.
 * - `writeBlocksDir()`: blk?????.dat files (optionally XOR-obfuscated) holding given blocks.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xorInPlace } from '../../src/decode/bitcoin/blk-record.js';
import { buildBlock } from '../../src/decode/bitcoin/build-block.js';
import { decodeCoinbaseBlock } from '../../src/decode/bitcoin/coinbase.js';
import { sha256d } from '../../src/decode/bitcoin/hash.js';
import { hashFromHex, toHexReversed } from '../../src/decode/bitcoin/hex.js';
import { loadRealBlocks, type ExpectedBlock } from '../support/bitcoin-blocks.js';

/** expected.json rows with the attributions staged with them. */
export type ExpectedWithPools = ExpectedBlock & {
  readonly expected_pool_mempool_pools_v2: { readonly id: number; readonly name: string; readonly via: string | null };
  readonly expected_pool_bitcoin_data_pool_list: { readonly id: number; readonly name: string; readonly via: string | null };
  readonly expected_entity_edi_rules: { readonly name: string | null; readonly via: string };
};

export interface FakeBlock {
  readonly height: number;
  readonly hash: string;
  readonly bytes: Uint8Array;
}

/** A mutable best chain (sparse allowed) plus every block ever known (stale ones stay servable). */
export class FakeChain {
  private readonly byHash = new Map<string, Uint8Array>();
  private best = new Map<number, string>();
  tipHeight = -1;
  tipHash = '';

  constructor(blocks: readonly FakeBlock[] = []) {
    this.setBest(blocks);
  }

  /** Replace the best chain by these blocks (e.g. after a reorg); earlier blocks remain known. */
  setBest(blocks: readonly FakeBlock[]): void {
    this.best = new Map();
    for (const b of blocks) {
      this.byHash.set(b.hash, b.bytes);
      this.best.set(b.height, b.hash);
    }
    const top = [...this.best.keys()].sort((a, b) => b - a)[0];
    this.tipHeight = top ?? -1;
    this.tipHash = top === undefined ? '' : this.best.get(top)!;
  }

  hashAt(height: number): string | undefined {
    return this.best.get(height);
  }

  block(hash: string): Uint8Array | undefined {
    return this.byHash.get(hash);
  }

  heights(): number[] {
    return [...this.best.keys()].sort((a, b) => a - b);
  }
}

export const hashOf = (bytes: Uint8Array): string => toHexReversed(sha256d(bytes.subarray(0, 80)));

export function realSparseBlocks(): { blocks: FakeBlock[]; expected: ExpectedBlock[] } {
  const real = loadRealBlocks();
  return { blocks: real.map((r) => ({ height: r.expected.height, hash: r.expected.hash, bytes: r.bytes })), expected: real.map((r) => r.expected) };
}

export function realSparseChain(): FakeChain {
  return new FakeChain(realSparseBlocks().blocks);
}

/** The real coinbase transactions (bytes and txid) of the four non-genesis real blocks, with their expected data. */
export function realCoinbases(): { bytes: Uint8Array; txid: Uint8Array; expected: ExpectedBlock }[] {
  return loadRealBlocks()
    .filter((r) => r.expected.height > 0)
    .map((r) => {
      const d = decodeCoinbaseBlock(r.bytes);
      const start = 80 + (r.bytes[80]! < 0xfd ? 1 : r.bytes[80] === 0xfd ? 3 : 5);
      return { bytes: r.bytes.slice(start, d.coinbaseEnd), txid: hashFromHex(d.coinbase.txid!), expected: r.expected };
    });
}

export const EASY_BITS = 0x207fffff;
/** Genesis time, 2009-01-03 18:15:05 UTC. */
export const GENESIS_TIME = 1231006505;

export interface ChainOptions {
  /** Seconds between blocks (default 600). */
  readonly spacingSec?: number;
  /** Time of block 1 (default genesis + spacing). */
  readonly startTimeSec?: number;
  /** Folded into the header version so that two branches built from the same parent differ. */
  readonly salt?: number;
  /** Rotate which real coinbase each height carries (a branch with other pools). */
  readonly coinbaseOffset?: number;
}

/** Blocks `fromHeight…fromHeight+count-1` on top of `parent`, coinbases cycling through the real ones. */
export function extendChain(parent: FakeBlock, count: number, opts: ChainOptions = {}): FakeBlock[] {
  const cbs = realCoinbases();
  const spacing = opts.spacingSec ?? 600;
  const t0 = opts.startTimeSec ?? GENESIS_TIME + spacing * (parent.height + 1);
  const out: FakeBlock[] = [];
  let prev = parent;
  for (let k = 0; k < count; k++) {
    const height = parent.height + 1 + k;
    const cb = cbs[(height - 1 + (opts.coinbaseOffset ?? 0)) % cbs.length]!;
    const bytes = buildBlock({ version: 0x20000000 | (opts.salt ?? 0), prevHash: prev.hash, timeSec: t0 + k * spacing, bits: EASY_BITS }, [cb]);
    prev = { height, hash: hashOf(bytes), bytes };
    out.push(prev);
  }
  return out;
}

export function genesisBlock(): FakeBlock {
  const g = loadRealBlocks()[0]!;
  return { height: 0, hash: g.expected.hash, bytes: g.bytes };
}

/** Genesis (real) and `length - 1` linked synthetic blocks with real coinbases. */
export function linkedChain(length: number, opts: ChainOptions = {}): FakeBlock[] {
  const g = genesisBlock();
  return [g, ...extendChain(g, length - 1, opts)];
}

/**
 * The chain up to and including `forkHeight`, then `count` blocks of a competing branch: other
 * header versions, times 7 s later, and coinbases rotated by one (so other pools win its blocks).
 */
export function branch(chain: readonly FakeBlock[], forkHeight: number, count: number, opts: ChainOptions = {}): FakeBlock[] {
  const base = chain.filter((b) => b.height <= forkHeight);
  const parent = base[base.length - 1]!;
  const spacing = opts.spacingSec ?? 600;
  const next = chain.find((b) => b.height === forkHeight + 1);
  const t1 = next ? decodeCoinbaseBlock(next.bytes).header.timeSec : GENESIS_TIME + spacing * (forkHeight + 1);
  return [...base, ...extendChain(parent, count, { salt: 0x100, coinbaseOffset: 1, spacingSec: spacing, startTimeSec: t1 + 7, ...opts })];
}

/** Which real block's coinbase a linked-chain height carries. */
export function expectedAt(height: number): ExpectedWithPools {
  if (height === 0) return loadRealBlocks()[0]!.expected as ExpectedWithPools;
  const cbs = realCoinbases();
  return cbs[(height - 1) % cbs.length]!.expected as ExpectedWithPools;
}

const MAGIC = Uint8Array.of(0xf9, 0xbe, 0xb4, 0xd9);

/** blk files with `perFile` records each, in the given order (XORed with `key` when given, plus xor.dat). */
export function writeBlocksDir(blocks: readonly Uint8Array[], opts: { key?: Uint8Array; perFile?: number } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'nk-blocks-'));
  const per = opts.perFile ?? 4;
  for (let f = 0; f * per < blocks.length; f++) {
    const parts = blocks.slice(f * per, (f + 1) * per);
    const size = parts.reduce((s, b) => s + 8 + b.length, 0);
    const data = new Uint8Array(size + 1024); // + zero padding, as Core preallocates
    let at = 0;
    for (const b of parts) {
      data.set(MAGIC, at);
      new DataView(data.buffer).setUint32(at + 4, b.length, true);
      data.set(b, at + 8);
      at += 8 + b.length;
    }
    if (opts.key) xorInPlace(data.subarray(0, size), opts.key, 0);
    writeFileSync(join(dir, `blk${String(f).padStart(5, '0')}.dat`), data);
  }
  if (opts.key) writeFileSync(join(dir, 'xor.dat'), opts.key);
  return dir;
}
