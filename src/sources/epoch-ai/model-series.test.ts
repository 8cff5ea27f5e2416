/**
 * @module Tests for ai/notable-models, ai/frontier-models, ai/training-compute against independent re-readings of the raw CSVs (plain csv-parse), hand arithmetic on named rows and PROVENANCE.md counts.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelRecord } from '../../decode/epoch-ai/models.js';
import type { OrganisationRules } from '../../decode/epoch-ai/organisation-rules.js';
import type { Decoded } from '../../decode/epoch-ai/rows.js';
import type { ObservationSeries } from '../../domain/observations.js';
import { datasetPath } from '../files/datasets-path.js';
import { readOrganisationRules } from './aliases.js';
import { frontierModelsSeries, notableModelsSeries, trainingComputeSeries } from './model-series.js';
import { readModels } from './read.js';

/** Sum of weights per entity for observations with start ≤ time < end (a flow window). */
function windowSums(s: ObservationSeries, start: string, end: string): Map<string, number> {
  const t0 = Date.parse(start) / 1000;
  const t1 = Date.parse(end) / 1000;
  const out = new Map<string, number>();
  for (let i = 0; i < s.weight.length; i++) {
    if (s.timeSec[i]! < t0 || s.timeSec[i]! >= t1) continue;
    const e = s.entities[s.entity[i]!]!;
    out.set(e, (out.get(e) ?? 0) + s.weight[i]!);
  }
  return out;
}
const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** Independent reading of the raw CSV: plain csv-parse, columns by name, no project code. */
function rawRows(relative: string): Record<string, string>[] {
  const [header, ...rows] = parse(readFileSync(datasetPath(relative), 'utf8'), { bom: true }) as string[][];
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

/** Σ over rows whose publication date starts with `year` (a year or a full date) of (number of the row's comma-separated names in `names`) / (number of names). */
function independentShare(rows: Record<string, string>[], year: string, names: ReadonlySet<string>): number {
  let sum = 0;
  for (const r of rows) {
    if (!r['Publication date']!.startsWith(year)) continue;
    const orgs = r.Organization!.split(',').map((s) => s.trim()).filter(Boolean);
    if (orgs.length === 0) continue;
    sum += orgs.filter((o) => names.has(o)).length / orgs.length;
  }
  return sum;
}

let rules: OrganisationRules;
let notable: Decoded<ModelRecord>;
let frontier: Decoded<ModelRecord>;
let raw: Record<string, string>[];

beforeAll(async () => {
  rules = (await readOrganisationRules()).rules;
  notable = await readModels(datasetPath(''), 'notable');
  frontier = await readModels(datasetPath(''), 'frontier');
  raw = rawRows('ai/epoch-ai-models/notable_ai_models.csv');
});

describe('ai/notable-models', () => {
  it('2024 total equals the 98 notable models of 2024 (PROVENANCE.md quick check); every one has an organisation', () => {
    const { series } = notableModelsSeries(notable, { level: 'organisation', rules });
    expect(series.kind).toBe('flow');
    expect(total(windowSums(series, '2024-01-01', '2025-01-01'))).toBeCloseTo(98, 9);
    expect(total(windowSums(series, '2025-01-01', '2026-01-01'))).toBeCloseTo(91, 9);
  });

  it('per-organisation counts match an independent re-reading of the raw CSV', () => {
    const org = notableModelsSeries(notable, { level: 'organisation', rules }).series;
    const parent = notableModelsSeries(notable, { level: 'parent', rules }).series;
    const y2024 = windowSums(org, '2024-01-01', '2025-01-01');
    expect(y2024.get('Anthropic')).toBeCloseTo(independentShare(raw, '2024', new Set(['Anthropic'])), 9);
    expect(y2024.get('Google DeepMind')).toBeCloseTo(independentShare(raw, '2024', new Set(['Google DeepMind', 'DeepMind', 'Google Brain'])), 9);
    const alphabet = new Set(['Google', 'Google DeepMind', 'DeepMind', 'Google Brain', 'Google Research', 'Google AI', 'Google Cloud', 'Isomorphic Labs', 'Verily Research']);
    expect(windowSums(parent, '2023-01-01', '2024-01-01').get('Alphabet')).toBeCloseTo(independentShare(raw, '2023', alphabet), 9);
  });

  it('AlphaFold 3 (2024-05-08, "Google DeepMind,Isomorphic Labs") gives ½ to each organisation, 1 to Alphabet', () => {
    const org = windowSums(notableModelsSeries(notable, { level: 'organisation', rules }).series, '2024-05-08', '2024-05-09');
    expect(org.get('Isomorphic Labs')).toBe(0.5);
    const parent = windowSums(notableModelsSeries(notable, { level: 'parent', rules }).series, '2024-05-08', '2024-05-09');
    expect(parent.has('Isomorphic Labs')).toBe(false);
    // AlphaFold 3 is the only notable model published that day (independent count: 1 row).
    expect(raw.filter((r) => r['Publication date'] === '2024-05-08')).toHaveLength(1);
    expect(parent.get('Alphabet')).toBe(1);
  });

  it('notes say how many rows were split and excluded', () => {
    const { notes } = notableModelsSeries(notable, { level: 'organisation', rules });
    const rowsWithSeveral = raw.filter((r) => r.Organization!.split(',').filter((s) => s.trim()).length > 1).length;
    const blank = raw.filter((r) => r.Organization!.trim() === '').length;
    expect(notes.join('\n')).toContain(`${rowsWithSeveral} listed several organisations and were split evenly`);
    expect(notes.join('\n')).toContain(`${blank} models with a blank Organization excluded`);
    const kept = notableModelsSeries(notable, { level: 'organisation', rules, unattributed: 'keep' }).series;
    expect(total(windowSums(kept, '1900-01-01', '2100-01-01'))).toBeCloseTo(raw.length, 9);
  });
});

describe('ai/training-compute', () => {
  it('xAI 2025 = Grok 4 + Grok 3 (notable_ai_models.csv lines 273 and 592)', () => {
    // Grok 4 (2025-07-09) 5.0000000000001e26 FLOP + Grok 3 (2025-02-17) 3.5e26 FLOP = 8.5000000000001e26.
    const y2025 = windowSums(trainingComputeSeries(notable, { level: 'organisation', rules }).series, '2025-01-01', '2026-01-01');
    expect(y2025.get('xAI')! / 8.5000000000001e26).toBeCloseTo(1, 12);
  });

  it('AlphaFold 3 splits its 4.1405645e22 FLOP in halves at organisation level', () => {
    const day = windowSums(trainingComputeSeries(notable, { level: 'organisation', rules }).series, '2024-05-08', '2024-05-09');
    expect(day.get('Isomorphic Labs')).toBeCloseTo(2.07028225e22, -8);
  });

  it("fine-tunes: 'total' keeps Epoch's Training compute, 'incremental' only the Finetune compute (DeepSeek-R1, line 700)", () => {
    // DeepSeek-R1 (2025-01-20, base DeepSeek-V3): Training compute 3.5e24, Finetune compute 1.83e23; the only DeepSeek row that day.
    const day = (fineTunes: 'total' | 'incremental') =>
      windowSums(trainingComputeSeries(notable, { level: 'organisation', rules, fineTunes }).series, '2025-01-20', '2025-01-21').get('DeepSeek');
    expect(day('total')).toBe(3.5e24);
    expect(day('incremental')).toBe(1.83e23);
    const withBase = raw.filter((r) => r['Base model']!.trim() && r['Training compute (FLOP)']!.trim());
    const dropped = withBase.filter((r) => !r['Finetune compute (FLOP)']!.trim()).length;
    expect(trainingComputeSeries(notable, { level: 'organisation', rules, fineTunes: 'incremental' }).notes.join('\n')).toContain(
      `${withBase.length} models with a Base model count their Finetune compute only (${dropped} without one are left out)`,
    );
  });

  it('total FLOP equals the sum of the raw compute column over rows with an organisation', () => {
    const expected = raw.filter((r) => r.Organization!.trim() && r['Training compute (FLOP)']!.trim()).reduce((s, r) => s + Number(r['Training compute (FLOP)']), 0);
    const got = total(windowSums(trainingComputeSeries(notable, { level: 'parent', rules }).series, '1900-01-01', '2100-01-01'));
    expect(got / expected).toBeCloseTo(1, 12);
  });
});

describe('ai/frontier-models', () => {
  it('counts frontier models without Epoch-excluded rows (independent count from the raw file)', () => {
    const rawFrontier = rawRows('ai/epoch-ai-models/frontier_ai_models.csv');
    const expected = rawFrontier.filter((r) => r.Exclude !== '1' && r.Organization!.trim() !== '').length;
    const { series, notes } = frontierModelsSeries(frontier, { level: 'organisation', rules });
    expect(total(windowSums(series, '1900-01-01', '2100-01-01'))).toBeCloseTo(expected, 9);
    expect(notes.join('\n')).toMatch(/7 rows flagged Exclude by Epoch left out \(.*GPT-2 \(774M\)/);
    const all = frontierModelsSeries(frontier, { level: 'organisation', rules, includeExcluded: true }).series;
    expect(total(windowSums(all, '1900-01-01', '2100-01-01'))).toBeCloseTo(rawFrontier.filter((r) => r.Organization!.trim() !== '').length, 9);
  });

  it('OpenAI frontier models in 2019–2025 match an independent count', () => {
    const rawFrontier = rawRows('ai/epoch-ai-models/frontier_ai_models.csv').filter((r) => r.Exclude !== '1');
    let expected = 0;
    for (const year of ['2019', '2020', '2021', '2022', '2023', '2024', '2025']) expected += independentShare(rawFrontier, year, new Set(['OpenAI']));
    const got = windowSums(frontierModelsSeries(frontier, { level: 'parent', rules }).series, '2019-01-01', '2026-01-01').get('OpenAI');
    expect(got).toBeCloseTo(expected, 9);
  });
});
