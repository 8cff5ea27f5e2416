/**
 * @module A loaded distribution: its observations, the range they fully cover and where they came
 * from (provenance). Produced by the loaders (pipeline), read by the analyses; a domain type so
 * that analysis does not depend on the pipeline. (Re-exported by pipeline/series-source.ts.)
 */
import type { ObservationSeries } from './observations.js';

export interface Coverage {
  /** Fully covered UTC range [start, end); null when the source has no times. */
  readonly time: { readonly start: number; readonly end: number } | null;
  /** Covered heights [start, end); null for day-granular sources. */
  readonly height: { readonly start: number; readonly end: number } | null;
}

export interface Provenance {
  readonly distribution: string;
  readonly source: string;
  readonly description: string;
  readonly rulesVersions: readonly string[];
  /** Store location or `embedded default (data/default/…)`. */
  readonly from: string;
  readonly level: string;
  readonly unit: string;
  /** What the loader counted, split, skipped or excluded (printed with the results). */
  readonly notes?: readonly string[];
}

export interface SourcedSeries {
  /** Observations in time order (used by time windows). */
  readonly series: ObservationSeries;
  /** Observations in height order with heights (used by block-count windows); absent for day sources. */
  readonly heightSeries?: ObservationSeries;
  readonly coverage: Coverage;
  readonly provenance: Provenance;
}
