/**
 * @module Rows of Epoch's GPU-cluster (AI supercomputer) database → GpuClusterRecord.
 * Validated per row: name present, `Status` one of Existing / Planned / Decommissioned, country
 * blank or known, dates real (`YYYY-MM-DD`; a decommission date may be `YYYY-MM`), H100e and
 * power blank or finite ≥ 0, a decommission date only on decommissioned clusters and not before
 * the first operational date. Duplicates are rows identical in every column, except rows named
 * "Anonymized Chinese System": Epoch strips and rounds those, so distinct systems can coincide.
 */
import { DecodeError } from '../../domain/errors.js';
import type { ColumnSpec, CsvTable } from '../csv/csv.js';
import { optionalColumns, requireColumns } from '../csv/csv.js';
import { parseCountry } from '../../domain/countries.js';
import { parseIsoDateOrMonthSec, parseIsoDateSec } from './dates.js';
import { flag, oneOf, optionalNumber, optionalText, requiredText } from './fields.js';
import type { Decoded, DecodeOptions } from './rows.js';
import { decodeRows } from './rows.js';

export const CLUSTER_STATUSES = ['Existing', 'Planned', 'Decommissioned'] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];

/** Epoch's name for clusters it anonymises (Chinese systems): identical rows are legitimate. */
export const ANONYMISED_CLUSTER_NAME = 'Anonymized Chinese System';

export interface GpuClusterRecord {
  readonly line: number;
  readonly name: string;
  readonly status: ClusterStatus;
  readonly certainty?: string;
  /** The `Owner` cell as written (comma-separated when several; '' when unknown). */
  readonly owner: string;
  /** Canonical country, undefined when blank. */
  readonly country?: string;
  readonly firstOperationalSec?: number;
  readonly decommissionedSec?: number;
  /** Performance as a number of Nvidia H100 GPUs (Epoch's `H100 equivalents`). */
  readonly h100e?: number;
  readonly powerMw?: number;
  readonly sector?: string;
  readonly singleCluster?: string;
  readonly possibleDuplicate: boolean;
  readonly includeInStandardAnalysis: boolean;
  readonly anonymised: boolean;
}

export const CLUSTER_COLUMNS = {
  name: 'Name',
  status: 'Status',
  owner: 'Owner',
  country: 'Country',
  firstOperational: 'First Operational Date',
  h100e: 'H100 equivalents',
  power: 'Power Capacity (MW)',
  possibleDuplicate: 'Possible Duplicate',
} as const satisfies Record<string, ColumnSpec>;

const OPTIONAL_COLUMNS = {
  certainty: 'Certainty',
  sector: 'Sector',
  singleCluster: 'Single cluster?',
  standard: 'Include in Standard Analysis',
  decommissioned: ['Decommissioned Date (if applicable)', 'Decommissioned Date'],
} as const satisfies Record<string, ColumnSpec>;

export function decodeGpuClusters(table: CsvTable, options: DecodeOptions = {}): Decoded<GpuClusterRecord> {
  const c = requireColumns(table, CLUSTER_COLUMNS);
  const o = optionalColumns(table, OPTIONAL_COLUMNS);
  const input = table.input;
  const decommissionedField = o.decommissioned >= 0 ? table.header[o.decommissioned]! : 'Decommissioned Date';
  return decodeRows<GpuClusterRecord>(
    table,
    {
      decode: (row, line) => {
        const at = (field: string) => ({ input, line, field });
        const name = requiredText(at(CLUSTER_COLUMNS.name), row[c.name]!);
        const status = oneOf(at(CLUSTER_COLUMNS.status), row[c.status]!, CLUSTER_STATUSES);
        const rawCountry = row[c.country]!.trim();
        const country = rawCountry === '' ? undefined : parseCountry(at(CLUSTER_COLUMNS.country), rawCountry);
        const rawFirst = row[c.firstOperational]!.trim();
        const firstOperationalSec = rawFirst === '' ? undefined : parseIsoDateSec(at(CLUSTER_COLUMNS.firstOperational), rawFirst);
        const rawDecom = o.decommissioned >= 0 ? row[o.decommissioned]!.trim() : '';
        const decommissionedSec = rawDecom === '' ? undefined : parseIsoDateOrMonthSec(at(decommissionedField), rawDecom);
        if (decommissionedSec !== undefined && status !== 'Decommissioned') {
          throw new DecodeError(at(decommissionedField), `decommission date on a cluster whose Status is ${status}`);
        }
        if (decommissionedSec !== undefined && firstOperationalSec !== undefined && decommissionedSec < firstOperationalSec) {
          throw new DecodeError(at(decommissionedField), `decommissioned (${rawDecom}) before first operational (${rawFirst})`);
        }
        return {
          line,
          name,
          status,
          certainty: o.certainty >= 0 ? optionalText(row[o.certainty]!) : undefined,
          owner: row[c.owner]!.trim(),
          country,
          firstOperationalSec,
          decommissionedSec,
          h100e: optionalNumber(at(CLUSTER_COLUMNS.h100e), row[c.h100e]!),
          powerMw: optionalNumber(at(CLUSTER_COLUMNS.power), row[c.power]!),
          sector: o.sector >= 0 ? optionalText(row[o.sector]!) : undefined,
          singleCluster: o.singleCluster >= 0 ? optionalText(row[o.singleCluster]!) : undefined,
          possibleDuplicate: flag(at(CLUSTER_COLUMNS.possibleDuplicate), row[c.possibleDuplicate]!),
          includeInStandardAnalysis: o.standard >= 0 && flag(at('Include in Standard Analysis'), row[o.standard]!),
          anonymised: name === ANONYMISED_CLUSTER_NAME,
        };
      },
      key: (r, row) => (r.anonymised ? undefined : row.map((v) => v.trim()).join('\u0000')),
      keyField: CLUSTER_COLUMNS.name,
      keyDescription: 'content in every column',
    },
    options,
  );
}
