import { describe, expect, it } from 'vitest';
import { windowDistributions } from '../../aggregate/window-distributions.js';
import { toObservationSeries, type ObservationSeries } from '../../domain/observations.js';
import { prepareWeights } from '../../metrics/metric.js';
import { getMetric } from '../../metrics/registry.js';
import { loadBitcoinPowerByCountry } from '../../pipeline/distributions/bitcoin-power-by-country.js';
import { monthlyBestPowerW } from '../../pipeline/energy/monthly-power.js';
import { CBECI_FILE, readCbeci } from '../../sources/datasets/cbeci.js';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import { powerByCountry } from './country-power.js';

const M1 = Date.UTC(2021, 3, 1) / 1000;
const M2 = Date.UTC(2021, 4, 1) / 1000;

function month(series: ObservationSeries, t: number): Map<string, number> {
  const [d] = windowDistributions(series, [{ axis: 'time', start: t, end: t + 86_400, complete: true }]);
  const out = new Map<string, number>();
  d!.entity.forEach((e, i) => out.set(series.entities[e]!, d!.weight[i]!));
  return out;
}

describe('power by country', () => {
  it('splits each month’s power by CBECI shares and reports months without power', () => {
    // April: 60 + 30 + 10 EH/s; power 12 GW → 7.2, 3.6, 1.2 GW. May has no power estimate.
    const cbeci = toObservationSeries([{ timeSec: M1, entity: 'China', weight: 60 }, { timeSec: M1, entity: 'US', weight: 30 }, { timeSec: M1, entity: 'Other', weight: 10 }, { timeSec: M2, entity: 'China', weight: 50 }], 'stock');
    const r = powerByCountry(cbeci, new Map([[M1, 12e9]]));
    expect(Object.fromEntries(month(r.series, M1))).toEqual({ China: expect.closeTo(7.2, 12) as number, US: expect.closeTo(3.6, 12) as number, Other: expect.closeTo(1.2, 12) as number });
    expect(r.missingMonths).toEqual([M2]);
  });

  it('real data: April 2021 China share equals CBECI’s, totals equal the network power, metrics equal the hash-rate distribution’s', async () => {
    const root = datasetsRoot();
    const power = await loadBitcoinPowerByCountry(root);
    const hash = (await readCbeci(`${root}/${CBECI_FILE}`)).series;
    const p = month(power.series, M1);
    const total = [...p.values()].reduce((s, x) => s + x, 0);
    // CBECI PROVENANCE.md: Mainland China 46.04 % in 2021-04; 0 % in 2021-07.
    expect(p.get('China')! / total).toBeCloseTo(0.4604, 3);
    expect(month(power.series, Date.UTC(2021, 6, 1) / 1000).get('China') ?? 0).toBe(0);
    const best = (await monthlyBestPowerW({}, root)).byMonth.get(M1)!;
    expect(total).toBeCloseTo(best / 1e9, 9);
    const hhi = getMetric('hhi');
    const metricOf = (m: Map<string, number>) => hhi.compute(prepareWeights(Float64Array.from(m.values())));
    expect(metricOf(p)).toBeCloseTo(metricOf(month(hash, M1))!, 6);
    // CBECI starts 2019-09, the block data 2020-01: four months cannot have power.
    expect(power.provenance.notes!.join(' ')).toContain('2019-09, 2019-10, 2019-11, 2019-12');
  });
});
