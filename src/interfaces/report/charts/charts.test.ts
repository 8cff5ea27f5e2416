/**
 * Golden-file tests of the report's charts, rendered from the embedded default and the shared
 * datasets. Floats are normalised to 2 decimals before comparing. A missing golden file is
 * written (review and commit it); on a mismatch `<name>-changed.svg` is written beside the golden
 * file for review, as Observable Plot's snapshot tests do.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetsRoot, PROJECT_ROOT } from '../../../sources/files/datasets-path.js';
import { loadPart } from '../report-data.js';
import { CHARTS, getChart } from './index.js';

const GOLDEN = join(PROJECT_ROOT, 'test', 'golden');
const ctx = { store: null, datasetsRoot: datasetsRoot() };

export function normaliseSvg(svg: string): string {
  return svg.replace(/-?\d+\.\d{3,}/g, (x) => {
    const r = Number(x).toFixed(2);
    return r === '-0.00' ? '0.00' : r;
  });
}

/** Tags open and close in order (a well-formedness check without an XML parser). */
export function tagsBalance(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClose] = m;
    if (selfClose) continue;
    if (!close) stack.push(name!);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

describe('chart SVGs', () => {
  it.each(CHARTS.map((c) => [c.id]))('%s matches its golden file and is a standalone, self-contained SVG', async (id) => {
    const chart = getChart(id);
    const svg = await chart.render(await loadPart(chart.part, ctx));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="760"')).toBe(true);
    // The nested Plot SVG carries the namespace too (valid when extracted on its own).
    expect(svg.match(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g)).toHaveLength(2);
    expect(svg).not.toMatch(/<script|<foreignObject|href=|url\(http|<div|<figure/);
    expect(tagsBalance(svg)).toBe(true);
    const golden = join(GOLDEN, `${id}.svg`);
    const changed = join(GOLDEN, `${id}-changed.svg`);
    const actual = normaliseSvg(svg);
    if (!existsSync(golden)) {
      writeFileSync(golden, actual);
      return;
    }
    const expected = readFileSync(golden, 'utf8');
    if (actual !== expected) writeFileSync(changed, actual);
    else if (existsSync(changed)) rmSync(changed);
    expect(actual === expected, `${id}.svg differs from its golden file: see ${changed}`).toBe(true);
  });

  it('renders identically twice (no counters, clocks or randomness in the output)', async () => {
    const chart = getChart('compare');
    const data = await loadPart(chart.part, ctx);
    expect(await chart.render(data)).toBe(await chart.render(data));
  });

  it('the pool-share chart stacks one area per named pool plus Other, with a legend entry each', async () => {
    const chart = getChart('pool-share');
    const data = await loadPart('poolShares', ctx);
    const svg = await chart.render(data);
    // The 8 largest over the range, plus any of the last month's 8 largest not among them (issue 14), plus Other.
    expect(data.entities.length).toBeGreaterThanOrEqual(9);
    expect(data.entities.at(-1)).toBe('Other');
    expect(svg.match(/<path [^>]*fill="#[0-9a-f]{6}"/g)).toHaveLength(data.entities.length);
    for (const name of data.entities) expect(svg).toContain(`>${name}</text>`);
  });
});

describe('normaliseSvg and tagsBalance', () => {
  it('rounds long decimals only, and detects unbalanced tags', () => {
    expect(normaliseSvg('M1.23456,7.5L-0.0001,12')).toBe('M1.23,7.5L0.00,12');
    expect(tagsBalance('<svg><g><rect/></g></svg>')).toBe(true);
    expect(tagsBalance('<svg><g></svg></g>')).toBe(false);
  });
});
