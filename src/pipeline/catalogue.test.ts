/**
 * One list: every DistributionEntry exported by a module of distributions/ is registered in the
 * catalogue, and the catalogue holds nothing else; ids are unique and each entry's first level is
 * its default.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../sources/files/datasets-path.js';
import { getDistribution, listDistributions, type DistributionEntry } from './catalogue.js';

const DIR = join(PROJECT_ROOT, 'src/pipeline/distributions');
const isEntry = (x: unknown): x is DistributionEntry => typeof x === 'object' && x !== null && typeof (x as DistributionEntry).id === 'string' && typeof (x as DistributionEntry).load === 'function';

describe('the distribution catalogue', () => {
  it('registers exactly the entries the distribution modules export, each once', async () => {
    const exported = new Set<DistributionEntry>();
    for (const f of readdirSync(DIR).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      const mod = (await import(join(DIR, f))) as Record<string, unknown>;
      for (const v of Object.values(mod)) for (const x of Array.isArray(v) ? v : [v]) if (isEntry(x)) exported.add(x);
    }
    const listed = listDistributions();
    expect(new Set(listed).size).toBe(listed.length);
    expect(new Set(listed.map((e) => e.id)).size).toBe(listed.length);
    expect([...exported].map((e) => e.id).sort()).toEqual(listed.map((e) => e.id).sort());
    for (const e of exported) expect(getDistribution(e.id)).toBe(e);
  });

  it('every entry has a title, unit, levels, coverage, source and caveats', () => {
    for (const e of listDistributions()) {
      for (const text of [e.title, e.unit, e.entityKind, e.coverage, e.source]) expect(text.length, e.id).toBeGreaterThan(0);
      expect(e.levels.length, e.id).toBeGreaterThan(0);
      expect(e.caveats.length, e.id).toBeGreaterThan(0);
      expect(['flow', 'stock']).toContain(e.aggregation);
    }
  });
});
