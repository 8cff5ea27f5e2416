/**
 * @module Turn stored (or embedded) Bitcoin data into an ObservationSeries with its provenance and
 * the range it fully covers. Block sources become one observation per block (weight 1); day
 * sources one observation per entity per day (weight = blocks).
 */
import { DAY_SEC, startOfDay } from '../aggregate/duration.js';
import type { ObservationSeries } from '../domain/observations.js';
import type { StoredBlockLabels, StoredDailyCounts } from '../store/store.js';

export type { Coverage, Provenance, SourcedSeries } from '../domain/sourced-series.js';
import type { Coverage } from '../domain/sourced-series.js';

/**
 * Indices of blocks in (time, height) order. Block times are nearly sorted (a block's timestamp can
 * precede its parent's by minutes, never by much), so an insertion sort runs in near-linear time.
 */
export function timeOrder(timeSec: Float64Array, heights: Int32Array): Int32Array {
  const n = timeSec.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = 1; i < n; i++) {
    const k = order[i]!;
    const t = timeSec[k]!;
    const h = heights[k]!;
    let j = i - 1;
    while (j >= 0) {
      const o = order[j]!;
      const to = timeSec[o]!;
      // Every comparison made on every step (not only when times tie), so that the optimised code
      // has seen them all: a first tie after optimisation would otherwise throw it away.
      const before = to < t;
      const tie = to === t;
      const lower = heights[o]! <= h;
      if (before || (tie && lower)) break;
      order[j + 1] = o;
      j--;
    }
    order[j + 1] = k;
  }
  return order;
}

/** Block labels → series. Times: first and last partial UTC days are excluded from the covered range. */
export function seriesFromBlockLabels(b: StoredBlockLabels): { series: ObservationSeries; coverage: Coverage } {
  const n = b.heights.length;
  const hasTime = n > 0 && !Number.isNaN(b.timeSec[0]!) && !Number.isNaN(b.timeSec[n - 1]!);
  // Block times are not monotonic: sort observations by time for time windows, keep heights for block windows.
  let order: Int32Array | null = null;
  if (hasTime) {
    for (let i = 1; i < n; i++) {
      if (b.timeSec[i]! < b.timeSec[i - 1]!) {
        order = timeOrder(b.timeSec, b.heights);
        break;
      }
    }
  }
  let timeSec = b.timeSec;
  let entity = b.label;
  if (order) {
    // Times and labels in time order, in one loop (one element type per array: no polymorphic copy).
    timeSec = new Float64Array(n);
    entity = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = order[i]!;
      timeSec[i] = b.timeSec[k]!;
      entity[i] = b.label[k]!;
    }
  }
  const series: ObservationSeries = {
    entities: b.labels,
    timeSec,
    entity,
    weight: new Float64Array(n).fill(1),
    kind: 'flow',
    // Height windows need the series in height order; only offered when time order = height order or no times.
    ...(order ? {} : { height: b.heights }),
  };
  const heightCov = n > 0 ? { start: b.heights[0]!, end: b.heights[n - 1]! + 1 } : null;
  let timeCov: Coverage['time'] = null;
  if (hasTime && n > 0) {
    const start = startOfDay(timeSec[0]!) + DAY_SEC;
    const end = startOfDay(timeSec[n - 1]!);
    timeCov = { start, end: Math.max(start, end) };
  }
  return { series, coverage: { time: timeCov, height: heightCov } };
}

/** Height-ordered view of block labels, for block-count windows when times are not monotonic. */
export function heightSeriesFromBlockLabels(b: StoredBlockLabels): ObservationSeries {
  return {
    entities: b.labels,
    timeSec: b.timeSec,
    entity: b.label,
    weight: new Float64Array(b.heights.length).fill(1),
    height: b.heights,
    kind: 'flow',
  };
}

export function seriesFromDailyCounts(d: StoredDailyCounts): { series: ObservationSeries; coverage: Coverage } {
  const n = d.daySec.length;
  const series: ObservationSeries = { entities: d.entities, timeSec: d.daySec, entity: d.entity, weight: Float64Array.from(d.counts), kind: 'flow' };
  const time = n > 0 ? { start: d.daySec[0]!, end: d.daySec[n - 1]! + DAY_SEC } : null;
  return { series, coverage: { time, height: null } };
}

/**
 * Merge block label sets by height, earlier sets taking precedence (e.g. v1, then v2 where v1 has
 * none). Each set is in height order, so this is a k-way merge in linear time.
 */
/**
 * One pool under two slugs across label versions: the v1 labels call OCEAN `oceanxyz`, v2 and the
 * node file `ocean`. Merged when label versions are combined (the composite source and the embedded
 * default), so one pool is one entity (issue 14). Each source on its own keeps its own labels.
 */
export const SLUG_ALIASES: Readonly<Record<string, string>> = { oceanxyz: 'ocean' };

export function canonicalSlug(slug: string): string {
  return SLUG_ALIASES[slug] ?? slug;
}

export function mergeBlockLabels(sets: readonly StoredBlockLabels[]): StoredBlockLabels {
  const labels: string[] = [];
  const index = new Map<string, number>();
  const remap = sets.map((s) =>
    Int32Array.from(s.labels, (raw) => {
      const name = canonicalSlug(raw);
      let k = index.get(name);
      if (k === undefined) {
        k = labels.length;
        labels.push(name);
        index.set(name, k);
      }
      return k;
    }),
  );
  const cap = sets.reduce((a, s) => a + s.heights.length, 0);
  const heights = new Int32Array(cap);
  const timeSec = new Float64Array(cap);
  const label = new Int32Array(cap);
  const pos = new Int32Array(sets.length);
  let n = 0;
  for (;;) {
    // Smallest next height over all sets; the first set holding it wins.
    let h = Infinity;
    let winner = -1;
    for (let k = 0; k < sets.length; k++) {
      const s = sets[k]!;
      const p = pos[k]!;
      if (p < s.heights.length && s.heights[p]! < h) {
        h = s.heights[p]!;
        winner = k;
      }
    }
    if (winner < 0) break;
    const s = sets[winner]!;
    const p = pos[winner]!;
    heights[n] = h;
    timeSec[n] = s.timeSec[p]!;
    label[n] = remap[winner]![s.label[p]!]!;
    n++;
    for (let k = 0; k < sets.length; k++) if (pos[k]! < sets[k]!.heights.length && sets[k]!.heights[pos[k]!] === h) pos[k]!++;
  }
  return { heights: heights.slice(0, n), timeSec: timeSec.slice(0, n), label: label.slice(0, n), labels };
}
