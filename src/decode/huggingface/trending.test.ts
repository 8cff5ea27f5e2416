import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { datasetPath } from '../../sources/files/datasets-path.js';
import { loadTrendingCaches } from '../../../test/support/hub-server.js';
import { formatTrendingCsv, parseTrendingCache, parseTrendingCsv, trendingTimeFromName } from './trending.js';

const CSV = datasetPath('ai/hf-trending-snapshots-2026/hf_trending_top10_2026-03_2026-08.csv');

describe('trending snapshots', () => {
  const snaps = parseTrendingCsv(readFileSync(CSV, 'utf8'), CSV);

  it('reads the 256 staged snapshots, 10 ranked models each (PROVENANCE: 2,560 rows, 92 authors)', () => {
    expect(snaps).toHaveLength(256);
    expect(snaps.every((s) => s.models.length === 10 && s.models.every((m, i) => m.rank === i + 1))).toBe(true);
    expect(new Set(snaps.flatMap((s) => s.models.map((m) => m.author))).size).toBe(92);
    expect(snaps[0]).toMatchObject({ timeSec: Date.UTC(2026, 2, 2, 12, 17, 14) / 1000, commit: 'a2da61b4fe4d7a92237cc2118a2148f7f62f33ca' });
    expect(snaps[0]!.models[1]).toEqual({ rank: 2, id: 'Qwen/Qwen3.5-27B', author: 'Qwen', downloads30d: 260326 });
  });

  it('each raw cache version (the tar.gz) decodes to the CSV row of its commit', () => {
    const caches = loadTrendingCaches();
    expect(caches).toHaveLength(256);
    for (const c of caches) {
      const s = parseTrendingCache(c.cache, c.name, trendingTimeFromName(c.name));
      const fromCsv = snaps.find((x) => x.timeSec === s.timeSec)!;
      expect(s.commit && fromCsv.commit!.startsWith(s.commit)).toBe(true);
      expect(s.models).toEqual(fromCsv.models);
    }
  });

  it('format → parse is the identity (property, over real snapshots)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: snaps.length - 1 }), (i) => {
        const s = snaps[i]!;
        expect(parseTrendingCsv(formatTrendingCsv(s), 'x')).toEqual([s]);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects a raw cache without a time, a repeated rank, an author that is not the namespace', () => {
    expect(() => parseTrendingCache({ 'a/b': { repoData: { author: 'a' }, repoType: 'model' } }, 'c.json', null)).toThrow(/snapshot without a time/);
    const lines = readFileSync(CSV, 'utf8').split('\n').slice(0, 11);
    const rank = [...lines.slice(0, 3), lines[3]!.replace(',3,', ',2,'), ...lines.slice(4)].join('\n') + '\n';
    expect(() => parseTrendingCsv(rank, 'r.csv')).toThrow(DecodeError);
    const author = [lines[0]!, lines[1]!.replace(',Qwen,', ',qwen,')].join('\n') + '\n';
    expect(() => parseTrendingCsv(author, 'a.csv')).toThrow(/a\.csv:2 \[author\]: author "qwen" is not the namespace/);
  });
});
