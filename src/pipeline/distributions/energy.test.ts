import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../aggregate/duration.js';
import { compareDistributions } from '../../analysis/compare.js';
import { parseMetricList } from '../../metrics/index.js';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import { getDistribution } from '../catalogue.js';
import { aiPowerByCountry, aiPowerByOwner } from './ai-power.js';
import { bitcoinPowerByCountry } from './bitcoin-power-by-country.js';

const energyEntries = [bitcoinPowerByCountry, aiPowerByOwner, aiPowerByCountry];

const entry = (id: string) => energyEntries.find((e) => e.id === id)!;

describe('energy distributions', () => {
  it('have units and stock aggregation, and are registered in the catalogue', () => {
    for (const e of energyEntries) expect(getDistribution(e.id)).toBe(e);
    expect(energyEntries.map((e) => [e.id, e.unit, e.aggregation])).toEqual([
      ['bitcoin/power-by-country', 'GW', 'stock'],
      ['ai/power-by-owner', 'MW', 'stock'],
      ['ai/power-by-country', 'MW', 'stock'],
    ]);
  });

  it('compare bitcoin/power-by-country with ai/power-by-country per year, like any distribution', async () => {
    const root = datasetsRoot();
    const inputs = [];
    for (const id of ['bitcoin/power-by-country', 'ai/power-by-country']) inputs.push({ id, sourced: await entry(id).load({ store: null, datasetsRoot: root }) });
    const size = parseDuration('1y');
    const cells = compareDistributions(inputs, parseMetricList('max-share'), { spec: { size, step: size, anchor: 0 }, intervals: null, seed: 1 });
    const at = (id: string, year: number) => cells.find((c) => c.distribution === id && c.windowStart === Date.UTC(year, 0, 1) / 1000)!;
    // 2021 reads the last snapshot of the year: December 2021 for Bitcoin (USA largest), 2021-Q4 for AI.
    expect(at('bitcoin/power-by-country', 2021).value).toBeGreaterThan(0.3);
    expect(at('ai/power-by-country', 2021).value).toBeGreaterThan(0.3);
    expect(cells.filter((c) => c.distribution === 'bitcoin/power-by-country').map((c) => new Date(c.windowStart * 1000).getUTCFullYear())).toEqual([2020, 2021, 2022]);
  });

  it('reject levels and sources they do not offer', async () => {
    const ctx = { store: null, datasetsRoot: datasetsRoot() };
    await expect(entry('ai/power-by-country').load({ ...ctx, level: 'parent' })).rejects.toThrow(/invalid level: parent/);
    await expect(entry('bitcoin/power-by-country').load({ ...ctx, source: 'x' })).rejects.toThrow(/one source/);
    const parent = await entry('ai/power-by-owner').load({ ...ctx, level: 'parent' });
    expect(parent.provenance.level).toBe('parent');
  });
});
