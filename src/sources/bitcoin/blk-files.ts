/**
 * @module Read a Bitcoin Core `blocks/` folder: blk?????.dat files of records (4-byte network
 * magic, 4-byte little-endian length, block), optionally XOR-obfuscated with the 8-byte key in
 * `xor.dat` (Core 28+), zero-padded at the end (preallocation), blocks in arrival order. Indexing
 * reads only each record's 88-byte prefix; blocks are then yielded in best-chain order.
 */
import { open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { CoinbaseDetail } from '../../domain/block.js';
import { DecodeError, SourceError } from '../../domain/errors.js';
import { selectBestChain, type ChainStart } from '../../decode/bitcoin/best-chain.js';
import { decodeCoinbaseBlock, type DecodeOptions } from '../../decode/bitcoin/coinbase.js';
import { HEADER_BYTES, meetsTarget } from '../../decode/bitcoin/header.js';
import { sha256d } from '../../decode/bitcoin/hash.js';
import { toHexReversed } from '../../decode/bitcoin/hex.js';
import { effectiveXorKey, indexOfMagic, isAllZero, XOR_KEY_BYTES, xorInPlace } from '../../decode/bitcoin/blk-record.js';

/** Network magic of mainnet records (pchMessageStart): f9 be b4 d9. */
export const MAINNET_MAGIC: Uint8Array = Uint8Array.of(0xf9, 0xbe, 0xb4, 0xd9);
/** Core's MAX_BLOCK_SERIALIZED_SIZE: a record declaring more is corrupt. */
export const MAX_BLOCK_BYTES = 4_000_000;
/** Header + tx count + smallest transaction. */
const MIN_BLOCK_BYTES = HEADER_BYTES + 1 + 60;
const RECORD_PREFIX = 8;

export interface BlkReadOptions {
  readonly magic?: Uint8Array;
  /** Throw DecodeError (file + offset) on the first problem instead of reporting it. Default false. */
  readonly strict?: boolean;
  /** Skip (and report) headers whose hash exceeds their target. Default true. */
  readonly checkPow?: boolean;
  /** Start the chain at a block of known height instead of genesis. */
  readonly start?: ChainStart;
}

export interface BlockLocation {
  readonly file: string;
  /** Offset of the block's first byte (after magic and length) in the file. */
  readonly offset: number;
  readonly length: number;
  readonly hash: string;
  readonly prevHash: string;
  readonly bits: number;
}

export type BlkIssueKind = 'truncated' | 'bad-length' | 'bad-magic' | 'bad-pow' | 'duplicate';

export interface BlkIssue {
  readonly kind: BlkIssueKind;
  readonly file: string;
  readonly offset: number;
  readonly detail: string;
}

export interface BlocksIndex {
  readonly dir: string;
  readonly files: readonly string[];
  readonly xorKey: Uint8Array | null;
  /** Best chain, root to tip. */
  readonly best: readonly { readonly height: number; readonly block: BlockLocation }[];
  /** Blocks that link to the chain but lie on a branch with less work. */
  readonly stale: readonly { readonly height: number; readonly block: BlockLocation }[];
  /** Blocks whose parent is not in the files (or precedes `start`). */
  readonly unconnected: readonly BlockLocation[];
  readonly issues: readonly BlkIssue[];
  /** Zero bytes skipped at file ends (preallocated space). */
  readonly paddingBytes: number;
}

export interface ChainBlockBytes {
  readonly height: number;
  readonly hash: string;
  readonly bytes: Uint8Array;
  /** Where the block sits: blk file and offset of its first byte. */
  readonly file: string;
  readonly offset: number;
}

/** blk?????.dat names in the folder, in numeric order. */
export async function listBlkFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new SourceError(`cannot read blocks folder ${dir}: ${(err as Error).message}`, { cause: err, inputError: true });
  }
  return names.filter((n) => /^blk\d{5,}\.dat$/.test(n)).sort((a, b) => Number(a.slice(3, -4)) - Number(b.slice(3, -4)));
}

/**
 * The obfuscation key from `<dir>/xor.dat` (Bitcoin Core 28+), or null when the file is absent or
 * all zeros (no obfuscation). A key of the wrong size is a DecodeError.
 */
export async function readXorKey(dir: string): Promise<Uint8Array | null> {
  const path = join(dir, 'xor.dat');
  let key: Uint8Array;
  try {
    key = new Uint8Array(await readFile(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SourceError(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  if (key.length !== XOR_KEY_BYTES) throw new DecodeError({ input: path }, `expected a ${XOR_KEY_BYTES}-byte key, found ${key.length} bytes`);
  return effectiveXorKey(key);
}

const SCAN_CHUNK = 1 << 20;

function firstNonZero(buf: Uint8Array): number {
  for (let i = 0; i < buf.length; i++) if (buf[i] !== 0) return i;
  return buf.length;
}

/**
 * From `pos` (already rejected as a record start), find the next record magic (de-obfuscated).
 * `next` is its offset or -1. `allZero` tells whether every byte skipped was padding: zero on disk
 * (Core preallocates with raw zeros) or zero after de-obfuscation (a whole file XORed by a tool).
 */
async function scanForMagic(fh: FileHandle, size: number, pos: number, key: Uint8Array | null, magic: Uint8Array): Promise<{ next: number; allZero: boolean }> {
  const chunk = new Uint8Array(SCAN_CHUNK);
  let rawZero = true;
  let plainZero = true;
  let at = pos;
  let searchFrom = 1;
  while (at < size) {
    const got = (await fh.read(chunk, 0, Math.min(chunk.length, size - at), at)).bytesRead;
    if (got === 0) break;
    const view = chunk.subarray(0, got);
    const rawNonZero = firstNonZero(view);
    xorInPlace(view, key, at);
    const i = indexOfMagic(view, magic, searchFrom);
    // Without a match, keep the last 3 bytes for the next chunk: a magic may straddle the boundary.
    const skipped = i >= 0 ? i : at + got >= size ? got : got - 3;
    rawZero &&= rawNonZero >= skipped;
    plainZero &&= isAllZero(view, 0, skipped);
    if (i >= 0) return { next: at + i, allZero: rawZero || plainZero };
    if (skipped <= 0) break;
    at += skipped;
    searchFrom = 0;
  }
  return { next: -1, allZero: rawZero || plainZero };
}

function magicMatches(buf: Uint8Array, magic: Uint8Array): boolean {
  return buf[0] === magic[0] && buf[1] === magic[1] && buf[2] === magic[2] && buf[3] === magic[3];
}

async function scanFile(path: string, key: Uint8Array | null, opts: BlkReadOptions, out: BlockLocation[], issues: BlkIssue[]): Promise<number> {
  const magic = opts.magic ?? MAINNET_MAGIC;
  const report = (kind: BlkIssueKind, offset: number, detail: string): void => {
    if (opts.strict) throw new DecodeError({ input: path, offset }, `${kind}: ${detail}`);
    issues.push({ kind, file: path, offset, detail });
  };
  const fh = await open(path, 'r');
  let padding = 0;
  try {
    const size = (await fh.stat()).size;
    const buf = new Uint8Array(RECORD_PREFIX + HEADER_BYTES);
    let pos = 0;
    while (pos < size) {
      const got = (await fh.read(buf, 0, Math.min(buf.length, size - pos), pos)).bytesRead;
      xorInPlace(buf.subarray(0, got), key, pos);
      if (got < 4 || !magicMatches(buf, magic)) {
        const found = await scanForMagic(fh, size, pos, key, magic);
        if (found.next < 0 && found.allZero) {
          padding += size - pos;
          break;
        }
        if (found.allZero) padding += found.next - pos;
        else report('bad-magic', pos, `${(found.next < 0 ? size : found.next) - pos} bytes without the network magic skipped`);
        if (found.next < 0) break;
        pos = found.next;
        continue;
      }
      if (got < RECORD_PREFIX + HEADER_BYTES) {
        report('truncated', pos, `record cut short: ${size - pos} bytes left, a record needs at least ${RECORD_PREFIX + MIN_BLOCK_BYTES}`);
        break;
      }
      const length = (buf[4]! | (buf[5]! << 8) | (buf[6]! << 16)) + buf[7]! * 0x1000000;
      if (length < MIN_BLOCK_BYTES || length > MAX_BLOCK_BYTES) {
        report('bad-length', pos, `record length ${length} outside ${MIN_BLOCK_BYTES}..${MAX_BLOCK_BYTES}`);
        pos += 4; // resynchronise on the next magic, as Core's -reindex does
        continue;
      }
      if (pos + RECORD_PREFIX + length > size) {
        report('truncated', pos, `record declares ${length} bytes but the file has ${size - pos - RECORD_PREFIX} left`);
        break;
      }
      const header = buf.subarray(RECORD_PREFIX);
      const hashBytes = sha256d(header);
      const bits = (header[72]! | (header[73]! << 8) | (header[74]! << 16)) + header[75]! * 0x1000000;
      const block: BlockLocation = {
        file: path,
        offset: pos + RECORD_PREFIX,
        length,
        hash: toHexReversed(hashBytes),
        prevHash: toHexReversed(header, 4, 36),
        bits,
      };
      if ((opts.checkPow ?? true) && !meetsTarget(hashBytes, bits)) report('bad-pow', pos, `block ${block.hash} does not meet its target (bits ${bits.toString(16)})`);
      else out.push(block);
      pos += RECORD_PREFIX + length;
    }
  } finally {
    await fh.close();
  }
  return padding;
}

/** Scan every blk file, then order the blocks into the best chain. */
export async function indexBlocksDir(dir: string, opts: BlkReadOptions = {}): Promise<BlocksIndex> {
  const files = (await listBlkFiles(dir)).map((n) => join(dir, n));
  if (files.length === 0) throw new SourceError(`no blk?????.dat files in ${dir}`, { inputError: true });
  const xorKey = await readXorKey(dir);
  const blocks: BlockLocation[] = [];
  const issues: BlkIssue[] = [];
  let paddingBytes = 0;
  for (const f of files) paddingBytes += await scanFile(f, xorKey, opts, blocks, issues);
  const chain = selectBestChain(blocks, opts.start);
  for (const d of chain.duplicates) issues.push({ kind: 'duplicate', file: d.file, offset: d.offset - RECORD_PREFIX, detail: `block ${d.hash} stored again` });
  return {
    dir,
    files,
    xorKey,
    best: chain.best.map((b) => ({ height: b.height, block: b.entry })),
    stale: chain.stale.map((b) => ({ height: b.height, block: b.entry })),
    unconnected: chain.unconnected,
    issues,
    paddingBytes,
  };
}

/** Yield the best chain's blocks, root to tip, as de-obfuscated bytes (each re-hashed against the index). */
export async function* readChainBlocks(index: BlocksIndex, from = 0): AsyncGenerator<ChainBlockBytes> {
  let fh: FileHandle | null = null;
  let openPath = '';
  try {
    for (let i = from; i < index.best.length; i++) {
      const { height, block } = index.best[i]!;
      if (block.file !== openPath) {
        await fh?.close();
        fh = null;
        fh = await open(block.file, 'r');
        openPath = block.file;
      }
      const bytes = new Uint8Array(block.length);
      const got = (await fh!.read(bytes, 0, block.length, block.offset)).bytesRead;
      if (got !== block.length) throw new SourceError(`${block.file}: block at byte ${block.offset} shrank since indexing (${got} of ${block.length} bytes)`);
      xorInPlace(bytes, index.xorKey, block.offset);
      const hash = toHexReversed(sha256d(bytes.subarray(0, HEADER_BYTES)));
      if (hash !== block.hash) throw new SourceError(`${block.file}: block at byte ${block.offset} changed since indexing (hash ${hash})`);
      yield { height, hash, bytes, file: block.file, offset: block.offset };
    }
  } finally {
    await fh?.close();
  }
}

/** Yield each best-chain block's decoded header and coinbase (fast path), with its chain height. */
export async function* readChainCoinbases(index: BlocksIndex, options: DecodeOptions = {}): AsyncGenerator<{ height: number; hash: string; txCount: number; coinbase: CoinbaseDetail }> {
  for await (const b of readChainBlocks(index)) {
    // Offsets in decode errors are within the block, which starts at b.offset in the file.
    const decoded = decodeCoinbaseBlock(b.bytes, { ...options, input: `${b.file} block at byte ${b.offset} (height ${b.height})` });
    yield { height: b.height, hash: b.hash, txCount: decoded.txCount, coinbase: decoded.coinbase };
  }
}
