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
import { quarterEndSec, quarterLabel, quarterOfSec } from '../../decode/epoch-ai/dates.js';
import type { GpuClusterRecord } from '../../decode/epoch-ai/clusters.js';
import type { OrganisationShare } from '../../decode/epoch-ai/organisations.js';
import type { Decoded } from '../../decode/epoch-ai/rows.js';
import { describeReport } from '../../decode/epoch-ai/rows.js';
import { toObservationSeries } from '../../domain/observations.js';
import type { AttributionOptions, UnattributedPolicy } from './attribute-organisations.js';
import { AttributionTally, formatNumber, UNATTRIBUTED } from './attribute-organisations.js';
import type { BuiltSeries } from './model-series.js';

export interface ClusterFilterOptions {
  /** Keep clusters Epoch flags `Possible Duplicate` (default: leave them out). */
  readonly includePossibleDuplicates?: boolean;
  /** Keep only clusters Epoch marks `Include in Standard Analysis`. */
  readonly standardAnalysisOnly?: boolean;
}

export interface ClustersByCountryOptions extends ClusterFilterOptions {
  /** Clusters with no country: left out and counted (default), or kept as `(unattributed)`. */
  readonly unattributed?: UnattributedPolicy;
}

export type ClustersByOwnerOptions = ClusterFilterOptions & AttributionOptions;

interface Operating {
  readonly cluster: GpuClusterRecord;
  readonly h100e: number;
  readonly fromSec: number;
  readonly untilSec: number;
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
    if (c.status === 'Planned') drop('Planned', c);
    else if (c.firstOperationalSec === undefined) drop('no First Operational Date', c);
    else if (c.status === 'Decommissioned' && c.decommissionedSec === undefined) drop('Decommissioned without a date', c);
    else if (c.possibleDuplicate && !options.includePossibleDuplicates) drop('flagged Possible Duplicate', c);
    else if (options.standardAnalysisOnly && !c.includeInStandardAnalysis) drop('not in Epoch standard analysis', c);
    else if (c.h100e === undefined) {
      drop('no H100 equivalents', c);
      if (c.powerMw !== undefined) powerOnly++;
    } else kept.push({ cluster: c, h100e: c.h100e, fromSec: c.firstOperationalSec, untilSec: c.decommissionedSec ?? Infinity });
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
function snapshots(kept: readonly Operating[], sharesOf: (c: GpuClusterRecord) => readonly OrganisationShare[]): { timeSec: number; entity: string; weight: number }[] {
  if (kept.length === 0) return [];
  const shares = kept.map((k) => sharesOf(k.cluster));
  let first = Infinity;
  let last = -Infinity;
  for (const k of kept) {
    first = Math.min(first, quarterOfSec(k.fromSec));
    last = Math.max(last, quarterOfSec(k.fromSec), Number.isFinite(k.untilSec) ? quarterOfSec(k.untilSec) : -Infinity);
  }
  const records: { timeSec: number; entity: string; weight: number }[] = [];
  for (let q = first; q <= last; q++) {
    const t = quarterEndSec(q);
    const sums = new Map<string, number>();
    kept.forEach((k, i) => {
      if (k.fromSec > t || k.untilSec <= t) return;
      for (const s of shares[i]!) sums.set(s.entity, (sums.get(s.entity) ?? 0) + k.h100e * s.share);
    });
    for (const [entity, weight] of sums) if (weight > 0) records.push({ timeSec: t, entity, weight });
  }
  return records;
}

function spanNote(records: readonly { timeSec: number }[]): string {
  if (records.length === 0) return 'no quarter with operating clusters';
  const q0 = quarterOfSec(records[0]!.timeSec);
  const q1 = quarterOfSec(records[records.length - 1]!.timeSec);
  return `quarter ends ${quarterLabel(q0)} .. ${quarterLabel(q1)} (time = last second of the quarter, UTC)`;
}

export function clustersByCountrySeries(data: Decoded<GpuClusterRecord>, options: ClustersByCountryOptions = {}): BuiltSeries {
  const { kept, notes } = operatingClusters(data, options);
  const blank = kept.filter((k) => k.cluster.country === undefined);
  const used = options.unattributed === 'keep' ? kept : kept.filter((k) => k.cluster.country !== undefined);
  if (blank.length > 0) {
    const h = blank.reduce((s, k) => s + k.h100e, 0);
    notes.push(`${blank.length} clusters with no Country ${options.unattributed === 'keep' ? `kept as ${JSON.stringify(UNATTRIBUTED)}` : 'excluded'} (${formatNumber(h)} H100e)`);
  }
  const records = snapshots(used, (c) => [{ entity: c.country ?? UNATTRIBUTED, share: 1 }]);
  notes.push(spanNote(records));
  return { series: toObservationSeries(records, 'stock'), notes };
}

export function clustersByOwnerSeries(data: Decoded<GpuClusterRecord>, options: ClustersByOwnerOptions): BuiltSeries {
  const { kept, notes } = operatingClusters(data, options);
  const tally = new AttributionTally(options);
  const shares = new Map<GpuClusterRecord, readonly OrganisationShare[]>();
  for (const k of kept) shares.set(k.cluster, tally.attribute(k.cluster.owner, k.h100e));
  const records = snapshots(kept, (c) => shares.get(c)!);
  notes.push(...tally.notes('clusters', 'H100e', 'Owner'), spanNote(records));
  return { series: toObservationSeries(records, 'stock'), notes };
}
