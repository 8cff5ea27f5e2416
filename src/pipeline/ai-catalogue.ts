/**
 * @module Catalogue entries for the AI distributions (Epoch AI), adapting each source's own
 * catalogue and loader to the common DistributionEntry.
 */
import { EPOCH_CATALOGUE, EPOCH_DISTRIBUTION_IDS } from '../sources/epoch-ai/catalogue.js';
import { loadEpochDistribution } from '../sources/epoch-ai/load.js';
import { UsageError } from '../domain/errors.js';
import type { DistributionEntry } from './distribution-entry.js';
import { seriesCoverage } from './series-coverage.js';
import { bittensorCatalogue } from '../sources/bittensor/catalogue.js';
import { huggingfaceCatalogue } from '../sources/huggingface/catalogue.js';
import { storedSnapshotSeries } from './snapshot-series.js';
import { EPOCH_DATASET, materialiseEpochRoot } from '../sources/snapshots/epoch-files.js';

const EPOCH_COVERAGE: Record<string, string> = {
  'ai/compute-owners': '2022-Q1 → 2025-Q4 (quarterly snapshots)',
  'ai/frontier-models': '1950 → 2025 (publication dates)',
  'ai/notable-models': '1950 → 2026-01 (publication dates)',
  'ai/training-compute': '1950 → 2026-01 (publication dates)',
  'ai/clusters-by-country': '2010 → 2025 (first operational dates)',
  'ai/clusters-by-owner': '2010 → 2025 (first operational dates)',
};

export const epochEntries: readonly DistributionEntry[] = EPOCH_DISTRIBUTION_IDS.map((id) => {
  const e = EPOCH_CATALOGUE[id];
  const levels = e.entityKind === 'organisation' ? ['organisation', 'parent'] : [e.entityKind];
  return {
    id,
    title: e.description,
    unit: e.unit,
    entityKind: e.entityKind,
    levels,
    aggregation: e.aggregation,
    coverage: EPOCH_COVERAGE[id] ?? '',
    source: e.source.provenance,
    caveats: e.caveats,
    async load(ctx) {
      if (ctx.source !== undefined) throw new UsageError(`--source: ${id} has one source (${e.source.files.join(', ')})`);
      const level = ctx.level ?? levels[0]!;
      if (!levels.includes(level)) throw new UsageError(`invalid level: ${level} (${id} offers ${levels.join(', ')})`);
      // Epoch files ingested into the store (nakamoto fetch epoch-ai, nakamoto ingest) replace the staged ones.
      const stored = ctx.store ? await ctx.store.readSnapshots(EPOCH_DATASET) : [];
      const overlay = stored.length > 0 ? materialiseEpochRoot(stored, ctx.datasetsRoot) : null;
      const root = overlay?.root ?? ctx.datasetsRoot;
      const loaded = await loadEpochDistribution(id, { datasetsRoot: root, level: level === 'country' ? undefined : (level as 'organisation' | 'parent') });
      const storeNote = overlay
        ? [`${overlay.files} Epoch file(s) from the store ${ctx.store?.location ?? ''} (latest stored ${new Date(overlay.latestSec * 1000).toISOString()}); other files from ${ctx.datasetsRoot}`]
        : [];
      return {
        series: loaded.series,
        coverage: seriesCoverage(loaded.series),
        provenance: {
          distribution: id,
          source: 'epoch-ai',
          description: e.source.provenance,
          rulesVersions: [`organisation aliases ${loaded.rulesVersion}`],
          from: overlay ? `store ${ctx.store?.location ?? ''} (epoch-ai)` : `${ctx.datasetsRoot}/${e.source.files[0] ?? ''}${e.source.files.length > 1 ? ` (+${e.source.files.length - 1} files)` : ''}`,
          level,
          unit: e.unit,
          notes: [...storeNote, ...loaded.notes],
        },
      };
    },
  };
});

type SnapshotCatalogue = typeof bittensorCatalogue;

/** Bittensor and Hugging Face snapshot distributions (one snapshot each; `--source` picks a sample or measure). */
const SNAPSHOT_LEVELS: Readonly<Record<string, string>> = {
  'bittensor/subnet-emission': 'subnet',
  'bittensor/stake': 'coldkey',
  'bittensor/incentive': 'coldkey',
  'hf/downloads-by-author': 'author',
  'hf/models-by-author': 'author',
  'hf/derivatives-by-base-org': 'organisation',
  'hf/trending-authors': 'author',
  'hf/trending-downloads': 'author',
};

function snapshotEntries(catalogue: SnapshotCatalogue, sourceName: string): DistributionEntry[] {
  return catalogue.map((e) => ({
    id: e.id,
    title: e.title,
    unit: e.unit,
    entityKind: e.entityKind,
    levels: [SNAPSHOT_LEVELS[e.id] ?? 'entity'],
    aggregation: e.aggregation,
    coverage: e.coverage,
    source: e.source,
    caveats: e.caveats,
    async load(ctx) {
      const level = SNAPSHOT_LEVELS[e.id] ?? 'entity';
      if (ctx.level !== undefined && ctx.level !== level) throw new UsageError(`invalid level: ${ctx.level} (${e.id} offers ${level})`);
      const stored = ctx.store ? await storedSnapshotSeries(ctx.store, e.id, ctx.source, ctx.datasetsRoot) : null;
      if (!stored && ctx.source !== undefined && !e.sources.includes(ctx.source)) {
        throw new UsageError(`invalid --source: ${ctx.source} (${e.id} offers ${e.sources.length ? e.sources.join(', ') : 'no alternatives'}${ctx.store ? '' : '; more with ingested snapshots'})`);
      }
      const r = stored ?? (await e.load(ctx.datasetsRoot, ctx.source));
      const flow = r.series.kind === 'flow';
      return {
        series: r.series,
        coverage: seriesCoverage(r.series),
        provenance: {
          distribution: e.id,
          source: stored ? `store:${(stored.storeSources ?? []).join(',')}${ctx.source !== undefined ? ` (${ctx.source})` : ''}` : (ctx.source ?? e.sources[0] ?? sourceName),
          description: e.source,
          rulesVersions: [],
          from: r.file,
          level,
          unit: e.unit,
          notes: [flow ? `latest snapshot ${new Date(r.snapshotTimeSec * 1000).toISOString()}` : `snapshot ${new Date(r.snapshotTimeSec * 1000).toISOString()}${stored ? ' (latest in the store)' : ''}`, ...r.notes],
        },
      };
    },
  }));
}

export const snapshotDistributionEntries: readonly DistributionEntry[] = [...snapshotEntries(bittensorCatalogue, 'bittensor'), ...snapshotEntries(huggingfaceCatalogue, 'huggingface')];
