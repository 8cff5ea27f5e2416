/**
 * @module Inputs of the Bitcoin power estimate: ASIC models with a release date and an efficiency
 * (J/TH) — CBECI's own lists (`cbeci_miners_2021-02.json`: `[name, unix_release, J/GH]`;
 * `cbeci_miners_2020-05.csv`; J/GH × 1000 = J/TH) and the project's sourced 2021–2025 table
 * (`data/hardware/asic-2021-2025.csv`, one source per row) — and the monthly BTC/USD table
 * (`data/hardware/btc-usd-monthly.csv`). Every row is validated; an error names file, line and field.
 */
import { join } from 'node:path';
import type { AsicModel } from '../../domain/asic-hardware.js';
import { DecodeError } from '../../domain/errors.js';
import { parseCsv, requireColumns, type CsvTable } from '../files/csv.js';
import { PROJECT_ROOT } from '../files/datasets-path.js';
import { labelField, numberField, type FieldContext } from '../files/fields.js';
import { readText } from '../files/read-file.js';
import { parseIsoDay } from './daily-counts.js';

export type { AsicModel };

export const CBECI_MINERS_JSON = 'bitcoin/asic-hardware/cbeci_miners_2021-02.json';
export const HARDWARE_DIR = join(PROJECT_ROOT, 'data', 'hardware');
export const HARDWARE_TABLE = join(HARDWARE_DIR, 'asic-2021-2025.csv');
export const BTC_USD_TABLE = join(HARDWARE_DIR, 'btc-usd-monthly.csv');

export const HARDWARE_COLUMNS = ['model', 'manufacturer', 'release_date', 'release_basis', 'hashrate_th', 'power_w', 'power_basis', 'stated_j_per_th', 'source_kind', 'source_url', 'source_note'] as const;
const RELEASE_BASES = ['shipping', 'launch', 'source-date'];
const POWER_BASES = ['stated', 'derived'];
const SOURCE_KINDS = ['manufacturer', 'launch-report', 'review', 'third-party'];
/** A stated power must agree with hash rate × stated J/TH within this relative tolerance. */
const STATED_TOLERANCE = 0.05;

const fail = (ctx: FieldContext, field: string, reason: string): never => {
  throw new DecodeError({ input: ctx.input, line: ctx.line, field }, reason);
};

function oneOf(ctx: FieldContext, field: string, raw: string | undefined, allowed: readonly string[]): string {
  const v = (raw ?? '').trim();
  if (!allowed.includes(v)) fail(ctx, field, `invalid value ${JSON.stringify(v)} (expected one of ${allowed.join(', ')})`);
  return v;
}

function positive(ctx: FieldContext, field: string, raw: string | undefined): number {
  const v = numberField(ctx, field, raw, { min: 0 });
  if (v === 0) fail(ctx, field, 'must be greater than 0');
  return v;
}

function day(ctx: FieldContext, field: string, raw: string | undefined): number {
  const t = parseIsoDay(raw ?? '');
  if (t === null) fail(ctx, field, `invalid date ${JSON.stringify((raw ?? '').trim())} (expected YYYY-MM-DD)`);
  return t!;
}

/** Header must be exactly the known columns (any order): unknown columns are errors, not ignored. */
function strictHeader(table: CsvTable, columns: readonly string[]): void {
  for (const h of table.header) {
    if (!columns.includes(h)) throw new DecodeError({ input: table.input, line: 1, field: h }, `unknown column ${JSON.stringify(h)} (expected: ${columns.join(', ')})`);
  }
}

/** The project's sourced table (`HARDWARE_COLUMNS`). Efficiency = power_w / hashrate_th. */
export function parseHardwareTable(table: CsvTable): AsicModel[] {
  strictHeader(table, HARDWARE_COLUMNS);
  const col = requireColumns(table, HARDWARE_COLUMNS);
  const seen = new Set<string>();
  return table.rows.map((row, i) => {
    const ctx = { input: table.input, line: table.lines[i] };
    const model = labelField(ctx, 'model', row[col.model]);
    if (seen.has(model)) fail(ctx, 'model', `duplicate model ${JSON.stringify(model)}`);
    seen.add(model);
    labelField(ctx, 'manufacturer', row[col.manufacturer]);
    const releaseSec = day(ctx, 'release_date', row[col.release_date]);
    oneOf(ctx, 'release_basis', row[col.release_basis], RELEASE_BASES);
    const hashrateTh = positive(ctx, 'hashrate_th', row[col.hashrate_th]);
    const powerW = positive(ctx, 'power_w', row[col.power_w]);
    const powerBasis = oneOf(ctx, 'power_basis', row[col.power_basis], POWER_BASES);
    const stated = numberField(ctx, 'stated_j_per_th', row[col.stated_j_per_th], { min: 0, allowEmpty: true });
    if (stated === 0) fail(ctx, 'stated_j_per_th', 'must be greater than 0');
    const efficiency = powerW / hashrateTh;
    if (powerBasis === 'derived') {
      if (stated === null) fail(ctx, 'stated_j_per_th', 'power_basis derived needs the stated J/TH it was derived from');
      else if (Math.abs(hashrateTh * stated - powerW) > 0.5) fail(ctx, 'power_w', `derived power ${powerW} W ≠ hashrate_th × stated_j_per_th = ${hashrateTh * stated} W`);
    } else if (stated !== null && Math.abs(efficiency - stated) > STATED_TOLERANCE * stated) {
      fail(ctx, 'stated_j_per_th', `${stated} J/TH disagrees with power_w / hashrate_th = ${efficiency.toFixed(2)} J/TH by more than ${STATED_TOLERANCE * 100}%`);
    }
    oneOf(ctx, 'source_kind', row[col.source_kind], SOURCE_KINDS);
    const url = labelField(ctx, 'source_url', row[col.source_url]);
    if (!/^https?:\/\/\S+$/.test(url)) fail(ctx, 'source_url', `not an http(s) URL: ${JSON.stringify(url)}`);
    labelField(ctx, 'source_note', row[col.source_note]);
    return { model, releaseSec, efficiencyJPerTh: efficiency, hashrateTh, powerW, from: `${table.input}:${ctx.line}` };
  });
}

/** CBECI's server list `Miner_name,UNIX_date_of_release,Efficiency_J_Gh,Qty` (Qty is not used). */
export function parseCbeciMinersCsv(table: CsvTable): AsicModel[] {
  strictHeader(table, ['Miner_name', 'UNIX_date_of_release', 'Efficiency_J_Gh', 'Qty']);
  const col = requireColumns(table, ['Miner_name', 'UNIX_date_of_release', 'Efficiency_J_Gh', 'Qty']);
  return table.rows.map((row, i) => {
    const ctx = { input: table.input, line: table.lines[i] };
    const releaseSec = numberField(ctx, 'UNIX_date_of_release', row[col.UNIX_date_of_release], { min: 0 });
    if (!Number.isInteger(releaseSec)) fail(ctx, 'UNIX_date_of_release', 'not whole seconds');
    numberField(ctx, 'Qty', row[col.Qty], { min: 0 });
    return { model: labelField(ctx, 'Miner_name', row[col.Miner_name]), releaseSec, efficiencyJPerTh: positive(ctx, 'Efficiency_J_Gh', row[col.Efficiency_J_Gh]) * 1000, from: `${table.input}:${ctx.line}` };
  });
}

/** CBECI's site list: a JSON array of `[name, unix_release_seconds, efficiency_J_per_GH]`. */
export function parseCbeciMinersJson(text: string, input: string): AsicModel[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new DecodeError({ input }, `not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!Array.isArray(data)) throw new DecodeError({ input }, 'expected a JSON array of [name, unix_release, J/GH]');
  // One entry per line in CBECI's file: report that line when the layout allows.
  const entryLines = text.split('\n').flatMap((l, i) => (/^\s*\[\s*"/.test(l) ? [i + 1] : []));
  const lineOf = (k: number) => (entryLines.length === data.length ? entryLines[k] : undefined);
  return data.map((entry: unknown, k) => {
    const at = (field: string, reason: string) => new DecodeError({ input, line: lineOf(k), field: `entry ${k} ${field}` }, reason);
    if (!Array.isArray(entry) || entry.length !== 3) throw at('', 'expected [name, unix_release, J/GH]');
    const [name, ts, eff] = entry as unknown[];
    if (typeof name !== 'string' || name.trim() === '') throw at('name', 'expected a non-empty string');
    if (typeof ts !== 'number' || !Number.isInteger(ts) || ts < 0) throw at('unix_release', `expected whole seconds ≥ 0, got ${JSON.stringify(ts)}`);
    if (typeof eff !== 'number' || !(eff > 0) || !Number.isFinite(eff)) throw at('J/GH', `expected a number > 0, got ${JSON.stringify(eff)}`);
    return { model: name.trim(), releaseSec: ts, efficiencyJPerTh: eff * 1000, from: `${input}:${lineOf(k) ?? `entry ${k}`}` };
  });
}

/** Any of the three layouts, told apart by content (JSON array, or the CSV header). */
export function parseHardwareFile(text: string, input: string): AsicModel[] {
  if (text.trimStart().startsWith('[')) return parseCbeciMinersJson(text, input);
  const table = parseCsv(text, input);
  if (table.header.includes('Miner_name')) return parseCbeciMinersCsv(table);
  if (table.header.includes('power_w') || table.header.includes('model')) return parseHardwareTable(table);
  throw new DecodeError({ input, line: 1 }, `unknown hardware list layout (header: ${table.header.join(', ')}); expected ${HARDWARE_COLUMNS.join(',')}, CBECI's Miner_name,UNIX_date_of_release,Efficiency_J_Gh,Qty or a JSON array`);
}

export async function readHardwareFile(path: string): Promise<AsicModel[]> {
  const models = parseHardwareFile(await readText(path), path);
  if (models.length === 0) throw new DecodeError({ input: path }, 'no hardware rows');
  return models;
}

/** The default list: CBECI's 2021-02 list (shared datasets) followed by the project's 2021–2025 table. */
export function defaultHardwarePaths(datasetsRoot: string): string[] {
  return [join(datasetsRoot, CBECI_MINERS_JSON), HARDWARE_TABLE];
}

/**
 * The one ASIC hardware table (the energy estimate and the simulator both use it): the given files,
 * else `defaultHardwarePaths` — CBECI's 2021-02 list (93 models, 2014-07 → 2021-02) then the
 * project's sourced 2021–2025 table (11 models). The two do not overlap in time; a model name
 * appearing twice across the files is an error naming both rows.
 */
export async function readAsicTable(datasetsRoot: string, paths?: readonly string[]): Promise<AsicModel[]> {
  const files = paths && paths.length > 0 ? [...paths] : defaultHardwarePaths(datasetsRoot);
  const lists = await Promise.all(files.map(readHardwareFile));
  const fileOf = new Map<string, { file: number; from: string }>();
  lists.forEach((list, file) => {
    for (const m of list) {
      const seen = fileOf.get(m.model);
      if (seen && seen.file !== file) throw new DecodeError({ input: files[file]! }, `model ${JSON.stringify(m.model)} (${m.from}) is also in ${seen.from}: one row per model across the hardware files`);
      if (!seen) fileOf.set(m.model, { file, from: m.from });
    }
  });
  return lists.flat();
}

export interface MonthlyPrice {
  /** First day of the month, UTC seconds. */
  readonly monthSec: number;
  readonly usd: number;
  readonly source: string;
}

/** `month,btc_usd,source`: one row per month (YYYY-MM), consecutive, price > 0, a source on every row. */
export function parseBtcUsdMonthly(table: CsvTable): MonthlyPrice[] {
  strictHeader(table, ['month', 'btc_usd', 'source']);
  const col = requireColumns(table, ['month', 'btc_usd', 'source']);
  const out: MonthlyPrice[] = [];
  table.rows.forEach((row, i) => {
    const ctx = { input: table.input, line: table.lines[i] };
    const text = (row[col.month] ?? '').trim();
    const monthSec = /^\d{4}-\d{2}$/.test(text) ? parseIsoDay(`${text}-01`) : null;
    if (monthSec === null) fail(ctx, 'month', `invalid month ${JSON.stringify(text)} (expected YYYY-MM)`);
    const prev = out[out.length - 1];
    if (prev) {
      const d = new Date(prev.monthSec * 1000);
      const expected = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
      if (monthSec !== expected) fail(ctx, 'month', `expected ${new Date(expected * 1000).toISOString().slice(0, 7)} (months must be consecutive)`);
    }
    out.push({ monthSec: monthSec!, usd: positive(ctx, 'btc_usd', row[col.btc_usd]), source: labelField(ctx, 'source', row[col.source]) });
  });
  if (out.length === 0) throw new DecodeError({ input: table.input }, 'no price rows');
  return out;
}

export async function readBtcUsdMonthly(path: string = BTC_USD_TABLE): Promise<MonthlyPrice[]> {
  return parseBtcUsdMonthly(parseCsv(await readText(path), path));
}
