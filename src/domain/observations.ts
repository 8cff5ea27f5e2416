/**
 * @module Observations: weights attributed to entities at points in time — the one shape every
 * source turns into before windowing. A Bitcoin block is one observation (weight 1 to its pool);
 * a quarterly chip-ownership estimate is one observation per company per quarter.
 *
 * `flow` series are summed within a window (blocks found, models released, FLOP trained);
 * `stock` series are read at the latest observation time inside the window (H100e owned,
 * TAO staked), because summing a stock over time double-counts it.
 */

export type AggregationKind = 'flow' | 'stock';

export interface ObservationSeries {
  /** Entity labels; `entity[i]` indexes into this. */
  readonly entities: readonly string[];
  /** Observation time, UTC seconds, ascending (NaN when the source has no time, e.g. BTC.com labels). */
  readonly timeSec: Float64Array;
  readonly entity: Int32Array;
  readonly weight: Float64Array;
  /** Block height per observation, ascending, for block-based series (enables `2016b` windows). */
  readonly height?: Int32Array;
  readonly kind: AggregationKind;
}

/** Build an ObservationSeries from plain records, sorting by time (then height) and interning labels. */
export function toObservationSeries(
  records: readonly { timeSec: number; entity: string; weight: number; height?: number }[],
  kind: AggregationKind,
): ObservationSeries {
  const order = records.map((_, i) => i);
  order.sort((a, b) => {
    const ra = records[a]!;
    const rb = records[b]!;
    const dt = (Number.isNaN(ra.timeSec) ? 0 : ra.timeSec) - (Number.isNaN(rb.timeSec) ? 0 : rb.timeSec);
    return dt !== 0 ? dt : (ra.height ?? 0) - (rb.height ?? 0);
  });
  const index = new Map<string, number>();
  const entities: string[] = [];
  const n = records.length;
  const timeSec = new Float64Array(n);
  const entity = new Int32Array(n);
  const weight = new Float64Array(n);
  const hasHeight = n > 0 && records.every((r) => r.height !== undefined);
  const height = hasHeight ? new Int32Array(n) : undefined;
  order.forEach((src, dst) => {
    const r = records[src]!;
    let id = index.get(r.entity);
    if (id === undefined) {
      id = entities.length;
      entities.push(r.entity);
      index.set(r.entity, id);
    }
    timeSec[dst] = r.timeSec;
    entity[dst] = id;
    weight[dst] = r.weight;
    if (height) height[dst] = r.height!;
  });
  return { entities, timeSec, entity, weight, height, kind };
}

/** Several series of one kind as one (e.g. one per snapshot), re-sorted by time and re-interned. */
export function concatSeries(list: readonly ObservationSeries[], kind: AggregationKind): ObservationSeries {
  const records: { timeSec: number; entity: string; weight: number }[] = [];
  for (const s of list) {
    for (let i = 0; i < s.timeSec.length; i++) records.push({ timeSec: s.timeSec[i]!, entity: s.entities[s.entity[i]!]!, weight: s.weight[i]! });
  }
  return toObservationSeries(records, kind);
}
