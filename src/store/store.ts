/**
 * @module The Store port: everything the pipeline and interfaces need from persistence. DuckDB
 * (embedded, default) implements it in `store/duckdb/`; other backends implement the same contract.
 */
import type { BlockLabelBatch } from '../domain/batches.js';
import type { DailyCountBatch } from '../domain/batches.js';
import type { SnapshotBatch, StoredSnapshot } from '../domain/batches.js';
export type { SnapshotBatch, SnapshotRecord, StoredSnapshot } from '../domain/batches.js';

export type Granularity = 'block' | 'day' | 'snapshot';

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

/** A best-chain block as the chain sync stores it: header facts and the coinbase (for re-attribution). */
export interface ChainBlockRecord {
  readonly height: number;
  readonly hash: string;
  readonly prevHash: string;
  readonly timeSec: number;
  readonly bits: number;
  readonly version: number;
  readonly txCount: number;
  readonly scriptSigHex: string;
  readonly payoutAddresses: readonly string[];
  readonly coinbaseTxid: string | null;
  /** Σ coinbase output values (sat): subsidy claimed + fees collected. Null for rows synced before migration 0007. */
  readonly coinbaseValueSat: number | null;
  /** BIP141 weight (3 × stripped size + size). Null for rows synced before migration 0007. */
  readonly weight: number | null;
}

/** One rule that matched a chain block (all are kept, in rule order). */
export interface ChainRuleMatch {
  readonly slug: string;
  readonly name: string;
  readonly method: 'address' | 'tag';
  readonly rule: string;
}

/** How a chain block was attributed under one label source; `label` goes to block_labels. */
export interface ChainAttributionRecord {
  readonly height: number;
  readonly label: string;
  readonly poolId: number | null;
  readonly poolName: string;
  readonly poolSlug: string;
  readonly method: string;
  readonly matchedRule: string | null;
  readonly matches: readonly ChainRuleMatch[];
}

/** What one committed chain write belongs to: the label source and the run's ingest record. */
export interface ChainWriteMeta {
  /** Label source, e.g. `chain:mempool`. */
  readonly source: string;
  readonly description: string;
  /** The block source (URL without credentials). */
  readonly input: string;
  /** `chain` for synced blocks, `chain-reattribute` for relabelling stored blocks. */
  readonly kind: string;
  readonly rulesVersion: string;
  /** Continue this run's ingest record (counts are added to it); omit to start a new one. */
  readonly ingestId?: number;
}

export interface ChainWriteSummary {
  readonly ingestId: number;
  readonly blocks: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** A stored chain block's coinbase with its current attribution under one label source (null: none yet). */
export interface StoredChainLabel {
  readonly height: number;
  readonly timeSec: number;
  readonly scriptSigHex: string;
  readonly payoutAddresses: readonly string[];
  readonly rulesVersion: string | null;
  readonly attribution: ChainAttributionRecord | null;
}

/** Stored chain blocks in height order, for hash-rate estimates and per-block economics. */
export interface StoredChainBlocks {
  readonly heights: Int32Array;
  readonly timeSec: Float64Array;
  readonly bits: Float64Array;
  readonly txCount: Float64Array;
  /** Σ coinbase output values (sat); NaN for rows synced before migration 0007. */
  readonly coinbaseValueSat: Float64Array;
  /** BIP141 weight; NaN for rows synced before migration 0007. */
  readonly weight: Float64Array;
}


/**
 * Per-block facts (Blockchair dumps): each column NaN / null where the batch does not supply it;
 * a write merges column by column (a supplied value replaces the stored one, a missing one keeps it).
 */
export interface BlockFactsBatch {
  /** Source id of the ingest record (e.g. `blockchair-facts`); facts are not a label source. */
  readonly source: string;
  readonly description: string;
  readonly input: string;
  readonly heights: Int32Array;
  readonly version?: Float64Array;
  readonly scriptSigHex?: readonly (string | null)[];
  readonly txCount?: Float64Array;
  readonly weight?: Float64Array;
  readonly feeSat?: Float64Array;
  readonly rewardSat?: Float64Array;
}

/** Stored per-block facts in height order; NaN / null where no file supplied the value. */
export interface StoredBlockFacts {
  readonly heights: Int32Array;
  readonly version: Float64Array;
  readonly scriptSigHex: readonly (string | null)[];
  readonly txCount: Float64Array;
  readonly weight: Float64Array;
  readonly feeSat: Float64Array;
  readonly rewardSat: Float64Array;
}

/** Granularity recorded for block-facts ingests (kept out of the label-source list). */
export const FACTS_GRANULARITY = 'facts';

export interface Store {
  /** Where the store lives (a path or URL without credentials), for provenance lines. */
  readonly location: string;
  findIngest(source: string, sha256: string): Promise<IngestRecord | null>;
  /** Upsert one source's labels (and block times) atomically: all rows or none. */
  writeBlockLabels(batch: BlockLabelBatch, meta: IngestMeta): Promise<WriteSummary>;
  /** Upsert one source's daily counts atomically. */
  writeDailyCounts(batch: DailyCountBatch, meta: IngestMeta): Promise<WriteSummary>;
  /** Merge per-block facts atomically (one transaction with its ingest record). */
  writeBlockFacts(batch: BlockFactsBatch, meta: IngestMeta): Promise<WriteSummary>;
  /** Stored facts for heights in [from, to] (default: all), ascending. */
  readBlockFacts(fromHeight?: number, toHeight?: number): Promise<StoredBlockFacts>;
  /** Label and daily-count sources (block-facts ingests are not sources). */
  listSources(): Promise<SourceSummary[]>;
  listIngests(): Promise<IngestRecord[]>;
  readBlockLabels(source: string): Promise<StoredBlockLabels>;
  readDailyCounts(source: string): Promise<StoredDailyCounts>;
  /**
   * Upsert one source's snapshots atomically, keyed by (dataset, subject, time): a snapshot with
   * the same content hash is unchanged, a different one replaces it (updated).
   */
  writeSnapshots(batch: SnapshotBatch, meta: IngestMeta): Promise<WriteSummary>;
  /** Every stored snapshot of `dataset` (optionally one subject), in time order then subject. */
  readSnapshots(dataset: string, subject?: string): Promise<StoredSnapshot[]>;
  /** Highest stored chain block, or null when no chain has been synced. */
  chainTip(): Promise<{ height: number; hash: string } | null>;
  /** Stored chain hashes with height ≤ `atOrBelow`, highest first, at most `limit`. */
  chainHashesBelow(atOrBelow: number, limit: number): Promise<{ height: number; hash: string }[]>;
  /** Stored chain hashes for heights in [from, to], ascending. */
  chainHashes(fromHeight: number, toHeight: number): Promise<{ height: number; hash: string }[]>;
  /** Stored chain heights in [from, to] without the coinbase total or weight (synced before migration 0007), ascending. */
  chainHeightsLackingEconomics(fromHeight: number, toHeight: number): Promise<number[]>;
  /** Blocks, their coinbases, attributions and labels, and the run's ingest record: one transaction. */
  writeChainBatch(blocks: readonly ChainBlockRecord[], attributions: readonly ChainAttributionRecord[], meta: ChainWriteMeta): Promise<ChainWriteSummary>;
  /** Attributions and labels of already stored blocks (re-attribution): one transaction. */
  writeChainAttributions(attributions: readonly ChainAttributionRecord[], meta: ChainWriteMeta): Promise<ChainWriteSummary>;
  /** Delete every chain block above `height` with its coinbase, attributions, labels and block time: one transaction. */
  rollbackChain(aboveHeight: number): Promise<{ blocks: number; labels: number }>;
  /** Stored chain blocks' coinbases with their attribution under `source`, by height; with `exceptVersion`, only blocks not labelled with that rules version. */
  readChainLabels(source: string, exceptVersion?: string): Promise<StoredChainLabel[]>;
  readChainBlocks(): Promise<StoredChainBlocks>;
  /** Keep a rule set's rules (JSON) under its version; a known version is left as it is. */
  saveRuleSnapshot(version: string, kind: string, snapshot: string): Promise<void>;
  readRuleSnapshot(version: string): Promise<{ kind: string; snapshot: string } | null>;
  close(): Promise<void>;
}
