/**
 * @module What a snapshot source's loader (Bittensor, Hugging Face) returns: the series, notes on
 * what was read, the snapshot time and the file. The catalogue entries (pipeline/distributions)
 * describe the distributions and turn this into a sourced series.
 */
import type { ObservationSeries } from '../domain/observations.js';

export interface LoadedSeries {
  readonly series: ObservationSeries;
  readonly notes: string[];
  readonly snapshotTimeSec: number;
  readonly file: string;
  /** Store sources the series was read from (absent: read from staged files). */
  readonly storeSources?: readonly string[];
}
