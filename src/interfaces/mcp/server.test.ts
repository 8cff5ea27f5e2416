/**
 * Any JSON arguments, valid or not, give a tool result — never a thrown error, never an internal
 * error: bad input is a one-line tool error (fast-check over arbitrary JSON values for the tools'
 * own argument names and stray ones), called in-process through the server's `callTool`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeriesCache } from '../../pipeline/queries/load-distribution.js';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import { createVersions } from '../http/caching.js';
import { DEFAULT_LIMITS } from '../http/route.js';
import { callTool, toolDefinitions, type McpDeps } from './server.js';

const logged: string[] = [];
const deps: McpDeps = {
  route: { ctx: { store: null, datasetsRoot: datasetsRoot(), cache: new SeriesCache() }, limits: DEFAULT_LIMITS },
  versions: createVersions(null, datasetsRoot()),
  log: (m) => logged.push(m),
};
// Cheap tools only: a random but valid call must not start minutes of work.
const defs = toolDefinitions().filter((d) => ['explain_metric', 'attack_double_spend', 'pools', 'metrics', 'attack_coalitions', 'scenario_parameters'].includes(d.entry.name));

describe('callTool on arbitrary JSON arguments', () => {
  it('always answers: data with provenance, or a one-line tool error that is not an internal error', async () => {
    const args = (names: string[]) =>
      fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 6 })), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('1y', '30d', '0.5', 'bitcoin/pools', 'hhi', '2025-12-31', true, 7)), { maxKeys: 4 });
    const cases = fc.oneof(...defs.map((d) => fc.tuple(fc.constant(d), args(Object.keys(d.inputSchema.properties)))));
    await fc.assert(
      fc.asyncProperty(cases, async ([d, a]) => {
        const r = await callTool(d, a, deps);
        const text = (r.content[0] as { text: string }).text;
        if (r.isError) {
          expect(text).not.toMatch(/internal error/);
          expect(text.split('\n')).toHaveLength(1);
          expect(r.structuredContent).toBeUndefined();
        } else {
          expect(r.structuredContent).toMatchObject({ provenance: { tool: d.entry.name } });
        }
      }),
      { numRuns: 150 },
    );
    expect(logged).toEqual([]);
  });
});

describe('callTool limits', () => {
  it('simulations are bounded as on the HTTP API: a second one while the first runs is a "busy" tool error', async () => {
    const simulate = toolDefinitions().find((d) => d.entry.name === 'simulate')!;
    const [a, b] = await Promise.all([callTool(simulate, { scenario: 'selfish-mining', runs: 1 }, deps), callTool(simulate, { scenario: 'selfish-mining', runs: 1 }, deps)]);
    const errors = [a, b].filter((r) => r.isError).map((r) => (r.content[0] as { text: string }).text);
    expect(errors).toEqual(['busy: 1 simulation(s) running (limit 1); retry later']);
    const again = await callTool(simulate, { scenario: 'selfish-mining', runs: 1 }, deps);
    expect(again.isError).toBeUndefined();
  });
});
