/**
 * @module Tests for the CSV table reader on Epoch-shaped files: start lines of multi-line rows, truncation and column errors naming file, line and field; a round-trip property.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { optionalColumns, parseCsv, requireColumns } from './csv.js';
import { decodeErrorOf } from '../../../test/support/decode-error.js';

describe('parseCsv (Epoch-shaped tables)', () => {
  it('keeps the line each row starts on, counting line breaks inside quoted fields', () => {
    const t = parseCsv('Model,Abstract,Year\nA,"two\nlines",2020\n\nB,plain,2021\n', 'x.csv');
    expect(t.header).toEqual(['Model', 'Abstract', 'Year']);
    expect(t.rows).toEqual([
      ['A', 'two\nlines', '2020'],
      ['B', 'plain', '2021'],
    ]);
    // Row A starts on line 2 (ends on 3); line 4 is blank; row B is on line 5.
    expect(t.lines).toEqual([2, 5]);
    expect(t.endsMidLine).toBe(false);
  });

  it('names file, line and first missing column for a truncated last row', () => {
    const e = decodeErrorOf(() => parseCsv('Model,Organization,Publication date\nA,OpenAI,2020-01-01\nB,Goo', 'models.csv'));
    expect(e.position).toEqual({ input: 'models.csv', line: 3, field: 'Publication date' });
    expect(e.message).toMatch(/^models\.csv:3 \[Publication date\]: expected 3 fields \(Model,Organization,Publication date\), found 2: this and the following columns are missing.*truncated file/);
  });

  it('names the column of a quoted field the file ends inside', () => {
    const e = decodeErrorOf(() => parseCsv('Model,Abstract\nA,fine\nB,"cut off here', 'm.csv'));
    expect(e.position.input).toBe('m.csv');
    expect(e.position.line).toBe(3);
    expect(e.position.field).toBe('Abstract');
    expect(e.reason).toMatch(/unterminated quoted field/);
  });

  it('rejects a row with more fields than the header', () => {
    const e = decodeErrorOf(() => parseCsv('a,b\n1,2\n3,4,5\n', 't.csv'));
    expect(e.position).toEqual({ input: 't.csv', line: 3, field: '#3' });
  });

  it('rejects an empty file and a duplicated column name', () => {
    expect(decodeErrorOf(() => parseCsv('', 'e.csv')).position).toEqual({ input: 'e.csv', line: 1 });
    expect(decodeErrorOf(() => parseCsv('a,b,a\n1,2,3\n', 'd.csv')).position).toEqual({ input: 'd.csv', line: 1, field: 'a' });
  });

  it('requireColumns names a missing column and lists the header; alternatives are accepted; the list form works too', () => {
    const t = parseCsv('Model,Country (from Organization)\nA,China\n', 'all.csv');
    expect(requireColumns(t, { c: ['Country (of organization)', 'Country (from Organization)'] })).toEqual({ c: 1 });
    const e = decodeErrorOf(() => requireColumns(t, { o: 'Organization' }));
    expect(e.position).toEqual({ input: 'all.csv', line: 1, field: 'Organization' });
    expect(e.reason).toContain('found: Model, Country (from Organization)');
    expect(optionalColumns(t, { o: 'Organization', m: 'Model' })).toEqual({ o: -1, m: 0 });
    expect(requireColumns(t, ['Model'])).toEqual({ Model: 0 });
    expect(decodeErrorOf(() => requireColumns(t, { c: ['A', 'B'] })).reason).toBe('missing column "A" or "B" (found: Model, Country (from Organization))');
  });

  it('property: any table of quoted cells round-trips with each row on its start line', () => {
    const cell = fc.string({ maxLength: 6 }).map((s) => s.replace(/\r/g, ''));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 6 }), (width, rawRows) => {
        const rows = rawRows.map((r) => r.slice(0, width));
        const header = Array.from({ length: width }, (_, i) => `c${i}`);
        const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
        // A row whose cells are all empty is an empty line only when width = 1; give every row a non-empty first cell.
        const data = rows.map((r) => ['x' + r[0], ...r.slice(1)]);
        const text = [header.join(','), ...data.map((r) => r.map(q).join(','))].join('\n') + '\n';
        const t = parseCsv(text, 'p.csv');
        expect(t.rows).toEqual(data);
        let line = 2;
        data.forEach((r, i) => {
          expect(t.lines[i]).toBe(line);
          line += 1 + r.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
        });
      }),
    );
  });
});
