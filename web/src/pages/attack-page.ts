/**
 * @module Attack: double-spend, selfish-mining and cost calculators fed by current data. The
 * attacker share defaults to the largest pool's share of the last 30 days; ticking pools forms a
 * coalition (their shares add up), or a share can be typed in. The smallest coalitions above 25 %,
 * ⅓, 50 % and 51 % are listed with 95 % bounds on their size. Every input is in the URL.
 */
import { getJson } from '../api.js';
import type { CoalitionsResult, PoolsResult } from '../api-types.js';
import { append, h, replace, table } from '../dom.js';
import { pct, roundText } from '../format.js';
import type { Page, PageContext } from '../router.js';
import { DECIMAL, WHOLE, type ParamSpecs, type ParamValues } from '../url-state.js';
import { attackCost, doubleSpend, selfishMining, type AttackInputs } from './attack-calculators.js';
import { guarded, heading } from './sections.js';

export const ATTACK_SPECS: ParamSpecs = {
  pools: { pattern: /^[^,]+(,[^,]+)*$/ },
  q: { pattern: DECIMAL },
  z: { default: '6', pattern: WHOLE },
  target: { default: '0.001', pattern: DECIMAL },
  gamma: { default: '0.5', pattern: DECIMAL },
  optimal: { default: '0', choices: ['0', '1'] },
  hashrate: { default: '900', pattern: DECIMAL },
  eff: { default: '20', pattern: DECIMAL },
  elec: { default: '0.05', pattern: DECIMAL },
  price: { default: '100000', pattern: DECIMAL },
  fees: { default: '0', pattern: DECIMAL },
  hours: { default: '1', pattern: DECIMAL },
};

type Spec = readonly [name: string, label: string, min: number, max: number, step: string];

function inputs(specs: readonly Spec[], onChange: (c: ParamValues) => void): { el: HTMLElement; sync(v: ParamValues): void } {
  const els = specs.map(([name, label, min, max, step]) => {
    const input = h('input', { id: `in-${name}`, name, type: 'number', min, max, step, inputmode: 'decimal' });
    input.addEventListener('change', () => {
      if (input.value !== '' && input.checkValidity()) onChange({ [name]: input.value });
      else input.reportValidity();
    });
    return { name, input, label: h('label', { for: `in-${name}` }, label, input) };
  });
  return {
    el: h('div', { class: 'controls' }, ...els.map((e) => e.label)),
    sync: (v) => els.forEach((e) => (e.input.value = v[e.name] ?? '')),
  };
}

export function createAttackPage(ctx: PageContext): Page {
  const set = (c: ParamValues) => ctx.setParams(c, { replace: true });
  const poolBox = h('div', { class: 'checks', id: 'coalition-pools' });
  const shareIn = inputs([['q', 'Attacker share (0–1)', 0, 1, 'any']], (c) => set({ ...c, pools: undefined }));
  const shareNote = h('p', { class: 'note', id: 'share-note' });
  const coalitions = h('div', { id: 'coalitions' });
  const dsIn = inputs([['z', 'Confirmations z', 0, 1000, '1'], ['target', 'Target probability', 0, 1, 'any']], set);
  const smIn = inputs([['gamma', 'γ: honest share mining on the attacker block in a tie', 0, 1, 'any']], set);
  const optimal = h('input', { type: 'checkbox', id: 'in-optimal', name: 'optimal' });
  optimal.addEventListener('change', () => set({ optimal: optimal.checked ? '1' : '0' }));
  const costIn = inputs([
    ['hashrate', 'Network hash rate (EH/s)', 0, 1e6, 'any'],
    ['eff', 'Efficiency (J/TH)', 0, 1000, 'any'],
    ['elec', 'Electricity (USD/kWh)', 0, 10, 'any'],
    ['price', 'BTC price (USD)', 0, 1e8, 'any'],
    ['fees', 'Fees per block (BTC)', 0, 100, 'any'],
    ['hours', 'Duration (hours)', 0, 1e6, 'any'],
  ], set);
  const out = { ds: h('div', { class: 'result', id: 'double-spend-result', 'aria-live': 'polite' }), sm: h('div', { class: 'result', id: 'selfish-mining-result', 'aria-live': 'polite' }), cost: h('div', { class: 'result', id: 'cost-result', 'aria-live': 'polite' }) };
  ctx.root.append(
    ...heading('Attack calculators'),
    h('p', { class: 'lede' }, 'What a pool or a coalition of pools could do with its current share of blocks. The numbers come from the same functions as ', h('code', {}, 'nakamoto attack …'), '; each panel shows the command.'),
    h('section', { class: 'card', 'aria-labelledby': 'h-share' }, h('h2', { id: 'h-share' }, 'Attacker: current pools (last 30 days)'), poolBox, shareIn.el, shareNote, h('h3', {}, 'Smallest coalitions'), coalitions),
    h(
      'div',
      { class: 'grid' },
      h('section', { class: 'card', 'aria-labelledby': 'h-ds' }, h('h2', { id: 'h-ds' }, 'Double spend'), dsIn.el, out.ds),
      h('section', { class: 'card', 'aria-labelledby': 'h-sm' }, h('h2', { id: 'h-sm' }, 'Selfish mining'), smIn.el, h('label', { class: 'inline', for: 'in-optimal' }, optimal, ' also the optimal policy (MDP)'), out.sm),
      h('section', { class: 'card', 'aria-labelledby': 'h-cost' }, h('h2', { id: 'h-cost' }, 'Cost per hour'), costIn.el, out.cost),
    ),
  );
  let current: Promise<{ pools: PoolsResult; coalitions: CoalitionsResult }> | null = null;

  return {
    specs: ATTACK_SPECS,
    async update(v, signal) {
      current ??= Promise.all([getJson<PoolsResult>('/api/pools', { window: '30d' }), getJson<CoalitionsResult>('/api/attack/coalitions/bitcoin/pools', { window: '30d', ci: 'true' })]).then(([pools, c]) => ({ pools, coalitions: c }));
      const data = await current.catch((err: unknown) => {
        current = null;
        throw err;
      });
      const { pools } = data;
      if (!poolBox.firstChild) {
        append(
          poolBox,
          ...pools.pools.slice(0, 12).map((p) => {
            const box = h('input', { type: 'checkbox', name: 'pool', value: p.slug, 'data-share': p.share });
            box.addEventListener('change', () => {
              const chosen = [...poolBox.querySelectorAll<HTMLInputElement>('input[name=pool]')].filter((b) => b.checked).map((b) => b.value);
              set({ pools: chosen.join(',') || pools.pools[0]!.slug, q: undefined });
            });
            return h('label', {}, box, `${p.pool} ${pct(p.share)}`);
          }),
        );
        replace(
          coalitions,
          table(
            ['threshold', 'size', '95% size range', 'members', 'combined share'],
            data.coalitions.coalitions.map((c) => [pct(c.threshold), c.size ?? '–', c.sizeBounds ? `${c.sizeBounds.min ?? '–'}–${c.sizeBounds.max ?? '–'}` : '', c.members.join(', '), pct(c.combinedShare)]),
            { num: [0, 1, 4], caption: `${data.coalitions.window.start} → ${data.coalitions.window.end} (end exclusive), ${data.coalitions.total} blocks` },
          ),
        );
      }
      const chosen = (v.pools ?? pools.pools[0]!.slug).split(',');
      const rows = pools.pools.filter((p) => chosen.includes(p.slug));
      for (const b of poolBox.querySelectorAll<HTMLInputElement>('input[name=pool]')) b.checked = chosen.includes(b.value);
      const q = v.q ?? roundText(rows.reduce((s, p) => s + p.share, 0), 4);
      replace(shareNote, v.q !== undefined ? 'Share typed in (tick pools to use current data).' : `Share of ${rows.map((p) => p.pool).join(' + ')} in ${pools.window.start} → ${pools.window.end} (end exclusive), rounded to 4 decimals.`);
      shareIn.sync({ q });
      dsIn.sync(v);
      smIn.sync(v);
      costIn.sync(v);
      optimal.checked = v.optimal === '1';
      const i: AttackInputs = { q, z: v.z!, target: v.target!, gamma: v.gamma!, optimal: v.optimal === '1', hashrate: v.hashrate!, eff: v.eff!, elec: v.elec!, price: v.price!, fees: v.fees!, hours: v.hours! };
      await Promise.all([guarded(out.ds, () => doubleSpend(out.ds, i, signal)), guarded(out.sm, () => selfishMining(out.sm, i, signal)), guarded(out.cost, () => attackCost(out.cost, i, signal))]);
    },
  };
}
