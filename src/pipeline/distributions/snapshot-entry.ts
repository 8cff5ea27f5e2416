/**
 * @module The common shape of the snapshot distributions (Bittensor, Hugging Face): one level, a
 * loader over the staged files whose `--source` picks a sample or measure, and the snapshots
 * ingested into the store read instead when there are any (snapshot-series.ts).
 */
import type { AggregationKind } from '../../domain/observations.js';
import { UsageError } from '../../domain/errors.js';
import type { LoadedSeries } from '../../sources/loaded-series.js';
import type { DistributionEntry } from '../distribution-entry.js';
import { seriesCoverage } from '../series-coverage.js';
import { storedSnapshotSeries } from '../snapshot-series.js';

export interface SnapshotDistribution {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly entityKind: string;
  /** The one level offered. */
  readonly level: string;
  readonly aggregation: AggregationKind;
  readonly coverage: string;
  readonly source: string;
  readonly caveats: readonly string[];
  /** Values `--source` takes over the staged files (first = default); empty: none. */
  readonly sources: readonly string[];
  /** The provenance source when `sources` is empty and no `--source` is given. */
  readonly sourceName: string;
  /** Read the staged files; `source` is one of `sources`, undefined = the default. */
  loadStaged(datasetsRoot: string, source?: string): Promise<LoadedSeries>;
}

export function snapshotEntry(d: SnapshotDistribution): DistributionEntry {
  const { level } = d;
  return {
    id: d.id,
    title: d.title,
    unit: d.unit,
    entityKind: d.entityKind,
    levels: [level],
    aggregation: d.aggregation,
    coverage: d.coverage,
    source: d.source,
    caveats: d.caveats,
    async load(ctx) {
      if (ctx.level !== undefined && ctx.level !== level) throw new UsageError(`invalid level: ${ctx.level} (${d.id} offers ${level})`);
      const stored = ctx.store ? await storedSnapshotSeries(ctx.store, d.id, ctx.source, ctx.datasetsRoot) : null;
      if (!stored && ctx.source !== undefined && !d.sources.includes(ctx.source)) {
        throw new UsageError(`invalid --source: ${ctx.source} (${d.id} offers ${d.sources.length ? d.sources.join(', ') : 'no alternatives'}${ctx.store ? '' : '; more with ingested snapshots'})`);
      }
      const r = stored ?? (await d.loadStaged(ctx.datasetsRoot, ctx.source));
      const flow = r.series.kind === 'flow';
      return {
        series: r.series,
        coverage: seriesCoverage(r.series),
        provenance: {
          distribution: d.id,
          source: stored ? `store:${(stored.storeSources ?? []).join(',')}${ctx.source !== undefined ? ` (${ctx.source})` : ''}` : (ctx.source ?? d.sources[0] ?? d.sourceName),
          description: d.source,
          rulesVersions: [],
          from: r.file,
          level,
          unit: d.unit,
          notes: [flow ? `latest snapshot ${new Date(r.snapshotTimeSec * 1000).toISOString()}` : `snapshot ${new Date(r.snapshotTimeSec * 1000).toISOString()}${stored ? ' (latest in the store)' : ''}`, ...r.notes],
        },
      };
    },
  };
}
