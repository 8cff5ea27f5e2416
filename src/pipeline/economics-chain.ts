/**
 * @module Per-block economics from the store's synced chain (`nakamoto ingest <node | esplora |
 * blocks dir>`, tables chain_blocks + block_labels): the `chain` source of `nakamoto economics`.
 * A live source carries only the block, not the spent outputs, so fees are derived from the
 * coinbase: fees = Σ coinbase outputs − scheduled subsidy (`economicsFromCoinbase`; a lower bound
 * when the coinbase under-claims, flagged in the provenance). Transaction count and BIP141 weight
 * come from the decoded block, difficulty from the header bits, pools from the chain's own
 * attribution (`chain:mempool` unless another chain label source is asked for). No USD value per
 * block: use `--price monthly`.
 */
import { economicsFromCoinbase } from '../analysis/economics.js';
import { difficultyFromBits } from '../decode/bitcoin/header.js';
import { NotFoundError, UsageError } from '../domain/errors.js';
import type { Store } from '../store/store.js';
import { formatDay } from '../aggregate/duration.js';
import { EconomicsColumns, toEconomicsBlocks, type BlockEconomicsSource, type LoadedEconomics } from './economics-blocks.js';

/** How the chain source's fees are obtained (shown in provenance and per-block rows). */
export const CHAIN_FEES_METHOD = 'derived: Σ coinbase outputs − scheduled subsidy (a lower bound when the coinbase under-claims)';

/** Label source for pools: the one asked for, else `chain:mempool`, else the first `chain:` source; null when none. */
async function chainLabelSource(store: Store, asked: string | undefined): Promise<string | null> {
  const chainSources = (await store.listSources()).map((s) => s.source).filter((s) => s.startsWith('chain:'));
  if (asked !== undefined) {
    if (!chainSources.includes(asked)) throw new UsageError(`invalid labels: ${asked} (the store's chain label sources: ${chainSources.join(', ') || 'none'})`);
    return asked;
  }
  return chainSources.includes('chain:mempool') ? 'chain:mempool' : (chainSources[0] ?? null);
}

/** Gaps in sorted heights as `a–b` ranges (for notes). */
function gapRanges(heights: Int32Array): { count: number; ranges: string[] } {
  const ranges: string[] = [];
  let count = 0;
  for (let i = 1; i < heights.length; i++) {
    const a = heights[i - 1]! + 1;
    const b = heights[i]! - 1;
    if (b < a) continue;
    count += b - a + 1;
    ranges.push(a === b ? `${a}` : `${a}–${b}`);
  }
  return { count, ranges };
}

async function loadChain(store: Store, labels: string | undefined): Promise<LoadedEconomics> {
  const chain = await store.readChainBlocks();
  if (chain.heights.length === 0) throw new NotFoundError(`no synced chain blocks in ${store.location}: run \`nakamoto ingest <node url | esplora url | blocks dir>\` first`);
  const labelSource = await chainLabelSource(store, labels);
  // Pool display names as the attribution recorded them (chain_attributions), by height.
  const nameOf = new Map<number, string>();
  if (labelSource !== null) {
    for (const l of await store.readChainLabels(labelSource)) {
      const a = l.attribution;
      if (a) nameOf.set(l.height, a.poolSlug === 'unknown' ? 'unknown' : a.poolName);
    }
  }
  const c = new EconomicsColumns();
  const pools: string[] = [];
  const poolIndex = new Map<string, number>();
  const kept: number[] = [];
  const lacking: number[] = [];
  const underClaimed: number[] = [];
  for (let k = 0; k < chain.heights.length; k++) {
    const height = chain.heights[k]!;
    const value = chain.coinbaseValueSat[k]!;
    const weight = chain.weight[k]!;
    if (Number.isNaN(value) || Number.isNaN(weight)) {
      lacking.push(height);
      continue;
    }
    const e = economicsFromCoinbase(height, [BigInt(value)]);
    if (e.underClaimedSat > 0n) underClaimed.push(height);
    if (c.n === c.cap) c.grow();
    const i = c.n++;
    c.heights[i] = height;
    c.time[i] = chain.timeSec[k]!;
    c.difficulty[i] = difficultyFromBits(chain.bits[k]!);
    c.fee[i] = Number(e.feeSat);
    c.claimed[i] = Number(e.rewardSat - e.feeSat);
    c.scheduled[i] = Number(e.scheduledSubsidySat);
    c.rewardUsd[i] = Number.NaN;
    c.tx[i] = chain.txCount[k]!;
    c.weight[i] = weight;
    const name = nameOf.get(height) ?? 'unknown';
    let p = poolIndex.get(name);
    if (p === undefined) {
      p = pools.length;
      pools.push(name);
      poolIndex.set(name, p);
    }
    c.pool[i] = p;
    kept.push(height);
  }
  if (c.n === 0) {
    throw new NotFoundError(`the ${chain.heights.length} synced chain block(s) in ${store.location} were stored before migration 0007 (no coinbase total or weight): sync them again (\`nakamoto ingest … --from ${chain.heights[0]}\`)`);
  }
  const heights = Int32Array.from(kept);
  const gaps = gapRanges(heights);
  // Only gap heights next to a stored block get an approximate time (the block below); others count in no window.
  const have = new Set(kept);
  const missing: number[] = [];
  for (let i = 1; i < heights.length; i++) {
    for (let h = heights[i - 1]! + 1; h < heights[i]! && (have.has(h - 1) || have.has(h - 2)); h++) missing.push(h);
  }
  const blocks = toEconomicsBlocks(c, pools, missing);
  const n = blocks.timeSec.length;
  const first = blocks.timeSec[0]!;
  const last = blocks.timeSec[n - 1]!;
  const notes = [
    `${n.toLocaleString('en-US')} synced block(s), heights ${heights[0]}–${heights[heights.length - 1]}, ${formatDay(first)} → ${formatDay(last)}; coverage is from the first to the last block time (partial days are not complete windows)`,
    `fees ${CHAIN_FEES_METHOD}; subsidy claimed = coinbase total − derived fees`,
    gaps.count > 0
      ? `heights not synced inside the range: ${gaps.count.toLocaleString('en-US')} (${gaps.ranges.slice(0, 5).join(', ')}${gaps.ranges.length > 5 ? ', …' : ''}); those next to a synced block count as missing_blocks`
      : 'no gaps in heights',
    `${underClaimed.length} block(s) whose coinbase paid less than the scheduled subsidy${underClaimed.length > 0 ? ` (${underClaimed.slice(0, 10).join(', ')}${underClaimed.length > 10 ? ', …' : ''}): fees 0, revenue = what was claimed` : ''}`,
    ...(lacking.length > 0 ? [`${lacking.length} block(s) synced before migration 0007 lack the coinbase total or weight and are left out (heights ${lacking[0]}–${lacking[lacking.length - 1]}): \`nakamoto ingest <source> --from-height ${lacking[0]}\` fetches them again`] : []),
  ];
  return {
    blocks,
    coverage: { time: { start: first, end: last + 1 }, height: { start: heights[0]!, end: heights[heights.length - 1]! + 1 } },
    provenance: {
      source: 'chain',
      description: 'blocks synced into the store from a live source (node JSON-RPC/REST, Esplora or blk files): coinbase output total, transaction count, BIP141 weight and header bits decoded from the block bytes',
      from: store.location,
      labels: labelSource === null ? 'none: no chain label source in the store (every block unknown)' : `the store's ${labelSource} attribution of the synced coinbases`,
      notes,
    },
  };
}

/** The store's synced chain as a per-block economics source (read on each load: the store changes). */
export function chainEconomicsSource(store: Store, labels?: string): BlockEconomicsSource {
  return { id: 'chain', load: () => loadChain(store, labels) };
}
