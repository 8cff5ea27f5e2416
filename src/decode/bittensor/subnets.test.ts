import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetPath } from '../../sources/files/datasets-path.js';
import { parseDelegates } from './delegates.js';
import { parseSubnetsCsv, parseSubnetsJson } from './subnets.js';

const CSV = datasetPath('ai/bittensor-subnets/subnets_snapshot_2026-04-11.csv');
const JSON_PATH = datasetPath('ai/bittensor-subnets/subnets_snapshot_2026-04-11.json');
const csvText = readFileSync(CSV, 'utf8');

describe('all-subnet snapshot', () => {
  it('CSV and JSON agree: 129 subnets (root + 1..128), same emission per netuid', () => {
    const a = parseSubnetsCsv(csvText, CSV);
    const b = parseSubnetsJson(readFileSync(JSON_PATH, 'utf8'), JSON_PATH);
    expect(a).toHaveLength(129);
    expect(new Set(a.map((r) => r.netuid))).toEqual(new Set(Array.from({ length: 129 }, (_, i) => i)));
    const byNetuid = new Map(b.map((r) => [r.netuid, r.emissionTaoPerDay]));
    expect(a.every((r) => byNetuid.get(r.netuid) === r.emissionTaoPerDay)).toBe(true);
    // CSV line 2: "64,Chutes,ش,451.74,…"
    expect(a[0]).toMatchObject({ netuid: 64, name: 'Chutes', emissionTaoPerDay: 451.74 });
  });

  it('bad rows name file, line and column', () => {
    const lines = csvText.split(/\r?\n/);
    const cells = lines[3]!.split(',');
    cells[3] = 'lots';
    const bad = [...lines.slice(0, 3), cells.join(','), ...lines.slice(4)].join('\n');
    expect(() => parseSubnetsCsv(bad, 's.csv')).toThrow(/s\.csv:4 \[emission_tao_day\]: not a number: "lots"/);
    cells[3] = '1';
    cells[0] = '64';
    const dup = [...lines.slice(0, 3), cells.join(','), ...lines.slice(4)].join('\n');
    expect(() => parseSubnetsCsv(dup, 's.csv')).toThrow(/s\.csv:4 \[netuid\]: duplicate netuid 64/);
    expect(() => parseSubnetsCsv(csvText.replace('emission_tao_day', 'emission'), 's.csv')).toThrow(/missing column "emission_tao_day"/);
    expect(() => parseSubnetsJson('[{"netuid": 1}', 's.json')).toThrow(/invalid JSON/);
    expect(() => parseSubnetsJson('[{"netuid": 1, "name": "a", "emission_tao_day": -1}]', 's.json')).toThrow(/\[0\]\.emission_tao_day\]: negative/);
  });
});

describe('delegate registry', () => {
  const path = datasetPath('ai/bittensor-delegates/delegates.json');
  it('77 named hotkeys, including the three SN1 validators PROVENANCE names', () => {
    const d = parseDelegates(readFileSync(path, 'utf8'), path);
    expect(d.size).toBe(77);
    expect(d.get('5E2LP6EnZ54m3wS8s1yPvD5c3xo71kQroBw7aUVK32TKeZ5u')?.name).toBe('tao.bot');
    expect(d.get('5HmkM6X1D3W3CuCSPuHhrbYyZNBy2aGAiZy9NczoJmtY25H7')?.name).toBe('Crucible Labs');
  });

  it('a key that is not an address, or a missing name, is a DecodeError', () => {
    expect(() => parseDelegates('{"5Foo": {"name": "x"}}', 'd.json')).toThrow(/d\.json \[5Foo\]/);
    expect(() => parseDelegates('{"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY": {}}', 'd.json')).toThrow(/missing delegate name/);
    expect(() => parseDelegates('[]', 'd.json')).toThrow(/expected an object/);
  });
});
