/**
 * @module A distribution per window in a few numbers (pure): total, entity count, the largest
 * entities with shares, HHI and Nakamoto coefficient (the metrics engine's definitions). Used to
 * print power by owner or country; the full metric set is `nakamoto metrics <id>`.
 */
import { windowDistributions } from '../../aggregate/window-distributions.js';
import type { Window } from '../../aggregate/windows.js';
import type { ObservationSeries } from '../../domain/observations.js';
import { prepareWeights } from '../../metrics/metric.js';
import { getMetric } from '../../metrics/registry.js';
import { rankEntities, type RankedEntity } from '../pool-ranking.js';

export interface WindowSummary {
  readonly start: number;
  readonly end: number;
  /** Snapshot read (stock series); null for flows. */
  readonly snapshotSec: number | null;
  readonly total: number;
  readonly entities: number;
  readonly top: readonly RankedEntity[];
  readonly hhi: number | null;
  readonly nakamotoCoefficient: number | null;
}

const HHI = getMetric('hhi');
const NC = getMetric('nakamoto-coefficient');

/** One summary per window that holds any observation. */
export function summariseWindows(series: ObservationSeries, windows: readonly Window[], topN = 5): WindowSummary[] {
  return windowDistributions(series, windows)
    .filter((d) => d.observations > 0)
    .map((d) => {
      const sorted = prepareWeights(d.weight);
      const ranked = rankEntities(d, series.entities);
      return {
        start: d.window.start,
        end: d.window.end,
        snapshotSec: d.snapshotSec,
        total: d.total,
        entities: ranked.length,
        top: ranked.slice(0, topN),
        hhi: HHI.compute(sorted),
        nakamotoCoefficient: NC.compute(sorted),
      };
    });
}
