/**
 * The text rendering of a tool answer: provenance first, then scalars as `key: value`, lists of
 * flat records as aligned tables (in the answer's column order when it gives one), the rest as JSON.
 */
import { describe, expect, it } from 'vitest';
import { renderAnswer, sourcesOf, type ToolProvenance } from './tool-result.js';

const prov: ToolProvenance = { tool: 't', request: 'GET /api/x?a=1', method: 'docs/x.md', code: 'pkg@1.0.0', dataVersion: 'abcdef0123456789', sources: ['s1'] };

describe('renderAnswer', () => {
  it('renders provenance, scalars, a table in column order, and nested values as JSON', () => {
    const data = { provenance: { ignored: true }, windows: 'windows: 1y', total: 3, columns: ['b', 'a'], rows: [{ a: 1, b: 'x' }, { a: 22.5, b: 'yy' }], nested: { k: [1, 2] } };
    expect(renderAnswer('Title', { data, provenance: prov })).toBe(
      ['Title — GET /api/x?a=1', 'method: docs/x.md; code pkg@1.0.0; data version abcdef012345', 'source: s1', '', 'windows: 1y', 'total: 3', 'rows:', 'b      a', '--  ----', 'x      1', 'yy  22.5', 'nested: {"k":[1,2]}', ''].join('\n'),
    );
  });

  it('says when no data set was read (calculators), and renders list cells as JSON', () => {
    const text = renderAnswer('Calc', { data: { pools: [{ name: 'A', members: ['x', 'y'] }] }, provenance: { ...prov, dataVersion: null, sources: [] } });
    expect(text).toContain('method: docs/x.md; code pkg@1.0.0\nsource: no data set (computed by the code from the arguments)\n');
    expect(text).toContain('pools:\nname  members\n----  ---------\nA     ["x","y"]\n');
  });
});

describe('sourcesOf', () => {
  it('one line per provenance record, scenario file with overrides, claims file and documentation', () => {
    const p = { distribution: 'bitcoin/pools', source: 'default', level: 'pool', description: 'embedded', from: 'data/x.csv', rulesVersions: ['v1'] };
    expect(sourcesOf({ provenance: p })).toEqual(['bitcoin/pools (default, level pool): embedded [data/x.csv; rules v1]']);
    expect(sourcesOf({ provenance: [p, { ...p, distribution: 'ai/x', rulesVersions: [] }] })[1]).toBe('ai/x (default, level pool): embedded [data/x.csv]');
    expect(sourcesOf({ provenance: { scenarioFile: 'scenarios/a.yaml', overrides: { gamma01: 0.25 } } })).toEqual(['scenarios/a.yaml with gamma01=0.25']);
    expect(sourcesOf({ file: 'data/claims/default.yaml', doc: 'docs/metrics.md' })).toEqual(['data/claims/default.yaml', 'docs/metrics.md']);
    expect(sourcesOf({ q: 0.1 })).toEqual([]);
    expect(sourcesOf([1, 2])).toEqual([]);
  });
});
