/**
 * @module Bulk load of column arrays into a DuckDB table through data chunks (2,048 rows each):
 * numbers are written into each chunk's vectors as typed-array stores and handed over one chunk at
 * a time, instead of one appender call per value (which cost more than the rest of an ingest).
 */
import { DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';

/**
 * One column: `int32` (INTEGER; values must fit), `double` (DOUBLE; NaN is stored as NaN, not NULL —
 * convert in SQL where it matters), or `varchar` (VARCHAR; undefined/null = NULL).
 */
export type Column =
  | { readonly type: 'int32'; readonly values: ArrayLike<number> }
  | { readonly type: 'double'; readonly values: ArrayLike<number> }
  | { readonly type: 'varchar'; readonly values: ArrayLike<string | null | undefined> };

const DUCK_TYPES: Record<Column['type'], DuckDBType> = { int32: INTEGER, double: DOUBLE, varchar: VARCHAR };

/** Append `rows` rows of `columns` (in the table's column order) to `table` (in `catalog`.main). */
export async function appendColumns(conn: DuckDBConnection, table: string, columns: readonly Column[], rows: number, catalog?: string): Promise<void> {
  const app = await conn.createAppender(table, 'main', catalog);
  try {
    const chunk = DuckDBDataChunk.create(columns.map((c) => DUCK_TYPES[c.type]));
    const size = 2048;
    for (let start = 0; start < rows; start += size) {
      const n = Math.min(size, rows - start);
      chunk.reset();
      chunk.rowCount = n;
      for (let j = 0; j < columns.length; j++) {
        const col = columns[j]!;
        const vector = chunk.getColumnVector(j) as unknown as { setItem(i: number, v: unknown): void; flush(): void };
        const values = col.values;
        for (let i = 0; i < n; i++) vector.setItem(i, values[start + i] ?? null);
        vector.flush();
      }
      app.appendDataChunk(chunk);
    }
    app.flushSync();
  } finally {
    app.closeSync();
  }
}
