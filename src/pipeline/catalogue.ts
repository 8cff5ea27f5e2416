/**
 * @module The catalogue of distributions: every "weights per entity over time" the tool can measure,
 * with its unit, entity kind, aggregation and how to load it. `nakamoto distributions` lists it and
 * `nakamoto metrics <id>` looks ids up here.
 */
import { loadOwnershipLinks } from '../sources/attribution-rules/load.js';
import { NotFoundError, UsageError } from '../domain/errors.js';
import type { ObservationSeries } from '../domain/observations.js';
import { applyOwnership } from './entity-level.js';
import { poolName } from './pool-names.js';
import type { DistributionEntry, LoadContext } from './distribution-entry.js';
import { COMPOSITE_SOURCE, loadEmbeddedDefault, loadFromStore } from './load-bitcoin.js';
import { epochEntries, snapshotDistributionEntries } from './ai-catalogue.js';
import { cbeciEntry } from './cbeci-catalogue.js';
import { energyEntries } from './energy-catalogue.js';
import type { SourcedSeries } from './series-source.js';

export type { DistributionEntry, LoadContext } from './distribution-entry.js';

const bitcoinPools: DistributionEntry = {
  id: 'bitcoin/pools',
  title: 'Bitcoin blocks per mining pool',
  unit: 'blocks',
  entityKind: 'mining pool (or owner, with the EDI source)',
  levels: ['pool', 'entity'],
  aggregation: 'flow',
  coverage: 'embedded default 2020-01-01 → 2026-04-21; with ingested datasets 2016-02 → 2026-04',
  source: 'embedded default (per-block attribution 2020–2026, daily); store sources perblock, perblock-v1, perblock-v2, perblock-node, btccom, edi',
  caveats: [
    'Blocks found are a sample of hash rate: short windows carry large sampling error.',
    "Pool labels are other people's attributions (mempool.space rules); 'unknown' blocks are kept as one entity.",
    'Pools are not owners: several pools can share an owner, and pools can mine on another pool\'s templates.',
  ],
  async load(ctx) {
    if (ctx.level !== undefined && ctx.level !== 'pool' && ctx.level !== 'entity') throw new UsageError(`invalid level: ${ctx.level} (bitcoin/pools offers pool, entity)`);
    const sourced = await loadBitcoinPools(ctx);
    // The EDI source is already at entity level, so that is its default.
    const level = ctx.level ?? (sourced.provenance.source === 'edi' ? 'entity' : 'pool');
    if (level === 'pool') {
      if (sourced.provenance.source === 'edi') throw new UsageError('the edi source is already at entity level (owners merged): use --level entity');
      return sourced;
    }
    if (sourced.provenance.source === 'edi') return sourced;
    const links = await loadOwnershipLinks(undefined, { env: { NAKAMOTO_DATASETS: ctx.datasetsRoot } });
    const relabel = (s: ObservationSeries) => applyOwnership(s, links, poolName);
    return {
      ...sourced,
      series: relabel(sourced.series),
      ...(sourced.heightSeries ? { heightSeries: relabel(sourced.heightSeries) } : {}),
      provenance: {
        ...sourced.provenance,
        level: 'entity',
        notes: [...(sourced.provenance.notes ?? []), 'entity = owner of the pool at the block time, by dated ownership links (EDI legal_links.json); pools without an owner stand for themselves'],
        rulesVersions: [...sourced.provenance.rulesVersions, `ownership links ${links.version} (EDI legal_links.json)`],
      },
    };
  },
};

async function loadBitcoinPools(ctx: LoadContext): Promise<SourcedSeries> {
  {
    if (ctx.source === 'default' || (!ctx.store && ctx.source === undefined)) return loadEmbeddedDefault();
    if (!ctx.store) throw new NotFoundError(`source ${ctx.source ?? ''} needs a store: run \`nakamoto ingest <file>\` first (or omit --source for the embedded default)`);
    let source = ctx.source;
    if (source === undefined) {
      const available = (await ctx.store.listSources()).map((s) => s.source);
      if (available.includes('perblock-v1') || available.includes('perblock-v2')) source = COMPOSITE_SOURCE;
      else return loadEmbeddedDefault();
    }
    return loadFromStore(ctx.store, source);
  }
}

const entries: readonly DistributionEntry[] = [bitcoinPools, cbeciEntry, ...epochEntries, ...energyEntries, ...snapshotDistributionEntries];

export function listDistributions(): readonly DistributionEntry[] {
  return entries;
}

export function getDistribution(id: string): DistributionEntry {
  const e = entries.find((x) => x.id === id);
  if (!e) throw new NotFoundError(`invalid distribution: ${id} (known: ${entries.map((x) => x.id).join(', ')}; or \`file <csv>\`)`);
  return e;
}
