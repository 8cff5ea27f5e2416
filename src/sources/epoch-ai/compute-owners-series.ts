/**
 * @module `ai/compute-owners`: AI compute owned per company at each calendar-quarter end, in
 * H100-equivalents (Epoch's Monte Carlo median) — a stock series. The value for an owner at a
 * quarter is the sum, over the chip families (Nvidia, Nvidia "Other", CoreWeave, Google TPU,
 * Amazon Trainium, AMD), of Epoch's cumulative total through that quarter: chips delivered since
 * each file's start (2022 for Nvidia, 2023 TPU/CoreWeave, 2024 AMD/Trainium), never retired.
 *
 * A quarter is emitted only when every family that has started by then has data for it, so
 * totals are comparable across quarters; rows Epoch marks `Incomplete` (the running quarter) are
 * left out. Observation time = last second of the quarter (UTC).
 */
import { basename } from 'node:path';
import type { ChipEstimateRecord } from '../../decode/epoch-ai/chip-estimates.js';
import { isoDate, isQuarterLastDay, quarterEndSec, quarterLabel, quarterOfSec } from '../../decode/epoch-ai/dates.js';
import type { OrganisationLevel, OrganisationRules } from '../../decode/epoch-ai/organisation-rules.js';
import { resolveOrganisation } from '../../decode/epoch-ai/organisations.js';
import type { Decoded } from '../../decode/epoch-ai/rows.js';
import { describeReport } from '../../decode/epoch-ai/rows.js';
import { DecodeError } from '../../domain/errors.js';
import { toObservationSeries } from '../../domain/observations.js';
import { formatNumber } from './attribute-organisations.js';
import type { BuiltSeries } from './model-series.js';

/** Owner labels that are groups rather than companies. */
export const AGGREGATE_OWNERS: readonly string[] = ['China', 'Other'];

export interface ComputeOwnersOptions {
  readonly level: OrganisationLevel;
  readonly rules: OrganisationRules;
  /** Leave out Epoch's group labels "China" and "Other" (default: keep them as entities). */
  readonly excludeAggregates?: boolean;
}

interface FamilyTable {
  readonly name: string;
  /** owner → quarter → cumulative H100e (median). */
  readonly byOwner: Map<string, Map<number, number>>;
  readonly quarters: Set<number>;
  first: number;
}

function tabulate(data: Decoded<ChipEstimateRecord>, incomplete: string[]): FamilyTable {
  const input = data.report.input;
  const t: FamilyTable = { name: basename(input), byOwner: new Map(), quarters: new Set(), first: Infinity };
  for (const r of data.rows) {
    const q = quarterOfSec(r.endSec);
    const owner = r.owner;
    if (owner === undefined) throw new DecodeError({ input, line: r.line, field: 'Owner' }, 'empty value (owner files need an owner)');
    if (r.incomplete) {
      incomplete.push(`${t.name} ${owner} ${quarterLabel(q)}`);
      continue;
    }
    if (!isQuarterLastDay(r.endSec)) {
      throw new DecodeError({ input, line: r.line, field: 'End date' }, `not the last day of a calendar quarter: ${isoDate(r.endSec)}`);
    }
    const series = t.byOwner.get(owner) ?? new Map<number, number>();
    if (series.has(q)) throw new DecodeError({ input, line: r.line, field: 'Owner' }, `second cumulative total for ${owner} in ${quarterLabel(q)}`);
    series.set(q, r.h100e.median);
    t.byOwner.set(owner, series);
    t.quarters.add(q);
    t.first = Math.min(t.first, q);
  }
  return t;
}

export function computeOwnersSeries(files: readonly Decoded<ChipEstimateRecord>[], options: ComputeOwnersOptions): BuiltSeries {
  const incomplete: string[] = [];
  const families = files.map((f) => tabulate(f, incomplete)).filter((t) => t.quarters.size > 0);
  const notes = files.map((f) => describeReport(f.report));
  if (incomplete.length > 0) notes.push(`${incomplete.length} rows marked Incomplete by Epoch left out (${incomplete.join('; ')})`);
  const all = families.flatMap((t) => [...t.quarters]);
  if (all.length === 0) return { series: toObservationSeries([], 'stock'), notes: [...notes, 'no quarterly owner data'] };
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const included: number[] = [];
  for (let q = lo; q <= hi; q++) {
    const missing = families.filter((t) => t.first <= q && !t.quarters.has(q)).map((t) => t.name);
    if (missing.length === 0) included.push(q);
    else notes.push(`${quarterLabel(q)} left out: no data in ${missing.join(', ')}`);
  }
  const records: { timeSec: number; entity: string; weight: number }[] = [];
  const carried = new Set<string>();
  const unknown = new Set<string>();
  let droppedAggregates = 0;
  let lastTotal = 0;
  let lastEntities = 0;
  for (const q of included) {
    const sums = new Map<string, number>();
    for (const t of families) {
      if (t.first > q) continue;
      for (const [owner, byQ] of t.byOwner) {
        let value = byQ.get(q);
        if (value === undefined) {
          const earlier = [...byQ.keys()].filter((k) => k < q);
          if (earlier.length === 0) continue; // owner not yet in this family's data
          value = byQ.get(Math.max(...earlier))!;
          carried.add(`${owner} in ${t.name} at ${quarterLabel(q)}`);
        }
        if (options.excludeAggregates && AGGREGATE_OWNERS.includes(owner)) {
          if (q === included[included.length - 1]) droppedAggregates += value;
          continue;
        }
        const r = resolveOrganisation(options.rules, owner, options.level);
        if (!r.known) unknown.add(owner);
        sums.set(r.entity, (sums.get(r.entity) ?? 0) + value);
      }
    }
    const timeSec = quarterEndSec(q);
    lastTotal = 0;
    lastEntities = 0;
    for (const [entity, weight] of sums) {
      if (weight <= 0) continue;
      records.push({ timeSec, entity, weight });
      lastTotal += weight;
      lastEntities++;
    }
  }
  if (carried.size > 0) notes.push(`cumulative value carried forward from the previous quarter for: ${[...carried].join('; ')}`);
  if (unknown.size > 0) notes.push(`owners not in the alias file stand for themselves: ${[...unknown].join(', ')}`);
  if (included.length > 0) {
    const last = included[included.length - 1]!;
    notes.push(
      `${included.length} quarter ends ${quarterLabel(included[0]!)} .. ${quarterLabel(last)} (time = last second of the quarter, UTC); ` +
        `${quarterLabel(last)}: ${formatNumber(lastTotal)} H100e over ${lastEntities} owners at level '${options.level}'`,
    );
  }
  if (options.excludeAggregates) notes.push(`"China" and "Other" left out (${formatNumber(droppedAggregates)} H100e at the last quarter)`);
  return { series: toObservationSeries(records, 'stock'), notes };
}
