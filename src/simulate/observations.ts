/**
 * @module Simulated shares as an ObservationSeries (`stock`: a share is read, not summed, within a
 * window), so a simulated pool or region distribution can go through the same windowing and metric
 * code as observed data.
 */
import { toObservationSeries, type ObservationSeries } from '../domain/observations.js';
import { UsageError } from '../domain/errors.js';
import type { ReplicateResult } from './record.js';
import { DAY_SEC, dayNumber } from './schedule.js';

/** One observation per (recorded day, labelled entity) with the entity's share as weight. */
export function sharesToObservations(result: ReplicateResult, distribution: string): ObservationSeries {
  const shares = result.shares[distribution];
  if (!shares) throw new UsageError(`no labelled shares for distribution ${JSON.stringify(distribution)} (have: ${Object.keys(result.shares).join(', ') || 'none'})`);
  const records: { timeSec: number; entity: string; weight: number }[] = [];
  result.steps.forEach((step, t) => {
    const timeSec = /^\d{4}-\d{2}-\d{2}$/.test(step) ? dayNumber(step) * DAY_SEC : NaN;
    for (const [entity, row] of Object.entries(shares)) {
      const w = row[t]!;
      if (!Number.isNaN(w)) records.push({ timeSec, entity, weight: w });
    }
  });
  return toObservationSeries(records, 'stock');
}
