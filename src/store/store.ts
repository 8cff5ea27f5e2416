/**
 * @module The Store port: everything the pipeline and interfaces need from persistence. DuckDB
 * (embedded, default) implements it in `store/duckdb/`; other backends implement the same contract.
 */
import type { BlockLabelBatch } from '../sources/datasets/block-labels.js';
import type { DailyCountBatch } from '../sources/datasets/daily-counts.js';

export type Granularity = 'block' | 'day';

export interface IngestMeta {
  /** Dataset kind or source type (`perblock`, `edi-daily`, …). */
  readonly kind: string;
  /** Content hash of the input (sha256, hex). */
  readonly sha256: string;
  /** Version of the attribution rules behind the labels (for dataset labels: `labels:<sha256 prefix>`). */
  readonly rulesVersion: string;
  readonly rows: number;
  readonly skipped: number;
}

export interface WriteSummary {
  readonly ingestId: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

export interface IngestRecord {
  readonly id: number;
  readonly source: string;
  readonly kind: string;
  readonly input: string;
  readonly sha256: string;
  readonly rulesVersion: string;
  readonly rows: number;
  readonly skipped: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly finishedAt: string;
}

export interface SourceSummary {
  readonly source: string;
  readonly granularity: Granularity;
  readonly description: string;
  /** Labelled blocks (block sources) or blocks counted (day sources). */
  readonly blocks: number;
  readonly firstHeight: number | null;
  readonly lastHeight: number | null;
  /** UTC seconds of the first / last block (or day start), null when the source has no times. */
  readonly firstTimeSec: number | null;
  readonly lastTimeSec: number | null;
  readonly rulesVersions: readonly string[];
}

/** Block labels of one source, ordered by height. Labels are interned: `label[i]` indexes `labels`. */
export interface StoredBlockLabels {
  readonly heights: Int32Array;
  /** UTC seconds from the blocks table; NaN where no source has supplied a time. */
  readonly timeSec: Float64Array;
  readonly label: Int32Array;
  readonly labels: readonly string[];
}

export interface StoredDailyCounts {
  readonly daySec: Float64Array;
  readonly entity: Int32Array;
  readonly counts: Int32Array;
  readonly entities: readonly string[];
}

export interface Store {
  /** Where the store lives (a path or URL without credentials), for provenance lines. */
  readonly location: string;
  findIngest(source: string, sha256: string): Promise<IngestRecord | null>;
  /** Upsert one source's labels (and block times) atomically: all rows or none. */
  writeBlockLabels(batch: BlockLabelBatch, meta: IngestMeta): Promise<WriteSummary>;
  /** Upsert one source's daily counts atomically. */
  writeDailyCounts(batch: DailyCountBatch, meta: IngestMeta): Promise<WriteSummary>;
  listSources(): Promise<SourceSummary[]>;
  listIngests(): Promise<IngestRecord[]>;
  readBlockLabels(source: string): Promise<StoredBlockLabels>;
  readDailyCounts(source: string): Promise<StoredDailyCounts>;
  close(): Promise<void>;
}
