/**
 * The one CSV writer and reader: OWASP formula-injection escaping for every leading = + - @ tab CR
 * (a string like `-2+3+cmd|' /C calc'!A0` included), numbers left as numbers, RFC 4180 round trip
 * through the parser (fast-check), and an unclosed quote reported at the line where it opens.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderRows } from '../../interfaces/cli/output.js';
import { csvField, formatCsv, parseCsv, scannerFromText, unclosedQuoteLine } from './csv.js';

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
    expect(() => parseCsv(text, 'x.csv')).toThrow(/^x\.csv:3 \[name\]: unterminated quoted field: it opens here and is never closed \(the file ends inside it at line 6: truncated file\?\)$/);
    expect(unclosedQuoteLine('a,b\n"x ""y""\nz",1\n')).toBe(null);
    expect(unclosedQuoteLine('a,b\n1,"2\n3')).toBe(2);
    // The column is the one the quote opens in (the second here), also after a closed multi-line field.
    expect(() => parseCsv('a,b\n1,"2\n3', 'y.csv')).toThrow(/^y\.csv:2 \[b\]: unterminated quoted field/);
    expect(() => parseCsv('a,b,c\n"x\ny",1,2\n3,4,"5\n', 'z.csv')).toThrow(/^z\.csv:4 \[c\]: unterminated quoted field/);
  });
});

describe('one table whatever the spelling (fast path for unquoted text = the RFC 4180 parser)', () => {
  // Plain cells (no quote, comma or line break), so the unquoted text takes the fast path.
  const plain = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', '.', '-', 'é', '='), minLength: 1, maxLength: 5 });
  const table = fc.integer({ min: 1, max: 4 }).chain((w) =>
    fc.record({
      header: fc.uniqueArray(plain.map((s) => s.trim() || 'h'), { minLength: w, maxLength: w }),
      rows: fc.array(fc.array(plain, { minLength: w, maxLength: w }), { maxLength: 6 }),
      quote: fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
      crlf: fc.boolean(),
      bom: fc.boolean(),
      blankAfter: fc.integer({ min: -1, max: 6 }),
    }),
  );
  it('property: quoting any cells, CRLF line ends, a BOM and a blank line change neither cells nor row lines', () => {
    fc.assert(
      fc.property(table, ({ header, rows, quote, crlf, bom, blankAfter }) => {
        const eol = crlf ? '\r\n' : '\n';
        const lines = [header.join(','), ...rows.map((r) => r.join(','))];
        if (blankAfter >= 0 && blankAfter < lines.length) lines.splice(blankAfter + 1, 0, '');
        const plainText = (bom ? '\ufeff' : '') + lines.join(eol) + eol;
        let k = 0;
        const q = (c: string) => (quote[k++ % quote.length] ? `"${c}"` : c);
        const quotedLines = [header.map(q).join(','), ...rows.map((r) => r.map(q).join(','))];
        if (blankAfter >= 0 && blankAfter < quotedLines.length) quotedLines.splice(blankAfter + 1, 0, '');
        const quotedText = (bom ? '\ufeff' : '') + quotedLines.join(eol) + eol;
        const a = parseCsv(plainText, 'p.csv');
        const b = parseCsv(quotedText, 'p.csv');
        expect(a.header).toEqual(header);
        expect(a.rows).toEqual(rows);
        expect(b).toEqual(a);
        // Independent line count: row i is on line i + 2, one more after the blank line.
        expect(a.lines).toEqual(rows.map((_, i) => i + 2 + (blankAfter >= 0 && blankAfter <= i ? 1 : 0)));
      }),
    );
  });
  it('a short row names the first missing column, on both paths, with the truncation hint on the last row', () => {
    for (const text of ['a,b,c\n1,2,3\n4,5', 'a,b,c\n1,2,3\n4,"5"']) {
      expect(() => parseCsv(text, 't.csv')).toThrow(/^t\.csv:3 \[c\]: expected 3 fields \(a,b,c\), found 2: this and the following columns are missing \(last row and no final line break: truncated file\?\)$/);
    }
    expect(() => parseCsv('a,b\n1,2,3\n4,5\n', 't.csv')).toThrow(/^t\.csv:2 \[#3\]: expected 2 fields \(a,b\), found 3$/);
    expect(() => parseCsv('a,"a"\n1,2\n', 'd.csv')).toThrow(/^d\.csv:1 \[a\]: duplicate column name in header$/);
    // The same rule whether or not the text holds a quote (the streaming scanner takes the unquoted path).
    expect(() => scannerFromText('\nx,y,x\n1,2,3\n', 'd.csv')).toThrow(/^d\.csv:2 \[x\]: duplicate column name in header$/);
  });
});
