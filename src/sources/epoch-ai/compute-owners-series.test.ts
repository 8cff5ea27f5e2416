/**
 * @module Tests for ai/compute-owners: PROVENANCE.md derived shares at 2025-Q4, hand sums of the 12/31/2024 rows, quarter coverage rules on small tables.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChipEstimateRecord } from '../../decode/epoch-ai/chip-estimates.js';
import { decodeChipEstimates } from '../../decode/epoch-ai/chip-estimates.js';
import { parseCsv } from '../../decode/csv/csv.js';
import type { OrganisationRules } from '../../decode/epoch-ai/organisation-rules.js';
import type { Decoded } from '../../decode/epoch-ai/rows.js';
import { DecodeError } from '../../domain/errors.js';
import type { ObservationSeries } from '../../domain/observations.js';
import { datasetPath } from '../files/datasets-path.js';
import { readOrganisationRules } from './aliases.js';
import { computeOwnersSeries } from './compute-owners-series.js';
import { readOwnerCumulativeTotals } from './read.js';

/** The stock at one time stamp: weights of the observations at exactly `timeSec`. */
function snapshot(s: ObservationSeries, timeSec: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < s.weight.length; i++) {
    if (s.timeSec[i] === timeSec) out.set(s.entities[s.entity[i]!]!, (out.get(s.entities[s.entity[i]!]!) ?? 0) + s.weight[i]!);
  }
  return out;
}
const endOf = (y: number, q: number) => Date.UTC(y, q * 3, 1) / 1000 - 1; // last second of quarter q (1–4) of year y

let rules: OrganisationRules;
let files: Decoded<ChipEstimateRecord>[];
beforeAll(async () => {
  rules = (await readOrganisationRules()).rules;
  files = await readOwnerCumulativeTotals(datasetPath(''));
});

describe('ai/compute-owners on the Epoch files', () => {
  it('2025-Q4 matches the derived check in epoch-ai-chip-owners/PROVENANCE.md', () => {
    const { series } = computeOwnersSeries(files, { level: 'organisation', rules });
    expect(series.kind).toBe('stock');
    const s = snapshot(series, endOf(2025, 4));
    const total = [...s.values()].reduce((a, b) => a + b, 0);
    // PROVENANCE: total ≈ 18.97 M H100e; Google 26.6%, Microsoft 18.0%, Other 17.7%, Amazon 12.9%, Meta 12.1%, Oracle 6.0%, CoreWeave 4.4%, China 2.2%.
    expect(total / 1e6).toBeCloseTo(18.97, 2);
    const pct = (k: string) => (100 * s.get(k)!) / total;
    const published: [string, number][] = [['Google', 26.6], ['Microsoft', 18.0], ['Other', 17.7], ['Amazon', 12.9], ['Meta', 12.1], ['Oracle', 6.0], ['CoreWeave', 4.4], ['China', 2.2]];
    for (const [owner, share] of published) expect(Math.abs(pct(owner) - share)).toBeLessThan(0.051);
    expect(s.size).toBe(8);
  });

  it('2024-Q4 sums the chip families per owner (hand arithmetic from the 12/31/2024 rows)', () => {
    const s = snapshot(computeOwnersSeries(files, { level: 'organisation', rules }).series, endOf(2024, 4));
    // nvidia_owners_cumulative_totals + tpu/trainium/amd/coreweave cumulative totals, End date 12/31/2024:
    expect(s.get('Google')).toBe(434378 + 951445); // Nvidia + TPU
    expect(s.get('Amazon')).toBe(458637 + 306330); // Nvidia + Trainium
    expect(s.get('Microsoft')).toBe(1130363 + 106473); // Nvidia + AMD
    expect(s.get('Meta')).toBe(606402 + 168024); // Nvidia + AMD
    expect(s.get('Oracle')).toBe(268779 + 42580); // Nvidia + AMD
    expect(s.get('Other')).toBe(1076751 + 231095); // Nvidia Other + AMD Other
    expect(s.get('CoreWeave')).toBe(241168);
    expect(s.get('China')).toBe(322257); // Nvidia only: AMD China first appears in 2025-Q4
  });

  it('quarters run 2022-Q1 .. 2025-Q4; the incomplete 2026-Q1 is left out; parent level renames Google', () => {
    const { series, notes } = computeOwnersSeries(files, { level: 'parent', rules });
    const times = [...new Set(series.timeSec)];
    expect(times).toHaveLength(16);
    expect(times[0]).toBe(endOf(2022, 1));
    expect(times[15]).toBe(endOf(2025, 4));
    expect(snapshot(series, endOf(2022, 1)).get('Alphabet')).toBe(5700); // Nvidia Google through Q1 2022; TPUs start 2023
    expect(notes.join('\n')).toMatch(/8 rows marked Incomplete by Epoch left out/);
    // Every 2026-Q1 row is Incomplete, so no quarter between 2022-Q1 and 2025-Q4 lacks a started family.
    expect(notes.join('\n')).not.toMatch(/left out: no data in/);
  });

  it('excludeAggregates drops "China" and "Other"', () => {
    const s = snapshot(computeOwnersSeries(files, { level: 'organisation', rules, excludeAggregates: true }).series, endOf(2025, 4));
    expect(s.has('China') || s.has('Other')).toBe(false);
    expect(s.size).toBe(6);
  });
});

const HEADER = 'Name,Chip manufacturer,Owner,Start date,End date,Compute estimate in H100e (median),Incomplete';
const table = (name: string, rows: string[]) => decodeChipEstimates(parseCsv([HEADER, ...rows].join('\n') + '\n', name), { requireOwner: true });

describe('computeOwnersSeries on small tables', () => {
  it('skips a quarter a started family lacks, carries an absent owner forward, drops Incomplete rows', () => {
    const a = table('a.csv', ['x,A,P,1/1/2024,3/31/2024,10,', 'x,A,Q,1/1/2024,3/31/2024,1,', 'x,A,P,1/1/2024,6/30/2024,20,', 'x,A,P,1/1/2024,9/30/2024,30,', 'x,A,Q,1/1/2024,9/30/2024,3,', 'x,A,P,1/1/2024,12/31/2024,99,checked']);
    const b = table('b.csv', ['y,B,P,1/1/2024,6/30/2024,5,', 'y,B,P,1/1/2024,9/30/2024,7,']);
    const { series, notes } = computeOwnersSeries([a, b], { level: 'organisation', rules });
    // Q1: only family A has started (B starts in Q2): P = 10, Q = 1.
    expect(snapshot(series, endOf(2024, 1))).toEqual(new Map([['P', 10], ['Q', 1]]));
    // Q2: P = 20 + 5; Q absent from A in Q2 → carried forward from Q1 (1).
    expect(snapshot(series, endOf(2024, 2))).toEqual(new Map([['P', 25], ['Q', 1]]));
    expect(snapshot(series, endOf(2024, 3))).toEqual(new Map([['P', 37], ['Q', 3]]));
    expect(snapshot(series, endOf(2024, 4)).size).toBe(0);
    expect(notes.join('\n')).toContain('carried forward from the previous quarter for: Q in a.csv at 2024-Q2');
    expect(notes.join('\n')).toContain('1 rows marked Incomplete');
  });

  it('a missing middle quarter in one family drops that quarter for everyone', () => {
    const a = table('a.csv', ['x,A,P,1/1/2024,3/31/2024,1,', 'x,A,P,1/1/2024,6/30/2024,2,', 'x,A,P,1/1/2024,9/30/2024,3,']);
    const b = table('b.csv', ['y,B,P,1/1/2024,3/31/2024,1,', 'y,B,P,1/1/2024,9/30/2024,3,']);
    const { series, notes } = computeOwnersSeries([a, b], { level: 'organisation', rules });
    expect([...new Set(series.timeSec)]).toEqual([endOf(2024, 1), endOf(2024, 3)]);
    expect(notes).toContain('2024-Q2 left out: no data in b.csv');
  });

  it('an End date that is not a quarter end, or two totals for one owner and quarter, is an error naming file, line, field', () => {
    const notEnd = table('a.csv', ['x,A,P,1/1/2024,3/30/2024,1,']);
    expect(() => computeOwnersSeries([notEnd], { level: 'organisation', rules })).toThrow('a.csv:2 [End date]: not the last day of a calendar quarter: 2024-03-30');
    const twice = table('b.csv', ['x,A,P,1/1/2024,3/31/2024,1,', 'x,A,P,1/1/2023,3/31/2024,2,']);
    expect(() => computeOwnersSeries([twice], { level: 'organisation', rules })).toThrow(DecodeError);
    expect(() => computeOwnersSeries([twice], { level: 'organisation', rules })).toThrow('b.csv:3 [Owner]: second cumulative total for P in 2024-Q1');
  });
});
