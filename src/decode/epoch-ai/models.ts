/**
 * @module Rows of Epoch's AI-model databases (notable, large-scale, frontier, all) → ModelRecord.
 * Validated per row: model name present, `Publication date` blank or a real YYYY-MM-DD date (blank
 * only occurs in the `all` database's unverified stubs; series leave such rows out, counted), `Training
 * compute (FLOP)` blank or a finite number > 0, every `Country` a known country. A row repeating
 * model, organisation, date and compute of an earlier row is a duplicate. Rows with no model,
 * organisation or date at all (Epoch's empty placeholder records, 3 in all_ai_models) are
 * skipped and reported, not errors.
 */
import type { ColumnSpec, CsvTable } from '../csv/csv.js';
import { optionalColumns, requireColumns } from '../csv/csv.js';
import { parseCountry } from '../../domain/countries.js';
import { isoDate, parseIsoDateSec } from './dates.js';
import { commaList, flag, optionalNumber, optionalText, requiredText } from './fields.js';
import type { Decoded, DecodeOptions } from './rows.js';
import { decodeRows } from './rows.js';

export type ModelDatabase = 'notable' | 'large-scale' | 'frontier' | 'all';

export interface ModelRecord {
  /** Line the row starts on. */
  readonly line: number;
  readonly model: string;
  /** The `Organization` cell as written (trimmed; '' when blank): split and resolve with `organisationShares`. */
  readonly organization: string;
  /** Canonical country names, one per listed organisation (Epoch's alignment is not guaranteed). */
  readonly countries: readonly string[];
  /** 00:00 UTC of the publication date; undefined when blank (stub rows of the `all` database). */
  readonly publicationSec?: number;
  /** Epoch's `Training compute (FLOP)`; for a fine-tune this includes its base model's compute. */
  readonly trainingComputeFlop?: number;
  /** `Base model` cell (set for fine-tunes and other derived models). */
  readonly baseModel?: string;
  /** `Finetune compute (FLOP)`: the compute added on top of the base model. */
  readonly finetuneComputeFlop?: number;
  readonly parameters?: number;
  /** Epoch's confidence in the compute estimate (Confident, Likely, Speculative, Unknown …). */
  readonly confidence?: string;
  /** `Frontier model` column is True (always true in the frontier database). */
  readonly frontier: boolean;
  /** Epoch's `Exclude` flag (frontier database only). */
  readonly excluded: boolean;
}

export const MODEL_COLUMNS = {
  model: 'Model',
  organization: 'Organization',
  date: 'Publication date',
  compute: 'Training compute (FLOP)',
  country: ['Country (of organization)', 'Country (from Organization)'],
} as const satisfies Record<string, ColumnSpec>;

const OPTIONAL_COLUMNS = {
  parameters: 'Parameters',
  confidence: 'Confidence',
  frontier: 'Frontier model',
  exclude: 'Exclude',
  baseModel: 'Base model',
  finetune: 'Finetune compute (FLOP)',
} as const satisfies Record<string, ColumnSpec>;

export function decodeModels(table: CsvTable, database: ModelDatabase, options: DecodeOptions = {}): Decoded<ModelRecord> {
  const c = requireColumns(table, MODEL_COLUMNS);
  const o = optionalColumns(table, OPTIONAL_COLUMNS);
  const countryField = table.header[c.country]!;
  const input = table.input;
  return decodeRows<ModelRecord>(
    table,
    {
      decode: (row, line) => {
        const rawModel = row[c.model]!;
        const organization = row[c.organization]!.trim();
        const rawDate = row[c.date]!;
        if (rawModel.trim() === '' && organization === '' && rawDate.trim() === '') {
          return { placeholder: 'no model, organisation or publication date' };
        }
        const model = requiredText({ input, line, field: MODEL_COLUMNS.model }, rawModel);
        const publicationSec = rawDate.trim() === '' ? undefined : parseIsoDateSec({ input, line, field: MODEL_COLUMNS.date }, rawDate);
        const trainingComputeFlop = optionalNumber({ input, line, field: MODEL_COLUMNS.compute }, row[c.compute]!, { min: 0, exclusiveMin: true });
        const countries = commaList(row[c.country]!).map((name) => parseCountry({ input, line, field: countryField }, name));
        const parameters = o.parameters >= 0 ? optionalNumber({ input, line, field: OPTIONAL_COLUMNS.parameters }, row[o.parameters]!) : undefined;
        const frontier =
          database === 'frontier' || (o.frontier >= 0 && flag({ input, line, field: OPTIONAL_COLUMNS.frontier }, row[o.frontier]!));
        const finetuneComputeFlop =
          o.finetune >= 0 ? optionalNumber({ input, line, field: OPTIONAL_COLUMNS.finetune }, row[o.finetune]!) : undefined;
        const excluded = o.exclude >= 0 && flag({ input, line, field: OPTIONAL_COLUMNS.exclude }, row[o.exclude]!);
        return {
          line,
          model,
          organization,
          countries,
          publicationSec,
          trainingComputeFlop,
          baseModel: o.baseModel >= 0 ? optionalText(row[o.baseModel]!) : undefined,
          finetuneComputeFlop,
          parameters,
          confidence: o.confidence >= 0 ? optionalText(row[o.confidence]!) : undefined,
          frontier,
          excluded,
        };
      },
      key: (m) => [m.model, m.organization, m.publicationSec === undefined ? '' : isoDate(m.publicationSec), m.trainingComputeFlop ?? ''].join('\u0000'),
      keyField: MODEL_COLUMNS.model,
      keyDescription: 'Model, Organization, Publication date and Training compute (FLOP)',
    },
    options,
  );
}
