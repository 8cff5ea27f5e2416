import { describe, expect, it } from 'vitest';
import { DecodeError } from '../domain/errors.js';
import { cellOf, coinbaseFromRecord, parseJsonl, parseTimeSec } from './coinbase-rows.js';

const rec = (values: Record<string, string | number | string[]>, line = 2) => ({ line, values });

describe('parseTimeSec', () => {
  // 2015-07-03T22:51:45Z = 1435963905 (block 363,703; `date -u -d 2015-07-03T22:51:45Z +%s`).
  it.each([
    ['1435963905', 1435963905],
    ['2015-07-03T22:51:45Z', 1435963905],
    ['2015-07-03T22:51:45', 1435963905],
    ['2015-07-03 22:51:45 UTC', 1435963905],
    ['2015-07-04T00:51:45+02:00', 1435963905],
    ['2015-07-03', 1435881600],
  ])('%s', (raw, sec) => expect(parseTimeSec(raw)).toBe(sec));
  it.each(['yesterday', '2015-02-30', '07/03/2015'])('rejects %s', (raw) => expect(parseTimeSec(raw)).toHaveProperty('invalid'));
});

describe('coinbaseFromRecord', () => {
  it('payout_addresses (";"-separated, P2PK pseudo-addresses skipped), height, time', () => {
    const cb = coinbaseFromRecord(rec({ coinbase_scriptsig_hex: '03AB', payout_addresses: '1A; P2PK:1B ;bc1q', height: '42', timestamp: '1435963905' }), 'f.csv');
    expect(cb).toEqual({ height: 42, timeSec: 1435963905, scriptSigHex: '03ab', payoutAddresses: ['1A', 'bc1q'] });
  });

  it('falls back to coinbase_outputs (value:script:address) as in the shared coinbases dataset', () => {
    const cb = coinbaseFromRecord(rec({ coinbase_scriptsig_hex: '0102', coinbase_outputs: '1580230465:76a9:155fz;0:6a24aa21:;5000000000:4104:P2PK:1A1z' }), 'f.csv');
    expect(cb.payoutAddresses).toEqual(['155fz']);
    expect(cb.height).toBeNull();
    expect(cb.timeSec).toBeUndefined();
  });

  it('JSONL arrays of addresses are accepted', () => {
    expect(coinbaseFromRecord(rec({ coinbase_scriptsig_hex: '0102', payout_addresses: ['1A', '3B'] }), 'f.jsonl').payoutAddresses).toEqual(['1A', '3B']);
  });

  it.each([
    [{ payout_addresses: '1A' }, 'f.csv:2 [coinbase_scriptsig_hex]: missing field coinbase_scriptsig_hex'],
    [{ coinbase_scriptsig_hex: '' }, 'f.csv:2 [coinbase_scriptsig_hex]: empty scriptSig'],
    [{ coinbase_scriptsig_hex: '0x12' }, 'f.csv:2 [coinbase_scriptsig_hex]: invalid hex: "0x12"'],
    [{ coinbase_scriptsig_hex: '123' }, 'f.csv:2 [coinbase_scriptsig_hex]: invalid hex: "123"'],
    [{ coinbase_scriptsig_hex: '12', height: '-1' }, 'f.csv:2 [height]: invalid height: "-1" (expected an integer ≥ 0)'],
    [{ coinbase_scriptsig_hex: '12', time: 'soon' }, 'f.csv:2 [time]: invalid time: "soon"'],
    [{ coinbase_scriptsig_hex: '12', coinbase_outputs: '5000' }, 'f.csv:2 [coinbase_outputs]: invalid output 0: "5000"'],
  ])('%j → %s', (values, message) => {
    const run = () => coinbaseFromRecord(rec(values as Record<string, string>), 'f.csv');
    expect(run).toThrow(DecodeError);
    expect(run).toThrow(message);
  });
});

describe('parseJsonl', () => {
  it('keeps 1-based line numbers (blank lines count) and the union of keys in first-seen order', () => {
    const t = parseJsonl('{"a":1,"b":2}\n\n{"c":3,"a":4}\r\n', 'x.jsonl');
    expect(t.columns).toEqual(['a', 'b', 'c']);
    expect(t.records.map((r) => r.line)).toEqual([1, 3]);
  });
  it('bad lines are DecodeErrors with the line', () => {
    expect(() => parseJsonl('{"a":1}\n{oops}\n', 'x.jsonl')).toThrow(/^x\.jsonl:2: invalid JSON/);
    expect(() => parseJsonl('[1,2]\n', 'x.jsonl')).toThrow('x.jsonl:1: expected a JSON object per line');
  });
  it('cellOf joins arrays and stringifies objects', () => {
    expect([cellOf(['1A', '3B']), cellOf({ k: 1 }), cellOf(undefined), cellOf(7)]).toEqual(['1A;3B', '{"k":1}', null, 7]);
  });
});
