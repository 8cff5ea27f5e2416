/**
 * @module Distributions of Bitcoin mining economics: per pool, the fees it collected
 * (`bitcoin/fees-by-pool`, BTC), its whole reward (`bitcoin/revenue-by-pool`, subsidy + fees, BTC)
 * and its empty blocks (`bitcoin/empty-blocks-by-pool`). One observation per block, weight = that
 * block's amount, so `metrics` / `compare` measure how concentrated fee income is, exactly as they
 * measure blocks. Data and labels as `nakamoto economics --by-pool` (docs/economics.md).
 */
import { UsageError } from '../../domain/errors.js';
import type { ObservationSeries } from '../../domain/observations.js';
import type { DistributionEntry } from '../distribution-entry.js';
import { blockchairEconomicsSource, withMempoolLabels, type LoadedEconomics } from '../economics-blocks.js';
import type { SourcedSeries } from '../series-source.js';

type Weigh = (b: LoadedEconomics['blocks'], i: number) => number;

/** Per-block series with `weigh(block)` as weight; blocks of weight 0 are kept only when `keepZero`. */
export function economicsSeries(loaded: LoadedEconomics, weigh: Weigh, keepZero: boolean): ObservationSeries {
  const b = loaded.blocks;
  const keep: number[] = [];
  for (let i = 0; i < b.heights.length; i++) if (keepZero || weigh(b, i) > 0) keep.push(i);
  const n = keep.length;
  const timeSec = new Float64Array(n);
  const entity = new Int32Array(n);
  const weight = new Float64Array(n);
  keep.forEach((i, k) => {
    timeSec[k] = b.timeSec[i]!;
    entity[k] = b.pool[i]!;
    weight[k] = weigh(b, i);
  });
  return { entities: b.pools, timeSec, entity, weight, kind: 'flow' };
}

function entry(id: string, title: string, unit: string, weigh: Weigh, keepZero: boolean, what: string): DistributionEntry {
  return {
    id,
    title,
    unit,
    entityKind: 'mining pool',
    levels: ['pool'],
    aggregation: 'flow',
    coverage: '2019-12-31 → 2025-03-08 (per block)',
    source: "Blockchair daily block dumps (datasets/bitcoin/blockchair-blocks-2020-2025); pool labels: mempool.space slugs of the per-block attribution dataset, joined by height",
    caveats: [
      `${what}; time windows only (no block-count windows).`,
      'Two blocks (854,599 and 854,614) are missing from the source; 27 block times corrected by +1 h (docs/economics.md).',
      'Pools are not owners; blocks without a mempool label count as "unknown".',
    ],
    async load(ctx): Promise<SourcedSeries> {
      if (ctx.source !== undefined && ctx.source !== 'blockchair') throw new UsageError(`invalid source: ${ctx.source} (${id} has one source: blockchair)`);
      if (ctx.level !== undefined && ctx.level !== 'pool') throw new UsageError(`invalid level: ${ctx.level} (${id} offers pool)`);
      const loaded = await withMempoolLabels(await blockchairEconomicsSource(ctx.datasetsRoot).load(), ctx.datasetsRoot);
      return {
        series: economicsSeries(loaded, weigh, keepZero),
        coverage: { time: loaded.coverage.time, height: null },
        provenance: {
          distribution: id,
          source: 'blockchair',
          description: loaded.provenance.description,
          rulesVersions: [loaded.provenance.labels],
          from: loaded.provenance.from,
          level: 'pool',
          unit,
          notes: [...loaded.provenance.notes, what],
        },
      };
    },
  };
}

export const bitcoinFeesByPool: DistributionEntry = entry('bitcoin/fees-by-pool', 'Transaction fees collected per mining pool', 'BTC', (b, i) => b.feeSat[i]! / 1e8, false, 'weight = the fees (fee_total) of each block the pool found');
export const bitcoinRevenueByPool: DistributionEntry = entry('bitcoin/revenue-by-pool', 'Miner revenue (claimed subsidy + fees) per mining pool', 'BTC', (b, i) => (b.claimedSubsidySat[i]! + b.feeSat[i]!) / 1e8, false, 'weight = the reward (claimed subsidy + fees) of each block the pool found');
export const bitcoinEmptyBlocksByPool: DistributionEntry = entry('bitcoin/empty-blocks-by-pool', 'Empty blocks (coinbase only) per mining pool', 'blocks', (b, i) => (b.txCount[i] === 1 ? 1 : 0), false, 'weight = 1 for each empty block (transaction count 1) the pool found');
