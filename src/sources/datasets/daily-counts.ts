/**
 * @module Day-granular block counts per entity: the EDI wide CSV (`Entity,DD/MM/YYYY,…`, one row
 * per entity, a column per UTC day) and our own long form (`day,entity,blocks`), which the
 * embedded default snapshot uses.
 */
import { DecodeError } from '../../domain/errors.js';
import type { CsvTable } from '../files/csv.js';
import { requireColumns } from '../files/csv.js';
import { intField, labelField, RowIssues, type FieldContext } from '../files/fields.js';

export type { DailyCountBatch } from '../../domain/batches.js';
import type { DailyCountBatch } from '../../domain/batches.js';

export interface DailyReadResult {
  readonly batch: DailyCountBatch;
  readonly rows: number;
  readonly skipped: number;
  readonly skippedExamples: readonly string[];
}

export const DAY_SEC = 86_400;

/** UTC day start in seconds of a calendar date, or null if the date does not exist (e.g. 2023-02-30). */
function utcDay(y: number, mo: number, d: number): number | null {
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 1000;
}

/** `DD/MM/YYYY` → UTC day start in seconds, or null if not a real date. */
export function parseDmy(text: string): number | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  return m ? utcDay(Number(m[3]), Number(m[2]), Number(m[1])) : null;
}

/** `YYYY-MM-DD` → UTC day start in seconds, or null if not a real date. */
export function parseIsoDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? utcDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

type AddCount = (daySec: number, entity: string, count: number) => void;

/**
 * The loop both layouts share: `readRow` validates one row and adds its (day, entity, count)
 * entries; a row that fails is skipped and counted when `skipInvalid`, else the error stands.
 */
function readDaily(
  table: CsvTable,
  skipInvalid: boolean,
  meta: { source: string; description: string },
  readRow: (row: readonly string[], ctx: FieldContext, add: AddCount) => void,
): DailyReadResult {
  const issues = new RowIssues(skipInvalid);
  const daySec: number[] = [];
  const entities: string[] = [];
  const counts: number[] = [];
  const add: AddCount = (d, entity, count) => {
    daySec.push(d);
    entities.push(entity);
    counts.push(count);
  };
  table.rows.forEach((row, i) => {
    issues.guard(() => readRow(row, { input: table.input, line: table.lines[i] }, add));
  });
  return {
    batch: { ...meta, input: table.input, daySec: Float64Array.from(daySec), entities, counts: Int32Array.from(counts) },
    rows: table.rows.length,
    skipped: issues.skipped,
    skippedExamples: issues.examples,
  };
}

/** EDI wide layout: header `Entity,<DD/MM/YYYY>…`; cells are whole block counts (empty = 0). */
export function readEdiDaily(table: CsvTable, skipInvalid: boolean): DailyReadResult {
  if (table.header[0] !== 'Entity') throw new DecodeError({ input: table.input, line: 1, field: table.header[0] ?? '' }, 'expected first column "Entity"');
  const days = table.header.slice(1).map((h, j) => {
    const d = parseDmy(h);
    if (d === null) throw new DecodeError({ input: table.input, line: 1, field: h }, `invalid date column ${JSON.stringify(h)} (expected DD/MM/YYYY)`);
    if (j > 0 && d <= parseDmy(table.header[j] as string)!) throw new DecodeError({ input: table.input, line: 1, field: h }, 'date columns are not strictly increasing');
    return d;
  });
  const seen = new Set<string>();
  const meta = { source: 'edi', description: 'EDI blocks per entity per UTC day, 2018–2023, owners merged (Blockchain-Technology-Lab/nc-statistical-confidence)' };
  return readDaily(table, skipInvalid, meta, (row, ctx, add) => {
    const entity = labelField(ctx, 'Entity', row[0]);
    if (seen.has(entity)) throw new DecodeError({ ...ctx, field: 'Entity' }, `duplicate entity row ${JSON.stringify(entity)}`);
    const cells: number[] = [];
    for (let j = 0; j < days.length; j++) {
      const raw = (row[j + 1] ?? '').trim();
      cells.push(raw === '' ? 0 : intField(ctx, table.header[j + 1] as string, raw, 0, 100_000));
    }
    seen.add(entity);
    cells.forEach((c, j) => {
      if (c > 0) add(days[j]!, entity, c);
    });
  });
}

/** Long layout `day,entity,blocks` (our own snapshot format). `source` names what it was derived from. */
export function readLongDaily(table: CsvTable, source: string, description: string, skipInvalid: boolean): DailyReadResult {
  const col = requireColumns(table, ['day', 'entity', 'blocks']);
  const seen = new Set<string>();
  return readDaily(table, skipInvalid, { source, description }, (row, ctx, add) => {
    const dayText = (row[col.day] ?? '').trim();
    const d = parseIsoDay(dayText);
    if (d === null) throw new DecodeError({ ...ctx, field: 'day' }, `invalid date: ${JSON.stringify(dayText)} (expected YYYY-MM-DD)`);
    const entity = labelField(ctx, 'entity', row[col.entity]);
    const blocks = intField(ctx, 'blocks', row[col.blocks], 1, 100_000);
    const key = `${d}\u0000${entity}`;
    if (seen.has(key)) throw new DecodeError({ ...ctx, field: 'entity' }, `duplicate row for ${dayText} ${JSON.stringify(entity)}`);
    seen.add(key);
    add(d, entity, blocks);
  });
}
