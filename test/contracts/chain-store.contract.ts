/**
 * The chain part of the Store contract (tables of migration 0002), run against every backend:
 * rollback removes a reorged branch from every chain label source and from the shared block times
 * but leaves dataset sources' labels; label counts and the run's ingest record; rule snapshots.
 * `open` must return a fresh, empty store each call. (Atomicity under SIGKILL:
 * pipeline/sync-chain-crash.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { ChainAttributionRecord, ChainBlockRecord, ChainWriteMeta, Store } from '../../src/store/store.js';
import { blockBatch } from './store.contract.js';

export const chainBlock = (height: number, hash = `${height}`.padStart(64, 'a')): ChainBlockRecord => ({
  height, hash, prevHash: '0'.repeat(64), timeSec: 1_700_000_000 + 600 * height, bits: 0x207fffff, version: 0x20000000, txCount: 1, scriptSigHex: '00', payoutAddresses: ['bc1qexample', 'bc1qother'], coinbaseTxid: null,
  coinbaseValueSat: 312_500_000 + height, weight: 4 * (285 + height),
});
export const chainAttr = (height: number, label: string): ChainAttributionRecord => ({ height, label, poolId: null, poolName: label, poolSlug: label, method: 'tag', matchedRule: `/${label}/`, matches: [{ slug: label, name: label, method: 'tag', rule: `/${label}/` }] });
const meta = (source: string): ChainWriteMeta => ({ source, description: 'test', input: 'rpc://test', kind: 'chain', rulesVersion: 'v1' });

export function runChainStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract, chain tables: ${name}`, () => {
    it('rollback deletes blocks above the fork from every chain source and the shared times, not dataset labels', async () => {
      const s = await open();
      try {
        const blocks = [0, 1, 2, 3, 4].map((h) => chainBlock(h));
        await s.writeChainBatch(blocks, blocks.map((b) => chainAttr(b.height, 'p')), meta('chain:mempool'));
        await s.writeChainAttributions(blocks.map((b) => chainAttr(b.height, 'q')), { ...meta('chain:edi'), kind: 'chain-reattribute' });
        await s.writeBlockLabels(blockBatch('perblock-v1', [[3, 1_700_001_800, 'x'], [4, 1_700_002_400, 'y']]), { kind: 'test', sha256: 'b'.repeat(64), rulesVersion: 'labels:b', rows: 2, skipped: 0 });
        expect(await s.rollbackChain(2)).toEqual({ blocks: 2, labels: 4 });
        expect(await s.chainTip()).toEqual({ height: 2, hash: blocks[2]!.hash });
        for (const src of ['chain:mempool', 'chain:edi']) expect([...(await s.readBlockLabels(src)).heights]).toEqual([0, 1, 2]);
        const kept = await s.readBlockLabels('perblock-v1');
        expect([...kept.heights]).toEqual([3, 4]);
        expect([...kept.timeSec].every(Number.isNaN)).toBe(true); // the abandoned blocks' times are gone too
        const labels = await s.readChainLabels('chain:mempool');
        expect(labels.map((l) => [l.height, l.payoutAddresses, l.attribution?.matches[0]?.rule])).toEqual([[0, ['bc1qexample', 'bc1qother'], '/p/'], [1, ['bc1qexample', 'bc1qother'], '/p/'], [2, ['bc1qexample', 'bc1qother'], '/p/']]);
        expect((await s.readChainLabels('chain:mempool', 'v1')).length).toBe(0);
      } finally {
        await s.close();
      }
    });

    it('re-writing blocks counts unchanged and changed labels; one ingest record per run', async () => {
      const s = await open();
      try {
        const blocks = [chainBlock(0), chainBlock(1)];
        const first = await s.writeChainBatch(blocks, [chainAttr(0, 'p'), chainAttr(1, 'p')], meta('chain:mempool'));
        expect(first).toMatchObject({ blocks: 2, inserted: 2, updated: 0, unchanged: 0 });
        const again = await s.writeChainBatch(blocks, [chainAttr(0, 'p'), chainAttr(1, 'q')], { ...meta('chain:mempool'), ingestId: first.ingestId });
        expect(again).toMatchObject({ ingestId: first.ingestId, inserted: 0, updated: 1, unchanged: 1 });
        const [rec] = await s.listIngests();
        expect(rec).toMatchObject({ rows: 4, inserted: 2, updated: 1, unchanged: 1, sha256: blocks[1]!.hash });
      } finally {
        await s.close();
      }
    });

    it('reads chain hashes, block header facts and stored attributions back as written', async () => {
      const s = await open();
      try {
        const blocks = [5, 6, 7, 8].map((h) => ({ ...chainBlock(h), bits: 0x1703a30c, version: -0x40000000 + h, payoutAddresses: h === 6 ? [] : ['bc1qa'] }));
        const attrs = blocks.map((b) => ({ ...chainAttr(b.height, `pool-${b.height % 2}`), poolId: b.height === 5 ? null : b.height * 10 }));
        await s.writeChainBatch(blocks, attrs, meta('chain:mempool'));
        expect(await s.chainHashes(6, 7)).toEqual([{ height: 6, hash: blocks[1]!.hash }, { height: 7, hash: blocks[2]!.hash }]);
        expect(await s.chainHashesBelow(7, 2)).toEqual([{ height: 7, hash: blocks[2]!.hash }, { height: 6, hash: blocks[1]!.hash }]);
        const stored = await s.readChainBlocks();
        expect([...stored.heights]).toEqual([5, 6, 7, 8]);
        expect([...stored.bits]).toEqual([0x1703a30c, 0x1703a30c, 0x1703a30c, 0x1703a30c]);
        expect([...stored.timeSec]).toEqual(blocks.map((b) => b.timeSec));
        const labels = await s.readChainLabels('chain:mempool');
        expect(labels.map((l) => l.attribution)).toEqual(attrs);
        expect(labels[1]!.payoutAddresses).toEqual([]);
        // A source without attributions yet: every block, attribution null.
        expect((await s.readChainLabels('chain:other')).map((l) => [l.height, l.attribution, l.rulesVersion])).toEqual([[5, null, null], [6, null, null], [7, null, null], [8, null, null]]);
      } finally {
        await s.close();
      }
    });

    it('keeps rule snapshots by version; a known version is not overwritten', async () => {
      const s = await open();
      try {
        await s.saveRuleSnapshot('v1', 'mempool', '{"a":1}');
        await s.saveRuleSnapshot('v1', 'mempool', '{"a":2}');
        expect(await s.readRuleSnapshot('v1')).toEqual({ kind: 'mempool', snapshot: '{"a":1}' });
        expect(await s.readRuleSnapshot('v2')).toBeNull();
      } finally {
        await s.close();
      }
    });
  });
}
