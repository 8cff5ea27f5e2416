/**
 * Metric definitions come from the registry and docs/metrics.md: every known id has a documented
 * row, parameterised ids resolve to their family, and the table parser reads real Markdown.
 */
import { describe, expect, it } from 'vitest';
import { getMetric, knownMetricIds } from '../../metrics/index.js';
import { markdownTable, queryMetricDefinitions } from './metric-definitions-query.js';

describe('queryMetricDefinitions', () => {
  it('every known metric has a row in docs/metrics.md, with the registry description and range', async () => {
    const r = await queryMetricDefinitions({});
    expect(r.doc).toBe('docs/metrics.md');
    expect(r.metrics.map((m) => m.id)).toEqual(knownMetricIds());
    for (const m of r.metrics) {
      expect(m.definition.length, m.id).toBeGreaterThan(0);
      expect(m.description).toBe(getMetric(m.id).description);
      expect(m.range).toEqual(getMetric(m.id).range);
    }
    expect(r.metrics.find((m) => m.id === 'hhi')).toMatchObject({ definition: 'HHI = Σ (100·sᵢ)²', default: true });
  });

  it('one parameterised id: its family row, the conventions that mention it, and the shared rules', async () => {
    const r = await queryMetricDefinitions({ metric: 'nakamoto-coefficient' });
    expect(r.metrics).toHaveLength(1);
    expect(r.metrics[0]).toMatchObject({ id: 'nakamoto-coefficient', family: 'nakamoto-coefficient', definition: 'min { k : Cₖ ≥ 0.5 }', scale: '1 … a' });
    expect(r.conventions!.map((c) => c.question)).toContain('Does reaching the threshold exactly count (τ, Nakamoto)?');
    expect(r.rules!.map((x) => x.rule)).toContain('empty input, or every weight 0');
    const tau = await queryMetricDefinitions({ metric: 'tau-index=0.66' });
    expect(tau.metrics[0]).toMatchObject({ id: 'tau-index=0.66', family: 'tau-index=t', description: 'Smallest number of largest entities whose combined share is ≥ 0.66.' });
    await expect(queryMetricDefinitions({ metric: 'nope' })).rejects.toThrow(/^invalid metric: nope \(known: hhi, /);
  });

  it('markdownTable reads the table under a heading, skipping the header and rule rows', () => {
    const md = '# T\n\n## A\n\ntext\n\n| a | b |\n|---|:-:|\n| `x` | 1 |\n| y | 2 |\n\nafter\n| z | 3 |\n## B\n| q | r |\n|--|--|\n| s | t |\n';
    expect(markdownTable(md, 'A')).toEqual([['`x`', '1'], ['y', '2']]);
    expect(markdownTable(md, 'B')).toEqual([['s', 't']]);
    expect(markdownTable(md, 'C')).toEqual([]);
  });
});
