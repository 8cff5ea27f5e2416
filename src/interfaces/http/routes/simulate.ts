/**
 * @module `GET /api/simulate` (the shipped scenarios), `GET /api/simulate/<scenario>/parameters`
 * (its numeric parameters) and `GET /api/simulate/<scenario>` (N seeded replicates, optionally with
 * parameters changed by `set=path=value`, bounded): runs ≤ the server's limit, one worker thread
 * per request so the time limit can stop it (504), and at most a few simulations at once (503
 * with Retry-After beyond).
 */
import { z } from 'zod';
import { queryScenarioParameters } from '../../../pipeline/queries/scenario-params-query.js';
import { checkScenarioName, queryScenarios, querySimulation } from '../../../pipeline/queries/simulate-query.js';
import { LimitError } from '../http-errors.js';
import { num } from '../params.js';
import { defineRoute, DEFAULT_LIMITS, type RouteDeps, type RouteSpec } from '../route.js';

const running = new WeakMap<RouteDeps, { count: number }>();

async function runBounded(scenario: string, query: { runs?: string; seed?: string; set?: string | string[] }, deps: RouteDeps) {
  const state = running.get(deps) ?? { count: 0 };
  running.set(deps, state);
  const { limits } = deps;
  checkScenarioName(scenario);
  if (state.count >= limits.maxConcurrentSimulations) {
    throw new LimitError(`busy: ${state.count} simulation(s) running (limit ${limits.maxConcurrentSimulations}); retry later`, 503, Math.ceil(limits.simulationTimeoutMs / 1000));
  }
  state.count++;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new LimitError(`simulation ${scenario} ran past the time limit of ${limits.simulationTimeoutMs / 1000} s (use fewer runs)`, 504)), limits.simulationTimeoutMs);
  try {
    return await querySimulation({ scenario, ...query }, deps.ctx, { maxRuns: limits.maxSimulationRuns, threads: limits.simulationThreads, signal: controller.signal });
  } finally {
    clearTimeout(timer);
    state.count--;
  }
}

export const simulateRoutes: readonly RouteSpec[] = [
  defineRoute({
    path: '/api/simulate',
    openapiPath: '/api/simulate',
    tag: 'simulate',
    summary: 'The shipped simulation scenarios (name, model, description)',
    query: z.object({}).strict(),
    cache: 'static',
    exampleUrl: '/api/simulate',
    handler: async () => ({ scenarios: await queryScenarios() }),
  }),
  defineRoute({
    path: '/api/simulate/:scenario/parameters',
    openapiPath: '/api/simulate/{scenario}/parameters',
    tag: 'simulate',
    summary: "A scenario's numeric parameters (top level and one object down): path, value in the file, schema bounds, unit from the key name",
    pathParams: [{ name: 'scenario', description: 'shipped scenario name (see /api/simulate)', example: 'china-ban-2021' }],
    query: z.object({}).strict(),
    cache: 'static',
    errors: { 404: 'unknown scenario' },
    exampleUrl: '/api/simulate/selfish-mining/parameters',
    handler: ({ params }) => queryScenarioParameters(params.scenario!),
  }),
  defineRoute({
    path: '/api/simulate/:scenario',
    openapiPath: '/api/simulate/{scenario}',
    tag: 'simulate',
    summary: 'Run N seeded replicates of a shipped scenario: mean and 5–95% band of every metric, share and series per step',
    description: `Bounded: runs ≤ ${DEFAULT_LIMITS.maxSimulationRuns}, a time limit per request (${DEFAULT_LIMITS.simulationTimeoutMs / 1000} s by default → 504), at most ${DEFAULT_LIMITS.maxConcurrentSimulations} simulation(s) at once (→ 503 with Retry-After). Identical for a given seed.`,
    pathParams: [{ name: 'scenario', description: 'shipped scenario name (see /api/simulate)', example: 'selfish-mining' }],
    query: z
      .object({
        runs: num({ description: 'replicates', default: DEFAULT_LIMITS.maxSimulationRuns }, { min: 1, max: DEFAULT_LIMITS.maxSimulationRuns, integer: true }),
        seed: num({ description: 'seed (replicate r uses stream (seed, r))', default: 1 }, { min: 0, integer: true }),
        set: z
          .union([z.string(), z.array(z.string())])
          .meta({
            description: 'change parameters: path=value, comma separated and/or repeated (paths as in /api/simulate/{scenario}/parameters; a list element by index or name, e.g. regions.China.electricityUsdPerKwh); each is re-validated by the scenario schema',
            examples: ['economics.reinvest01=0.2,miners.count=1000'],
          }),
      })
      .partial()
      .strict(),
    cache: 'data',
    errors: { 404: 'unknown scenario', 503: 'too many simulations running: retry after the Retry-After seconds', 504: 'the simulation ran past the time limit' },
    exampleUrl: '/api/simulate/selfish-mining?runs=4&seed=7&set=gamma01=0.25',
    handler: ({ query, params }, deps) => runBounded(params.scenario!, query, deps),
  }),
];
