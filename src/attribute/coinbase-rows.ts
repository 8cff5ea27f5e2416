/**
 * @module Rows of a CSV / JSONL file → CoinbaseInfo, for `nakamoto attribute`. Columns:
 * `coinbase_scriptsig_hex` (required, hex); `payout_addresses` (`;`-separated, or a JSON array
 * in JSONL) or else `coinbase_outputs` (`value:scriptPubKey:address` entries joined by `;`, as
 * in the shared coinbases dataset); optional `height`; optional `time` / `timestamp` /
 * `time_utc` (UTC seconds, or an ISO-8601 / `YYYY-MM-DD HH:MM:SS UTC` date; no zone = UTC).
 * `P2PK:` pseudo-addresses are skipped (they are not output addresses). Bad values are
 * DecodeErrors naming the input, line and field.
 */
import type { CoinbaseInfo } from '../domain/block.js';
import { DecodeError } from '../domain/errors.js';
import { isHex } from './hex.js';

export type RowValue = string | number | boolean | null | readonly unknown[] | Record<string, unknown>;

export interface InputRecord {
  readonly line: number;
  readonly values: Readonly<Record<string, RowValue | undefined>>;
}

export const TIME_COLUMNS = ['time', 'timestamp', 'time_utc'] as const;

function text(v: RowValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** UTC seconds from a number of seconds or a date string; a string explaining the problem otherwise. */
export function parseTimeSec(raw: string): number | { invalid: string } {
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i.exec(raw);
  if (!m) return { invalid: `invalid time: ${JSON.stringify(raw)} (expected UTC seconds or an ISO-8601 date)` };
  const zone = !m[3] || /^(z|utc)$/i.test(m[3]) ? 'Z' : m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const [y, mo, d] = m[1]!.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${zone}`);
  if (Number.isNaN(ms) || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return { invalid: `invalid time: ${JSON.stringify(raw)} (no such date)` };
  return ms / 1000;
}

function addressesOf(values: InputRecord['values'], err: (field: string, why: string) => DecodeError): string[] {
  const raw = values.payout_addresses;
  if (raw !== undefined && raw !== null) {
    const list = Array.isArray(raw) ? raw : text(raw as RowValue).split(';');
    return list.map((a, i) => {
      if (typeof a !== 'string') throw err('payout_addresses', `invalid address at position ${i}: ${JSON.stringify(a)} (expected a string)`);
      return a.trim();
    }).filter((a) => a !== '' && !a.startsWith('P2PK:'));
  }
  const outputs = text(values.coinbase_outputs);
  if (outputs === '') return [];
  return outputs.split(';').map((o, i) => {
    const parts = o.split(':');
    if (parts.length < 3) throw err('coinbase_outputs', `invalid output ${i}: ${JSON.stringify(o)} (expected value:scriptPubKey:address)`);
    return parts.slice(2).join(':').trim();
  }).filter((a) => a !== '' && !a.startsWith('P2PK:'));
}

export function coinbaseFromRecord(rec: InputRecord, input: string): CoinbaseInfo {
  const err = (field: string, why: string) => new DecodeError({ input, line: rec.line, field }, why);
  const v = rec.values;
  if (v.coinbase_scriptsig_hex === undefined) throw err('coinbase_scriptsig_hex', 'missing field coinbase_scriptsig_hex');
  const hex = text(v.coinbase_scriptsig_hex);
  if (hex === '') throw err('coinbase_scriptsig_hex', 'empty scriptSig');
  if (!isHex(hex)) throw err('coinbase_scriptsig_hex', `invalid hex: ${JSON.stringify(hex.length > 40 ? hex.slice(0, 40) + '…' : hex)}`);
  let height: number | null = null;
  const h = text(v.height);
  if (h !== '') {
    if (!/^\d+$/.test(h) || !Number.isSafeInteger(Number(h))) throw err('height', `invalid height: ${JSON.stringify(h)} (expected an integer ≥ 0)`);
    height = Number(h);
  }
  let timeSec: number | undefined;
  const col = TIME_COLUMNS.find((c) => text(v[c]) !== '');
  if (col) {
    const t = parseTimeSec(text(v[col]));
    if (typeof t === 'object') throw err(col, t.invalid);
    timeSec = t;
  }
  return { height, ...(timeSec !== undefined ? { timeSec } : {}), scriptSigHex: hex.toLowerCase(), payoutAddresses: addressesOf(v, err) };
}

/** JSON Lines: one object per non-empty line. */
export function parseJsonl(textIn: string, input: string): { columns: string[]; records: InputRecord[] } {
  const columns: string[] = [];
  const seen = new Set<string>();
  const records: InputRecord[] = [];
  textIn.split(/\r?\n/).forEach((lineText, i) => {
    if (lineText.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (e) {
      throw new DecodeError({ input, line: i + 1 }, `invalid JSON: ${(e as Error).message}`, { cause: e });
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new DecodeError({ input, line: i + 1 }, 'expected a JSON object per line');
    for (const k of Object.keys(value)) if (!seen.has(k)) (seen.add(k), columns.push(k));
    records.push({ line: i + 1, values: value as Record<string, RowValue> });
  });
  return { columns, records };
}

/** A value as one output cell (arrays joined by ';'). */
export function cellOf(v: RowValue | undefined): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(';');
  if (typeof v === 'object') return JSON.stringify(v);
  return v as string | number | boolean;
}
