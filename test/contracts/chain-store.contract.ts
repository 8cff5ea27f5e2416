/**
 * The chain part of the Store contract (tables of migration 0002), run against every backend:
 * rollback removes a reorged branch from every chain label source and from the shared block times
 * but leaves dataset sources' labels; label counts and the run's ingest record; rule snapshots.
 * Per-block economics of synced blocks (migration 0007): the real raw blocks synced over a
 * loopback node, read back through the `chain` economics source and checked against
 * expected.json, the subsidy schedule by hand and Blockchair's row for the same height.
 * `open` must return a fresh, empty store each call. (Atomicity under SIGKILL:
 * pipeline/sync-chain-crash.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/sources/attribution-rules/load.js';
import { CoreRpcSource } from '../../src/sources/bitcoin/core-rpc.js';
import { economicsSource } from '../../src/pipeline/queries/economics-query.js';
import { syncChain } from '../../src/pipeline/sync-chain.js';
import type { ChainAttributionRecord, ChainBlockRecord, ChainWriteMeta, Store } from '../../src/store/store.js';
import { realSparseChain, type ExpectedWithPools } from '../helpers/fake-chain.js';
import { startFakeCoreRpc } from '../helpers/fake-core-rpc.js';
import { blockchairRow, loadRealBlocks } from '../support/bitcoin-blocks.js';
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

    it('keeps each block\'s transaction count, coinbase output total and weight; rows without them (synced before 0007) read back NaN', async () => {
      const s = await open();
      try {
        const blocks = [
          { ...chainBlock(10), txCount: 3_122, coinbaseValueSat: 2_100_000_000_000_000, weight: 3_999_937 },
          { ...chainBlock(11), txCount: 1, coinbaseValueSat: 0, weight: 1_140 },
          { ...chainBlock(12), coinbaseValueSat: null, weight: null },
        ];
        await s.writeChainBatch(blocks, blocks.map((b) => chainAttr(b.height, 'p')), meta('chain:mempool'));
        const stored = await s.readChainBlocks();
        expect([...stored.txCount]).toEqual([3_122, 1, 1]);
        expect([...stored.coinbaseValueSat]).toEqual([2_100_000_000_000_000, 0, Number.NaN]);
        expect([...stored.weight]).toEqual([3_999_937, 1_140, Number.NaN]);
        expect(await s.chainHeightsLackingEconomics(0, 100)).toEqual([12]);
        expect(await s.chainHeightsLackingEconomics(10, 11)).toEqual([]);
        // A re-sync fills the old row.
        await s.writeChainBatch([{ ...blocks[2]!, coinbaseValueSat: 625_000_001, weight: 800 }], [chainAttr(12, 'p')], meta('chain:mempool'));
        const again = await s.readChainBlocks();
        expect([again.coinbaseValueSat[2], again.weight[2]]).toEqual([625_000_001, 800]);
        expect(await s.chainHeightsLackingEconomics(0, 100)).toEqual([]);
      } finally {
        await s.close();
      }
    });

    it('real blocks synced over a loopback node: per-block economics match expected.json, the schedule and Blockchair', async () => {
      const s = await open();
      const server = await startFakeCoreRpc(realSparseChain(), { style: '2.0' });
      try {
        const source = new CoreRpcSource({ url: server.url, auth: { user: 'alice', password: 'secret' } });
        const ruleSet = await loadRuleSet('mempool');
        for (const h of [0, 277_647, 413_567, 542_213, 702_861]) await syncChain(s, source, { ruleSet, fromHeight: h, toHeight: h });
        const loaded = await economicsSource('chain', { store: s, datasetsRoot: '' }).load();
        const b = loaded.blocks;
        expect([...b.heights]).toEqual([0, 277_647, 413_567, 542_213, 702_861]);
        // Scheduled subsidy by hand: 50 BTC halved once per 210,000 blocks (eras 0, 1, 1, 2, 3).
        const scheduled = [5_000_000_000, 2_500_000_000, 2_500_000_000, 1_250_000_000, 625_000_000];
        const real = loadRealBlocks();
        real.forEach(({ expected: e }, i) => {
          const coinbaseTotal = e.coinbase_outputs.reduce((sum, o) => sum + Number(o.sats), 0);
          expect([e.height, b.txCount[i], b.scheduledSubsidySat[i], b.feeSat[i], b.claimedSubsidySat[i]! + b.feeSat[i]!]).toEqual([
            b.heights[i], e.tx_count, scheduled[i], coinbaseTotal - scheduled[i]!, coinbaseTotal,
          ]);
          expect(b.claimedSubsidySat[i]).toBe(scheduled[i]);
          expect(b.pools[b.pool[i]!]).toBe(e.height === 0 ? 'unknown' : (e as ExpectedWithPools).expected_pool_mempool_pools_v2.name);
          // Before segwit (height < 481,824) a block has no witness bytes: weight = 4 × size.
          if (e.height < 481_824) expect(b.weight[i]).toBe(4 * e.bytes);
          else expect(b.weight[i]).toBeGreaterThan(e.bytes);
        });
        // Block 702,861 is in Blockchair's dump: its fees, reward, transactions and weight agree.
        const bc = await blockchairRow(702_861);
        expect([b.feeSat[4], b.claimedSubsidySat[4], b.claimedSubsidySat[4]! + b.feeSat[4]!, b.txCount[4], b.weight[4]]).toEqual([
          bc.feeSat, bc.claimedSubsidySat, bc.rewardSat, bc.txCount, bc.weight,
        ]);
        expect(loaded.provenance.source).toBe('chain');
        expect(loaded.provenance.notes.join('\n')).toContain('derived: Σ coinbase outputs − scheduled subsidy');
      } finally {
        await server.close();
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
