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
  it('--html writes one self-contained report with the six charts', async () => {
    const out = join(dir, 'report.html');
    const r = await runCli(['report', '--html', out], env);
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<figure id="chart-/g)).toHaveLength(6);
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
    expect(bad.err).toMatch(/invalid chart: pie \(expected one of pool-share, nakamoto-coefficient, hhi, top5-share, compare, china-ban\)/);
    const chartOnly = await runCli(['report', '--chart', 'hhi'], env);
    expect(chartOnly.err).toMatch(/--chart names the chart for --svg or --png/);
    const unwritable = await runCli(['report', '--svg', join(dir, 'missing-dir', 'x.svg'), '--chart', 'hhi'], env);
    expect(unwritable.code).toBe(2);
    expect(unwritable.err).toMatch(/cannot write .*missing-dir\/x\.svg/);
  });
});
