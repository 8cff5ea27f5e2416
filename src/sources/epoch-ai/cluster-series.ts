/**
 * @module `ai/clusters-by-country` and `ai/clusters-by-owner`: GPU-cluster capacity in
 * H100-equivalents operating at each calendar-quarter end — a stock series. A cluster counts from
 * its `First Operational Date` until its decommission date (exclusive) when it has one.
 *
 * Kept: Existing and Decommissioned clusters with a first operational date and an H100e value,
 * not flagged `Possible Duplicate` (unless `includePossibleDuplicates`), and, with
 * `standardAnalysisOnly`, only those Epoch marks `Include in Standard Analysis`. No power→H100e
 * fallback: a cluster without H100e is left out and counted (mixing MW into H100e would need a
 * chip-specific conversion). Multi-owner clusters are split evenly among owners.
 */
import type { GpuClusterRecord } from '../../decode/epoch-ai/clusters.js';
import { operatingSpan, quarterSnapshots, snapshotSpan, type ClusterFilterOptions, type OperatingSpan } from '../../decode/epoch-ai/operating-clusters.js';
import type { OrganisationShare } from '../../decode/epoch-ai/organisations.js';
import type { Decoded } from '../../decode/epoch-ai/rows.js';
import { describeReport } from '../../decode/epoch-ai/rows.js';
import { toObservationSeries } from '../../domain/observations.js';
import type { AttributionOptions, UnattributedPolicy } from './attribute-organisations.js';
import { AttributionTally, formatNumber, UNATTRIBUTED } from './attribute-organisations.js';
import type { BuiltSeries } from './model-series.js';

export type { ClusterFilterOptions } from '../../decode/epoch-ai/operating-clusters.js';

export interface ClustersByCountryOptions extends ClusterFilterOptions {
  /** Clusters with no country: left out and counted (default), or kept as `(unattributed)`. */
  readonly unattributed?: UnattributedPolicy;
}

export type ClustersByOwnerOptions = ClusterFilterOptions & AttributionOptions;

interface Operating extends OperatingSpan {
  readonly cluster: GpuClusterRecord;
  readonly h100e: number;
}

/** Apply the inclusion rules; every exclusion is counted in the notes. */
export function operatingClusters(data: Decoded<GpuClusterRecord>, options: ClusterFilterOptions): { kept: Operating[]; notes: string[] } {
  const counts = new Map<string, { n: number; h100e: number }>();
  const drop = (why: string, c: GpuClusterRecord) => {
    const e = counts.get(why) ?? { n: 0, h100e: 0 };
    e.n++;
    e.h100e += c.h100e ?? 0;
    counts.set(why, e);
  };
  const kept: Operating[] = [];
  let powerOnly = 0;
  for (const c of data.rows) {
    const span = operatingSpan(c, options);
    if (typeof span === 'string') drop(span, c);
    else if (c.h100e === undefined) {
      drop('no H100 equivalents', c);
      if (c.powerMw !== undefined) powerOnly++;
    } else kept.push({ cluster: c, h100e: c.h100e, ...span });
  }
  const total = kept.reduce((s, k) => s + k.h100e, 0);
  const notes = [describeReport(data.report), `${kept.length} clusters used (${formatNumber(total)} H100e ever operational)`];
  for (const [why, e] of counts) notes.push(`left out, ${why}: ${e.n} clusters${e.h100e > 0 ? ` (${formatNumber(e.h100e)} H100e)` : ''}`);
  if (powerOnly > 0) notes.push(`${powerOnly} of the clusters without H100e report power (MW) only; not converted`);
  const anonymised = kept.filter((k) => k.cluster.anonymised).length;
  if (anonymised > 0) notes.push(`${anonymised} used clusters are Epoch's anonymised Chinese systems (rounded values)`);
  return { kept, notes };
}

/** Quarter-end snapshots: the H100e operating at each quarter end, summed per entity share. */
const snapshots = (kept: readonly Operating[], sharesOf: (c: GpuClusterRecord) => readonly OrganisationShare[]) => quarterSnapshots(kept, (k) => k.h100e, sharesOf);

export function clustersByCountrySeries(data: Decoded<GpuClusterRecord>, options: ClustersByCountryOptions = {}): BuiltSeries {
  const { kept, notes } = operatingClusters(data, options);
  const blank = kept.filter((k) => k.cluster.country === undefined);
  const used = options.unattributed === 'keep' ? kept : kept.filter((k) => k.cluster.country !== undefined);
  if (blank.length > 0) {
    const h = blank.reduce((s, k) => s + k.h100e, 0);
    notes.push(`${blank.length} clusters with no Country ${options.unattributed === 'keep' ? `kept as ${JSON.stringify(UNATTRIBUTED)}` : 'excluded'} (${formatNumber(h)} H100e)`);
  }
  const records = snapshots(used, (c) => [{ entity: c.country ?? UNATTRIBUTED, share: 1 }]);
  notes.push(snapshotSpan(records));
  return { series: toObservationSeries(records, 'stock'), notes };
}

export function clustersByOwnerSeries(data: Decoded<GpuClusterRecord>, options: ClustersByOwnerOptions): BuiltSeries {
  const { kept, notes } = operatingClusters(data, options);
  const tally = new AttributionTally(options);
  const shares = new Map<GpuClusterRecord, readonly OrganisationShare[]>();
  for (const k of kept) shares.set(k.cluster, tally.attribute(k.cluster.owner, k.h100e));
  const records = snapshots(kept, (c) => shares.get(c)!);
  notes.push(...tally.notes('clusters', 'H100e', 'Owner'), snapshotSpan(records));
  return { series: toObservationSeries(records, 'stock'), notes };
}
