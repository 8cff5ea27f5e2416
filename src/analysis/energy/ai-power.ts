/**
 * @module Power capacity of AI compute from Epoch's GPU-cluster database (pure): MW per cluster
 * operating at each calendar-quarter end, to be attributed to owners or countries. Inclusion as for
 * `ai/clusters-*` (Existing and dated Decommissioned clusters with a first operational date, not
 * flagged Possible Duplicate), but the weight is Epoch's `Power Capacity (MW)`. A cluster without
 * power but with H100 equivalents gets H100e × W per H100e, where W per H100e is the median ratio
 * among clusters with both values that started in the same year (all years when that year has
 * fewer than 5), or a fixed value given by the caller. Clusters with neither are left out. All
 * of it is counted in the notes.
 */
import type { GpuClusterRecord } from '../../decode/epoch-ai/clusters.js';
import { operatingSpan, quarterSnapshots, type OperatingSpan, type SnapshotRecord } from '../../decode/epoch-ai/operating-clusters.js';

export { snapshotSpan } from '../../decode/epoch-ai/operating-clusters.js';

export interface PoweredCluster extends OperatingSpan {
  readonly cluster: GpuClusterRecord;
  readonly powerMw: number;
  readonly estimated: boolean;
}

export interface PowerSelection {
  readonly kept: readonly PoweredCluster[];
  readonly notes: readonly string[];
}

/** Minimum clusters in a year to use that year's own W per H100e. */
export const MIN_CALIBRATION_CLUSTERS = 5;

const yearOf = (sec: number) => new Date(sec * 1000).getUTCFullYear();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** W per H100e by start year (and over all years) from clusters reporting both power and H100e. */
export function wattsPerH100eByYear(clusters: readonly { powerMw: number; h100e: number; fromSec: number }[]): { byYear: Map<number, number>; all: number | null } {
  const groups = new Map<number, number[]>();
  const all: number[] = [];
  for (const c of clusters) {
    if (!(c.h100e > 0) || !(c.powerMw > 0)) continue;
    const w = (c.powerMw * 1e6) / c.h100e;
    all.push(w);
    const y = yearOf(c.fromSec);
    groups.set(y, [...(groups.get(y) ?? []), w]);
  }
  const byYear = new Map<number, number>();
  for (const [y, ws] of groups) if (ws.length >= MIN_CALIBRATION_CLUSTERS) byYear.set(y, median(ws));
  return { byYear, all: all.length ? median(all) : null };
}

/** Clusters counted, with power reported or estimated; `fixedWattsPerH100e` replaces the calibration. */
export function poweredClusters(rows: readonly GpuClusterRecord[], fixedWattsPerH100e?: number): PowerSelection {
  const dropped = new Map<string, number>();
  const drop = (why: string) => dropped.set(why, (dropped.get(why) ?? 0) + 1);
  const eligible: { cluster: GpuClusterRecord; span: OperatingSpan }[] = [];
  for (const cluster of rows) {
    const span = operatingSpan(cluster);
    if (typeof span === 'string') drop(span);
    else eligible.push({ cluster, span });
  }
  const calib = wattsPerH100eByYear(eligible.flatMap(({ cluster: c, span }) => (c.powerMw !== undefined && c.h100e !== undefined ? [{ powerMw: c.powerMw, h100e: c.h100e, fromSec: span.fromSec }] : [])));
  const kept: PoweredCluster[] = [];
  const usedRates = new Map<string, { n: number; mw: number }>();
  for (const { cluster: c, span } of eligible) {
    if (c.powerMw !== undefined) {
      kept.push({ cluster: c, powerMw: c.powerMw, estimated: false, ...span });
      continue;
    }
    const year = yearOf(span.fromSec);
    const rate = fixedWattsPerH100e ?? calib.byYear.get(year) ?? calib.all;
    if (c.h100e === undefined || rate === null) {
      drop('neither power nor H100 equivalents');
      continue;
    }
    const mw = (c.h100e * rate) / 1e6;
    kept.push({ cluster: c, powerMw: mw, estimated: true, ...span });
    const key = fixedWattsPerH100e !== undefined ? `fixed ${rate} W` : calib.byYear.has(year) ? `${year} median ${Math.round(rate)} W` : `all-years median ${Math.round(rate)} W`;
    const u = usedRates.get(key) ?? { n: 0, mw: 0 };
    usedRates.set(key, { n: u.n + 1, mw: u.mw + mw });
  }
  const reported = kept.filter((k) => !k.estimated);
  const estimated = kept.filter((k) => k.estimated);
  const mw = (xs: readonly PoweredCluster[]) => xs.reduce((s, k) => s + k.powerMw, 0).toFixed(1);
  const notes = [
    `${kept.length} clusters counted: ${reported.length} with Epoch's Power Capacity (${mw(reported)} MW), ${estimated.length} estimated from H100e (${mw(estimated)} MW)`,
    ...[...usedRates].map(([k, u]) => `estimated with W per H100e = ${k}: ${u.n} clusters, ${u.mw.toFixed(1)} MW`),
    ...[...dropped].map(([why, n]) => `left out, ${why}: ${n} clusters`),
  ];
  return { kept, notes };
}

/** Quarter-end snapshots of operating power (MW) per entity; `sharesOf` splits a cluster among entities. */
export function powerSnapshots(kept: readonly PoweredCluster[], sharesOf: (c: GpuClusterRecord) => readonly { entity: string; share: number }[]): SnapshotRecord[] {
  return quarterSnapshots(kept, (k) => k.powerMw, sharesOf);
}
