/**
 * @module What a dataset reader hands the store: one label source's block labels, or one source's
 * daily block counts per entity. Domain types, so the store does not depend on the readers in
 * sources/ (which re-export them).
 */

/** Labels of one source, in file order; heights unique within a batch. */
export interface BlockLabelBatch {
  /** Source id stored with each label, e.g. `perblock-v1`. */
  readonly source: string;
  readonly description: string;
  readonly input: string;
  readonly heights: Int32Array;
  /** UTC seconds, NaN where the source has no time. */
  readonly timeSec: Float64Array;
  readonly labels: readonly string[];
  readonly hashes?: readonly string[];
}

export interface DailyCountBatch {
  readonly source: string;
  readonly description: string;
  readonly input: string;
  /** Day start, UTC seconds (multiple of 86,400). */
  readonly daySec: Float64Array;
  readonly entities: readonly string[];
  readonly counts: Int32Array;
}
