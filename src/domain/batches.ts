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

/**
 * One stored snapshot of an AI source (a Bittensor metagraph, the subnet table, a Hugging Face
 * sample or trending list, an Epoch AI file): the decoded, validated content in a text format the
 * source's loader reads back (`format`), observed at `timeSec` (block time for chain data).
 * Keyed by (dataset, subject, timeSec): one snapshot of one subject per time.
 */
export interface SnapshotRecord {
  /** What kind of data: `bittensor-metagraph`, `bittensor-subnets`, `hf-models`, `hf-trending`, `epoch-ai`. */
  readonly dataset: string;
  /** Which part of it: `sn1` (a subnet), `all`, a sample name, a file path. */
  readonly subject: string;
  /** Observation time, UTC seconds (block time for chain data). */
  readonly timeSec: number;
  /** Chain block of the snapshot, null when not chain data. */
  readonly block: number | null;
  /** Format of `body` (e.g. `nakamoto/bittensor-metagraph@1`, `csv`). */
  readonly format: string;
  /** sha256 of `body` (hex). */
  readonly sha256: string;
  readonly body: string;
}

/** Snapshots of one source, written in one transaction with their ingest record. */
export interface SnapshotBatch {
  readonly source: string;
  readonly description: string;
  readonly input: string;
  readonly snapshots: readonly SnapshotRecord[];
}

export interface StoredSnapshot extends SnapshotRecord {
  readonly source: string;
  readonly ingestId: number;
}
