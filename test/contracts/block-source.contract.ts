/**
 * The BlockSource contract: every client (Core JSON-RPC, Core REST, Esplora, blk files) runs this
 * same suite against a real transport — a fake node on 127.0.0.1 speaking that API's wire format,
 * or blk files on disk — serving
 * - a linked chain: the real genesis block, then synthetic headers carrying the real coinbase
 *   transactions of the raw-blocks dataset (test/helpers/fake-chain.ts);
 * - where the transport can (`sparse`), the five real mainnet blocks at their real heights.
 * `open(chain)` returns a source over exactly that chain; `close` releases it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, SourceError } from '../../src/domain/errors.js';
import { decodeCoinbaseBlock } from '../../src/decode/bitcoin/coinbase.js';
import type { BlockSource } from '../../src/sources/bitcoin/block-source.js';
import { expectedAt, FakeChain, linkedChain, realSparseBlocks, type FakeBlock } from '../helpers/fake-chain.js';

export interface OpenedSource {
  readonly source: BlockSource;
  close(): Promise<void>;
}

export type SourceOpener = (chain: FakeChain, blocks: readonly FakeBlock[]) => Promise<OpenedSource>;

const LINKED = linkedChain(9);

export function runBlockSourceContract(name: string, open: SourceOpener, caps: { sparse: boolean }): void {
  describe(`BlockSource contract: ${name}`, () => {
    describe('linked chain (real genesis + real coinbases)', () => {
      let opened: OpenedSource;
      beforeAll(async () => {
        opened = await open(new FakeChain(LINKED), LINKED);
      });
      afterAll(async () => opened.close());

      it('reports the tip height and hash', async () => {
        const tip = LINKED[LINKED.length - 1]!;
        expect(await opened.source.tip()).toEqual({ height: tip.height, hash: tip.hash });
      });

      it('gives the hash at every height, one by one and batched in the order asked', async () => {
        for (const b of LINKED) expect(await opened.source.hashAt(b.height)).toBe(b.hash);
        const order = [5, 0, 8, 3, 3, 1];
        expect(await opened.source.hashesAt(order)).toEqual(order.map((h) => LINKED[h]!.hash));
      });

      it('serves each block byte for byte; headers link by prev-hash and coinbases are the real ones', async () => {
        for (const b of LINKED) {
          const bytes = await opened.source.block(b.hash);
          expect(Buffer.compare(bytes, b.bytes)).toBe(0);
          const d = decodeCoinbaseBlock(bytes);
          expect(d.header.hash).toBe(b.hash);
          if (b.height > 0) expect(d.header.prevHash).toBe(LINKED[b.height - 1]!.hash);
          expect(d.coinbase.scriptSigHex).toBe(expectedAt(b.height).coinbase_scriptsig_hex);
        }
      });

      it('serves the 80-byte header alone', async () => {
        const b = LINKED[4]!;
        expect(Buffer.compare(await opened.source.header(b.hash), b.bytes.subarray(0, 80))).toBe(0);
      });

      it('above the tip, or for an unknown hash: NotFoundError', async () => {
        await expect(opened.source.hashAt(LINKED.length)).rejects.toBeInstanceOf(NotFoundError);
        await expect(opened.source.block('ab'.repeat(32))).rejects.toBeInstanceOf(NotFoundError);
      });

      it('rejects a malformed height or hash before asking: SourceError (bad input)', async () => {
        await expect(opened.source.hashAt(-1)).rejects.toMatchObject({ constructor: SourceError, exitCode: 2 });
        await expect(opened.source.block('XYZ')).rejects.toMatchObject({ constructor: SourceError, exitCode: 2 });
      });

      it('names where a block comes from', () => {
        expect(opened.source.blockInput(LINKED[2]!.hash)).toMatch(/\S/);
      });
    });

    if (caps.sparse) describe('the five real mainnet blocks at their real heights', () => {
      const { blocks, expected } = realSparseBlocks();
      let opened: OpenedSource;
      beforeAll(async () => {
        opened = await open(new FakeChain(blocks), blocks);
      });
      afterAll(async () => opened?.close());

      it('tip is block 702,861', async () => {
        expect(await opened.source.tip()).toEqual({ height: 702861, hash: expected[4]!.hash });
      });

      it('hashes at the real heights are the expected.json hashes; blocks decode to the expected header and coinbase', async () => {
        expect(await opened.source.hashesAt(expected.map((e) => e.height))).toEqual(expected.map((e) => e.hash));
        for (const e of expected) {
          const bytes = await opened.source.block(e.hash);
          expect(bytes.length).toBe(e.bytes);
          const d = decodeCoinbaseBlock(bytes);
          expect(d.header).toMatchObject({ hash: e.hash, prevHash: e.prev_hash, nonce: e.nonce, timeSec: Date.parse(e.time_utc) / 1000 });
          expect(d.txCount).toBe(e.tx_count);
          expect(d.coinbase.scriptSigHex).toBe(e.coinbase_scriptsig_hex);
        }
      });
    });
  });
}
