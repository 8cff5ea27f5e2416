/**
 * `nakamoto report --html/--svg/--png` in-process: files written, the same chart as the report
 * module renders, and one-line errors for inconsistent options.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'nk-report-'));
const env = { NAKAMOTO_DB: join(dir, 'absent.duckdb') };
const hasRsvg = spawnSync('rsvg-convert', ['--version']).status === 0;

describe('report files', () => {
  it('--html writes one self-contained report with the seven charts', async () => {
    const out = join(dir, 'report.html');
    const r = await runCli(['report', '--html', out], env);
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<figure id="chart-/g)).toHaveLength(7);
    expect(html).not.toMatch(/<script/i);
  });
  it('--svg --chart writes one standalone chart', async () => {
    const out = join(dir, 'nc.svg');
    const r = await runCli(['report', '--svg', out, '--chart', 'nakamoto-coefficient'], env);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^wrote .*nc\.svg \(\d+ KB\)\n$/);
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Nakamoto coefficient of Bitcoin mining by pool, per month');
  });
  it.skipIf(!hasRsvg)('--png writes a PNG twice the SVG size (rsvg-convert, zoom 2)', async () => {
    const out = join(dir, 'c.png');
    const r = await runCli(['report', '--png', out, '--chart', 'compare'], env);
    expect(r.code, r.err).toBe(0);
    const png = readFileSync(out);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(1520); // IHDR width = 2 × 760
  });
  it('refuses inconsistent options with exit 2', async () => {
    const noChart = await runCli(['report', '--svg', join(dir, 'x.svg')], env);
    expect(noChart.code).toBe(2);
    expect(noChart.err).toMatch(/--svg and --png export one chart: add --chart <name> \(pool-share, /);
    const bad = await runCli(['report', '--svg', join(dir, 'x.svg'), '--chart', 'pie'], env);
    expect(bad.err).toMatch(/invalid chart: pie \(expected one of pool-share, nakamoto-coefficient, hhi, top5-share, compare, china-ban, contrast\)/);
    const chartOnly = await runCli(['report', '--chart', 'hhi'], env);
    expect(chartOnly.err).toMatch(/--chart names the chart for --svg or --png/);
    const unwritable = await runCli(['report', '--svg', join(dir, 'missing-dir', 'x.svg'), '--chart', 'hhi'], env);
    expect(unwritable.code).toBe(2);
    expect(unwritable.err).toMatch(/cannot write .*missing-dir\/x\.svg/);
  });
});

describe('report: the contrast first', () => {
  it('text: the question, three claims with tallies, every series, geography, then the Bitcoin-by-year report', async () => {
    const r = await runCli(['report'], env);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Is Bitcoin mining centralising while AI decentralises?');
    for (const claim of ['Bitcoin mining is centralising', 'AI is decentralising', 'AI networks stay more distributed than Bitcoin mining']) {
      expect(r.out).toMatch(new RegExp(`^"${claim}" — holds \\d+, fails \\d+, not settled \\d+ \\(of \\d+ levels/lenses\\)$`, 'm'));
    }
    expect(r.out).toMatch(/^ {2}\[HOLDS\] {7}mining pools: HHI per month, 2020-01-01 → /m);
    for (const s of ['Bitcoin · mining pools', 'Bitcoin · pool owners', 'AI · AI chip owners (Epoch)', 'AI · Bittensor stake (SN1 coldkeys)', 'AI · Hugging Face downloads by author']) expect(r.out).toContain(s);
    expect(r.out).toContain('survey of firms');
    // The Bitcoin-by-year report users rely on follows, unchanged.
    const rest = r.out.slice(r.out.indexOf('Bitcoin mining concentration by pool'));
    const old = await runCli(['report', '--no-contrast'], env);
    expect(rest).toBe(old.out);
  });
  it('json: the old fields plus `contrast`', async () => {
    const r = await runCli(['report', '--format', 'json'], env);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as { latest: unknown; years: unknown[]; contrast: { rows: { key: string }[]; verdicts: unknown[] } };
    expect(j.latest).toBeDefined();
    expect(j.years.length).toBe(7);
    expect(j.contrast.rows.map((x) => x.key)).toContain('ai-chip-owners');
    expect(j.contrast.verdicts.length).toBeGreaterThan(10);
  });
});
