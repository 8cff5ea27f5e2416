/**
 * @module Rows of Epoch's ML-hardware database (accelerator specifications) → MlHardwareRecord.
 * Validated: name present and unique, release date blank or YYYY-MM-DD, every performance,
 * memory, power and price column blank or a finite number ≥ 0.
 */
import type { ColumnSpec, CsvTable } from '../csv/csv.js';
import { optionalColumns, requireColumns } from '../csv/csv.js';
import { parseIsoDateSec } from './dates.js';
import { optionalNumber, optionalText, requiredText } from './fields.js';
import type { Decoded, DecodeOptions } from './rows.js';
import { decodeRows } from './rows.js';

export interface MlHardwareRecord {
  readonly line: number;
  readonly name: string;
  readonly manufacturer?: string;
  readonly type?: string;
  readonly releaseSec?: number;
  readonly releasePriceUsd?: number;
  readonly fp32FlopPerSec?: number;
  readonly tf32FlopPerSec?: number;
  readonly tensorFp16FlopPerSec?: number;
  readonly fp8FlopPerSec?: number;
  readonly fp4FlopPerSec?: number;
  readonly int8OpPerSec?: number;
  readonly memoryBytes?: number;
  readonly memoryBandwidthBytesPerSec?: number;
  readonly tdpW?: number;
  readonly processNm?: number;
  readonly foundry?: string;
}

const REQUIRED = {
  name: 'Hardware name',
  manufacturer: 'Manufacturer',
  release: 'Release date',
  tensorFp16: 'Tensor-FP16/BF16 performance (FLOP/s)',
  tdp: 'TDP (W)',
} as const satisfies Record<string, ColumnSpec>;

/** Numeric columns read when present, keyed by the record field they fill. */
const NUMERIC = {
  releasePriceUsd: 'Release price (USD)',
  fp32FlopPerSec: 'FP32 (single precision) performance (FLOP/s)',
  tf32FlopPerSec: 'TF32 (TensorFloat-32) performance (FLOP/s)',
  fp8FlopPerSec: 'FP8 performance (FLOP/s)',
  fp4FlopPerSec: 'FP4 performance (FLOP/s)',
  int8OpPerSec: 'INT8 performance (OP/s)',
  memoryBytes: 'Memory size per board (Byte)',
  memoryBandwidthBytesPerSec: 'Memory bandwidth (byte/s)',
  processNm: 'Process size (nm)',
} as const satisfies Record<string, ColumnSpec>;

const TEXT = { type: 'Type', foundry: 'Foundry' } as const satisfies Record<string, ColumnSpec>;

export function decodeMlHardware(table: CsvTable, options: DecodeOptions = {}): Decoded<MlHardwareRecord> {
  const c = requireColumns(table, REQUIRED);
  const n = optionalColumns(table, NUMERIC);
  const t = optionalColumns(table, TEXT);
  const input = table.input;
  return decodeRows<MlHardwareRecord>(
    table,
    {
      decode: (row, line) => {
        const num = (i: number, field: string) => (i >= 0 ? optionalNumber({ input, line, field }, row[i]!) : undefined);
        const rawRelease = row[c.release]!.trim();
        const numeric = {} as Record<keyof typeof NUMERIC, number | undefined>;
        for (const key of Object.keys(NUMERIC) as (keyof typeof NUMERIC)[]) numeric[key] = num(n[key], NUMERIC[key]);
        return {
          line,
          name: requiredText({ input, line, field: REQUIRED.name }, row[c.name]!),
          manufacturer: optionalText(row[c.manufacturer]!),
          type: t.type >= 0 ? optionalText(row[t.type]!) : undefined,
          releaseSec: rawRelease === '' ? undefined : parseIsoDateSec({ input, line, field: REQUIRED.release }, rawRelease),
          tensorFp16FlopPerSec: num(c.tensorFp16, REQUIRED.tensorFp16),
          tdpW: num(c.tdp, REQUIRED.tdp),
          foundry: t.foundry >= 0 ? optionalText(row[t.foundry]!) : undefined,
          ...numeric,
        };
      },
      key: (r) => r.name.toLowerCase(),
      keyField: REQUIRED.name,
      keyDescription: 'Hardware name',
    },
    options,
  );
}
