import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMetagraphCsv, parseMetagraphCsv } from './metagraph-csv.js';
import { METAGRAPH_CSV_PATH } from '../../../test/support/bittensor-recording.js';
import { decodeErrorOf } from '../../../test/support/decode-error.js';

const text = readFileSync(METAGRAPH_CSV_PATH, 'utf8');
const lines = text.split('\r\n');

/** Replace one cell (line index, column index) in the staged text. */
function withCell(lineIdx: number, col: number, value: string): string {
  const copy = [...lines];
  const cells = copy[lineIdx]!.split(',');
  cells[col] = value;
  copy[lineIdx] = cells.join(',');
  return copy.join('\r\n');
}

describe('metagraph CSV', () => {
  it('reads the staged SN1 snapshot: 1024 UIDs, 75 coldkeys, 12 validator permits (PROVENANCE)', () => {
    const rows = parseMetagraphCsv(text, 'sn1.csv');
    expect(rows).toHaveLength(1024);
    expect(new Set(rows.map((r) => r.coldkey)).size).toBe(75);
    expect(rows.filter((r) => r.validatorPermit)).toHaveLength(12);
    // UID 395: the owner key, hotkey = coldkey, all incentive (PROVENANCE: "all incentive goes to UID 395").
    expect(rows[395]).toMatchObject({ hotkey: rows[395]!.coldkey, incentiveU16: 65535 });
  });

  it('formats back to the same text (line endings aside)', () => {
    expect(formatMetagraphCsv(parseMetagraphCsv(text, 'sn1.csv'))).toBe(text.replace(/\r\n/g, '\n'));
  });

  it('a file cut mid-row fails on its last line', () => {
    const cut = text.slice(0, text.length - 40);
    const e = decodeErrorOf(() => parseMetagraphCsv(cut, 'cut.csv'));
    expect(e.position.input).toBe('cut.csv');
    expect(e.position.line).toBe(1025);
  });

  it('a renamed column is named as missing', () => {
    const renamed = text.replace('incentive_u16', 'incentive');
    expect(decodeErrorOf(() => parseMetagraphCsv(renamed, 'r.csv')).position).toMatchObject({ line: 1, field: 'incentive_u16' });
  });

  it('non-numeric and out-of-range values name line and column', () => {
    // Line index 5 is file line 6 (UID 4); column 12 is incentive_u16, 8 is total_stake_rao.
    expect(decodeErrorOf(() => parseMetagraphCsv(withCell(5, 12, 'n/a'), 'x.csv')).position).toMatchObject({ line: 6, field: 'incentive_u16' });
    expect(decodeErrorOf(() => parseMetagraphCsv(withCell(5, 12, '65536'), 'x.csv')).reason).toMatch(/out of range/);
    expect(decodeErrorOf(() => parseMetagraphCsv(withCell(5, 8, '1.5'), 'x.csv')).position.field).toBe('total_stake_rao');
    expect(decodeErrorOf(() => parseMetagraphCsv(withCell(5, 3, 'yes'), 'x.csv')).position.field).toBe('active');
  });

  it('duplicate UIDs and hotkeys are rejected', () => {
    const dupUid = decodeErrorOf(() => parseMetagraphCsv(withCell(5, 0, '3'), 'd.csv'));
    expect(dupUid.position).toMatchObject({ line: 6, field: 'uid' });
    expect(dupUid.reason).toMatch(/duplicate UID 3 \(first at line 5\)/);
    const hotkey1 = lines[2]!.split(',')[1]!;
    expect(decodeErrorOf(() => parseMetagraphCsv(withCell(5, 1, hotkey1), 'd.csv')).reason).toMatch(/duplicate hotkey/);
  });

  it('a corrupted address fails its SS58 checksum; an axon IP needs a port', () => {
    const hk = lines[1]!.split(',')[1]!;
    const bad = hk.slice(0, -1) + (hk.endsWith('A') ? 'B' : 'A');
    expect(decodeErrorOf(() => parseMetagraphCsv(withCell(1, 1, bad), 'a.csv')).reason).toMatch(/checksum|bytes/);
    expect(decodeErrorOf(() => parseMetagraphCsv(withCell(1, 20, ''), 'a.csv')).reason).toMatch(/axon IP given without a port/);
    expect(decodeErrorOf(() => parseMetagraphCsv(withCell(1, 19, '300.1.1.1'), 'a.csv')).reason).toMatch(/not an IP address/);
  });

  it('a short row and an empty file are errors', () => {
    const short = [lines[0]!, lines[1]!, lines[2]!.slice(0, lines[2]!.lastIndexOf(','))].join('\n') + '\n';
    const e = decodeErrorOf(() => parseMetagraphCsv(short, 's.csv'));
    expect(e.position.line).toBe(3);
    expect(e.reason).toMatch(/expected 21 fields/);
    expect(decodeErrorOf(() => parseMetagraphCsv(lines[0]! + '\n', 'e.csv')).reason).toMatch(/no metagraph rows/);
  });
});
