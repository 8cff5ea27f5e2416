/**
 * The reorg figure: a store synced from a node (the fake Esplora server on 127.0.0.1 serving linked
 * blocks with real coinbases) meets a competing branch forking `depth` blocks below its tip, for each
 * depth asked (up to 100, the default --max-reorg-depth). After the next sync the store must equal,
 * table by table, a store synced only from the winning branch: chain hashes, block labels and times,
 * stored coinbases and attributions, chain blocks (bits, times) — no trace of the abandoned branch.
 * One block deeper than the limit must stop the sync with nothing deleted.
 */
import { loadRuleSet } from '../../src/sources/attribution-rules/load.js';
import { syncChain } from '../../src/pipeline/sync-chain.js';
import { EsploraSource } from '../../src/sources/bitcoin/esplora.js';
import { openDuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import type { Store } from '../../src/store/store.js';
import { branch, FakeChain, linkedChain, type FakeBlock } from '../helpers/fake-chain.js';
import { startFakeEsplora } from '../helpers/fake-esplora.js';

export interface ReorgResult {
  readonly depths: readonly number[];
  /** Depths after which the store differed from one synced only from the winning branch. */
  readonly traces: readonly string[];
  readonly deeperThanLimitRefused: boolean;
  readonly seconds: number;
}

const SOURCE = 'chain:mempool';

/** Everything the chain sync stores, as comparable text. */
export async function snapshot(store: Store): Promise<string> {
  const tip = await store.chainTip();
  const hashes = await store.chainHashes(0, 1_000_000);
  const l = await store.readBlockLabels(SOURCE);
  const labels = Array.from(l.heights, (h, i) => `${h}:${l.labels[l.label[i]!]}@${l.timeSec[i]}`);
  const chainLabels = (await store.readChainLabels(SOURCE)).map((c) => JSON.stringify([c.height, c.timeSec, c.scriptSigHex, c.payoutAddresses, c.rulesVersion, c.attribution]));
  const b = await store.readChainBlocks();
  const blocks = Array.from(b.heights, (h, i) => `${h}:${b.timeSec[i]}:${b.bits[i]}`);
  const sources = (await store.listSources()).map((s) => JSON.stringify({ ...s, lastIngestId: undefined, ingestedAt: undefined }));
  return JSON.stringify({ tip, hashes, labels, chainLabels, blocks, sources });
}

async function syncedStore(chain: FakeChain, url: string, blocks?: readonly FakeBlock[]): Promise<Store> {
  if (blocks) chain.setBest(blocks);
  const store = await openDuckDbStore(':memory:');
  await syncChain(store, new EsploraSource({ url, retries: 0, concurrency: 4 }), { ruleSet: await loadRuleSet('mempool') });
  return store;
}

export async function reorgsLeaveNoTrace(o: { depths: readonly number[]; length?: number; limit?: number }): Promise<ReorgResult> {
  const t0 = performance.now();
  const limit = o.limit ?? 100;
  const length = o.length ?? Math.max(...o.depths, limit + 1) + 10;
  const main = linkedChain(length);
  const chain = new FakeChain(main);
  // Each depth syncs the chain twice: far more requests than the fake node's default budget.
  const server = await startFakeEsplora(chain, { maxRequests: 10_000_000 });
  const rules = await loadRuleSet('mempool');
  const traces: string[] = [];
  try {
    for (const depth of o.depths) {
      const fork = length - 1 - depth;
      // The new branch is one block longer than the abandoned part (it must win on work).
      const winner = branch(main, fork, depth + 1);
      const store = await syncedStore(chain, server.api, main);
      try {
        chain.setBest(winner);
        const r = await syncChain(store, new EsploraSource({ url: server.api, retries: 0, concurrency: 4 }), { ruleSet: rules, maxReorgDepth: limit });
        const rolled = r.reorgs[0]?.rolledBack ?? 0;
        const clean = await syncedStore(chain, server.api, winner);
        try {
          if ((await snapshot(store)) !== (await snapshot(clean))) traces.push(`depth ${depth}: the store differs from one synced from the winning branch only`);
          if (rolled !== depth) traces.push(`depth ${depth}: rolled back ${rolled} blocks`);
        } finally {
          await clean.close();
        }
      } finally {
        await store.close();
      }
    }
    // One deeper than the limit: refused, nothing deleted.
    const store = await syncedStore(chain, server.api, main);
    let refused = false;
    try {
      const before = await snapshot(store);
      chain.setBest(branch(main, length - 2 - limit, limit + 2));
      try {
        await syncChain(store, new EsploraSource({ url: server.api, retries: 0, concurrency: 4 }), { ruleSet: rules, maxReorgDepth: limit });
      } catch (e) {
        refused = /reorg deeper than/.test((e as Error).message) && (await snapshot(store)) === before;
      }
    } finally {
      await store.close();
    }
    return { depths: o.depths, traces, deeperThanLimitRefused: refused, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await server.close();
  }
}
