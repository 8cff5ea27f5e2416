import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../sources/files/datasets-path.js';
import { listDistributions } from './catalogue.js';
import { renderCatalogueMarkdown } from './catalogue-doc.js';

describe('docs/distributions.md', () => {
  it('is what the catalogue generates (run `npm run docs:distributions` after changing the catalogue)', () => {
    expect(readFileSync(join(PROJECT_ROOT, 'docs', 'distributions.md'), 'utf8')).toBe(renderCatalogueMarkdown());
  });
  it('lists every distribution with at least one caveat', () => {
    const ids = listDistributions().map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of listDistributions()) expect(d.caveats.length, d.id).toBeGreaterThan(0);
  });
});
