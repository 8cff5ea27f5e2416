/**
 * @module Weights per entity in each window. Flow series are summed over the window's
 * observations; stock series are read at the latest observation time inside the window.
 * `populationWindows = N` adds, as zero-weight members, the entities active in the N windows
 * before and after (the Edinburgh Decentralisation Index convention for counting inactive
 * entities in Gini, Theil, entropy-percentage and total-entities).
 */
import { UsageError } from '../domain/errors.js';
import type { ObservationSeries } from '../domain/observations.js';
import type { Window } from './windows.js';

export interface WindowDistribution {
  readonly window: Window;
  /** Entity indices into `series.entities`, weights aligned; active entities first, then population zeros. */
  readonly entity: Int32Array;
  readonly weight: Float64Array;
  /** Sum of weights (for block series: the number of blocks). */
  readonly total: number;
  /** Number of observations that fell in the window. */
  readonly observations: number;
  /** Time of the snapshot used, for stock series (null for flows or an empty window). */
  readonly snapshotSec: number | null;
}

/** First index i in [0, n) with a[i] ≥ x (a ascending). */
function lowerBound(a: ArrayLike<number>, x: number, n = a.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function axisValues(series: ObservationSeries, w: Window): Float64Array | Int32Array {
  if (w.axis === 'time') {
    if (series.timeSec.length > 0 && Number.isNaN(series.timeSec[0])) {
      throw new UsageError('this source has no block times: use a block-count window such as --window 2016b');
    }
    return series.timeSec;
  }
  if (!series.height) throw new UsageError('block-count windows need block heights, and this source is day-granular: use a time window such as --window 30d');
  return series.height;
}

export interface WindowOptions {
  /**
   * Stocks only: a window without a snapshot reads the latest snapshot before it (a stock holds
   * until the next snapshot). Used for `--at DATE`: the latest snapshot at or before that day.
   */
  readonly carryForward?: boolean;
}

export function windowDistributions(series: ObservationSeries, windows: readonly Window[], populationWindows = 0, opts: WindowOptions = {}): WindowDistribution[] {
  const nEntities = series.entities.length;
  const acc = new Float64Array(nEntities);
  // stamp[e] = 1 + index of the last window in which e was seen: zero-weight observations still
  // make their entity a (zero-weight) member of the window's distribution.
  const stamp = new Int32Array(nEntities);
  const touched = new Int32Array(nEntities);
  const raw: { entity: Int32Array; weight: Float64Array; total: number; observations: number; snapshotSec: number | null }[] = [];
  windows.forEach((w, wi) => {
    const axis = axisValues(series, w);
    let lo = lowerBound(axis, w.start);
    const hi = lowerBound(axis, w.end);
    let snapshotSec: number | null = null;
    if (series.kind === 'stock' && (hi > lo || (opts.carryForward === true && w.axis === 'time' && hi > 0))) {
      snapshotSec = series.timeSec[hi - 1]!;
      lo = lowerBound(series.timeSec, snapshotSec);
    }
    let nTouched = 0;
    let total = 0;
    for (let i = lo; i < hi; i++) {
      const e = series.entity[i]!;
      const x = series.weight[i]!;
      if (stamp[e] !== wi + 1) {
        stamp[e] = wi + 1;
        touched[nTouched++] = e;
      }
      acc[e]! += x;
      total += x;
    }
    // Active entities first (in first-seen order), then zero-weight members.
    const entity = new Int32Array(nTouched);
    const weight = new Float64Array(nTouched);
    let a = 0;
    for (let j = 0; j < nTouched; j++) if (acc[touched[j]!]! > 0) a++;
    let pa = 0;
    let pz = a;
    for (let j = 0; j < nTouched; j++) {
      const e = touched[j]!;
      const k = acc[e]! > 0 ? pa++ : pz++;
      entity[k] = e;
      weight[k] = acc[e]!;
      acc[e] = 0;
    }
    raw.push({ entity, weight, total, observations: hi - lo, snapshotSec });
  });
  if (populationWindows <= 0) return raw.map((r, i) => ({ window: windows[i]!, ...r }));
  // member[e] === i + 1: e is already in window i's distribution (a stamp per window, no set per window).
  const member = new Int32Array(nEntities);
  const extra = new Int32Array(nEntities);
  return raw.map((r, i) => {
    const tag = i + 1;
    for (let k = 0; k < r.entity.length; k++) member[r.entity[k]!] = tag;
    let nExtra = 0;
    for (let j = Math.max(0, i - populationWindows); j <= Math.min(raw.length - 1, i + populationWindows); j++) {
      const others = raw[j]!.entity;
      for (let k = 0; k < others.length; k++) {
        const e = others[k]!;
        if (member[e] !== tag) {
          member[e] = tag;
          extra[nExtra++] = e;
        }
      }
    }
    const entity = new Int32Array(r.entity.length + nExtra);
    entity.set(r.entity);
    entity.set(extra.subarray(0, nExtra), r.entity.length);
    const weight = new Float64Array(entity.length);
    weight.set(r.weight);
    return { window: windows[i]!, ...r, entity, weight };
  });
}
