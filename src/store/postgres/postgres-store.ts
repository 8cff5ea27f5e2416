/**
 * @module The PostgreSQL store (shared team instance: several ingesters, many readers). Same
 * contract and semantics as the DuckDB store: each write batch is staged into a TEMP table
 * (`INSERT … SELECT FROM unnest(…)`) and merged together with its `ingests` row in one transaction,
 * so a killed process leaves the store as before the batch. Writers of one source serialise on a
 * transaction-scoped advisory lock (see pg-db.ts); readers never wait.
 */
import pg from 'pg';
import type { Pool } from 'pg';
import { StoreError } from '../../domain/errors.js';
import type { BlockLabelBatch } from '../../domain/batches.js';
import type { DailyCountBatch } from '../../domain/batches.js';
import type {
  BlockFactsBatch,
  StoredBlockFacts,
  IngestMeta,
  IngestRecord,
  SnapshotBatch,
  SourceSummary,
  Store,
  StoredSnapshot,
  StoredBlockLabels,
  StoredDailyCounts,
  WriteSummary,
} from '../store.js';
import { PgChainRepo } from './chain-repo.js';
import { PgDatasetRepo } from './dataset-repo.js';
import { hasSchema, migratePostgres } from './migrate.js';
import { storeError } from './pg-db.js';
import { redactPostgresUrl } from './pg-url.js';
import { ChainDelegatingStore } from '../chain-delegate.js';

export interface PostgresStoreOptions {
  /** Most connections the store opens at once (pg Pool `max`; default 10). */
  readonly maxConnections?: number;
}

async function connect(url: string, opts: PostgresStoreOptions): Promise<{ pool: Pool; location: string }> {
  const location = redactPostgresUrl(url);
  // work_mem: bulk merges and reads sort and hash a few hundred thousand rows; keep that in memory
  // (an `options` parameter in the URL takes precedence).
  const pool = new pg.Pool({ connectionString: url, max: opts.maxConnections ?? 10, application_name: 'nakamoto', options: '-c work_mem=64MB -c client_connection_check_interval=1000' });
  // An idle client losing its connection (server restart) must not crash the process; the next
  // query reports the failure.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw new StoreError(`cannot open store ${location}: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  return { pool, location };
}

async function withMigrations(pool: Pool, location: string): Promise<Store> {
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end().catch(() => {});
    throw storeError(err, location, 'migration');
  }
  return new PostgresStore(location, pool);
}

/** Open (and create or migrate the schema of) the store in the database at `url`. */
export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<Store> {
  const { pool, location } = await connect(url, opts);
  return withMigrations(pool, location);
}

/** Open the store only if the database already has a nakamoto schema; null if it has none. */
export async function openExistingPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<Store | null> {
  const { pool, location } = await connect(url, opts);
  let exists: boolean;
  try {
    exists = await hasSchema(pool);
  } catch (err) {
    await pool.end().catch(() => {});
    throw storeError(err, location, 'schema check');
  }
  if (!exists) {
    await pool.end();
    return null;
  }
  return withMigrations(pool, location);
}

class PostgresStore extends ChainDelegatingStore implements Store {
  private readonly datasets: PgDatasetRepo;
  protected readonly chain: PgChainRepo;

  constructor(readonly location: string, private readonly pool: Pool) {
    super();
    this.datasets = new PgDatasetRepo(pool, location);
    this.chain = new PgChainRepo(pool, location);
  }

  findIngest(source: string, sha256: string): Promise<IngestRecord | null> {
    return this.datasets.findIngest(source, sha256);
  }

  listIngests(): Promise<IngestRecord[]> {
    return this.datasets.listIngests();
  }

  writeBlockLabels(batch: BlockLabelBatch, meta: IngestMeta): Promise<WriteSummary> {
    return this.datasets.writeBlockLabels(batch, meta);
  }

  writeBlockFacts(batch: BlockFactsBatch, meta: IngestMeta): Promise<WriteSummary> {
    return this.datasets.writeBlockFacts(batch, meta);
  }

  readBlockFacts(fromHeight?: number, toHeight?: number): Promise<StoredBlockFacts> {
    return this.datasets.readBlockFacts(fromHeight, toHeight);
  }

  writeDailyCounts(batch: DailyCountBatch, meta: IngestMeta): Promise<WriteSummary> {
    return this.datasets.writeDailyCounts(batch, meta);
  }

  writeSnapshots(batch: SnapshotBatch, meta: IngestMeta): Promise<WriteSummary> {
    return this.datasets.writeSnapshots(batch, meta);
  }

  readSnapshots(dataset: string, subject?: string): Promise<StoredSnapshot[]> {
    return this.datasets.readSnapshots(dataset, subject);
  }

  listSources(): Promise<SourceSummary[]> {
    return this.datasets.listSources();
  }

  readBlockLabels(source: string): Promise<StoredBlockLabels> {
    return this.datasets.readBlockLabels(source);
  }

  readDailyCounts(source: string): Promise<StoredDailyCounts> {
    return this.datasets.readDailyCounts(source);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
