import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDelegates } from '../../decode/bittensor/delegates.js';
import type { Metagraph } from '../../decode/bittensor/metagraph.js';
import { parseMetagraphCsv } from '../../decode/bittensor/metagraph-csv.js';
import { parseSubnetsCsv } from '../../decode/bittensor/subnets.js';
import { METAGRAPH_CSV_PATH } from '../../../test/support/bittensor-recording.js';
import { datasetPath } from '../files/datasets-path.js';
import { coldkeyLabels } from './coldkey-labels.js';
import { incentiveByColdkey, stakeByColdkey, subnetEmission } from './distributions.js';

const csvText = readFileSync(METAGRAPH_CSV_PATH, 'utf8');
const metagraph: Metagraph = { netuid: 1, block: 6852690, blockHash: null, timeSec: 1762787544, rows: parseMetagraphCsv(csvText, 'sn1.csv') };
const delegatesPath = datasetPath('ai/bittensor-delegates/delegates.json');
const delegates = parseDelegates(readFileSync(delegatesPath, 'utf8'), delegatesPath);

/** Independent minimal reader: sum one column over the rows of one coldkey, in exact integers. */
function sumColumn(column: string, coldkey: string): bigint {
  const lines = csvText.split('\r\n').filter((l) => l !== '');
  const header = lines[0]!.split(',');
  const ci = header.indexOf(column);
  const ck = header.indexOf('coldkey');
  return lines.slice(1).reduce((s, l) => {
    const c = l.split(',');
    return c[ck] === coldkey ? s + BigInt(c[ci]!) : s;
  }, 0n);
}

const weightOf = (s: { entities: readonly string[]; entity: Int32Array; weight: Float64Array }, label: string): number => {
  const k = s.entities.indexOf(label);
  return k < 0 ? NaN : s.weight[s.entity.indexOf(k)]!;
};

describe('bittensor/stake per coldkey', () => {
  const { series, notes } = stakeByColdkey(metagraph, delegates);

  it('one stock observation per coldkey at the block time', () => {
    expect(series.kind).toBe('stock');
    expect(series.entities.length).toBe(series.weight.length);
    expect(new Set(series.timeSec)).toEqual(new Set([1762787544]));
    expect(notes[0]).toMatch(/1024 UIDs, 75 coldkeys/);
  });

  it('the 184-UID coldkey 5EhQWx… holds the sum of its UIDs\' total stake', () => {
    const ck = '5EhQWxcFdYAk7B9tNdQnJQFzww5N3964rbsMk55SujcX3PwM';
    // python: sum(int(r['total_stake_rao']) for r in rows if r['coldkey']==ck) = 782473878822 rao = 782.473878822 TAO-eq.
    expect(sumColumn('total_stake_rao', ck)).toBe(782473878822n);
    expect(weightOf(series, ck)).toBeCloseTo(782.473878822, 6);
  });

  it('the coldkey owning delegate hotkey tao.bot is labelled with that name; weights total the column sum', () => {
    // UID 276: hotkey 5E2LP6… (tao.bot in the registry), coldkey 5GsbTgfv…, total_stake_rao 171448593695552.
    expect(weightOf(series, 'tao.bot (5GsbTgfv…)')).toBeCloseTo(171448.593695552, 6);
    // Whole-column sum (python): 1723833369970050 rao.
    const total = series.weight.reduce((s, w) => s + w, 0);
    expect(total).toBeCloseTo(1723833.36997005, 3);
  });

  it('property: for any subset of UIDs, coldkey weights total the rows\' stake and keep one entity per staked coldkey', () => {
    fc.assert(
      fc.property(fc.subarray([...metagraph.rows], { minLength: 1 }), (rows) => {
        const s = stakeByColdkey({ ...metagraph, rows }, delegates).series;
        const byColdkey = new Map<string, bigint>();
        for (const r of rows) byColdkey.set(r.coldkey, (byColdkey.get(r.coldkey) ?? 0n) + r.totalStakeRao);
        const totalRao = [...byColdkey.values()].reduce((a, b) => a + b, 0n);
        expect(s.weight.reduce((a, w) => a + w, 0)).toBeCloseTo(Number(totalRao) / 1e9, 3);
        expect(s.entities).toHaveLength(byColdkey.size);
        expect([...s.weight].filter((w) => w > 0)).toHaveLength([...byColdkey.values()].filter((v) => v > 0n).length);
      }),
      { numRuns: 30 },
    );
  });

  it('the alpha measure uses neurons_lite stake instead', () => {
    const alpha = stakeByColdkey(metagraph, delegates, 'alpha').series;
    // UID 276 stake_alpha_rao = 25708846358208 (CSV line 278).
    expect(weightOf(alpha, 'tao.bot (5GsbTgfv…)')).toBeCloseTo(25708.846358208, 6);
  });
});

describe('bittensor/incentive per coldkey', () => {
  it('all incentive sits with the owner key of UID 395 (PROVENANCE: owner burn)', () => {
    const { series, notes } = incentiveByColdkey(metagraph, delegates);
    // Every coldkey holding a UID is in the population: 75 entities, one with weight 1, 74 with 0.
    expect(series.entities).toHaveLength(75);
    expect(weightOf(series, '5HCFWvRqzSHWRPecN7q8J6c7aKQnrCZTMHstPv39xL1wgDHh')).toBe(1);
    expect([...series.weight].filter((w) => w === 0)).toHaveLength(74);
    expect(notes[0]).toMatch(/1 with incentive > 0 \(74 with none, kept as zero weights\)/);
  });
});

describe('coldkey labels', () => {
  it('unnamed coldkeys keep their address; several delegate names are joined in order', () => {
    const rows = metagraph.rows.slice(0, 3);
    const fake = new Map([[rows[0]!.hotkey, { name: 'Zeta', url: null }], [rows[1]!.hotkey, { name: 'Alpha', url: null }]]);
    const labels = coldkeyLabels(rows, fake);
    // UIDs 0 and 1 share coldkey 5EhQWx…; UID 2's coldkey has no registered hotkey.
    expect(labels.get(rows[0]!.coldkey)).toBe('Alpha / Zeta (5EhQWxcF…)');
    expect(labels.get(rows[2]!.coldkey)).toBe(rows[2]!.coldkey);
  });
});

describe('bittensor/subnet-emission', () => {
  const path = datasetPath('ai/bittensor-subnets/subnets_snapshot_2026-04-11.csv');
  const { series, notes } = subnetEmission(parseSubnetsCsv(readFileSync(path, 'utf8'), path), Date.UTC(2026, 3, 11) / 1000);
  const total = series.weight.reduce((s, w) => s + w, 0);
  const shares = [...series.weight].map((w) => w / total).sort((a, b) => b - a);

  it('SN64 Chutes share = 451.74 / 6676.282 = 0.067663…', () => {
    // Column sum by awk: 6676.2820 (root row contributes 0); 451.74 / 6676.282 = 0.0676634.
    expect(total).toBeCloseTo(6676.282, 6);
    expect(weightOf(series, 'SN64 Chutes') / total).toBeCloseTo(0.0676634, 6);
  });

  it('matches the PROVENANCE derived check: top-10 37.3%, HHI 0.021, 19 subnets to pass 50%', () => {
    expect(shares.slice(0, 10).reduce((s, x) => s + x, 0)).toBeCloseTo(0.373, 3);
    expect(shares.reduce((s, x) => s + x * x, 0)).toBeCloseTo(0.021, 3);
    let cum = 0;
    const needed = shares.findIndex((x) => (cum += x) > 0.5) + 1;
    expect(needed).toBe(19);
    // 129 rows: root left out; SN96 Verathos has emission_tao_day 0.0 and stays as a zero weight.
    expect(series.entities).toHaveLength(128);
    expect(weightOf(series, 'SN96 Verathos')).toBe(0);
    expect(notes[0]).toMatch(/128 subnets \(root, netuid 0, left out\), 127 with emission > 0, 1 with none/);
  });
});
