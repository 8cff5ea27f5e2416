/**
 * Column-chunk appends: values arrive as written (across chunk boundaries, with NULL text), and
 * columns that the raw memory copy cannot take safely (too short, wrong typed array) are refused
 * before anything is written.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../domain/errors.js';
import { appendColumns, type Column } from './append-columns.js';

async function table() {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  await conn.run('CREATE TABLE t (h INTEGER, x DOUBLE, s VARCHAR)');
  return conn;
}

describe('appendColumns', () => {
  it('stores every row across chunk boundaries, NULL for missing text', async () => {
    const conn = await table();
    const n = 5000; // three chunks of 2,048
    const h = Int32Array.from({ length: n }, (_, i) => i * 3 - 7);
    const x = Float64Array.from({ length: n }, (_, i) => i / 7);
    const s = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : `v${i}`));
    await appendColumns(conn, 't', [{ type: 'int32', values: h }, { type: 'double', values: x }, { type: 'varchar', values: s }], n);
    const rows = (await conn.runAndReadAll('SELECT h, x, s FROM t ORDER BY h')).getRowsJS();
    expect(rows.length).toBe(n);
    rows.forEach((r, i) => expect(r).toEqual([h[i], x[i], s[i]]));
  });

  it('refuses a column shorter than the row count or of the wrong typed array, writing nothing', async () => {
    const conn = await table();
    const ok: Column[] = [{ type: 'int32', values: new Int32Array(10) }, { type: 'double', values: new Float64Array(10) }, { type: 'varchar', values: Array(10).fill('a') }];
    const short: Column[] = [ok[0]!, { type: 'double', values: new Float64Array(9) }, ok[2]!];
    const wrong = [{ type: 'int32', values: new Float64Array(10) }, ok[1]!, ok[2]!] as unknown as Column[];
    await expect(appendColumns(conn, 't', short, 10)).rejects.toThrow(new StoreError('append to t: column 1 has 9 values for 10 rows'));
    await expect(appendColumns(conn, 't', wrong, 10)).rejects.toThrow(StoreError);
    await expect(appendColumns(conn, 't', ok, -1)).rejects.toThrow(StoreError);
    expect((await conn.runAndReadAll('SELECT count(*) FROM t')).getRowsJS()[0]![0]).toBe(0n);
  });
});
