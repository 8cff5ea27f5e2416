/**
 * `GET /api/groups` on the staged data: the same answer as the query behind `nakamoto groups`, and
 * bad parameters as 400s naming the parameter (never 5xx).
 */
import { describe, expect, it } from 'vitest';
import { queryGroups } from '../../../pipeline/queries/groups-query.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import { createApp } from '../app.js';

const root = datasetsRoot();

describe('GET /api/groups', () => {
  it('answers the families of the CLI query, with evidence and the stratum agreement; bad input is a 400 naming the parameter', async () => {
    const app = await createApp({ store: null, datasetsRoot: root });
    try {
      const r = await app.inject({ method: 'GET', url: '/api/groups?window=66d&at=2025-03-07' });
      expect(r.statusCode).toBe(200);
      const body = r.json() as Awaited<ReturnType<typeof queryGroups>>;
      const direct = await queryGroups({ window: '66d', at: '2025-03-07', history: false }, { store: null, datasetsRoot: root });
      expect(body.groups.map((g) => [g.group, g.blocks, g.members.length])).toEqual(direct.groups.map((g) => [g.group, g.blocks, g.members.length]));
      expect(body.majority).toEqual(direct.majority);
      expect(body.stratum?.bothSame).toBe(10);
      expect(body.groups[0]!.spanning.every((l) => l.kappa >= 0.5 && l.overlap >= 0.5)).toBe(true);
      for (const [url, message] of [
        ['/api/groups?minKappa=2', /^invalid minKappa: 2 \(expected a number in \[0, 1\]\)/],
        ['/api/groups?window=2016b', /^invalid window: 2016b \(groups takes a time window/],
        ['/api/groups?at=2019-01-01', /outside the scriptSig data/],
        ['/api/groups?stratum=/etc/passwd', /^unknown query parameter: stratum/],
      ] as const) {
        const bad = await app.inject({ method: 'GET', url });
        expect(bad.statusCode, url).toBe(400);
        expect((bad.json() as { error: { message: string } }).error.message, url).toMatch(message);
      }
    } finally {
      await app.close();
    }
  }, 120_000);
});
