/**
 * @module The shape snapshot sources (Bittensor, Hugging Face) describe their distributions in,
 * for the pipeline's catalogue to adapt.
 */
import type { AggregationKind, ObservationSeries } from '../domain/observations.js';

export interface CatalogueInfo {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly entityKind: string;
  readonly aggregation: AggregationKind;
  readonly coverage: string;
  readonly source: string;
  readonly caveats: readonly string[];
}

export interface LoadedSeries {
  readonly series: ObservationSeries;
  readonly notes: string[];
  readonly snapshotTimeSec: number;
  readonly file: string;
  /** Store sources the series was read from (absent: read from staged files). */
  readonly storeSources?: readonly string[];
}
