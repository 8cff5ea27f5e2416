/**
 * @module One entity's page (a Bitcoin pool at /pool/<name>, an AI organisation at
 * /ai/entity/<name>?d=…): its share history and blocks (or units) per window, its place in the
 * current ranking, and how it is identified (rule set, source, level; for a pool also its tags,
 * payout addresses and owners over time from `/api/pools/<slug>/rules`). History comes from the
 * share series of the 30 largest entities over the range; a smaller one is said to be outside it.
 */
import { getJson } from '../api.js';
import type { DistributionInfo, PoolRulesResult, PoolsResult, SharesResult } from '../api-types.js';
import { entityColor } from '../../../src/interfaces/charts/palette.js';
import { entityAmountChart, entityPoints, entityShareChart, entityTable } from '../charts/entity-chart.js';
import { chartFrame } from '../charts/frame.js';
import { controlBar } from '../controls.js';
import { h, replace } from '../dom.js';
import { int, pct } from '../format.js';
import type { Page, PageContext } from '../router.js';
import { DAY, type ParamSpecs } from '../url-state.js';
import { guarded, provenanceBlock } from './sections.js';

const WINDOWS = [['1w', '1 week'], ['1m', '1 month'], ['1q', '1 quarter'], ['1y', '1 year']] as const;

export function entitySpecs(bitcoin: boolean): ParamSpecs {
  return {
    ...(bitcoin ? {} : { d: { default: 'ai/compute-owners', pattern: /^(ai|bittensor|hf)\/[a-z0-9-]+$/ } }),
    window: { default: bitcoin ? '1m' : '1y', choices: WINDOWS.map((w) => w[0]) },
    level: { pattern: /^[a-z]+$/ },
    from: { pattern: DAY },
    to: { pattern: DAY },
  };
}

export function createEntityPage(bitcoin: boolean, ctx: PageContext): Page {
  const name = ctx.match[0] ?? '';
  const specs = entitySpecs(bitcoin);
  const controls = controlBar('View', [
    { kind: 'select', name: 'window', label: 'Window', options: WINDOWS },
    { kind: 'date', name: 'from', label: 'From (UTC)' },
    { kind: 'date', name: 'to', label: 'To (UTC, exclusive)' },
  ], (changes) => ctx.setParams(changes));
  const head = h('div');
  const current = h('div', { class: 'card', id: 'entity-current' });
  const share = chartFrame('Share per window', 'entity-share');
  const amount = chartFrame(bitcoin ? 'Blocks per window' : 'Amount per window', 'entity-amount');
  const identity = h('div', { class: 'card', id: 'entity-identity' });
  const rules = h('div', { class: 'card', id: 'pool-rules' });
  ctx.root.append(head, controls.el, current, h('section', { class: 'grid' }, h('div', { class: 'card' }, share.el), h('div', { class: 'card' }, amount.el)), h('h2', {}, 'How it is identified'), identity, rules);

  return {
    specs,
    async update(v, signal) {
      controls.sync(v);
      const id = bitcoin ? 'bitcoin/pools' : v.d!;
      const back = bitcoin ? `/bitcoin${v.level ? `?level=${v.level}` : ''}` : `/ai?d=${id}${v.level ? `&level=${v.level}` : ''}`;
      if (bitcoin && v.level !== 'entity') {
        // `/pool/foundryusa` (the attribution slug) is the same pool as `/pool/Foundry USA`: go to the canonical page.
        const all = await getJson<PoolsResult>('/api/pools', { window: '30d' }, signal);
        const bySlug = all.pools.find((p) => p.slug === name && p.pool !== name) ?? (all.pools.some((p) => p.pool === name) ? undefined : all.pools.find((p) => poolSlug(p.pool) === poolSlug(name) && p.pool !== name));
        if (bySlug) return ctx.redirect(`/pool/${encodeURIComponent(bySlug.pool)}${window.location.search}`);
      }
      const info = await getJson<DistributionInfo>(`/api/distributions/${id}`, {}, signal);
      replace(head, h('p', { class: 'note' }, h('a', { href: back }, `← ${info.title}`)), h('h1', {}, name), h('p', { class: 'lede' }, `${info.entity} in ${info.title} (${info.unit}).`));
      const level = v.level && info.levels.includes(v.level) ? v.level : undefined;
      const loadCurrent = guarded(current, async () => {
        if (!bitcoin) {
          // The current share: the entity's share in the last window with data (same request as the chart, so the same numbers).
          const r = await getJson<SharesResult>(`/api/shares/${id}`, { window: v.window, from: v.from, to: v.to, level, top: 30, include: name }, signal);
          const last = r.windows.at(-1);
          const share = last ? (last.shares[name] ?? 0) : null;
          const ranked = last ? Object.entries(last.shares).filter(([k, s]) => k !== 'Other' && s > 0).sort((a, b) => b[1] - a[1]) : [];
          const rank = ranked.findIndex(([k]) => k === name);
          return replace(
            current,
            h('h2', {}, 'Current share'),
            last && share !== null
              ? h('p', { 'data-current': true }, `${pct(share)} of ${info.unit} in ${last.start} → ${last.end} (end exclusive)${rank >= 0 ? `, rank ${rank + 1} of ${ranked.length} named` : ''}.`)
              : h('p', {}, 'No data in this range.'),
          );
        }
        const r = await getJson<PoolsResult>('/api/pools', { window: '30d', level }, signal);
        const row = r.pools.find((p) => p.pool === name);
        replace(
          current,
          h('h2', {}, 'Last 30 days'),
          row
            ? h('p', { 'data-current': true }, `Rank ${row.rank} of ${r.pools.length}: ${int(row.blocks)} of ${int(r.blocks)} blocks (${pct(row.share)}), ${r.window.start} → ${r.window.end} (end exclusive).`)
            : h('p', {}, `No blocks in ${r.window.start} → ${r.window.end} (end exclusive).`),
          row ? h('p', { class: 'note' }, `Slug in the attribution rules: `, h('code', {}, row.slug)) : null,
        );
      });
      const loadHistory = guarded({ message: (n) => [share, amount].forEach((f) => f.message(n.cloneNode(true))) }, async () => {
        const r = await getJson<SharesResult>(`/api/shares/${id}`, { window: v.window, from: v.from, to: v.to, level, top: 30, include: name }, signal);
        replace(identity, identification(bitcoin, name, r, level));
        if (!r.entities.includes(name)) {
          const msg = `${name} has no ${info.unit} in this range.`;
          share.message(msg);
          amount.message(msg);
          return;
        }
        const points = entityPoints(r, name);
        share.show((w) => entityShareChart(points, w, entityColor(name)), entityTable(points, info.unit, bitcoin), `${r.window} windows; share of all ${info.unit}.`);
        amount.show((w) => entityAmountChart(points, info.unit, w), entityTable(points, info.unit, bitcoin), `${info.unit} per window = share × window total.`);
      });
      const loadRules = guarded(rules, async () => {
        rules.hidden = !bitcoin || level === 'entity' || level === 'template';
        if (rules.hidden) return replace(rules);
        replace(rules, poolRules(await getJson<PoolRulesResult>(`/api/pools/${poolSlug(name)}/rules`, {}, signal)));
      });
      await Promise.all([loadCurrent, loadHistory, loadRules]);
    },
  };
}

function identification(bitcoin: boolean, name: string, r: SharesResult, level: string | undefined): HTMLElement {
  const p = r.provenance;
  const how = bitcoin
    ? level === 'entity'
      ? h('p', {}, `${name} is an owner: its pools' blocks are merged by dated ownership links (EDI legal_links.json); a pool without a known owner stands for itself.`)
      : level === 'template'
        ? h('p', {}, `${name} is a template family: pools whose blocks carry the same coinbase fingerprints beyond chance, month by month, merged under their largest pool (a pool in no family is a family of one). `, h('code', {}, 'nakamoto groups'), ' prints the members and the evidence for every link (docs/control.md).')
        : h(
          'p',
          {},
          `${name} is a pool label: each block is attributed by matching its coinbase tag and payout addresses against the rule set below (mempool.space pool definitions); blocks no rule matches stay "unknown". `,
          h('code', {}, 'nakamoto attribute'),
          ' shows the matching rule for a block, ',
          h('code', {}, 'nakamoto attribution diff'),
          ' where rule sets disagree.',
        )
    : h('p', {}, `${name} is an ${p.level ?? 'entity'} as the source names it (see the distribution's caveats).`);
  return h('div', {}, how, provenanceBlock(p));
}

/** mempool.space's slug of a pool name (as src/attribute/names.ts: letters and digits, lower case). */
export function poolSlug(name: string): string {
  return name.replace(/[^a-z0-9]/gi, '').toLowerCase();
}

const codes = (items: readonly string[]) => items.flatMap((t, i) => [i ? ', ' : '', h('code', {}, t)]);

/** "Bitmain (until 2020-12-01), Bitdeer (2020-12-01 → 2021-04-01), BIT Mining (since 2021-04-01)". */
export function ownersText(r: PoolRulesResult): string {
  if (r.ownership.owners.length === 0) return `none known (${r.name} stands for itself)`;
  return r.ownership.owners
    .map((o) => {
      const who = o.owner ?? `none (${r.name} itself)`;
      const via = o.chain.length > 2 ? ` via ${o.chain.slice(1, -1).join(' → ')}` : '';
      const when = o.from && o.to ? `${o.from} → ${o.to}` : o.from ? `since ${o.from}` : o.to ? `until ${o.to}` : 'always';
      return `${who}${via} (${when})`;
    })
    .join(', ');
}

function poolRules(r: PoolRulesResult): HTMLElement {
  return h(
    'div',
    { 'data-rules': true },
    h(
      'p',
      {},
      h('strong', {}, 'Identified by: '),
      r.tags.length ? 'tags ' : 'no tags',
      ...codes(r.tags),
      r.addresses.length ? '; addresses ' : '; no payout addresses',
      ...codes(r.addresses),
      `; rule set ${r.ruleSet.kind}@${r.ruleSet.version} (pool id ${r.id ?? '–'}, slug `,
      h('code', {}, r.slug),
      ').',
    ),
    h('p', { 'data-owners': true }, h('strong', {}, 'Owner: '), ownersText(r), ` (EDI ownership links ${r.ownership.version}).`),
  );
}
