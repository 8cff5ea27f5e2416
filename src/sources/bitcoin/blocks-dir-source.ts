/**
 * @module BlockSource over a Bitcoin Core `blocks/` folder (blk?????.dat, de-obfuscated with
 * `xor.dat` when present), via the index of blk-files.ts: the best chain by cumulative work from
 * genesis (or from a given start block, for pruned nodes). The folder is indexed once, when the
 * source opens; blocks written afterwards are seen by the next run.
 */
import { open } from 'node:fs/promises';
import { NotFoundError, SourceError } from '../../domain/errors.js';
import { xorInPlace } from '../../decode/bitcoin/blk-record.js';
import { sha256d } from '../../decode/bitcoin/hash.js';
import { HEADER_BYTES } from '../../decode/bitcoin/header.js';
import { toHexReversed } from '../../decode/bitcoin/hex.js';
import { indexBlocksDir, type BlkReadOptions, type BlockLocation, type BlocksIndex } from './blk-files.js';
import { checkHash, checkHeight, type BlockSource, type ChainTip } from './block-source.js';

export class BlocksDirSource implements BlockSource {
  readonly name: string;
  readonly index: BlocksIndex;
  private readonly byHash = new Map<string, BlockLocation>();
  private readonly firstHeight: number;

  private constructor(name: string, index: BlocksIndex) {
    this.name = name;
    this.index = index;
    for (const { block } of [...index.best, ...index.stale]) this.byHash.set(block.hash, block);
    this.firstHeight = index.best[0]?.height ?? 0;
  }

  /** Index `dir` (reads each record's 88-byte prefix) and open it as a source. */
  static async open(dir: string, opts: BlkReadOptions = {}): Promise<BlocksDirSource> {
    const index = await indexBlocksDir(dir, opts);
    if (index.best.length === 0) {
      const from = opts.start ? `start block ${opts.start.hash} (height ${opts.start.height})` : 'the genesis block';
      throw new SourceError(`blocks-dir:${dir}: no chain from ${from} in the blk files (${index.unconnected.length} unconnected blocks); a pruned node needs ?start=<height>:<hash>`, { inputError: true });
    }
    return new BlocksDirSource(`blocks-dir:${dir}`, index);
  }

  async tip(): Promise<ChainTip> {
    const last = this.index.best[this.index.best.length - 1]!;
    return { height: last.height, hash: last.block.hash };
  }

  async hashAt(height: number): Promise<string> {
    checkHeight(height, this.name);
    const entry = this.index.best[height - this.firstHeight];
    if (!entry) throw new NotFoundError(`${this.name}: no best-chain block at height ${height} (the files hold ${this.firstHeight}–${this.firstHeight + this.index.best.length - 1})`);
    return entry.block.hash;
  }

  async hashesAt(heights: readonly number[]): Promise<string[]> {
    return Promise.all(heights.map((h) => this.hashAt(h)));
  }

  private location(hash: string): BlockLocation {
    checkHash(hash, this.name);
    const loc = this.byHash.get(hash);
    if (!loc) throw new NotFoundError(`${this.name}: block ${hash} is not in the blk files`);
    return loc;
  }

  private async read(loc: BlockLocation, length: number): Promise<Uint8Array> {
    const bytes = new Uint8Array(length);
    const fh = await open(loc.file, 'r');
    try {
      const got = (await fh.read(bytes, 0, length, loc.offset)).bytesRead;
      if (got !== length) throw new SourceError(`${loc.file}: block at byte ${loc.offset} shrank since indexing (${got} of ${length} bytes)`);
    } finally {
      await fh.close();
    }
    xorInPlace(bytes, this.index.xorKey, loc.offset);
    const hash = toHexReversed(sha256d(bytes.subarray(0, HEADER_BYTES)));
    if (hash !== loc.hash) throw new SourceError(`${loc.file}: block at byte ${loc.offset} changed since indexing (hash ${hash}, expected ${loc.hash})`);
    return bytes;
  }

  async block(hash: string): Promise<Uint8Array> {
    const loc = this.location(hash);
    return this.read(loc, loc.length);
  }

  async header(hash: string): Promise<Uint8Array> {
    return this.read(this.location(hash), HEADER_BYTES);
  }

  blockInput(hash: string): string {
    const loc = this.byHash.get(hash);
    return loc ? `${loc.file} block at byte ${loc.offset}` : `${this.name} block ${hash}`;
  }

  async close(): Promise<void> {}
}
