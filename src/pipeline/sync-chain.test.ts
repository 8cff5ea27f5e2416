/**
 * The chain sync end to end over real transports (fake nodes on 127.0.0.1) into a real DuckDB
 * store: labels from real coinbases, resume after interruption, reorgs (before and during a
 * sync), re-attribution after a rule change, and the truncated-block error. Expected pools come
 * from datasets/bitcoin/raw-blocks/expected.json (computed when the dataset was staged), not from
 * this code.
 */
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type RuleSet } from '../attribute/index.js';
import { loadRuleSet } from '../sources/attribution-rules/load.js';
import { DecodeError, SourceError } from '../domain/errors.js';
import { decodeCoinbaseBlock } from '../decode/bitcoin/coinbase.js';
import { datasetPath } from '../sources/files/datasets-path.js';
import { EsploraSource } from '../sources/bitcoin/esplora.js';
import { CoreRpcSource } from '../sources/bitcoin/core-rpc.js';
import { CoreRestSource } from '../sources/bitcoin/core-rest.js';
import { BlocksDirSource } from '../sources/bitcoin/blocks-dir-source.js';
import type { BlockSource } from '../sources/bitcoin/block-source.js';
import { openDuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { Store } from '../store/store.js';
import { branch, expectedAt, FakeChain, linkedChain, realSparseChain, writeBlocksDir, type FakeBlock } from '../../test/helpers/fake-chain.js';
import { startFakeCoreRest } from '../../test/helpers/fake-core-rest.js';
import { startFakeCoreRpc } from '../../test/helpers/fake-core-rpc.js';
import { startFakeEsplora } from '../../test/helpers/fake-esplora.js';
import { text, type FakeServer } from '../../test/helpers/fake-http.js';
import { loadFromStore } from './load-bitcoin.js';
import { syncChain } from './sync-chain.js';

/** mempool's slug rule (docs/attribution.md), applied to expected.json's pool names. */
const slug = (name: string) => name.replace(/[^a-z0-9]/gi, '').toLowerCase();
const expectedSlug = (h: number) => slug(expectedAt(h).expected_pool_mempool_pools_v2.name);

let mempool: RuleSet;
beforeAll(async () => {
  mempool = await loadRuleSet('mempool');
});

const open: { store: Store | null; server: FakeServer | null }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.store?.close();
    await o.server?.close();
  }
});

async function setup(blocks: readonly FakeBlock[]) {
  const chain = new FakeChain(blocks);
  const server = await startFakeEsplora(chain);
  const store = await openDuckDbStore(':memory:');
  open.push({ store, server });
  const source = new EsploraSource({ url: server.api, retries: 0, concurrency: 4 });
  return { chain, server, store, source };
}

async function labelsOf(store: Store, source: string): Promise<Map<number, string>> {
  const l = await store.readBlockLabels(source);
  return new Map([...l.heights].map((h, i) => [h, l.labels[l.label[i]!]!]));
}

const rawRequests = (s: FakeServer) => s.requests.filter((r) => r.path.endsWith('/raw')).length;

describe('sync from a live source', () => {
  it('stores every block with its coinbase and labels it from the real coinbases, in batches under one ingest record', async () => {
    const blocks = linkedChain(30);
    const { store, source, server } = await setup(blocks);
    const r = await syncChain(store, source, { ruleSet: mempool, batchSize: 8 });
    expect(r).toMatchObject({ labelSource: 'chain:mempool', rulesVersion: 'e121f60fbd35', fromHeight: 0, toHeight: 29, fetched: 30, skipped: 0 });
    expect(rawRequests(server)).toBe(30);
    expect(await store.chainTip()).toEqual({ height: 29, hash: blocks[29]!.hash });
    const labels = await labelsOf(store, 'chain:mempool');
    for (const b of blocks) expect([b.height, labels.get(b.height)]).toEqual([b.height, expectedSlug(b.height)]);
    const [src] = (await store.listSources()).filter((s) => s.source === 'chain:mempool');
    expect(src).toMatchObject({ granularity: 'block', blocks: 30, firstHeight: 0, lastHeight: 29, rulesVersions: ['e121f60fbd35'] });
    const ingests = (await store.listIngests()).filter((i) => i.source === 'chain:mempool');
    expect(ingests.map((i) => [i.kind, i.rows, i.inserted, i.sha256])).toEqual([['chain', 30, 30, blocks[29]!.hash]]);
    // The stored coinbase is the real one, so re-attribution needs no refetch.
    const stored = await store.readChainLabels('chain:mempool');
    expect(stored[2]!.scriptSigHex).toBe(expectedAt(2).coinbase_scriptsig_hex);
  });

  it('loadFromStore reads the chain source like any block source (heights, times, labels)', async () => {
    const blocks = linkedChain(12, { spacingSec: 21_600 });
    const { store, source } = await setup(blocks);
    await syncChain(store, source, { ruleSet: mempool });
    const s = await loadFromStore(store, 'chain:mempool');
    expect(s.provenance).toMatchObject({ source: 'chain:mempool', rulesVersions: ['e121f60fbd35'] });
    expect(s.heightSeries!.height).toEqual(Int32Array.from(blocks.map((b) => b.height)));
    // Block i's time is genesis + i · 6 h (linkedChain spacing).
    expect([...s.heightSeries!.timeSec]).toEqual(blocks.map((b) => 1231006505 + b.height * 21_600));
  });

  it('real mainnet bytes: each real block synced at its real height gets the expected pool, time and bits', async () => {
    const chain = realSparseChain();
    const server = await startFakeCoreRpc(chain, { style: '2.0' });
    const store = await openDuckDbStore(':memory:');
    open.push({ store, server });
    const source = new CoreRpcSource({ url: server.url, auth: { user: 'alice', password: 'secret' } });
    for (const h of [277647, 413567, 542213, 702861]) await syncChain(store, source, { ruleSet: mempool, fromHeight: h, toHeight: h });
    const labels = await labelsOf(store, 'chain:mempool');
    const expected = JSON.parse(readFileSync(datasetPath('bitcoin/raw-blocks/expected.json'), 'utf8')) as { height: number; bits: string; time_utc: string; expected_pool_mempool_pools_v2: { name: string } }[];
    const chainBlocks = await store.readChainBlocks();
    for (const e of expected.filter((x) => x.height > 0)) {
      expect(labels.get(e.height)).toBe(slug(e.expected_pool_mempool_pools_v2.name));
      const i = [...chainBlocks.heights].indexOf(e.height);
      expect([chainBlocks.timeSec[i], chainBlocks.bits[i]]).toEqual([Date.parse(e.time_utc) / 1000, parseInt(e.bits, 16)]);
    }
  });

  it('resumes after an interruption from the last committed batch, fetching nothing twice', async () => {
    const blocks = linkedChain(30);
    const { store, source, server } = await setup(blocks);
    server.intercept = (req) => (req.path.includes(blocks[17]!.hash) ? text(500, 'backend down') : undefined);
    await expect(syncChain(store, source, { ruleSet: mempool, batchSize: 4, concurrency: 1 })).rejects.toBeInstanceOf(SourceError);
    expect((await store.chainTip())?.height).toBe(15);
    const before = rawRequests(server);
    server.intercept = null;
    const r = await syncChain(store, source, { ruleSet: mempool, batchSize: 4 });
    expect(r).toMatchObject({ fromHeight: 16, toHeight: 29, fetched: 14 });
    expect(rawRequests(server) - before).toBe(14);
    const labels = await labelsOf(store, 'chain:mempool');
    expect([...labels.keys()]).toEqual(blocks.map((b) => b.height));
    for (const b of blocks) expect(labels.get(b.height)).toBe(expectedSlug(b.height));
  });

  it('a truncated block is a DecodeError naming the URL and the byte offset; earlier batches stay', async () => {
    const blocks = linkedChain(12);
    const { store, source, server } = await setup(blocks);
    const bad = blocks[9]!;
    server.intercept = (req) => (req.path.endsWith(`${bad.hash}/raw`) ? { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: bad.bytes.subarray(0, 150) } : undefined);
    const err = await syncChain(store, source, { ruleSet: mempool, batchSize: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).position.input).toBe(`${server.api}/block/${bad.hash}/raw`);
    // Block 9 carries block 277,647's coinbase. Its scriptSig length (83) sits after 80 header bytes,
    // 1 tx count, 4 version, 1 input count and 36 prevout bytes = byte 122; 83 bytes do not fit in 150.
    expect((err as DecodeError).position).toMatchObject({ offset: 122, field: 'coinbase scriptSig' });
    expect((err as Error).message).toContain(`${server.api}/block/${bad.hash}/raw (byte 122) [coinbase scriptSig]`);
    expect((await store.chainTip())?.height).toBe(4);
  });
});

describe('per-block economics fields from every live source', () => {
  it('Esplora, Core JSON-RPC, Core REST and blk files store the same transaction count, coinbase total and weight', async () => {
    const blocks = linkedChain(9);
    const chain = new FakeChain(blocks);
    const esplora = await startFakeEsplora(chain);
    const rpc = await startFakeCoreRpc(chain, { style: '2.0' });
    const rest = await startFakeCoreRest(chain);
    const dir = writeBlocksDir(blocks.map((b) => b.bytes));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    open.push({ store: null, server: esplora }, { store: null, server: rpc }, { store: null, server: rest });
    const sources: BlockSource[] = [
      new EsploraSource({ url: esplora.api, retries: 0 }),
      new CoreRpcSource({ url: rpc.url, auth: { user: 'alice', password: 'secret' } }),
      new CoreRestSource({ url: rest.url, hashFormat: 'hex' }),
      await BlocksDirSource.open(dir),
    ];
    const stored = [];
    for (const source of sources) {
      const store = await openDuckDbStore(':memory:');
      open.push({ store, server: null });
      await syncChain(store, source, { ruleSet: mempool, batchSize: 4 });
      const c = await store.readChainBlocks();
      stored.push({ txCount: [...c.txCount], coinbaseValueSat: [...c.coinbaseValueSat], weight: [...c.weight] });
    }
    // By hand: each block is its header and one real coinbase, so 1 transaction, the coinbase's
    // outputs from expected.json, and weight 4 × size, less 3 × 36 witness bytes (marker, flag and the
    // 32-byte witness reserved value) for the coinbases of segwit-era blocks.
    const expected = {
      txCount: blocks.map(() => 1),
      coinbaseValueSat: blocks.map((b) => expectedAt(b.height).coinbase_outputs.reduce((sum, o) => sum + Number(o.sats), 0)),
      weight: blocks.map((b) => 4 * b.bytes.length - (expectedAt(b.height).height >= 481_824 ? 3 * 36 : 0)),
    };
    for (const s of stored) expect(s).toEqual(expected);
  });

  it('a re-sync fetches again only the stored blocks that lack the coinbase total or weight (synced before migration 0007)', async () => {
    const blocks = linkedChain(8);
    const { store, source, server } = await setup(blocks);
    await syncChain(store, source, { ruleSet: mempool });
    const full = await store.readChainBlocks();
    // Rows as an older version wrote them: same blocks, no coinbase total or weight.
    const old = (await store.readChainLabels('chain:mempool')).filter((l) => l.height === 2 || l.height === 5);
    await store.writeChainBatch(
      old.map((l) => ({ height: l.height, hash: blocks[l.height]!.hash, prevHash: blocks[l.height - 1]!.hash, timeSec: full.timeSec[l.height]!, bits: full.bits[l.height]!, version: 0x20000000, txCount: 1, scriptSigHex: l.scriptSigHex, payoutAddresses: l.payoutAddresses, coinbaseTxid: null, coinbaseValueSat: null, weight: null })),
      old.map((l) => l.attribution!),
      { source: 'chain:mempool', description: 'old', input: 'test', kind: 'chain', rulesVersion: mempool.version },
    );
    expect(await store.chainHeightsLackingEconomics(0, 7)).toEqual([2, 5]);
    const before = rawRequests(server);
    const r = await syncChain(store, source, { ruleSet: mempool, fromHeight: 0 });
    expect(r).toMatchObject({ fetched: 2, skipped: 6 });
    expect(rawRequests(server) - before).toBe(2);
    const again = await store.readChainBlocks();
    expect([...again.coinbaseValueSat]).toEqual([...full.coinbaseValueSat]);
    expect([...again.weight]).toEqual([...full.weight]);
    expect(await store.chainHeightsLackingEconomics(0, 7)).toEqual([]);
  });
});

describe('reorgs', () => {
  it('rolls back to the fork point and re-ingests the new branch; nothing of the old branch stays in any metric', async () => {
    const a = linkedChain(20, { spacingSec: 3600 });
    const { chain, store, source } = await setup(a);
    await syncChain(store, source, { ruleSet: mempool });
    const b = branch(a, 14, 8, { spacingSec: 3600 });
    chain.setBest(b);
    const r = await syncChain(store, source, { ruleSet: mempool });
    expect(r.reorgs[0]).toEqual({ forkHeight: 14, rolledBack: 5, labelsDeleted: 5, sourceBehind: false });
    expect(r).toMatchObject({ fromHeight: 15, toHeight: 22, fetched: 8 });
    const hashes = await store.chainHashes(0, 100);
    expect(hashes.map((x) => x.hash)).toEqual(b.map((x) => x.hash));
    // Labels and times come from branch b: its coinbases are rotated by one, its times 7 s later.
    const series = await loadFromStore(store, 'chain:mempool');
    const labels = await labelsOf(store, 'chain:mempool');
    for (const blk of b) {
      const cbHeight = blk.height <= 14 ? blk.height : blk.height + 1;
      expect(labels.get(blk.height)).toBe(expectedSlug(cbHeight));
    }
    const timeOf = (blk: FakeBlock) => decodeCoinbaseBlock(blk.bytes).header.timeSec;
    expect(timeOf(b[15]!)).toBe(timeOf(a[15]!) + 7);
    expect([...series.heightSeries!.timeSec]).toEqual(b.map(timeOf));
    const abandoned = new Set(a.slice(15).map((x) => x.hash));
    expect((await store.readChainLabels('chain:mempool')).length).toBe(23);
    expect(hashes.some((x) => abandoned.has(x.hash))).toBe(false);
  });

  it('a shorter new branch: blocks above the new tip go too', async () => {
    const a = linkedChain(20);
    const { chain, store, source } = await setup(a);
    await syncChain(store, source, { ruleSet: mempool });
    chain.setBest(branch(a, 16, 2));
    const r = await syncChain(store, source, { ruleSet: mempool });
    expect(r.reorgs[0]).toMatchObject({ forkHeight: 16, rolledBack: 3 });
    expect(await store.chainTip()).toEqual({ height: 18, hash: chain.tipHash });
  });

  it('a source behind the store on the same chain deletes nothing', async () => {
    const a = linkedChain(20);
    const { chain, store, source } = await setup(a);
    await syncChain(store, source, { ruleSet: mempool });
    chain.setBest(a.slice(0, 15));
    const r = await syncChain(store, source, { ruleSet: mempool });
    expect(r.reorgs[0]).toEqual({ forkHeight: 14, rolledBack: 0, labelsDeleted: 0, sourceBehind: true });
    expect((await store.chainTip())?.height).toBe(19);
  });

  it('a disagreement deeper than --max-reorg-depth stops with nothing deleted', async () => {
    const a = linkedChain(20);
    const { chain, store, source } = await setup(a);
    await syncChain(store, source, { ruleSet: mempool });
    chain.setBest(branch(a, 2, 17));
    await expect(syncChain(store, source, { ruleSet: mempool, maxReorgDepth: 10 })).rejects.toThrow(/none of the 11 highest stored blocks .* is on the source's chain: a different network, or a reorg deeper than 10 blocks/);
    expect((await store.chainHashes(0, 99)).map((x) => x.hash)).toEqual(a.map((x) => x.hash));
  });

  it('a branch switch during the sync is caught by the prev-hash check and reconciled', async () => {
    const a = linkedChain(24);
    const b = branch(a, 5, 22);
    const { chain, server, store, source } = await setup(a);
    let switched = false;
    server.intercept = (req) => {
      // While the batch 8–15 is being fetched (its hashes are already from branch a), switch to b.
      if (!switched && req.path.endsWith(`${a[8]!.hash}/raw`)) {
        switched = true;
        chain.setBest(b);
      }
      return undefined;
    };
    const r = await syncChain(store, source, { ruleSet: mempool, batchSize: 8 });
    expect(r.reorgs.map((x) => [x.forkHeight, x.rolledBack])).toEqual([[null, 0], [5, 10]]);
    expect((await store.chainHashes(0, 99)).map((x) => x.hash)).toEqual(b.map((x) => x.hash));
  });
});

describe('re-attribution after a rule change', () => {
  it('redoes only the blocks needsReattribution flags, from the stored coinbases, with no refetch', async () => {
    // The old rules: mempool's list with Binance Pool's tags and addresses removed.
    const file = datasetPath('bitcoin/pool-definitions-mempool/pools-v2.json');
    const pools = JSON.parse(readFileSync(file, 'utf8')) as { name: string; tags: string[]; addresses: string[] }[];
    const binance = pools.find((p) => p.name === 'Binance Pool')!;
    binance.tags = [];
    binance.addresses = [];
    const oldFile = join(mkdtempSync(join(tmpdir(), 'nk-rules-')), 'pools-old.json');
    writeFileSync(oldFile, JSON.stringify(pools));
    const old = await loadRuleSet(oldFile);
    const blocks = linkedChain(21);
    const { store, source, server } = await setup(blocks);
    await syncChain(store, source, { ruleSet: old });
    const binanceHeights = blocks.filter((b) => expectedSlug(b.height) === 'binancepool').map((b) => b.height);
    expect(binanceHeights).toEqual([4, 8, 12, 16, 20]);
    for (const h of binanceHeights) expect((await labelsOf(store, 'chain:mempool')).get(h)).toBe('unknown');
    const fetchedBefore = rawRequests(server);

    const r = await syncChain(store, source, { ruleSet: mempool });
    expect(rawRequests(server)).toBe(fetchedBefore);
    // Binance Pool gained rules: its (unknown) blocks and genesis (unknown) are redone; BTC Guild,
    // F2Pool and AntPool come earlier in the list and provably keep their pool.
    expect(r.relabel).toMatchObject({ checked: 21, added: 0, reattributed: 6, changed: 5, carried: 15 });
    const labels = await labelsOf(store, 'chain:mempool');
    for (const b of blocks) expect(labels.get(b.height)).toBe(expectedSlug(b.height));
    expect((await store.listSources()).find((s) => s.source === 'chain:mempool')!.rulesVersions).toEqual(['e121f60fbd35']);
  });

  it('another rule set labels the stored blocks under its own source without refetching', async () => {
    const blocks = linkedChain(9);
    const { store, source, server } = await setup(blocks);
    await syncChain(store, source, { ruleSet: mempool });
    const before = rawRequests(server);
    const edi = await loadRuleSet('edi');
    const r = await syncChain(store, source, { ruleSet: edi });
    expect(rawRequests(server)).toBe(before);
    expect(r.relabel).toMatchObject({ checked: 9, added: 9 });
    const labels = await labelsOf(store, 'chain:edi');
    // expected.json's EDI entities (genesis: none — EDI has no rule for it, so it falls to unknown).
    for (const b of blocks.slice(1)) expect(labels.get(b.height)).toBe(slug(expectedAt(b.height).expected_entity_edi_rules.name!));
  });
});
