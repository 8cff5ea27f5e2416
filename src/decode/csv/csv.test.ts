/**
 * The one CSV writer and reader: OWASP formula-injection escaping for every leading = + - @ tab CR
 * (a string like `-2+3+cmd|' /C calc'!A0` included), numbers left as numbers, RFC 4180 round trip
 * through the parser (fast-check), and an unclosed quote reported at the line where it opens.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderRows } from '../../interfaces/cli/output.js';
import { csvField, formatCsv, parseCsv, unclosedQuoteLine } from './csv.js';

describe('csvField (OWASP CSV injection)', () => {
  it('prefixes text that starts with = + - @ tab or CR, including a minus followed by a digit', () => {
    expect(csvField("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvField('Foundry USA')).toBe('Foundry USA');
  });
  it('leaves numbers as numbers (a negative value is not text) and quotes separators', () => {
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(-3n)).toBe('-3');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(null)).toBe('');
  });
  it('the CLI csv format uses it (the same cell escaped in every command)', () => {
    const out = renderRows([{ pool: "-2+3+cmd|' /C calc'!A0", share: -0.25 }], ['pool', 'share'], 'csv');
    expect(out).toBe("pool,share\n'-2+3+cmd|' /C calc'!A0,-0.25\n");
  });
  it('round-trips through the parser: every cell comes back, dangerous text with its quote prefix', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '1', ',', '"', '\n', '\r\n', '=', '-', '+', '@', '\t', ' ', 'é'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = formatCsv(['x', 'y'], rows);
        const back = parseCsv(text, 't.csv');
        const expected = rows.map((r) => r.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
        // A row of two empty cells is one comma: the parser keeps it (it skips only empty lines).
        expect(back.rows).toEqual(expected);
      }),
    );
  });
});

describe('an unclosed quote', () => {
  it('is reported at the line where it opens, not at the end of the file', () => {
    const text = 'name,value\na,1\n"b,2\nc,3\nd,4\ne,5\n';
    expect(unclosedQuoteLine(text)).toBe(3);
    expect(() => parseCsv(text, 'x.csv')).toThrow(/^x\.csv:3: malformed CSV: a quoted field opens here and is never closed$/);
    expect(unclosedQuoteLine('a,b\n"x ""y""\nz",1\n')).toBe(null);
    expect(unclosedQuoteLine('a,b\n1,"2\n3')).toBe(2);
  });
});
