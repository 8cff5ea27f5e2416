/**
 * `queryEconomics` with `byPool` and `level` on the real staged blocks: the owner and template rows
 * equal the pool rows summed in the test by the ownership links (`ownerAt`) and the template
 * assignment (`templateLabelAt`) at the window's start (calendar months, so one family or owner per
 * pool and window); the level never changes the network totals (fast-check over months and
 * levels); bad levels are usage errors naming the parameter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { templateLabelAt } from '../../analysis/template-families.js';
import { ownerAt } from '../../attribute/ownership/resolve.js';
import { UsageError } from '../../domain/errors.js';
import { loadOwnershipLinks } from '../../sources/attribution-rules/load.js';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import { poolDisplayNames, poolName } from '../pool-names.js';
import { loadTemplateAssignment } from '../template-level.js';
import type { Row } from './context.js';
import { queryEconomics } from './economics-query.js';

const ctx = { store: null, datasetsRoot: datasetsRoot() };
const slugOf = new Map([...poolDisplayNames()].map(([slug, name]) => [name, slug]));
const sec = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

/** Σ blocks and empty blocks of the pool rows, grouped by `group(pool display name)`. */
function sumBy(rows: readonly Row[], group: (pool: string) => string): Map<string, { blocks: number; empty: number }> {
  const out = new Map<string, { blocks: number; empty: number }>();
  for (const r of rows) {
    const g = group(r.pool as string);
    const e = out.get(g) ?? { blocks: 0, empty: 0 };
    e.blocks += r.blocks as number;
    e.empty += r.empty_blocks as number;
    out.set(g, e);
  }
  return out;
}
const asMap = (rows: readonly Row[]) => new Map(rows.map((r) => [r.pool as string, { blocks: r.blocks as number, empty: r.empty_blocks as number }]));

describe('economics --by-pool --level', () => {
  it('template: each family\'s blocks and empty blocks = Σ of its member pools (pool rows grouped by templateLabelAt)', async () => {
    const a = await loadTemplateAssignment(ctx.datasetsRoot);
    for (const at of ['2024-05-31', '2022-11-30', '2020-06-30']) {
      const pools = await queryEconomics({ window: '1m', at, byPool: true }, ctx);
      const families = await queryEconomics({ window: '1m', at, byPool: true, level: 'template' }, ctx);
      const start = sec(pools.rows[0]!.window_start as string);
      const family = (name: string) => {
        if (name === 'unknown') return 'unknown';
        const lead = templateLabelAt(a, slugOf.get(name) ?? name, start).slice(0, -' family'.length);
        return `${poolName(lead)} family`;
      };
      const expected = sumBy(pools.rows, family);
      expect(asMap(families.rows)).toEqual(expected);
      // Something was actually merged (otherwise the test shows nothing).
      expect(expected.size).toBeLessThan(pools.rows.length);
      expect(families.level).toBe('template');
    }
  });

  it('owner (and its alias entity): Σ of the pools by ownerAt; mid-2020 Bitmain = AntPool + BTC.com', async () => {
    const links = await loadOwnershipLinks(undefined, { env: { NAKAMOTO_DATASETS: ctx.datasetsRoot } });
    for (const [at, start, end] of [['2020-06-30', '2020-06-01', '2020-07-01'], ['2024-05-31', '2024-05-01', '2024-06-01']] as const) {
      const pools = await queryEconomics({ window: '1m', at, byPool: true }, ctx);
      const owners = await queryEconomics({ window: '1m', at, byPool: true, level: 'owner' }, ctx);
      const owner = (name: string) => {
        const o = ownerAt(links, name, sec(start))?.owner ?? name;
        expect(ownerAt(links, name, sec(end) - 1)?.owner ?? name).toBe(o); // no link changes inside the month
        return o;
      };
      const expected = sumBy(pools.rows, owner);
      expect(asMap(owners.rows)).toEqual(expected);
      const blocksOf = (p: string) => pools.rows.find((r) => r.pool === p)?.blocks as number;
      if (at === '2020-06-30') expect(expected.get('Bitmain')!.blocks).toBe(blocksOf('AntPool') + blocksOf('BTC.com'));
      const entity = await queryEconomics({ window: '1m', at, byPool: true, level: 'entity' }, ctx);
      expect(entity.rows).toEqual(owners.rows);
    }
  });

  it('property: the level never changes the network totals (blocks, empty blocks, fees; shares sum to 1)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 61 }), fc.constantFrom('pool', 'owner', 'entity', 'template'), async (m, level) => {
        const d = new Date(Date.UTC(2020, m + 1, 0)); // last day of month m after 2020-01
        const at = d.toISOString().slice(0, 10);
        const net = (await queryEconomics({ window: '1m', at }, ctx)).rows[0]!;
        const rows = (await queryEconomics({ window: '1m', at, byPool: true, level }, ctx)).rows;
        expect(rows.reduce((s, r) => s + (r.blocks as number), 0)).toBe(net.blocks);
        expect(rows.reduce((s, r) => s + (r.empty_blocks as number), 0)).toBe(net.empty_blocks);
        expect(rows.reduce((s, r) => s + (r.fee_mean_btc as number) * (r.blocks as number), 0)).toBeCloseTo(net.fees_btc as number, 3);
        expect(rows.reduce((s, r) => s + (r.share as number), 0)).toBeCloseTo(1, 3);
      }),
      { numRuns: 12 },
    );
  });

  it('bad level: a usage error naming the parameter', async () => {
    await expect(queryEconomics({ window: '1m', byPool: true, level: 'family' }, ctx)).rejects.toThrow('invalid level: family (expected pool, owner (alias entity) or template)');
    await expect(queryEconomics({ window: '1m', level: 'owner' }, ctx)).rejects.toThrow(/invalid level: owner groups pools: use it with byPool/);
    await expect(queryEconomics({ window: '1m', byPool: true, labels: 'blockchair', level: 'template' }, ctx)).rejects.toBeInstanceOf(UsageError);
  });
});
