/**
 * @module The economics query behind `nakamoto economics` and `GET /api/economics`: per window,
 * the network's fees, subsidy, reward, fee share, empty blocks, weight use, hash rate and what one
 * TH/s earned per day (hash value in sats, hash price in USD, both with the hash-rate interval);
 * or per pool (`byPool`): empty blocks with a binomial interval, fees per block, time since the
 * previous block, and luck against a user-supplied hash-rate series. Definitions: docs/economics.md.
 */
import { formatDay, parseDate, parseDuration } from '../../aggregate/duration.js';
import { divideWindows, windowAxis } from '../../aggregate/windows.js';
import { MAX_BLOCK_WEIGHT, networkEconomics, poolEconomics, type Band, type EconomicsBlocks, type PoolHashrateSeries } from '../../analysis/economics.js';
import { UsageError } from '../../domain/errors.js';
import { economicsAtLevel, parseEconomicsLevel } from '../economics-level.js';
import { blockchairEconomicsSource, blockPrices, POOL_LABELS, PRICE_BASES, withMempoolLabels, type BlockEconomicsSource, type PoolLabels, type PriceBasis } from '../economics-blocks.js';
import { CHAIN_FEES_METHOD, chainEconomicsSource } from '../economics-chain.js';
import type { QueryContext, Row } from './context.js';
import { parseChoiceParam, parseFlagParam, parseNumberParam } from './query-params.js';
import { resolveWindows, type WindowRequest } from './window-request.js';

export interface EconomicsRequest extends Partial<WindowRequest> {
  readonly byPool?: boolean | string;
  readonly confidence?: string | number;
  /** `blockchair` (each block's reward_usd, Blockchair's daily price) or `monthly` (data/hardware/btc-usd-monthly.csv). */
  readonly price?: string;
  readonly source?: string;
  /** Pool labels for byPool: `mempool` (default; mempool.space slugs of the per-block attribution dataset) or `blockchair` (guessed_miner). */
  readonly labels?: string;
  /** With byPool: `pool` (default), `owner` (alias `entity`: pools merged by dated ownership links) or `template` (template families). */
  readonly level?: string;
  /** One row per block (no windows): the per-block figures, optionally limited by from/to (UTC dates). */
  readonly perBlock?: boolean | string;
}

export interface EconomicsResult {
  readonly title: string;
  readonly provenance: { readonly source: string; readonly description: string; readonly from: string; readonly labels: string; readonly notes: readonly string[] };
  readonly price: string;
  /** The entity level of the per-pool rows (`pool`, `owner`, `template`); `network` without byPool. */
  readonly level: string;
  readonly method: string;
  readonly windows: string;
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

export const NETWORK_COLUMNS = [
  'window_start', 'window_end', 'blocks', 'missing_blocks', 'empty_blocks', 'fees_btc', 'subsidy_btc', 'reward_btc', 'fees_usd', 'reward_usd', 'fee_share', 'mean_weight_use',
  'hashrate_ehs', 'hashrate_lo_ehs', 'hashrate_hi_ehs', 'hash_value_sats', 'hash_value_lo_sats', 'hash_value_hi_sats', 'hash_price_usd', 'hash_price_lo_usd', 'hash_price_hi_usd',
] as const;

export const POOL_COLUMNS = [
  'window_start', 'window_end', 'pool', 'blocks', 'share', 'empty_blocks', 'empty_share', 'empty_lo', 'empty_hi', 'fee_median_btc', 'fee_mean_btc', 'fee_share', 'mean_weight_use',
  'empty_since_prev_median_s', 'other_since_prev_median_s',
] as const;
export const BLOCK_COLUMNS = [
  'height', 'time', 'pool', 'tx_count', 'weight', 'weight_use', 'scheduled_subsidy_sat', 'claimed_subsidy_sat', 'fees_sat', 'reward_sat', 'fees_from',
] as const;
export const LUCK_COLUMNS = ['expected_blocks', 'luck', 'luck_lo', 'luck_hi'] as const;

const sig = (x: number | null | undefined, digits = 6) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toPrecision(digits)));
const btc = (sat: number | null | undefined) => (sat === null || sat === undefined ? null : Number((sat / 1e8).toFixed(8)));
const band = (b: Band | null, prefix: string, unit: string, digits = 6): Row => ({
  [`${prefix}_${unit}`]: sig(b?.value, digits),
  [`${prefix}_lo_${unit}`]: sig(b?.lo, digits),
  [`${prefix}_hi_${unit}`]: sig(b?.hi, digits),
});

/** The per-block source for an id: `blockchair` (the staged dump) or `chain` (the store's synced chain). */
export function economicsSource(id: string | undefined, ctx: QueryContext, blocksFile?: string): BlockEconomicsSource {
  const s = id ?? 'blockchair';
  if (s === 'blockchair') return blockchairEconomicsSource(ctx.datasetsRoot, blocksFile);
  if (s === 'chain') {
    if (blocksFile !== undefined) throw new UsageError('invalid blocks: a Blockchair dump file goes with source blockchair, not chain');
    if (!ctx.store) throw new UsageError('invalid source: chain needs a store with synced blocks (--db; fill it with `nakamoto ingest <node url | esplora url | blocks dir>`)');
    return chainEconomicsSource(ctx.store);
  }
  throw new UsageError(`invalid source: ${s} (expected blockchair: the staged Blockchair per-block dump, or chain: the store's synced chain)`);
}

/** One row per block in time order, within [from, to) when given. */
function perBlockRows(b: EconomicsBlocks, fromSec: number, toSec: number, feesFrom: string): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < b.heights.length; i++) {
    const t = b.timeSec[i]!;
    if (t < fromSec || t >= toSec) continue;
    const w = b.weight[i]!;
    rows.push({
      height: b.heights[i]!,
      time: new Date(t * 1000).toISOString().replace('.000Z', 'Z'),
      pool: b.pools[b.pool[i]!] ?? null,
      tx_count: b.txCount[i]!,
      weight: Number.isFinite(w) ? w : null,
      weight_use: Number.isFinite(w) ? sig(w / MAX_BLOCK_WEIGHT, 6) : null,
      scheduled_subsidy_sat: b.scheduledSubsidySat[i]!,
      claimed_subsidy_sat: b.claimedSubsidySat[i]!,
      fees_sat: b.feeSat[i]!,
      reward_sat: b.claimedSubsidySat[i]! + b.feeSat[i]!,
      fees_from: feesFrom,
    });
  }
  return rows;
}

/** `extra` holds what only a local caller (the CLI) may give: files on this machine. */
export async function queryEconomics(q: EconomicsRequest, ctx: QueryContext, extra: { readonly poolHashrates?: PoolHashrateSeries; readonly blocksFile?: string } = {}): Promise<EconomicsResult> {
  const confidence = parseNumberParam('confidence', q.confidence ?? 0.95, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  const fromChain = q.source === 'chain';
  // The chain has no per-block USD value, so its default price is the monthly table.
  const basis = parseChoiceParam<PriceBasis>('price', q.price ?? (fromChain ? 'monthly' : 'blockchair'), PRICE_BASES);
  if (fromChain && basis === 'blockchair') throw new UsageError("invalid price: blockchair (each block's Blockchair reward_usd) needs source blockchair; use monthly with source chain");
  const byPool = parseFlagParam('byPool', q.byPool as string | boolean | undefined);
  if (extra.poolHashrates && !byPool) throw new UsageError('invalid poolHashrates: pool luck needs byPool');
  const labels = parseChoiceParam<PoolLabels>('labels', q.labels ?? 'mempool', POOL_LABELS);
  const level = parseEconomicsLevel(q.level);
  if (level !== 'pool' && !byPool) throw new UsageError(`invalid level: ${level} groups pools: use it with byPool (--by-pool)`);
  if (parseDuration(q.window ?? '1m', 'window').unit === 'block') throw new UsageError('invalid window: economics uses time windows (1d, 1w, 1m, 1y …), not block counts');
  const perBlock = parseFlagParam('perBlock', q.perBlock as string | boolean | undefined);
  if (perBlock && byPool) throw new UsageError('invalid perBlock: one row per block already names its pool; do not combine it with byPool');
  const loaded = await economicsSource(q.source, ctx, extra.blocksFile).load();
  // The chain source carries its own attribution (the store's chain label source).
  const labelled = (byPool || perBlock) && labels === 'mempool' && !fromChain ? await withMempoolLabels(loaded, ctx.datasetsRoot) : loaded;
  if (perBlock) {
    if (q.at !== undefined || q.anchor !== undefined || q.step !== undefined) throw new UsageError('invalid perBlock: per-block rows take --from/--to (UTC dates), not --at, --anchor or --step');
    const fromSec = q.from === undefined ? -Infinity : parseDate(String(q.from), '--from');
    const toSec = q.to === undefined ? Infinity : parseDate(String(q.to), '--to');
    if (toSec <= fromSec) throw new UsageError(`invalid --to: ${q.to} (must be after --from ${q.from})`);
    const feesFrom = fromChain ? 'coinbase − schedule' : 'dataset';
    return {
      title: 'Mining economics per block',
      level: 'pool',
      provenance: labelled.provenance,
      price: 'no USD columns per block',
      method: `fees: ${fromChain ? CHAIN_FEES_METHOD : "the dataset's fee_total"}; scheduled subsidy = 50 BTC >> ⌊height / 210,000⌋; claimed subsidy = what the coinbase claimed; reward = claimed subsidy + fees; weight_use = weight / 4,000,000`,
      windows: `per block${q.from !== undefined ? ` from ${q.from}` : ''}${q.to !== undefined ? ` to ${q.to} (exclusive)` : ''}; UTC`,
      columns: BLOCK_COLUMNS,
      rows: perBlockRows(labelled.blocks, fromSec, toSec, feesFrom),
    };
  }
  if (fromChain && level === 'template') throw new UsageError("invalid level: template families are keyed by the per-block dataset's mempool.space slugs; not available with source chain (use pool or owner)");
  const data = await economicsAtLevel(labelled, level, ctx.datasetsRoot);
  // Calendar-aligned by default: the first window starts on the first month start inside the data.
  const cov = data.coverage.time;
  let anchor = q.anchor;
  if (anchor === undefined && q.from === undefined && q.at === undefined && cov) {
    const d = new Date(cov.start * 1000);
    const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
    anchor = formatDay(monthStart === cov.start ? monthStart : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000);
  }
  const { spec, range } = resolveWindows({ ...q, window: q.window ?? '1m', ...(anchor !== undefined ? { anchor } : {}) }, data.coverage);
  if (windowAxis(spec) !== 'time') throw new UsageError('invalid window: economics uses time windows (1d, 1w, 1m, 1y …), not block counts');
  const windows = divideWindows(spec, range.start, range.end);
  if (windows.length === 0) throw new UsageError(`no complete ${spec.size.text} window between ${formatDay(range.start)} and ${formatDay(range.end)}`);
  const { price, description: priceDescription } = await blockPrices(data.blocks, basis);
  const head = (w: { start: number; end: number }) => ({ window_start: formatDay(w.start), window_end: formatDay(w.end) });
  let rows: Row[];
  let columns: readonly string[];
  if (!byPool) {
    columns = NETWORK_COLUMNS;
    rows = networkEconomics(data.blocks, windows, { confidence, price }).map((w) => ({
      ...head(w),
      blocks: w.blocks,
      missing_blocks: w.missingBlocks,
      empty_blocks: w.emptyBlocks,
      fees_btc: btc(w.feesSat),
      subsidy_btc: btc(w.claimedSubsidySat),
      reward_btc: btc(w.rewardSat),
      fees_usd: sig(w.feesUsd, 8),
      reward_usd: sig(w.rewardUsd, 8),
      fee_share: sig(w.feeShare, 5),
      mean_weight_use: sig(w.meanWeightUse, 5),
      hashrate_ehs: sig(w.hashrate ? w.hashrate.hashrate / 1e18 : null),
      hashrate_lo_ehs: sig(w.hashrate ? w.hashrate.lo / 1e18 : null),
      hashrate_hi_ehs: sig(w.hashrate ? w.hashrate.hi / 1e18 : null),
      ...band(w.hashValueSats, 'hash_value', 'sats', 6),
      ...band(w.hashPriceUsd, 'hash_price', 'usd', 5),
    }));
  } else {
    columns = extra.poolHashrates ? [...POOL_COLUMNS, ...LUCK_COLUMNS] : POOL_COLUMNS;
    rows = [];
    for (const w of windows) {
      for (const p of poolEconomics(data.blocks, w, { confidence, hashrates: extra.poolHashrates })) {
        rows.push({
          ...head(w),
          pool: p.pool,
          blocks: p.blocks,
          share: sig(p.share, 5),
          empty_blocks: p.emptyBlocks,
          empty_share: sig(p.emptyShare.value, 5),
          empty_lo: sig(p.emptyShare.lo, 5),
          empty_hi: sig(p.emptyShare.hi, 5),
          fee_median_btc: btc(p.feeMedianSat),
          fee_mean_btc: btc(Math.round(p.feeMeanSat)),
          fee_share: sig(p.feeShare, 5),
          mean_weight_use: sig(p.meanWeightUse, 5),
          empty_since_prev_median_s: p.emptySincePrevMedianSec,
          other_since_prev_median_s: p.otherSincePrevMedianSec,
          ...(extra.poolHashrates
            ? { expected_blocks: sig(p.luck?.expectedBlocks, 6), luck: sig(p.luck?.luck.value, 5), luck_lo: sig(p.luck?.luck.lo, 5), luck_hi: sig(p.luck?.luck.hi, 5) }
            : {}),
        });
      }
    }
  }
  const pct = `${Math.round(confidence * 1000) / 10}%`;
  const method = byPool
    ? `per ${level === 'pool' ? 'pool' : level === 'owner' ? 'owner (pools merged by ownership)' : 'template family'} (${data.provenance.labels}): empty = transaction_count 1, empty_lo/hi = exact ${pct} Clopper–Pearson interval on the pool's empty share; fees per block median/mean; fee_share = Σ fees / Σ reward; *_since_prev_median_s = median seconds since the block at height − 1 (empty vs other blocks)${extra.poolHashrates ? `; luck = found ÷ expected blocks from the supplied hash rate (Σ h·seconds / (D̄·2³²) per day), exact ${pct} Poisson interval on found` : ''}`
    : `hash value = reward per day ÷ network TH/s (sats per TH/s per day); hash price = the same in USD; network hash rate = Σ difficulty·2³² / window seconds, ${pct} exact Poisson (Garwood) interval on the block count, carried into hash value and price (revenue ÷ high rate = low end); reward = claimed subsidy + fees`;
  return {
    title: byPool ? `Mining economics per ${level === 'pool' ? 'pool' : level === 'owner' ? 'owner' : 'template family'}` : 'Mining economics per window: fees, hash value (sats/TH/s/day) and hash price (USD/TH/s/day)',
    provenance: data.provenance,
    price: `USD figures use ${priceDescription}`,
    level: byPool ? level : 'network',
    method,
    windows: `windows: ${spec.size.text}, step ${spec.step.text}, ${windows.length} windows; window_end exclusive; UTC`,
    columns,
    rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))),
  };
}
