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
import { quarterEndSec, quarterLabel, quarterOfSec } from '../../decode/epoch-ai/dates.js';

export interface PoweredCluster {
  readonly cluster: GpuClusterRecord;
  readonly powerMw: number;
  readonly estimated: boolean;
  readonly fromSec: number;
  readonly untilSec: number;
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
  const eligible: GpuClusterRecord[] = [];
  for (const c of rows) {
    if (c.status === 'Planned') drop('Planned');
    else if (c.firstOperationalSec === undefined) drop('no First Operational Date');
    else if (c.status === 'Decommissioned' && c.decommissionedSec === undefined) drop('Decommissioned without a date');
    else if (c.possibleDuplicate) drop('flagged Possible Duplicate');
    else eligible.push(c);
  }
  const span = (c: GpuClusterRecord) => ({ fromSec: c.firstOperationalSec!, untilSec: c.decommissionedSec ?? Infinity });
  const calib = wattsPerH100eByYear(eligible.filter((c) => c.powerMw !== undefined && c.h100e !== undefined).map((c) => ({ powerMw: c.powerMw!, h100e: c.h100e!, fromSec: c.firstOperationalSec! })));
  const kept: PoweredCluster[] = [];
  const usedRates = new Map<string, { n: number; mw: number }>();
  for (const c of eligible) {
    if (c.powerMw !== undefined) {
      kept.push({ cluster: c, powerMw: c.powerMw, estimated: false, ...span(c) });
      continue;
    }
    const rate = fixedWattsPerH100e ?? calib.byYear.get(yearOf(c.firstOperationalSec!)) ?? calib.all;
    if (c.h100e === undefined || rate === null) {
      drop('neither power nor H100 equivalents');
      continue;
    }
    const mw = (c.h100e * rate) / 1e6;
    kept.push({ cluster: c, powerMw: mw, estimated: true, ...span(c) });
    const key = fixedWattsPerH100e !== undefined ? `fixed ${rate} W` : calib.byYear.has(yearOf(c.firstOperationalSec!)) ? `${yearOf(c.firstOperationalSec!)} median ${Math.round(rate)} W` : `all-years median ${Math.round(rate)} W`;
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
export function powerSnapshots(kept: readonly PoweredCluster[], sharesOf: (c: GpuClusterRecord) => readonly { entity: string; share: number }[]): { timeSec: number; entity: string; weight: number }[] {
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
      for (const s of shares[i]!) sums.set(s.entity, (sums.get(s.entity) ?? 0) + k.powerMw * s.share);
    });
    for (const [entity, weight] of sums) if (weight > 0) records.push({ timeSec: t, entity, weight });
  }
  return records;
}

export function snapshotSpan(records: readonly { timeSec: number }[]): string {
  if (records.length === 0) return 'no quarter with operating clusters';
  return `quarter ends ${quarterLabel(quarterOfSec(records[0]!.timeSec))} .. ${quarterLabel(quarterOfSec(records[records.length - 1]!.timeSec))} (time = last second of the quarter, UTC)`;
}
