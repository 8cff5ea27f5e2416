/**
 * @module Distribution `bitcoin/hashrate-by-country`: Bitcoin hash rate by country (Cambridge CBECI
 * mining map, monthly), compared with AI compute by country.
 */
import { UsageError } from '../../domain/errors.js';
import { CBECI_FILE, readCbeci } from '../../sources/datasets/cbeci.js';
import type { DistributionEntry } from '../distribution-entry.js';
import { seriesCoverage } from '../series-coverage.js';

export const bitcoinHashrateByCountry: DistributionEntry = {
  id: 'bitcoin/hashrate-by-country',
  title: 'Bitcoin hash rate by country (Cambridge CBECI mining map)',
  unit: 'EH/s',
  entityKind: 'country',
  levels: ['country'],
  aggregation: 'stock',
  coverage: '2019-09 → 2022-01 (monthly)',
  source: 'Cambridge Centre for Alternative Finance, CBECI mining map (pool-reported IP geolocation, extrapolated)',
  caveats: [
    'Geolocation of miners’ IP addresses reported by a few pools (~37% of hash rate in 2019–20), extrapolated to the network.',
    'VPNs and proxies move hash rate to the countries they exit in (CCAF marks Germany and Ireland with *).',
    '"Other" is one aggregate entity: concentration among the named countries is overstated.',
  ],
  async load(ctx) {
    if (ctx.source !== undefined) throw new UsageError('--source: bitcoin/hashrate-by-country has one source (CBECI)');
    const path = `${ctx.datasetsRoot}/${CBECI_FILE}`;
    const { series, notes } = await readCbeci(path);
    return {
      series,
      coverage: seriesCoverage(series),
      provenance: { distribution: 'bitcoin/hashrate-by-country', source: 'cbeci', description: 'CBECI mining map, monthly country shares', rulesVersions: [], from: path, level: 'country', unit: 'EH/s', notes },
    };
  },
};
