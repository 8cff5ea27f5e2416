/**
 * Template families on the staged data (scriptSigs 2019-12-31 → 2025-03-08 joined with the per-block
 * attribution and Blockchair headers), checked against the stratum-job evidence and against an
 * independent recount. Loads the three files once (several seconds).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetsRoot } from '../sources/files/datasets-path.js';
import { queryGroups } from './queries/groups-query.js';
import { queryPools } from './queries/pools-query.js';
import { loadTemplateBlocks, type TemplateBlocks } from './template-blocks.js';
import { renameClasses } from '../attribute/pool-renames.js';
import { readCsv, requireColumns } from '../sources/files/csv.js';
import { datasetPath } from '../sources/files/datasets-path.js';

const root = datasetsRoot();
let blocks: TemplateBlocks;
beforeAll(async () => {
  blocks = await loadTemplateBlocks(root);
}, 120_000);

const ctx = { store: null, datasetsRoot: root };

describe('template families on the staged blocks', () => {
  it('joins scriptSigs with labels on height (all but the heights the attribution file lacks)', () => {
    expect(blocks.heights.length).toBe(276_248);
    expect(blocks.unjoined).toBe(137); // 610,546–610,682: before the attribution file starts
    expect(blocks.inputs).toHaveLength(3);
  });

  it('early 2025: the block-data families agree with the stratum templates of 2025-04-01', async () => {
    const r = await queryGroups({ window: '61d', at: '2025-03-07' }, ctx);
    const fam = r.groups[0]!;
    expect(fam.group).toBe('AntPool family');
    const slugs = fam.members.map((m) => m.slug).sort();
    for (const s of ['antpool', 'binancepool', 'poolin', 'ultimuspool', 'slushpool']) expect(slugs).toContain(s);
    for (const s of ['foundryusa', 'f2pool', 'viabtc', 'sbicrypto', 'spiderpool', 'marapool']) expect(r.groups.flatMap((g) => g.members.map((m) => m.slug))).not.toContain(s);
    const s = r.stratum!;
    expect(s.height).toBe(890_448);
    // Same-template pairs the families join (AntPool, Binance, Braiins, Poolin, ULTIMUSPOOL: 10 pairs) …
    expect(s.bothSame).toBe(10);
    // … Luxor–SECPOOL (one template, SECPOOL hands out 4-byte extranonce2, so its layout differs) is missed,
    expect(s.missed).toBe(1);
    // and Luxor is joined to the AntPool family although at that moment it shared SECPOOL's template, not AntPool's.
    expect(s.overLinked).toBe(5);
    expect(s.randIndex).toBeGreaterThan(0.9);
    expect(s.notInWindow).toContain('miningsquared');
  }, 60_000);

  it('link evidence equals an independent recount of the layouts (AntPool – Luxor, 2024)', async () => {
    const r = await queryGroups({ window: '1y', at: '2024-12-31', stratum: 'none' }, ctx);
    const link = r.groups[0]!.links.find((l) => l.a === 'AntPool' && l.b === 'Luxor')!;
    const from = Date.UTC(2024, 0, 1) / 1000;
    const to = Date.UTC(2025, 0, 1) / 1000;
    const count = (slug: string) => {
      const p = blocks.pools.indexOf(slug);
      const c: Record<string, number> = {};
      let n = 0;
      for (let i = 0; i < blocks.heights.length; i++) {
        if (blocks.pool[i] !== p || blocks.timeSec[i]! < from || blocks.timeSec[i]! >= to) continue;
        const k = blocks.layouts[blocks.layout[i]!]!;
        c[k] = (c[k] ?? 0) + 1;
        n++;
      }
      return { c, n };
    };
    const a = count('antpool');
    const b = count('luxor');
    let overlap = 0;
    for (const k of Object.keys(a.c)) if (b.c[k]) overlap += Math.min(a.c[k]! / a.n, b.c[k] / b.n);
    expect(link.blocksA).toBe(a.n);
    expect(link.blocksB).toBe(b.n);
    expect(link.overlap).toBeCloseTo(overlap, 12);
    expect(link.kappa).toBeGreaterThan(0.5);
    expect(link.agree).toContain('M16/0 t12');
  }, 60_000);

  it('majority: 2 pools and 2 template-level entities in 2023 and 2024; the template level never needs more entities than the pool level', async () => {
    for (const at of ['2023-12-31', '2024-12-31']) {
      const r = await queryGroups({ window: '1y', at, stratum: 'none' }, ctx);
      expect(r.majority.pool.entities).toBe(2);
      expect(r.majority.template.entities).toBe(2);
      expect(r.majority.template.share).toBeGreaterThan(0.5);
      expect(r.majority.template.share).toBeGreaterThanOrEqual(r.majority.pool.share);
      const g = r.groups[0]!;
      expect(g.shareLow).toBeLessThan(g.share);
      expect(g.shareHigh).toBeGreaterThan(g.share);
    }
  }, 120_000);

  it('--level template keeps every block and merges members into their family', async () => {
    const pool = await queryPools({ window: '1y', at: '2024-12-31' }, ctx);
    const tmpl = await queryPools({ window: '1y', at: '2024-12-31', level: 'template' }, ctx);
    expect(tmpl.blocks).toBe(pool.blocks);
    const ant = tmpl.pools.find((p) => p.pool === 'AntPool family')!;
    expect(ant.rank).toBe(1);
    expect(ant.blocks).toBeGreaterThan(pool.pools.find((p) => p.pool === 'AntPool')!.blocks + pool.pools.find((p) => p.pool === 'Binance Pool')!.blocks);
    expect(tmpl.provenance.level).toBe('template');
  }, 60_000);
});

describe('pool renames from the pool-list history', () => {
  it('maps Slush / SlushPool to Braiins Pool', async () => {
    const t = await readCsv(datasetPath('bitcoin/pool-definitions-history-2014-2025/pool_tags_addresses_history.csv'));
    const c = requireColumns(t, ['kind', 'key', 'pool_name', 'first_seen', 'removed_or_renamed_at']);
    const m = renameClasses(t.rows.map((r) => ({ kind: r[c.kind]!, key: r[c.key]!, poolName: r[c.pool_name]!, firstSeen: r[c.first_seen]!, removedOrRenamedAt: r[c.removed_or_renamed_at] ?? '' })));
    expect(m.get('slushpool')).toBe('braiinspool');
    expect(m.get('slush')).toBe('braiinspool');
    expect(m.get('antpool')).toBeUndefined();
  });
});
