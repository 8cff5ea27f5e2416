/**
 * @module Bar charts: a ranking (share per entity, largest on top), the 2021 China-ban snapshots
 * (China's share and the HHI of countries before / during / after), and yearly country HHI of
 * Bitcoin hash rate against AI GPU clusters, grouped by year.
 */
import * as Plot from '@observablehq/plot';
import type { CompareResultCell, GeographySnapshot } from '../api-types.js';
import { int, pct } from '../format.js';
import { chartColors as colors } from '../../../src/interfaces/charts/palette.js';

export interface Ranked {
  readonly name: string;
  readonly share: number;
}

/** A long entity name (a Bittensor coldkey, 48 characters) shortened for an axis label: head…tail. */
export function shortLabel(name: string, max = 22): string {
  return name.length <= max ? name : `${name.slice(0, max - 7)}…${name.slice(-6)}`;
}

export function rankingChart(rows: readonly Ranked[], width: number, label = 'share (%)'): Element {
  const names = rows.map((r) => r.name);
  const max = Math.max(0, ...rows.map((r) => r.share));
  return Plot.plot({
    width,
    height: Math.max(120, rows.length * 24 + 40),
    // Labels are shortened (full names in the tooltip and the table), so the margin never clips them.
    marginLeft: Math.min(200, Math.max(80, Math.max(...names.map((n) => shortLabel(n).length)) * 7.5 + 16)),
    // Room right of the longest bar for its percentage.
    marginRight: 52,
    x: { label, percent: true, grid: true, domain: [0, max * 100 * 1.02 || 100] }, // domain in percent (the scale's units)
    y: { label: null, domain: names, tickFormat: (n: string) => shortLabel(n) },
    color: { domain: names, range: colors(names) },
    marks: [
      Plot.barX(rows, { x: 'share', y: 'name', fill: 'name', title: (r: Ranked) => `${r.name}: ${pct(r.share)}` }),
      Plot.text(rows, { x: 'share', y: 'name', text: (r: Ranked) => pct(r.share), dx: 4, textAnchor: 'start', fill: 'currentColor', clip: false }),
      Plot.ruleX([0]),
    ],
  });
}

export function chinaBanChart(snapshots: readonly GeographySnapshot[], width: number): Element {
  const data = snapshots.flatMap((s) => [
    { snapshot: s.label, measure: "China's share of hash rate", value: s.chinaShare },
    { snapshot: s.label, measure: 'largest country share', value: s.maxShare },
  ]);
  const measures = ["China's share of hash rate", 'largest country share'];
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 48,
    marginBottom: 40,
    x: { axis: null, domain: measures },
    fx: { domain: snapshots.map((s) => s.label), label: null },
    y: { label: 'share (%)', percent: true, grid: true },
    color: { domain: measures, range: colors(measures), legend: true },
    marks: [
      Plot.barY(data, { fx: 'snapshot', x: 'measure', y: 'value', fill: 'measure', tip: true }),
      Plot.ruleY([0]),
    ],
  });
}

/** Yearly HHI of country shares: Bitcoin hash rate (CBECI) vs AI GPU clusters (Epoch), grouped by year. */
export function countryHhiChart(cells: readonly CompareResultCell[], width: number): Element {
  const data = cells.filter((c) => c.metric === 'hhi' && c.value !== null).map((c) => ({ year: c.windowStart.slice(0, 4), distribution: c.distribution, value: c.value! }));
  const ids = [...new Set(data.map((d) => d.distribution))];
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 52,
    x: { axis: null, domain: ids },
    fx: { label: null },
    y: { label: 'HHI of country shares', grid: true },
    color: { domain: ids, range: colors(ids), legend: true },
    marks: [Plot.barY(data, { fx: 'year', x: 'distribution', y: 'value', fill: 'distribution', title: (d: { value: number }) => int(Math.round(d.value)) }), Plot.ruleY([0])],
  });
}
