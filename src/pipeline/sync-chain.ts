/**
 * @module Sync the store with a live block source: check the stored tip is still on the source's
 * best chain (roll back to the fork point if not), bring stored labels up to the rule set (only
 * blocks a rule change may affect are re-attributed, from the stored coinbases), then from the
 * last stored height (or `fromHeight`) to the tip: fetch blocks with bounded concurrency, decode
 * header, coinbase (its output total) and the transaction walk (count and BIP141 weight; merkle
 * root not recomputed), check each block is the one asked for (hash, proof of work,
 * link to its parent, BIP34 height), attribute it, and write batches — each batch one
 * transaction, so an interrupted sync resumes after the last committed batch.
 */
import { attributeBlock, type RuleSet } from '../attribute/index.js';
import { DecodeError, SourceError, UsageError } from '../domain/errors.js';
import { decodeBlock, type DecodedBlock } from '../decode/bitcoin/block.js';
import { meetsTarget } from '../decode/bitcoin/header.js';
import { hashFromHex } from '../decode/bitcoin/hex.js';
import { mapLimit, type BlockSource, type ChainTip } from '../sources/bitcoin/block-source.js';
import type { ChainAttributionRecord, ChainBlockRecord, Store } from '../store/store.js';
import { recordOf, relabelStoredBlocks, ruleSnapshot, type RelabelResult } from './chain-attribution.js';
import { reconcileReorg, type ReorgCheck } from './chain-reorg.js';

/** Mainnet enforces BIP34 (height in the coinbase) from this height. */
export const BIP34_HEIGHT = 227_931;

export interface SyncProgress {
  readonly phase: 'relabel' | 'sync';
  readonly done: number;
  readonly total: number;
  /** Highest height written so far (sync phase). */
  readonly height: number | null;
  readonly blocksPerSec: number;
}

export interface SyncOptions {
  readonly ruleSet: RuleSet;
  /** Label source in the store (default `chain:<rule set kind>`). */
  readonly labelSource?: string;
  /** First height to fetch (default: after the last stored block, else 0). */
  readonly fromHeight?: number;
  /** Last height to fetch (default: the tip). */
  readonly toHeight?: number;
  /** Blocks fetched at once (default 4). */
  readonly concurrency?: number;
  /** Blocks per transaction (default 200). */
  readonly batchSize?: number;
  /** Deepest reorg accepted without asking (default 100 blocks). */
  readonly maxReorgDepth?: number;
  readonly onProgress?: (p: SyncProgress) => void;
}

export interface SyncResult {
  readonly source: string;
  readonly labelSource: string;
  readonly rulesVersion: string;
  readonly tip: ChainTip;
  readonly reorgs: readonly ReorgCheck[];
  readonly relabel: RelabelResult;
  /** Heights asked for ([from, to]; from > to when there was nothing to do). */
  readonly fromHeight: number;
  readonly toHeight: number;
  readonly fetched: number;
  /** Heights in range already stored with the source's hash (not fetched again). */
  readonly skipped: number;
  readonly ingestId: number | null;
  readonly seconds: number;
}

interface Fetched {
  readonly block: ChainBlockRecord;
  readonly attribution: ChainAttributionRecord;
}

function checkBlock(d: DecodedBlock, height: number, hash: string, input: string): void {
  if (d.header.hash !== hash) throw new SourceError(`${input}: served block ${d.header.hash} when asked for ${hash} (height ${height})`);
  if (!meetsTarget(hashFromHex(hash), d.header.bits)) throw new DecodeError({ input, offset: 72, field: 'bits' }, `block ${hash} does not meet its own target`);
  const bip34 = d.coinbase.height;
  if (height >= BIP34_HEIGHT && bip34 !== null && bip34 !== height) {
    throw new SourceError(`${input}: the best-chain block at height ${height} says height ${bip34} in its coinbase (BIP34)`);
  }
}

async function fetchOne(source: BlockSource, rs: RuleSet, height: number, hash: string): Promise<Fetched> {
  const input = source.blockInput(hash);
  // Walk every transaction for the weight (≈ 0.4 ms for block 702,861, 1.4 MB; the merkle check is left off).
  const d = decodeBlock(await source.block(hash), { input, verifyMerkle: false });
  checkBlock(d, height, hash, input);
  const cb = d.coinbase;
  const block: ChainBlockRecord = {
    height,
    hash,
    prevHash: d.header.prevHash,
    timeSec: d.header.timeSec,
    bits: d.header.bits,
    version: d.header.version,
    txCount: d.txCount,
    scriptSigHex: cb.scriptSigHex,
    payoutAddresses: cb.payoutAddresses,
    coinbaseTxid: cb.txid,
    coinbaseValueSat: Number(cb.outputs.reduce((sum, o) => sum + o.valueSats, 0n)),
    weight: d.weight,
  };
  const a = attributeBlock({ height, timeSec: d.header.timeSec, scriptSigHex: cb.scriptSigHex, payoutAddresses: cb.payoutAddresses }, rs, { input });
  return { block, attribution: recordOf(a, height) };
}

export async function syncChain(store: Store, source: BlockSource, opts: SyncOptions): Promise<SyncResult> {
  const t0 = performance.now();
  const rs = opts.ruleSet;
  const labelSource = opts.labelSource ?? `chain:${rs.kind}`;
  const batchSize = opts.batchSize ?? 200;
  const concurrency = opts.concurrency ?? 4;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new UsageError(`invalid batch size: ${batchSize}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`invalid --concurrency: ${concurrency} (expected a whole number ≥ 1)`);
  const description = `blocks from ${source.name}; pools by ${rs.kind} rules (coinbase tags and payout addresses)`;
  const meta = { source: labelSource, description, input: source.name, rulesVersion: rs.version };
  await store.saveRuleSnapshot(rs.version, rs.kind, ruleSnapshot(rs));

  let tip = await source.tip();
  const reorgs: ReorgCheck[] = [await reconcileReorg(store, source, tip, opts.maxReorgDepth)];
  const relabel = await relabelStoredBlocks(store, rs, { source: labelSource, description, input: source.name }, (done, total) =>
    opts.onProgress?.({ phase: 'relabel', done, total, height: null, blocksPerSec: 0 }),
  );

  const storedTip = await store.chainTip();
  const fromHeight = opts.fromHeight ?? (storedTip ? storedTip.height + 1 : 0);
  let toHeight = Math.min(opts.toHeight ?? tip.height, tip.height);
  let ingestId: number | null = null;
  let fetched = 0;
  let skipped = 0;
  const tSync = performance.now();
  let h = fromHeight;
  for (let restarts = 0; h <= toHeight; ) {
    const heights = Array.from({ length: Math.min(batchSize, toHeight - h + 1) }, (_, k) => h + k);
    const hashes = await source.hashesAt(heights);
    const stored = new Map((await store.chainHashes(h - 1, heights[heights.length - 1]!)).map((s) => [s.height, s.hash]));
    // A block stored before migration 0007 (no coinbase total or weight) is fetched again to fill them.
    const lacking = new Set(await store.chainHeightsLackingEconomics(heights[0]!, heights[heights.length - 1]!));
    const todo = heights.map((height, k) => ({ height, hash: hashes[k]! })).filter((x) => stored.get(x.height) !== x.hash || lacking.has(x.height));
    skipped += heights.length - todo.length;
    const got = await mapLimit(todo, concurrency, (x) => fetchOne(source, rs, x.height, x.hash));
    // Each block must extend the block below it, whether fetched now or already stored; if not,
    // the source switched branches since we looked: reconcile again and go on from the fork.
    const known = new Map(stored);
    heights.forEach((height, k) => known.set(height, hashes[k]!));
    const broken = got.find((f) => known.has(f.block.height - 1) && known.get(f.block.height - 1) !== f.block.prevHash);
    if (broken) {
      if (++restarts > 3) throw new SourceError(`${source.name}: the chain keeps changing during the sync (block ${broken.block.height} does not extend ${known.get(broken.block.height - 1)})`);
      tip = await source.tip();
      const check = await reconcileReorg(store, source, tip, opts.maxReorgDepth);
      reorgs.push(check);
      h = Math.min(h, (check.forkHeight ?? -1) + 1);
      toHeight = Math.min(opts.toHeight ?? tip.height, tip.height);
      continue;
    }
    if (got.length > 0) {
      const w = await store.writeChainBatch(got.map((f) => f.block), got.map((f) => f.attribution), { ...meta, kind: 'chain', ...(ingestId === null ? {} : { ingestId }) });
      ingestId = w.ingestId;
    }
    fetched += got.length;
    h += heights.length;
    const done = h - fromHeight;
    opts.onProgress?.({ phase: 'sync', done, total: Math.max(done, toHeight - fromHeight + 1), height: h - 1, blocksPerSec: fetched / Math.max(1e-3, (performance.now() - tSync) / 1000) });
  }
  return {
    source: source.name,
    labelSource,
    rulesVersion: rs.version,
    tip,
    reorgs,
    relabel,
    fromHeight,
    toHeight,
    fetched,
    skipped,
    ingestId,
    seconds: (performance.now() - t0) / 1000,
  };
}
