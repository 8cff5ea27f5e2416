/**
 * @module Rows of Epoch's AI-chip estimates (repo epoch-research/ai-chip-counts: `owners/`,
 * `sales/`, `inputs/`) → ChipEstimateRecord. Every file has a name, manufacturer, a period
 * (`Start date`, `End date`: M/D/YYYY, M/D/YY or ISO) and a median compute in H100e, most with a
 * 5th–95th percentile interval; owner files add `Owner`. Column names differ slightly between
 * exports (`H100e (5th percentile)` vs `Compute estimate in H100e (5th percentile)`), hence the
 * alternatives. Validated: dates real and end ≥ start; numbers finite ≥ 0; p5 ≤ median ≤ p95.
 * Duplicates: same manufacturer, owner, chip type and period. Also decodes
 * `inputs/xai_chip_quantities.csv` (dated chip counts per data centre).
 */
import { DecodeError } from '../../domain/errors.js';
import type { ColumnSpec, CsvTable } from '../csv/csv.js';
import { optionalColumns, requireColumns } from '../csv/csv.js';
import { parseIsoDateSec, parseUsOrIsoDateSec } from './dates.js';
import type { TaggedName } from './fields.js';
import { flag, optionalNumber, optionalText, requiredNumber, requiredText, taggedList } from './fields.js';
import type { Decoded, DecodeOptions } from './rows.js';
import { decodeRows } from './rows.js';

export interface Interval {
  readonly median: number;
  readonly p5?: number;
  readonly p95?: number;
}

export interface ChipEstimateRecord {
  readonly line: number;
  readonly name: string;
  /** `Chip manufacturer`: Nvidia, AMD, Google (TPU), Amazon (Trainium). */
  readonly manufacturer: string;
  /** Owner (owners/ and inputs/ files); undefined in sales files. */
  readonly owner?: string;
  readonly chipType?: string;
  readonly startSec: number;
  /** 00:00 UTC of the period's last day. */
  readonly endSec: number;
  /** Compute in H100-equivalents (Monte Carlo median and 90% interval). */
  readonly h100e: Interval;
  readonly units?: Interval;
  readonly powerMw?: Interval;
  /** Epoch's `Incomplete` check box (the latest, partly observed quarter). */
  readonly incomplete: boolean;
}

export const CHIP_ESTIMATE_COLUMNS = {
  name: 'Name',
  manufacturer: 'Chip manufacturer',
  start: 'Start date',
  end: 'End date',
  h100e: 'Compute estimate in H100e (median)',
} as const satisfies Record<string, ColumnSpec>;

const OPTIONAL_COLUMNS = {
  owner: 'Owner',
  chipType: 'Chip type',
  h100eP5: ['H100e (5th percentile)', 'Compute estimate in H100e (5th percentile)'],
  h100eP95: ['H100e (95th percentile)', 'Compute estimate in H100e (95th percentile)'],
  units: ['Number of Units', 'Number of Units (median)', 'Number of units (median)'],
  unitsP5: ['Number of Units (5th percentile)', 'Number of units (5th percentile)'],
  unitsP95: ['Number of Units (95th percentile)', 'Number of units (95th percentile)'],
  power: 'Power in MW (median)',
  powerP5: 'Power in MW (5th percentile)',
  powerP95: 'Power in MW (95th percentile)',
  incomplete: 'Incomplete',
} as const satisfies Record<string, ColumnSpec>;

export interface ChipEstimateOptions extends DecodeOptions {
  /** Require an `Owner` column with a value in every row (owners/ and inputs/ files). */
  readonly requireOwner?: boolean;
}

export function decodeChipEstimates(table: CsvTable, options: ChipEstimateOptions = {}): Decoded<ChipEstimateRecord> {
  const c = requireColumns(table, CHIP_ESTIMATE_COLUMNS);
  if (options.requireOwner) requireColumns(table, { owner: 'Owner' });
  const o = optionalColumns(table, OPTIONAL_COLUMNS);
  const input = table.input;
  return decodeRows<ChipEstimateRecord>(
    table,
    {
      decode: (row, line) => {
        const cell = (i: number) => (i >= 0 ? row[i]! : '');
        const at = (i: number) => ({ input, line, field: table.header[i] });
        const interval = (mi: number, lo: number, hi: number, required: boolean): Interval | undefined => {
          const median = required ? requiredNumber(at(mi), cell(mi)) : optionalNumber(at(mi), cell(mi));
          if (median === undefined) return undefined;
          const p5 = optionalNumber(at(lo), cell(lo));
          const p95 = optionalNumber(at(hi), cell(hi));
          if ((p5 !== undefined && p5 > median) || (p95 !== undefined && p95 < median)) {
            throw new DecodeError(at(mi), `median ${median} outside its 5th–95th percentile interval [${p5 ?? '?'}, ${p95 ?? '?'}]`);
          }
          return { median, p5, p95 };
        };
        const name = requiredText(at(c.name), row[c.name]!);
        const startSec = parseUsOrIsoDateSec(at(c.start), row[c.start]!);
        const endSec = parseUsOrIsoDateSec(at(c.end), row[c.end]!);
        if (endSec < startSec) throw new DecodeError(at(c.end), `End date ${row[c.end]!.trim()} is before Start date ${row[c.start]!.trim()}`);
        const owner = o.owner >= 0 ? (options.requireOwner ? requiredText(at(o.owner), cell(o.owner)) : optionalText(cell(o.owner))) : undefined;
        return {
          line,
          name,
          manufacturer: requiredText(at(c.manufacturer), row[c.manufacturer]!),
          owner,
          chipType: optionalText(cell(o.chipType)),
          startSec,
          endSec,
          h100e: interval(c.h100e, o.h100eP5, o.h100eP95, true)!,
          units: o.units >= 0 ? interval(o.units, o.unitsP5, o.unitsP95, false) : undefined,
          powerMw: o.power >= 0 ? interval(o.power, o.powerP5, o.powerP95, false) : undefined,
          incomplete: o.incomplete >= 0 && flag(at(o.incomplete), cell(o.incomplete)),
        };
      },
      key: (r) => [r.manufacturer, r.owner ?? '', r.chipType ?? '', r.startSec, r.endSec].join('\u0000'),
      keyField: CHIP_ESTIMATE_COLUMNS.name,
      keyDescription: 'Chip manufacturer, Owner, Chip type, Start date and End date',
    },
    options,
  );
}

export interface ChipQuantityRecord {
  readonly line: number;
  readonly dataCenter: string;
  readonly dateSec: number;
  readonly chipType: string;
  readonly units: number;
  readonly owners: readonly TaggedName[];
  readonly users: readonly TaggedName[];
}

const QUANTITY_COLUMNS = {
  dataCenter: 'Data center',
  date: 'Date',
  chipType: 'Chip type',
  units: 'Number of Units',
  owner: 'Owner',
  user: 'User',
} as const satisfies Record<string, ColumnSpec>;

/** `inputs/xai_chip_quantities.csv`: chips of one type at one data centre on one date. */
export function decodeChipQuantities(table: CsvTable, options: DecodeOptions = {}): Decoded<ChipQuantityRecord> {
  const c = requireColumns(table, QUANTITY_COLUMNS);
  const input = table.input;
  return decodeRows<ChipQuantityRecord>(
    table,
    {
      decode: (row, line) => ({
        line,
        dataCenter: requiredText({ input, line, field: QUANTITY_COLUMNS.dataCenter }, row[c.dataCenter]!),
        dateSec: parseIsoDateSec({ input, line, field: QUANTITY_COLUMNS.date }, row[c.date]!),
        chipType: requiredText({ input, line, field: QUANTITY_COLUMNS.chipType }, row[c.chipType]!),
        units: requiredNumber({ input, line, field: QUANTITY_COLUMNS.units }, row[c.units]!),
        owners: taggedList(row[c.owner]!),
        users: taggedList(row[c.user]!),
      }),
      key: (r) => [r.dataCenter, r.dateSec, r.chipType].join('\u0000'),
      keyField: QUANTITY_COLUMNS.chipType,
      keyDescription: 'Data center, Date and Chip type',
    },
    options,
  );
}
