/**
 * What a first-time user meets at the command line (issue 14, scope 4): a mistyped --db is an error
 * (not a silent fallback), --version, one-line errors for unknown commands and options with a
 * suggestion, and "did you mean" for distribution ids.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/run-cli.js';
import { didYouMean, editDistance, suggest } from '../../domain/suggest.js';
import { PROJECT_ROOT } from '../../sources/files/datasets-path.js';
import { oneLineError } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'nk-first-run-'));

describe('first run at the command line', () => {
  it('a --db path that does not exist is an error naming it (exit 2), not the embedded default', async () => {
    const missing = join(dir, 'typo.duckdb');
    for (const args of [['report', '--no-contrast'], ['pools', '--window', '30d'], ['metrics', 'bitcoin/pools', '--window', '1y']]) {
      const r = await runCli([...args, '--db', missing]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`nakamoto: no store at ${missing} (--db): the file does not exist — check the path, or create it with \`nakamoto ingest <file> --db ${missing}\`\n`);
    }
  });
  it('--version prints the package version', async () => {
    const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`nakamoto ${version}\n`);
    }
  });
  it('unknown commands and options get one line with a suggestion', async () => {
    const cmd = await runCli(['reprt']);
    expect(cmd.code).toBe(2);
    expect(cmd.err).toBe("nakamoto: unknown command 'reprt' — did you mean report? (--help for usage)\n");
    const opt = await runCli(['report', '--formt', 'json']);
    expect(opt.code).toBe(2);
    expect(opt.err).toBe("nakamoto: unknown option '--formt' — did you mean --format? (--help for usage)\n");
    const missing = await runCli(['metrics']);
    expect(missing.err.split('\n')).toHaveLength(2);
    expect(oneLineError("error: too many arguments for 'x'. Expected 0 arguments but got 1.\n")).toBe("nakamoto: too many arguments for 'x'. Expected 0 arguments but got 1. (--help for usage)\n");
  });
  it('a misspelled distribution id gets "did you mean"', async () => {
    const r = await runCli(['metrics', 'bitcoin/pool', '--window', '1y']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^nakamoto: invalid distribution: bitcoin\/pool — did you mean bitcoin\/pools\? \(known: /);
    const hf = await runCli(['compare', 'hf/downloads-by-autor', 'bitcoin/pools']);
    expect(hf.err).toMatch(/did you mean hf\/downloads-by-author/);
  });
});

describe('one rule for "latest"', () => {
  it('report, pools and claims name the same latest 30 days', async () => {
    const env = { NAKAMOTO_DB: join(dir, 'absent.duckdb') };
    const report = JSON.parse((await runCli(['report', '--no-contrast', '--format', 'json'], env)).out) as { latest: { start: number; end: number } };
    const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
    const span = `${day(report.latest.start)} → ${day(report.latest.end - 86_400)}`;
    const claims = JSON.parse((await runCli(['claims', '--only', 'btc-top5-over-60', '--format', 'json'], env)).out) as { evidence: string }[];
    expect(claims[0]!.evidence).toContain(`latest window ${span}:`);
    const pools = JSON.parse((await runCli(['pools', '--window', '30d', '--format', 'json'], env)).out) as { windowStart: string; windowEnd: string };
    expect(JSON.stringify(pools)).toContain(day(report.latest.start));
  });
});

describe('suggest', () => {
  it('edit distance by hand: kitten/sitting 3, swap counts once, empty strings', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('pools', 'pools')).toBe(0);
  });
  it('is symmetric, zero only on equal strings, and at most the longer length', () => {
    const s = fc.string({ maxLength: 8 });
    fc.assert(
      fc.property(s, s, s, (a, b, c) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, c)).toBeLessThanOrEqual(Math.max(a.length, c.length));
      }),
    );
  });
  it('suggests close names only', () => {
    const known = ['bitcoin/pools', 'ai/compute-owners', 'hf/downloads-by-author'];
    expect(suggest('bitcoin/pool', known)).toEqual(['bitcoin/pools']);
    expect(suggest('zzz', known)).toEqual([]);
    expect(didYouMean('AI/Compute-Owners', known)).toBe(' — did you mean ai/compute-owners?');
    expect(didYouMean('completely-different', known)).toBe('');
  });
});
