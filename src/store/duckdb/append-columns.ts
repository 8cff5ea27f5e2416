/**
 * @module Bulk load of column arrays into a DuckDB table through data chunks (2,048 rows each):
 * number columns are copied from their typed arrays into each chunk's vectors in one call per
 * vector, and each chunk is handed over whole, instead of one appender call per value (which cost
 * more than the rest of an ingest).
 */
import duckdb from '@duckdb/node-bindings';
import { DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { StoreError } from '../../domain/errors.js';

/**
 * One column: `int32` (INTEGER), `double` (DOUBLE; NaN is stored as NaN, not NULL — convert in SQL
 * where it matters), or `varchar` (VARCHAR; undefined/null = NULL).
 */
export type Column =
  | { readonly type: 'int32'; readonly values: Int32Array }
  | { readonly type: 'double'; readonly values: Float64Array }
  | { readonly type: 'varchar'; readonly values: ArrayLike<string | null | undefined> };

const DUCK_TYPES: Record<Column['type'], DuckDBType> = { int32: INTEGER, double: DOUBLE, varchar: VARCHAR };

/** Append `rows` rows of `columns` (in the table's column order) to `table` (in `catalog`.main). */
export async function appendColumns(conn: DuckDBConnection, table: string, columns: readonly Column[], rows: number, catalog?: string): Promise<void> {
  checkColumns(table, columns, rows);
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
        if (col.type === 'varchar') {
          const vector = chunk.getColumnVector(j) as unknown as { setItem(i: number, v: string | null): void; flush(): void };
          for (let i = 0; i < n; i++) vector.setItem(i, col.values[start + i] ?? null);
          vector.flush();
        } else {
          // Numbers: the typed array's bytes for these rows, straight into the vector (no NULLs here).
          const a = col.values;
          duckdb.copy_data_to_vector(duckdb.data_chunk_get_vector(chunk.chunk, j), 0, a.buffer as ArrayBuffer, a.byteOffset + start * a.BYTES_PER_ELEMENT, n * a.BYTES_PER_ELEMENT);
        }
      }
      app.appendDataChunk(chunk);
    }
    app.flushSync();
  } finally {
    app.closeSync();
  }
}

/**
 * The number columns are copied by raw memory (`copy_data_to_vector` does not check): each must be
 * the typed array its type names and hold at least `rows` values, else nothing is written.
 */
function checkColumns(table: string, columns: readonly Column[], rows: number): void {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new StoreError(`append to ${table}: invalid row count ${rows}`);
  columns.forEach((c, j) => {
    const ok = c.type === 'int32' ? c.values instanceof Int32Array : c.type === 'double' ? c.values instanceof Float64Array : true;
    if (!ok) throw new StoreError(`append to ${table}: column ${j} is not a ${c.type === 'int32' ? 'Int32Array' : 'Float64Array'}`);
    if (c.values.length < rows) throw new StoreError(`append to ${table}: column ${j} has ${c.values.length} values for ${rows} rows`);
  });
}
