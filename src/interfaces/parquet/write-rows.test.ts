/**
 * writeRowsParquet against two independent readers: DuckDB (read_parquet) and hyparquet (pure JS).
 * Random rows (fast-check) of doubles, whole numbers, text, booleans and nulls come back equal.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { writeRowsParquet, type ParquetRow } from './write-rows.js';

const dir = mkdtempSync(join(tmpdir(), 'nakamoto-pq-'));

function arrayBuffer(file: string): ArrayBuffer {
  const b = readFileSync(file);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** Reader values → plain JSON-able values (bigint → number, Date → YYYY-MM-DD). */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v ?? null;
}

async function readDuckDb(file: string): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    const r = await conn.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
    return r.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

async function readHyparquet(file: string): Promise<Record<string, unknown>[]> {
  const rows = (await parquetReadObjects({ file: arrayBuffer(file) })) as Record<string, unknown>[];
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
}

describe('writeRowsParquet', () => {
  it('infers types, keeps column order and names, maps NaN to null, stores metadata', async () => {
    const file = join(dir, 'a.parquet');
    const rows: ParquetRow[] = [
      { day: '2025-01-01', n: 3, x: 0.1, 'odd "name"=1': 'a,b', ok: true, none: null },
      { day: '2025-01-02', n: -7, x: NaN, 'odd "name"=1': "it's", ok: false, none: undefined },
    ];
    const s = await writeRowsParquet(file, rows, ['x', 'day', 'n', 'odd "name"=1', 'ok', 'none'], { metadata: { 'nakamoto.provenance': '{"source":"t"}' } });
    expect(s.columns).toEqual([
      { name: 'x', type: 'DOUBLE' },
      { name: 'day', type: 'DATE' },
      { name: 'n', type: 'BIGINT' },
      { name: 'odd "name"=1', type: 'VARCHAR' },
      { name: 'ok', type: 'BOOLEAN' },
      { name: 'none', type: 'VARCHAR' },
    ]);
    const expected = [
      { x: 0.1, day: '2025-01-01', n: 3, 'odd "name"=1': 'a,b', ok: true, none: null },
      { x: null, day: '2025-01-02', n: -7, 'odd "name"=1': "it's", ok: false, none: null },
    ];
    expect(await readDuckDb(file)).toEqual(expected);
    expect(await readHyparquet(file)).toEqual(expected);
    const meta = await parquetMetadataAsync(arrayBuffer(file));
    expect(meta.key_value_metadata).toContainEqual({ key: 'nakamoto.provenance', value: '{"source":"t"}' });
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('pinned types win over inference (a whole-valued share stays DOUBLE)', async () => {
    const file = join(dir, 'b.parquet');
    const s = await writeRowsParquet(file, [{ share: 1 }, { share: 0 }], ['share'], { types: { share: 'DOUBLE' } });
    expect(s.columns[0]!.type).toBe('DOUBLE');
    expect(await readHyparquet(file)).toEqual([{ share: 1 }, { share: 0 }]);
  });

  it('a failed write leaves neither a file nor a temporary', async () => {
    const file = join(dir, 'no-such-dir', 'c.parquet');
    await expect(writeRowsParquet(file, [{ a: 1 }], ['a'])).rejects.toThrow();
    expect(existsSync(file)).toBe(false);
  });

  it('random rows round-trip exactly through DuckDB and hyparquet', async () => {
    let i = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            d: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }),
            k: fc.option(fc.integer({ min: -1e9, max: 1e9 }), { nil: null }),
            s: fc.option(fc.string(), { nil: null }),
            b: fc.option(fc.boolean(), { nil: null }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        async (rows) => {
          const file = join(dir, `p${i++}.parquet`);
          await writeRowsParquet(file, rows, ['d', 'k', 's', 'b'], { types: { d: 'DOUBLE', k: 'BIGINT', s: 'VARCHAR', b: 'BOOLEAN' } });
          const want = rows.map((r) => ({ d: Object.is(r.d, -0) ? -0 : r.d, k: r.k, s: r.s, b: r.b }));
          expect(await readDuckDb(file)).toEqual(want);
          expect(await readHyparquet(file)).toEqual(want);
        },
      ),
      { numRuns: 15 },
    );
  });
});
