/**
 * The report's economics section on the real data: the yearly rows and the per-pool empty blocks
 * are the economics query's own numbers, escaped into the HTML.
 */
import { describe, expect, it } from 'vitest';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import { economicsSection } from './economics-section.js';
import { loadPart } from './report-data.js';

describe('report: mining economics section', async () => {
  const part = await loadPart('economics', { store: null, datasetsRoot: datasetsRoot() });
  const html = economicsSection(part);
  it('has one row per calendar year 2020–2024 and the last complete year per pool', () => {
    expect(part.years.rows.map((r) => String(r.window_start).slice(0, 4))).toEqual(['2020', '2021', '2022', '2023', '2024']);
    expect(part.poolYear).toBe('2024');
    const y2024 = part.years.rows[4]!;
    expect(html).toContain(`${(y2024.hash_value_sats as number).toFixed(2)} <span class="ci">[${(y2024.hash_value_lo_sats as number).toFixed(2)}–${(y2024.hash_value_hi_sats as number).toFixed(2)}]</span>`);
    expect(html).toContain('<td class="num">6.52%</td>');
  });
  it('lists the pools with empty blocks (AntPool 57 of 12913) and names those with none', () => {
    expect(html).toMatch(/<td>AntPool<\/td><td class="num">57<\/td><td class="num">12913<\/td>/);
    expect(html).toContain('No empty block: Foundry USA (0 of 15936)');
  });
});
