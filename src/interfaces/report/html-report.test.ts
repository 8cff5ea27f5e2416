/**
 * The shareable HTML report: one self-contained file (no scripts, no external assets) with every
 * section, the six charts inline, the claims verdicts and the provenance of every distribution used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetsRoot, PROJECT_ROOT } from '../../sources/files/datasets-path.js';
import { renderHtmlReport } from './html-report.js';
import { gatherReportData, type ReportData } from './report-data.js';

let data: ReportData;
let html: string;
beforeAll(async () => {
  data = await gatherReportData({ store: null, datasetsRoot: datasetsRoot() });
  html = await renderHtmlReport(data);
}, 60_000);

describe('renderHtmlReport', () => {
  it('is one self-contained document: no scripts, no src attributes, no external URLs but the SVG namespace', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=/i);
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<)]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });
  it('has every section and the seven charts inline, the contrast first', () => {
    expect(html.indexOf('<section id="answer">')).toBeLessThan(html.indexOf('<section id="summary">'));
    for (const id of ['answer', 'summary', 'over-time', 'bitcoin-vs-ai', 'geography', 'claims', 'methods']) expect(html).toContain(`<section id="${id}">`);
    for (const id of ['contrast', 'pool-share', 'nakamoto-coefficient', 'hhi', 'top5-share', 'compare', 'china-ban']) expect(html).toContain(`<figure id="chart-${id}"`);
    expect(html.match(/<figure [^>]*><svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g)).toHaveLength(7);
  });
  it('the 2023 row counts the blocks of 2023 in the embedded file (independent count)', () => {
    const text = gunzipSync(readFileSync(join(PROJECT_ROOT, 'data/default/bitcoin-pools-daily.csv.gz'))).toString('utf8');
    let blocks = 0;
    for (const line of text.trim().split('\n').slice(1)) if (line.startsWith('2023-')) blocks += Number(line.split(',')[2]);
    expect(html).toMatch(new RegExp(`<tr><td>2023</td><td class="num">${blocks.toLocaleString('en-US')}</td>`));
  });
  it('shows every claim with its verdict, and the provenance and docs links', () => {
    for (const c of data.claims.claims) expect(html).toContain(`<span class="verdict ${c.verdict.replace(' ', '-')}">${c.verdict}</span>`);
    expect(data.claims.claims.length).toBeGreaterThanOrEqual(10);
    for (const id of ['bitcoin/pools', 'ai/compute-owners', 'ai/clusters-by-owner', 'bitcoin/hashrate-by-country']) expect(html).toContain(`<td>${id}</td>`);
    expect(html).toContain('<a href="docs/metrics.md">');
  });
  it('answers the contrast: every verdict with its evidence, every series, and the 2024–2025 country estimates', () => {
    const c = data.contrast;
    expect(c.claims).toHaveLength(3);
    for (const v of c.verdicts) expect(html).toContain(`<span class="verdict ${v.verdict === 'not settled' ? 'uncertain' : v.verdict}">${v.verdict}</span> <strong>${v.label.replace('&', '&amp;')}</strong>`);
    for (const r of c.rows) expect(html).toContain(`<td>${r.world === 'bitcoin' ? 'Bitcoin' : 'AI'} · ${r.lens}</td>`);
    expect(html).toContain('survey of firms');
    expect(html).toContain('network estimate');
  });
  it('is deterministic for the same data (no clock unless asked)', async () => {
    expect(await renderHtmlReport(data)).toBe(html);
    expect(await renderHtmlReport(data, { generated: '2026-01-02' })).toContain('Generated 2026-01-02.');
  });
});
