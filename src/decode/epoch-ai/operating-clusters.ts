/**
 * @module Which Epoch GPU clusters operate when (pure), shared by the H100e series
 * (`sources/epoch-ai/cluster-series.ts`) and the power series (`analysis/energy/ai-power.ts`).
 * Inclusion: Planned clusters, clusters without a First Operational Date, Decommissioned ones
 * without a date and (unless asked) those flagged Possible Duplicate are left out, each with the
 * reason its note gives. A cluster operates from its First Operational Date until its
 * decommission date (exclusive). Snapshots are taken at each calendar-quarter end.
 */
import type { GpuClusterRecord } from './clusters.js';
import { quarterEndSec, quarterLabel, quarterOfSec } from './dates.js';

export interface ClusterFilterOptions {
  /** Keep clusters Epoch flags `Possible Duplicate` (default: leave them out). */
  readonly includePossibleDuplicates?: boolean;
  /** Keep only clusters Epoch marks `Include in Standard Analysis`. */
  readonly standardAnalysisOnly?: boolean;
}

export interface OperatingSpan {
  readonly fromSec: number;
  /** Decommission date, exclusive; Infinity while the cluster operates. */
  readonly untilSec: number;
}

/** The cluster's operating span, or, when the inclusion rules leave it out, the reason. */
export function operatingSpan(c: GpuClusterRecord, options: ClusterFilterOptions = {}): OperatingSpan | string {
  if (c.status === 'Planned') return 'Planned';
  if (c.firstOperationalSec === undefined) return 'no First Operational Date';
  if (c.status === 'Decommissioned' && c.decommissionedSec === undefined) return 'Decommissioned without a date';
  if (c.possibleDuplicate && !options.includePossibleDuplicates) return 'flagged Possible Duplicate';
  if (options.standardAnalysisOnly && !c.includeInStandardAnalysis) return 'not in Epoch standard analysis';
  return { fromSec: c.firstOperationalSec, untilSec: c.decommissionedSec ?? Infinity };
}

export interface SnapshotRecord {
  readonly timeSec: number;
  readonly entity: string;
  readonly weight: number;
}

/**
 * Quarter-end snapshots: at the last second of every quarter from the first start to the last
 * start or decommissioning, the weight of the clusters operating then, split by `sharesOf`.
 */
export function quarterSnapshots<K extends OperatingSpan & { readonly cluster: GpuClusterRecord }>(
  kept: readonly K[],
  weightOf: (k: K) => number,
  sharesOf: (c: GpuClusterRecord) => readonly { readonly entity: string; readonly share: number }[],
): SnapshotRecord[] {
  if (kept.length === 0) return [];
  const shares = kept.map((k) => sharesOf(k.cluster));
  let first = Infinity;
  let last = -Infinity;
  for (const k of kept) {
    first = Math.min(first, quarterOfSec(k.fromSec));
    last = Math.max(last, quarterOfSec(k.fromSec), Number.isFinite(k.untilSec) ? quarterOfSec(k.untilSec) : -Infinity);
  }
  const records: SnapshotRecord[] = [];
  for (let q = first; q <= last; q++) {
    const t = quarterEndSec(q);
    const sums = new Map<string, number>();
    kept.forEach((k, i) => {
      if (k.fromSec > t || k.untilSec <= t) return;
      for (const s of shares[i]!) sums.set(s.entity, (sums.get(s.entity) ?? 0) + weightOf(k) * s.share);
    });
    for (const [entity, weight] of sums) if (weight > 0) records.push({ timeSec: t, entity, weight });
  }
  return records;
}

/** The note naming the quarters the snapshots cover. */
export function snapshotSpan(records: readonly { readonly timeSec: number }[]): string {
  if (records.length === 0) return 'no quarter with operating clusters';
  return `quarter ends ${quarterLabel(quarterOfSec(records[0]!.timeSec))} .. ${quarterLabel(quarterOfSec(records[records.length - 1]!.timeSec))} (time = last second of the quarter, UTC)`;
}
