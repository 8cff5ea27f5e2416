/**
 * `GET /api/pools/<slug>/rules` against the rule files read here independently (JSON.parse of
 * pools-v2.json and legal_links.json, the slug rule of mempool.space written out again), and the
 * owner periods of BTC.com checked by hand against legal_links.json.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetPath, datasetsRoot } from '../../../sources/files/datasets-path.js';
import { createApp } from '../app.js';

const root = datasetsRoot();

interface MempoolPool {
  id: number;
  name: string;
  tags: string[];
  addresses: string[];
}

const bytes = readFileSync(datasetPath('bitcoin/pool-definitions-mempool/pools-v2.json'));
const file = JSON.parse(bytes.toString('utf8')) as MempoolPool[];
// A rule set version is `sha256sum pools-v2.json | cut -c1-12` (docs/attribution.md).
const version = createHash('sha256').update(bytes).digest('hex').slice(0, 12);

describe('GET /api/pools/<slug>/rules', () => {
  it('answers the tags, addresses and id of pools-v2.json, the rule set version, and no owner for Foundry USA', async () => {
    const app = await createApp({ store: null, datasetsRoot: root });
    try {
      const foundry = file.find((p) => p.name === 'Foundry USA')!;
      const r = await app.inject({ url: '/api/pools/foundryusa/rules' });
      expect(r.statusCode, r.body).toBe(200);
      const body = JSON.parse(r.body) as { name: string; slug: string; id: number; tags: string[]; addresses: string[]; ruleSet: { kind: string; version: string }; ownership: { owners: unknown[] } };
      expect(body).toMatchObject({ name: 'Foundry USA', slug: 'foundryusa', id: foundry.id, tags: foundry.tags, addresses: foundry.addresses });
      expect(body.addresses).toContain('bc1qxhmdufsvnuaaaer4ynz88fspdsxq2h9e9cetdj');
      expect(body.ruleSet.kind).toBe('mempool');
      expect(body.ruleSet.version).toBe(version);
      // legal_links.json has no link with Foundry as the owned pool.
      expect(body.ownership.owners).toEqual([]);
      // Every pool of the file is found by its slug (mempool: non-alphanumerics removed, lower case).
      for (const p of file.slice(0, 20)) {
        const one = JSON.parse((await app.inject({ url: `/api/pools/${p.name.replace(/[^a-z0-9]/gi, '').toLowerCase()}/rules` })).body) as { id: number };
        expect(one.id, p.name).toBe(p.id);
      }
    } finally {
      await app.close();
    }
  });
  it('gives BTC.com its owners over time from legal_links.json (Bitmain, then Bitdeer, then BIT Mining)', async () => {
    const app = await createApp({ store: null, datasetsRoot: root });
    try {
      const r = await app.inject({ url: '/api/pools/btccom/rules' });
      expect(r.statusCode, r.body).toBe(200);
      const owners = (JSON.parse(r.body) as { ownership: { owners: { from: string | null; to: string | null; owner: string | null }[] } }).ownership.owners;
      // By hand from legal_links.json: Bitmain owns BTC.COM until 2020-12; Bitdeer 2020-12 → 2021-04
      // (Bitdeer itself is Bitmain's only until 2020-12); BIT Mining from 2021-04, open-ended.
      expect(owners.map((o) => [o.from, o.to, o.owner])).toEqual([
        [null, '2020-12-01', 'Bitmain'],
        ['2020-12-01', '2021-04-01', 'Bitdeer'],
        ['2021-04-01', null, 'BIT Mining'],
      ]);
    } finally {
      await app.close();
    }
  });
  it('answers 404 naming the slug for an unknown pool', async () => {
    const app = await createApp({ store: null, datasetsRoot: root });
    try {
      const r = await app.inject({ url: '/api/pools/no-such-pool/rules' });
      expect(r.statusCode).toBe(404);
      expect(JSON.parse(r.body).error.message).toMatch(new RegExp(`^unknown pool: no-such-pool \\(not a pool slug in the mempool rule set ${version}`));
    } finally {
      await app.close();
    }
  });
});
