/**
 * @module Distribution `bitcoin/power-by-country`: CBECI monthly country shares × that month's
 * best-guess network power (GW, CBECI method; docs/energy.md).
 */
import { formatDay } from '../../aggregate/duration.js';
import { powerByCountry } from '../../analysis/energy/country-power.js';
import { UsageError } from '../../domain/errors.js';
import { CBECI_FILE, readCbeci } from '../../sources/datasets/cbeci.js';
import { PER_BLOCK_FILE } from '../../sources/files/datasets-path.js';
import type { DistributionEntry } from '../distribution-entry.js';
import { monthlyBestPowerW } from '../energy/monthly-power.js';
import type { BitcoinEnergyRequest } from '../energy/options.js';
import { seriesCoverage } from '../series-coverage.js';
import type { SourcedSeries } from '../series-source.js';

/** `bitcoin/power-by-country`: CBECI monthly country shares × that month's best-guess network power (GW). */
export async function loadBitcoinPowerByCountry(datasetsRoot: string, q: BitcoinEnergyRequest = {}): Promise<SourcedSeries> {
  const path = `${datasetsRoot}/${CBECI_FILE}`;
  const cbeci = await readCbeci(path);
  const power = await monthlyBestPowerW(q, datasetsRoot);
  const { series, missingMonths } = powerByCountry(cbeci.series, power.byMonth);
  const month = (t: number) => formatDay(t).slice(0, 7);
  return {
    series,
    coverage: seriesCoverage(series),
    provenance: {
      distribution: 'bitcoin/power-by-country',
      source: 'cbeci+cbeci-method',
      description: 'CBECI mining-map country shares × monthly average network power (best guess, CBECI method; docs/energy.md)',
      rulesVersions: [],
      from: `${path} + ${datasetsRoot}/${PER_BLOCK_FILE}`,
      level: 'country',
      unit: 'GW',
      notes: [
        ...cbeci.notes,
        'one network-wide efficiency: a country\'s share of power equals its CBECI share of hash rate',
        ...(missingMonths.length ? [`left out (no power estimate: the block data starts 2020-01): ${missingMonths.map(month).join(', ')}`] : []),
        ...power.assumptions.map((x) => `assumption: ${x.name} = ${x.value}`),
      ],
    },
  };
}

export const bitcoinPowerByCountry: DistributionEntry = {
  id: 'bitcoin/power-by-country',
  title: 'Bitcoin mining power by country (best guess): CBECI country shares × network power',
  unit: 'GW',
  entityKind: 'country',
  levels: ['country'],
  aggregation: 'stock',
  coverage: '2020-01 → 2022-01 (monthly; CBECI map from 2019-09, block data from 2020-01)',
  source: 'Cambridge CBECI mining map × network power by the CBECI method (per-block data, difficulty epochs, ASIC lists, BTC/USD table)',
  caveats: [
    'An estimate from a model (CBECI method), not a measurement: the hardware mix, electricity price and PUE are assumptions (docs/energy.md).',
    'One network-wide efficiency: shares of power equal CBECI shares of hash rate (no per-country hardware data).',
    'Pool-reported IP geolocation: VPNs and proxies move hash rate to where they exit; hosted miners count where they are hosted.',
    '"Other" is one aggregate entity.',
  ],
  async load(ctx) {
    if (ctx.source !== undefined) throw new UsageError('--source: bitcoin/power-by-country has one source');
    if (ctx.level !== undefined && ctx.level !== 'country') throw new UsageError(`invalid level: ${ctx.level} (bitcoin/power-by-country offers country)`);
    return loadBitcoinPowerByCountry(ctx.datasetsRoot);
  },
};
