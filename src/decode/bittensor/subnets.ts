/**
 * @module All-subnet snapshot rows (sudoHayato/bittensor-research `subnets_snapshot_<date>.csv`
 * and `.json`): netuid, name, and the author's daily emission estimate in TAO-equivalent
 * (`emission_tao_day`; use shares, not absolutes — see the dataset PROVENANCE). Both shapes
 * validate to the same rows; errors name file, line (CSV) or JSON path, and column.
 */
import { DecodeError } from '../../domain/errors.js';
import { parseCsv, requireColumns } from '../csv/csv.js';

export interface SubnetRow {
  readonly netuid: number;
  readonly name: string;
  readonly emissionTaoPerDay: number;
  /** Alpha price in TAO (null when absent). */
  readonly priceTao: number | null;
  readonly ownerHotkey: string | null;
}

const COLUMNS = ['netuid', 'name', 'emission_tao_day', 'price_tao', 'owner_hk'] as const;

interface Where {
  readonly input: string;
  readonly line?: number;
  readonly prefix: string;
}

function validate(get: (c: (typeof COLUMNS)[number]) => unknown, w: Where): SubnetRow {
  const fail = (c: string, reason: string): never => {
    throw new DecodeError({ input: w.input, line: w.line, field: w.prefix + c }, reason);
  };
  const num = (c: 'netuid' | 'emission_tao_day' | 'price_tao', allowEmpty: boolean): number | null => {
    const v = get(c);
    if (v === null || v === undefined || v === '') return allowEmpty ? null : fail(c, 'missing value');
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isFinite(n)) return fail(c, `not a number: ${JSON.stringify(v)}`);
    if (n < 0) return fail(c, `negative: ${n}`);
    return n;
  };
  const netuid = num('netuid', false)!;
  if (!Number.isInteger(netuid) || netuid > 0xffff) fail('netuid', `not a subnet id (integer 0–65535): ${netuid}`);
  const name = get('name');
  if (typeof name !== 'string') return fail('name', `expected a string, found ${JSON.stringify(name)}`);
  const owner = get('owner_hk');
  return {
    netuid,
    name: name.trim(),
    emissionTaoPerDay: num('emission_tao_day', false)!,
    priceTao: num('price_tao', true),
    ownerHotkey: typeof owner === 'string' && owner !== '' ? owner : null,
  };
}

function checkUnique(rows: readonly SubnetRow[], input: string, where: (i: number) => { line?: number; field: string }): void {
  const seen = new Set<number>();
  rows.forEach((r, i) => {
    if (seen.has(r.netuid)) throw new DecodeError({ input, ...where(i) }, `duplicate netuid ${r.netuid}`);
    seen.add(r.netuid);
  });
  if (rows.length === 0) throw new DecodeError({ input }, 'no subnet rows');
}

export function parseSubnetsCsv(text: string, input: string): SubnetRow[] {
  const table = parseCsv(text, input);
  const col = requireColumns(table, COLUMNS);
  const rows = table.rows.map((cells, i) => validate((c) => cells[col[c]], { input, line: table.lines[i], prefix: '' }));
  checkUnique(rows, input, (i) => ({ line: table.lines[i], field: 'netuid' }));
  return rows;
}

export function parseSubnetsJson(text: string, input: string): SubnetRow[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new DecodeError({ input }, `invalid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!Array.isArray(doc)) throw new DecodeError({ input, field: '(root)' }, 'expected a JSON array of subnets');
  const rows = doc.map((o: unknown, i: number) => {
    if (typeof o !== 'object' || o === null) throw new DecodeError({ input, field: `[${i}]` }, 'expected an object');
    const rec = o as Record<string, unknown>;
    return validate((c) => rec[c], { input, prefix: `[${i}].` });
  });
  checkUnique(rows, input, (i) => ({ field: `[${i}].netuid` }));
  return rows;
}

const quote = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Rows back to a CSV in netuid order, with the validated columns only (the store's canonical body; parseSubnetsCsv reads it). */
export function formatSubnetsCsv(rows: readonly SubnetRow[]): string {
  const lines = [...rows].sort((a, b) => a.netuid - b.netuid).map((r) => [r.netuid, quote(r.name), r.emissionTaoPerDay, r.priceTao ?? '', r.ownerHotkey ?? ''].join(','));
  return [COLUMNS.join(','), ...lines].join('\n') + '\n';
}
