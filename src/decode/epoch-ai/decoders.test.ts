/**
 * @module Tests for the row decoders (models, clusters, chip estimates, data centres) on small in-memory tables: values, errors naming file/line/field, skipInvalid reports.
 */
import { describe, expect, it } from 'vitest';
import { decodeChipEstimates } from './chip-estimates.js';
import { decodeGpuClusters } from './clusters.js';
import { parseCsv } from '../csv/csv.js';
import { decodeDataCentreTimelines, parseCoordinate } from './data-centres.js';
import { decodeModels } from './models.js';
import { decodeErrorOf } from '../../../test/support/decode-error.js';

const MODEL_HEADER = 'Model,Organization,Publication date,Training compute (FLOP),Country (of organization),Frontier model';

describe('decodeModels', () => {
  it('decodes a row and splits nothing yet (organisation cell kept as written)', () => {
    const t = parseCsv(`${MODEL_HEADER}\nAlphaFold 3,"Google DeepMind,Isomorphic Labs",2024-05-08,4.1405645e+22,"United Kingdom of Great Britain and Northern Ireland,United Kingdom of Great Britain and Northern Ireland",\n`, 'n.csv');
    const { rows, report } = decodeModels(t, 'notable');
    expect(report).toMatchObject({ rowsRead: 1, rowsKept: 1, invalid: [], placeholders: [] });
    expect(rows[0]).toMatchObject({
      line: 2,
      model: 'AlphaFold 3',
      organization: 'Google DeepMind,Isomorphic Labs',
      publicationSec: Date.UTC(2024, 4, 8) / 1000,
      trainingComputeFlop: 4.1405645e22,
      frontier: false,
      excluded: false,
    });
  });

  it('names file, line and field for non-numeric compute, unknown country and a duplicate row', () => {
    const bad = (row: string) => decodeErrorOf(() => decodeModels(parseCsv(`${MODEL_HEADER}\nA,OpenAI,2020-01-01,1e20,China,\n${row}\n`, 'n.csv'), 'notable'));
    expect(bad('B,OpenAI,2020-01-01,about 1e21,China,').message).toBe('n.csv:3 [Training compute (FLOP)]: invalid number: "about 1e21" (expected a finite decimal number)');
    expect(bad('B,OpenAI,2020-01-01,,Narnia,').message).toMatch(/^n\.csv:3 \[Country \(of organization\)\]: unknown country: "Narnia"/);
    expect(bad('A,OpenAI,2020-01-01,1e20,China,').message).toMatch(/^n\.csv:3 \[Model\]: duplicate row: same Model, Organization, Publication date and Training compute \(FLOP\) as line 2$/);
    expect(bad('B,OpenAI,2020-01-01,0,China,').reason).toMatch(/expected > 0/);
    expect(bad('B,OpenAI,2020-02-30,,China,').position.field).toBe('Publication date');
  });

  it('skipInvalid counts and reports bad rows; placeholder rows are always reported', () => {
    const text = `${MODEL_HEADER}\nA,OpenAI,2020-01-01,1e20,China,\nB,OpenAI,2020-01-01,lots,China,\n,,,,,\nC,,2021-01-01,,,True\n`;
    const { rows, report } = decodeModels(parseCsv(text, 'n.csv'), 'notable', { skipInvalid: true });
    expect(rows.map((r) => r.model)).toEqual(['A', 'C']);
    expect(rows[1]!.frontier).toBe(true);
    expect(report.invalid).toEqual([{ line: 3, field: 'Training compute (FLOP)', reason: 'invalid number: "lots" (expected a finite decimal number)' }]);
    expect(report.placeholders).toEqual([{ line: 4, reason: 'no model, organisation or publication date' }]);
    expect(report).toMatchObject({ rowsRead: 4, rowsKept: 2 });
  });
});

const CLUSTER_HEADER = 'Name,Status,Owner,Country,First Operational Date,H100 equivalents,Power Capacity (MW),Possible Duplicate,Decommissioned Date (if applicable)';

describe('decodeGpuClusters', () => {
  it('accepts identical anonymised rows but not other identical rows', () => {
    const anon = 'Anonymized Chinese System,Existing,,China,2024-06-15,200.0,,,';
    expect(decodeGpuClusters(parseCsv(`${CLUSTER_HEADER}\n${anon}\n${anon}\n`, 'c.csv')).rows).toHaveLength(2);
    const named = 'Colossus,Existing,xAI,United States of America,2024-09-02,100000,150,,';
    expect(decodeErrorOf(() => decodeGpuClusters(parseCsv(`${CLUSTER_HEADER}\n${named}\n${named}\n`, 'c.csv'))).message).toBe(
      'c.csv:3 [Name]: duplicate row: same content in every column as line 2',
    );
  });

  it('checks status, decommission dates and numbers', () => {
    const one = (row: string) => decodeErrorOf(() => decodeGpuClusters(parseCsv(`${CLUSTER_HEADER}\n${row}\n`, 'c.csv')));
    expect(one('X,Running,,,,,,,').position).toEqual({ input: 'c.csv', line: 2, field: 'Status' });
    expect(one('X,Existing,,,2020-01-01,,,,2021-07').reason).toBe('decommission date on a cluster whose Status is Existing');
    expect(one('X,Decommissioned,,,2020-01-01,,,,2019-07').reason).toMatch(/before first operational/);
    expect(one('X,Existing,,,2020-01-01,n/a,,,').position.field).toBe('H100 equivalents');
    const ok = decodeGpuClusters(parseCsv(`${CLUSTER_HEADER}\nX,Decommissioned,,,2018-07-30,42,,True,2021-07\n`, 'c.csv')).rows[0]!;
    expect(ok).toMatchObject({ decommissionedSec: Date.UTC(2021, 6, 1) / 1000, possibleDuplicate: true, h100e: 42 });
  });
});

describe('decodeChipEstimates', () => {
  const header = 'Name,Chip manufacturer,Owner,Start date,End date,Compute estimate in H100e (median),H100e (5th percentile),H100e (95th percentile),Incomplete';
  it('reads US dates, intervals and the Incomplete box', () => {
    const t = parseCsv(`${header}\nG,Google,Google,1/1/2023,3/31/2026,4173802,3000000,5000000,checked\n`, 'tpu.csv');
    expect(decodeChipEstimates(t, { requireOwner: true }).rows[0]).toMatchObject({
      owner: 'Google',
      startSec: Date.UTC(2023, 0, 1) / 1000,
      endSec: Date.UTC(2026, 2, 31) / 1000,
      h100e: { median: 4173802, p5: 3000000, p95: 5000000 },
      incomplete: true,
    });
  });

  it('rejects a median outside its interval, an end before the start, and a blank owner', () => {
    const one = (row: string) => decodeErrorOf(() => decodeChipEstimates(parseCsv(`${header}\n${row}\n`, 'o.csv'), { requireOwner: true }));
    expect(one('G,Nvidia,Meta,1/1/2022,3/31/2022,7759,8000,9000,').position.field).toBe('Compute estimate in H100e (median)');
    expect(one('G,Nvidia,Meta,1/1/2022,12/31/2021,1,,,').position.field).toBe('End date');
    expect(one('G,Nvidia,,1/1/2022,3/31/2022,1,,,').position).toEqual({ input: 'o.csv', line: 2, field: 'Owner' });
  });
});

describe('data centres', () => {
  it('reads degrees-minutes-seconds coordinates', () => {
    const p = { input: 'd.csv', line: 2, field: 'Latitude' };
    // 32°35'25"N = 32 + 35/60 + 25/3600 = 32.590277…; 90°05'35"W = −(90 + 5/60 + 35/3600) = −90.093055…
    expect(parseCoordinate(p, `32°35'25"N`, 'latitude')).toBeCloseTo(32.5902778, 6);
    expect(parseCoordinate(p, ` 90°05'35"W`, 'longitude')).toBeCloseTo(-90.0930556, 6);
    expect(parseCoordinate(p, '-12.5', 'latitude')).toBe(-12.5);
    expect(() => parseCoordinate(p, `32°35'25"E`, 'latitude')).toThrow(/invalid latitude/);
    expect(() => parseCoordinate(p, `95°00'00"N`, 'latitude')).toThrow(/beyond 90/);
  });

  it('a milestone for an unknown site is an error naming the column', () => {
    const t = parseCsv(
      'Date,Data center,Construction status,Power (MW),H100 equivalents,Buildings operational,Total capital cost (2025 USD billions)\n2025-01-01,Nowhere,,1,1,1,1\n',
      'tl.csv',
    );
    expect(decodeErrorOf(() => decodeDataCentreTimelines(t, new Set(['Somewhere']))).position).toEqual({ input: 'tl.csv', line: 2, field: 'Data center' });
  });
});
