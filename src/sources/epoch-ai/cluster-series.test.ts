/**
 * @module Tests for ai/clusters-by-country and ai/clusters-by-owner: a hand-computed table, and the US 2024-Q4 stock against an independent sum over gpu_clusters.csv.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeGpuClusters } from '../../decode/epoch-ai/clusters.js';
import { parseCsv } from '../../decode/csv/csv.js';
import type { OrganisationRules } from '../../decode/epoch-ai/organisation-rules.js';
import type { ObservationSeries } from '../../domain/observations.js';
import { datasetPath } from '../files/datasets-path.js';
import { readOrganisationRules } from './aliases.js';
import { clustersByCountrySeries, clustersByOwnerSeries } from './cluster-series.js';
import { readGpuClusters } from './read.js';

function snapshot(s: ObservationSeries, timeSec: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < s.weight.length; i++) {
    if (s.timeSec[i] === timeSec) out.set(s.entities[s.entity[i]!]!, (out.get(s.entities[s.entity[i]!]!) ?? 0) + s.weight[i]!);
  }
  return out;
}
const endOf = (y: number, q: number) => Date.UTC(y, q * 3, 1) / 1000 - 1;

let rules: OrganisationRules;
beforeAll(async () => {
  rules = (await readOrganisationRules()).rules;
});

const HEADER = 'Name,Status,Owner,Country,First Operational Date,H100 equivalents,Power Capacity (MW),Possible Duplicate,Decommissioned Date (if applicable),Include in Standard Analysis';
const USA = 'United States of America';
const SMALL = decodeGpuClusters(
  parseCsv(
    [
      HEADER,
      `A,Existing,"OpenAI,Microsoft",${USA},2024-02-10,100,,,,True`,
      `B,Decommissioned,Google Brain,${USA},2023-11-01,40,,,2024-05-01,True`,
      'C,Existing,,China,2024-04-01,60,,,,',
      `D,Planned,Meta AI,${USA},2024-01-01,1000,,,,`,
      `E,Existing,xAI,${USA},2024-01-01,500,,True,,`,
      `F,Existing,Tesla,${USA},2024-01-01,,10,,,True`,
      'G,Existing,DeepMind,,2024-03-31,30,,,,True',
    ].join('\n') + '\n',
    'small.csv',
  ),
);

describe('cluster series on a hand-made table', () => {
  // Operating at each quarter end (hand computation):
  //   2023-Q4: B 40.  2024-Q1: A 100, B 40, G 30 (first operational 2024-03-31 ≤ 31 Mar 23:59:59).
  //   2024-Q2: A 100, C 60, G 30 (B decommissioned 2024-05-01).  D planned, E possible duplicate, F no H100e: left out.
  it('by country: H100e operating per country; no-country clusters left out by default', () => {
    const { series, notes } = clustersByCountrySeries(SMALL);
    expect(series.kind).toBe('stock');
    expect([...new Set(series.timeSec)]).toEqual([endOf(2023, 4), endOf(2024, 1), endOf(2024, 2)]);
    expect(snapshot(series, endOf(2023, 4))).toEqual(new Map([[USA, 40]]));
    expect(snapshot(series, endOf(2024, 1))).toEqual(new Map([[USA, 140]]));
    expect(snapshot(series, endOf(2024, 2))).toEqual(new Map([[USA, 100], ['China', 60]]));
    const text = notes.join('\n');
    expect(text).toContain('left out, Planned: 1 clusters (1000 H100e)');
    expect(text).toContain('left out, flagged Possible Duplicate: 1 clusters (500 H100e)');
    expect(text).toContain('left out, no H100 equivalents: 1 clusters');
    expect(text).toContain('1 of the clusters without H100e report power (MW) only');
    expect(text).toContain('1 clusters with no Country excluded (30 H100e)');
    const kept = clustersByCountrySeries(SMALL, { unattributed: 'keep' }).series;
    expect(snapshot(kept, endOf(2024, 2)).get('(unattributed)')).toBe(30);
  });

  it('by owner: multi-owner clusters split evenly; aliases and parents applied', () => {
    const org = clustersByOwnerSeries(SMALL, { level: 'organisation', rules }).series;
    expect(snapshot(org, endOf(2024, 1))).toEqual(new Map([['OpenAI', 50], ['Microsoft', 50], ['Google DeepMind', 70]]));
    expect(snapshot(org, endOf(2024, 2))).toEqual(new Map([['OpenAI', 50], ['Microsoft', 50], ['Google DeepMind', 30]]));
    const parent = clustersByOwnerSeries(SMALL, { level: 'parent', rules }).series;
    expect(snapshot(parent, endOf(2023, 4))).toEqual(new Map([['Alphabet', 40]]));
    const withDup = clustersByOwnerSeries(SMALL, { level: 'organisation', rules, includePossibleDuplicates: true }).series;
    expect(snapshot(withDup, endOf(2024, 1)).get('xAI')).toBe(500);
    const standard = clustersByOwnerSeries(SMALL, { level: 'organisation', rules, standardAnalysisOnly: true }).series;
    expect(snapshot(standard, endOf(2024, 2)).has('(unattributed)')).toBe(false);
    expect(snapshot(standard, endOf(2024, 1))).toEqual(new Map([['OpenAI', 50], ['Microsoft', 50], ['Google DeepMind', 70]]));
  });
});

describe('cluster series on gpu_clusters.csv', () => {
  it('US capacity at 2024-Q4 equals an independent sum over the raw file', async () => {
    const [header, ...rows] = parse(readFileSync(datasetPath('ai/epoch-compute-infrastructure/gpu_clusters.csv'), 'utf8'), { bom: true }) as string[][];
    const col = (name: string) => header!.indexOf(name);
    let expected = 0;
    for (const r of rows) {
      const first = r[col('First Operational Date')]!;
      const decom = r[col('Decommissioned Date (if applicable)')]!;
      const h = r[col('H100 equivalents')]!;
      if (r[col('Status')] === 'Planned' || first === '' || first > '2024-12-31' || h === '') continue;
      if (r[col('Possible Duplicate')] === 'True' || r[col('Country')] !== USA) continue;
      if (r[col('Status')] === 'Decommissioned' && (decom === '' || decom <= '2024-12-31')) continue;
      expected += Number(h);
    }
    const { series } = clustersByCountrySeries(await readGpuClusters(datasetPath('')));
    expect(snapshot(series, endOf(2024, 4)).get(USA)! / expected).toBeCloseTo(1, 12);
  });

  it('the series is a stock over quarter ends and the notes account for every cluster', async () => {
    const data = await readGpuClusters(datasetPath(''));
    const { series, notes } = clustersByOwnerSeries(data, { level: 'parent', rules });
    expect(series.kind).toBe('stock');
    for (const t of new Set(series.timeSec)) expect(new Date((t + 1) * 1000).toISOString()).toMatch(/-(01|04|07|10)-01T00:00:00/);
    const used = Number(/(\d+) clusters used/.exec(notes.join('\n'))![1]);
    const left = [...notes.join('\n').matchAll(/left out, [^:]+: (\d+) clusters/g)].reduce((s, m) => s + Number(m[1]), 0);
    expect(used + left).toBe(786); // PROVENANCE.md: 786 clusters
  });
});
