/**
 * @module The `ingests` table of the DuckDB store: the next batch id and the row each write commits
 * together with its data (inside the writer's transaction).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { IngestMeta } from '../store.js';
import { num } from '../row-mappers.js';

/** `max(id) + 1`: ids without gaps (a rolled-back batch takes none). */
export async function nextIngestId(c: DuckDBConnection): Promise<number> {
  const r = await c.runAndReadAll('SELECT coalesce(max(id), 0) + 1 FROM ingests');
  return num(r.getRowsJS()[0]?.[0]);
}

export async function insertIngest(
  c: DuckDBConnection,
  id: number,
  source: string,
  input: string,
  description: string,
  granularity: string,
  meta: IngestMeta,
  s: { inserted: number; updated: number; unchanged: number },
): Promise<void> {
  await c.run(
    `INSERT INTO ingests VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now()::TIMESTAMP)`,
    [id, source, meta.kind, input, meta.sha256, meta.rulesVersion, description, granularity, meta.rows, meta.skipped, s.inserted, s.updated, s.unchanged],
  );
}
