/**
 * @module Rows of Epoch's Frontier AI Data Centers hub: `data_centers.csv` (one row per site,
 * current values) and `data_center_timelines.csv` (dated milestones per site). Owners and users
 * carry confidence tags (`Amazon #confident`), kept as TaggedName. Validated: handle present and
 * unique, latitude/longitude decimal or D°M'S" and in range, numbers finite ≥ 0, timeline dates real, each timeline
 * row naming a known site when the site list is given, one row per site and date.
 */
import { DecodeError } from '../../domain/errors.js';
import type { InputPosition } from '../../domain/errors.js';
import type { ColumnSpec, CsvTable } from '../csv/csv.js';
import { requireColumns } from '../csv/csv.js';
import { parseIsoDateSec } from './dates.js';
import type { TaggedName } from './fields.js';
import { optionalNumber, optionalText, requiredNumber, requiredText, taggedList } from './fields.js';
import type { Decoded, DecodeOptions } from './rows.js';
import { decodeRows } from './rows.js';

/**
 * Degrees from a decimal value (`32.59`) or degrees-minutes-seconds with a hemisphere
 * (`32°35'25"N`, `114°42'1.6272"E`) as Epoch writes them; S and W are negative.
 */
export function parseCoordinate(pos: InputPosition, raw: string, axis: 'latitude' | 'longitude'): number {
  const t = raw.trim();
  const limit = axis === 'latitude' ? 90 : 180;
  const hemispheres = axis === 'latitude' ? 'NS' : 'EW';
  const dms = /^(\d{1,3})°\s*(\d{1,2})['′]\s*(\d{1,2}(?:\.\d+)?)["″]\s*([NSEW])$/.exec(t);
  if (dms) {
    const [, d, m, sec, h] = dms;
    if (!hemispheres.includes(h!) || Number(m) >= 60 || Number(sec) >= 60) {
      throw new DecodeError(pos, `invalid ${axis}: ${JSON.stringify(raw)}`);
    }
    const deg = Number(d) + Number(m) / 60 + Number(sec) / 3600;
    if (deg > limit) throw new DecodeError(pos, `invalid ${axis}: ${JSON.stringify(raw)} (beyond ${limit}°)`);
    return h === 'S' || h === 'W' ? -deg : deg;
  }
  if (/^[+-]?\d+(\.\d+)?$/.test(t)) return requiredNumber(pos, t, { min: -limit, max: limit });
  throw new DecodeError(pos, `invalid ${axis}: ${JSON.stringify(raw)} (expected decimal degrees or D°M'S"${hemispheres[0]})`);
}

export interface DataCentreRecord {
  readonly line: number;
  readonly handle: string;
  readonly title?: string;
  readonly owners: readonly TaggedName[];
  readonly users: readonly TaggedName[];
  readonly latitude: number;
  readonly longitude: number;
  readonly h100e?: number;
  readonly powerMw?: number;
  readonly capitalCostUsdBn?: number;
}

const CENTRE_COLUMNS = {
  handle: 'Handle',
  title: 'Title',
  owner: 'Owner',
  users: 'Users',
  latitude: 'Latitude',
  longitude: 'Longitude',
  h100e: 'Current H100 equivalents',
  power: 'Current power (MW)',
  cost: 'Current total capital cost (2025 USD billions)',
} as const satisfies Record<string, ColumnSpec>;

export function decodeDataCentres(table: CsvTable, options: DecodeOptions = {}): Decoded<DataCentreRecord> {
  const c = requireColumns(table, CENTRE_COLUMNS);
  const input = table.input;
  return decodeRows<DataCentreRecord>(
    table,
    {
      decode: (row, line) => {
        const at = (field: string) => ({ input, line, field });
        return {
          line,
          handle: requiredText(at(CENTRE_COLUMNS.handle), row[c.handle]!),
          title: optionalText(row[c.title]!),
          owners: taggedList(row[c.owner]!),
          users: taggedList(row[c.users]!),
          latitude: parseCoordinate(at(CENTRE_COLUMNS.latitude), row[c.latitude]!, 'latitude'),
          longitude: parseCoordinate(at(CENTRE_COLUMNS.longitude), row[c.longitude]!, 'longitude'),
          h100e: optionalNumber(at(CENTRE_COLUMNS.h100e), row[c.h100e]!),
          powerMw: optionalNumber(at(CENTRE_COLUMNS.power), row[c.power]!),
          capitalCostUsdBn: optionalNumber(at(CENTRE_COLUMNS.cost), row[c.cost]!),
        };
      },
      key: (r) => r.handle,
      keyField: CENTRE_COLUMNS.handle,
      keyDescription: 'Handle',
    },
    options,
  );
}

export interface DataCentreMilestone {
  readonly line: number;
  readonly dataCentre: string;
  readonly dateSec: number;
  readonly status?: string;
  readonly powerMw: number;
  readonly h100e?: number;
  readonly buildingsOperational?: number;
  readonly capitalCostUsdBn?: number;
}

const TIMELINE_COLUMNS = {
  date: 'Date',
  dataCentre: 'Data center',
  status: 'Construction status',
  power: 'Power (MW)',
  h100e: 'H100 equivalents',
  buildings: 'Buildings operational',
  cost: 'Total capital cost (2025 USD billions)',
} as const satisfies Record<string, ColumnSpec>;

/** `knownHandles`: the sites of data_centers.csv; a milestone for another site is an error. */
export function decodeDataCentreTimelines(
  table: CsvTable,
  knownHandles?: ReadonlySet<string>,
  options: DecodeOptions = {},
): Decoded<DataCentreMilestone> {
  const c = requireColumns(table, TIMELINE_COLUMNS);
  const input = table.input;
  return decodeRows<DataCentreMilestone>(
    table,
    {
      decode: (row, line) => {
        const at = (field: string) => ({ input, line, field });
        const dataCentre = requiredText(at(TIMELINE_COLUMNS.dataCentre), row[c.dataCentre]!);
        if (knownHandles && !knownHandles.has(dataCentre)) {
          throw new DecodeError(at(TIMELINE_COLUMNS.dataCentre), `unknown data center: ${JSON.stringify(dataCentre)} (not a Handle in data_centers.csv)`);
        }
        return {
          line,
          dataCentre,
          dateSec: parseIsoDateSec(at(TIMELINE_COLUMNS.date), row[c.date]!),
          status: optionalText(row[c.status]!),
          powerMw: requiredNumber(at(TIMELINE_COLUMNS.power), row[c.power]!),
          h100e: optionalNumber(at(TIMELINE_COLUMNS.h100e), row[c.h100e]!),
          buildingsOperational: optionalNumber(at(TIMELINE_COLUMNS.buildings), row[c.buildings]!),
          capitalCostUsdBn: optionalNumber(at(TIMELINE_COLUMNS.cost), row[c.cost]!),
        };
      },
      key: (r) => `${r.dataCentre}\u0000${r.dateSec}`,
      keyField: TIMELINE_COLUMNS.date,
      keyDescription: 'Data center and Date',
    },
    options,
  );
}
