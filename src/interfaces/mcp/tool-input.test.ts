/**
 * Tool arguments → the route's validated input: JSON numbers and booleans are validated by the
 * route's query-string schema exactly as their text would be, path parameters are taken out, and
 * the equivalent HTTP request carries the same arguments back (fast-check).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../domain/errors.js';
import { PROJECT_ROOT } from '../../sources/files/datasets-path.js';
import { parseQuery } from '../http/params.js';
import { defineTool } from './tool-definition.js';
import { toolInput } from './tool-input.js';
import { TOOLS } from './tools.js';

const tool = (name: string) => defineTool(TOOLS.find((t) => t.name === name)!);

describe('toolInput', () => {
  it('validates JSON values with the route schema as their query-string text, and builds the equivalent request', () => {
    const t = tool('metrics');
    const { input, request } = toolInput(t, { distribution: 'bitcoin/pools', window: '1y', ci: true, draws: 200, confidence: 0.9, partial: null });
    expect(input.params).toEqual({ distribution: 'bitcoin/pools' });
    expect(input.query).toEqual(parseQuery(t.spec.query, { window: '1y', ci: 'true', draws: '200', confidence: '0.9' }));
    expect(input.query.ci).toBe(true);
    expect(request).toBe('GET /api/metrics/bitcoin/pools?window=1y&ci=true&draws=200&confidence=0.9');
  });

  it('repeats list arguments in the request and escapes what needs escaping', () => {
    const { request } = toolInput(tool('simulate'), { scenario: 'selfish-mining', set: ['gamma01=0.25', 'a b=1&2'] });
    expect(request).toBe('GET /api/simulate/selfish-mining?set=gamma01=0.25&set=a%20b=1%262');
  });

  it('rejects missing or non-text path parameters and object values with a UsageError naming the argument', () => {
    expect(() => toolInput(tool('metrics'), {})).toThrow(new UsageError('missing argument: distribution (distribution id, e.g. bitcoin/pools)'));
    expect(() => toolInput(tool('metrics'), { distribution: { id: 'x' } })).toThrow('invalid distribution: {"id":"x"} (expected text: distribution id, e.g. bitcoin/pools)');
    expect(toolInput(tool('metrics'), { distribution: 5 }).input.params).toEqual({ distribution: '5' }); // text, as in a URL path; the query rejects the id
    expect(() => toolInput(tool('metrics'), { distribution: '  ' })).toThrow(/^invalid distribution: "  "/);
    expect(() => toolInput(tool('pools'), { window: ['7d'] })).toThrow('invalid window: 7d (given more than once)');
  });

  it('a number is accepted exactly when its decimal text is (property: same verdict as the HTTP query string)', () => {
    const t = tool('attack_double_spend');
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -5, max: 200_000 }), (q, z) => {
        const viaJson = (() => { try { return { ok: toolInput(t, { q, z }).input.query }; } catch (e) { return { err: (e as Error).message }; } })();
        const viaText = (() => { try { return { ok: parseQuery(t.spec.query, { q: String(q), z: String(z) }, { noun: 'argument', known: [] }) }; } catch (e) { return { err: (e as Error).message }; } })();
        expect(viaJson).toEqual(viaText);
      }),
      { numRuns: 300 },
    );
  });

  it('the request line carries the arguments: its query string parses back to the same text values', () => {
    const t = tool('attack_cost');
    fc.assert(
      fc.property(fc.record({ share: fc.double({ min: 0, max: 1, noNaN: true }), btcPriceUsd: fc.integer({ min: 0, max: 1e7 }), shareBasis: fc.constantFrom('existing', 'added') }, { requiredKeys: ['share', 'btcPriceUsd'] }), (args) => {
        const { request } = toolInput(t, args);
        const back = Object.fromEntries(new URLSearchParams(request.split('?')[1]));
        expect(back).toEqual(Object.fromEntries(Object.entries(args).map(([k, v]) => [k, String(v)])));
      }),
      { numRuns: 200 },
    );
  });
});

describe('tool definitions', () => {
  it('every tool names a JSON route; the input schema lists path parameters first, required', () => {
    for (const e of TOOLS) {
      const d = defineTool(e);
      const path = (d.spec.pathParams ?? []).map((p) => p.name);
      expect(Object.keys(d.inputSchema.properties).slice(0, path.length)).toEqual(path);
      expect(d.inputSchema.required ?? []).toEqual(expect.arrayContaining(path));
      expect(d.inputSchema.additionalProperties).toBe(false);
      expect(existsSync(join(PROJECT_ROOT, e.docs)), e.docs).toBe(true);
    }
    expect(() => defineTool({ name: 'x', route: '/api/nope', docs: 'docs/x.md' })).toThrow(/MCP tool x: no HTTP route \/api\/nope/);
    expect(() => defineTool({ name: 'x', route: '/report.html', docs: 'docs/x.md' })).toThrow(/answers text\/html/);
  });
});
