/**
 * @module Every route of the HTTP API, one module per resource.
 */
import type { RouteSpec } from '../route.js';
import { attackRoutes } from './attack.js';
import { bittensorRoutes } from './bittensor.js';
import { claimsRoutes } from './claims.js';
import { compareRoutes } from './compare.js';
import { distributionRoutes } from './distributions.js';
import { economicsRoutes } from './economics.js';
import { geographyRoutes } from './geography.js';
import { groupRoutes } from './groups.js';
import { hashrateRoutes } from './hashrate.js';
import { metricDefinitionRoutes } from './metric-definitions.js';
import { metricsRoutes } from './metrics.js';
import { poolRoutes } from './pools.js';
import { reportRoutes } from './report.js';
import { simulateRoutes } from './simulate.js';
import { sourceRoutes } from './sources.js';

export const ROUTES: readonly RouteSpec[] = [
  ...distributionRoutes,
  ...metricsRoutes,
  ...metricDefinitionRoutes,
  ...hashrateRoutes,
  ...economicsRoutes,
  ...poolRoutes,
  ...groupRoutes,
  ...reportRoutes,
  ...compareRoutes,
  ...claimsRoutes,
  ...geographyRoutes,
  ...sourceRoutes,
  ...attackRoutes,
  ...simulateRoutes,
  ...bittensorRoutes,
];
