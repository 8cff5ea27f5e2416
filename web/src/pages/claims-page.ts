/**
 * @module Claims: each shipped claim (data/claims/default.yaml) with its verdict — holds, fails or
 * uncertain — the probability from the sampling model, and the evidence (latest window and the
 * tally over all windows). The confidence level is in the URL.
 */
import { getJson } from '../api.js';
import type { ClaimsResult, ClaimVerdict } from '../api-types.js';
import { controlBar } from '../controls.js';
import { h, replace } from '../dom.js';
import type { Page, PageContext } from '../router.js';
import type { ParamSpecs } from '../url-state.js';
import { guarded, heading } from './sections.js';

const LEVELS = [['0.9', '90%'], ['0.95', '95%'], ['0.99', '99%']] as const;

export const CLAIMS_SPECS: ParamSpecs = { confidence: { default: '0.95', choices: LEVELS.map((l) => l[0]) } };

function probabilityText(p: number | null): string {
  return p === null ? 'not a sample' : `P = ${p.toFixed(3)}`;
}

function claimItem(c: ClaimVerdict): HTMLElement {
  const measure = JSON.stringify(c.claim, null, 2);
  return h(
    'li',
    { class: 'card', 'data-claim': c.id, 'data-verdict': c.verdict },
    h('p', {}, h('span', { class: `verdict ${c.verdict.replace(' ', '-')}` }, c.verdict), ' ', h('strong', {}, c.text)),
    h('p', { class: 'note' }, `${probabilityText(c.probability)} in the latest window · ${Object.values(c.tally).reduce((a, b) => a + b, 0)} window(s) evaluated`),
    h('p', {}, h('strong', {}, 'Evidence: '), c.evidence),
    h('details', {}, h('summary', {}, `How “${c.id}” is measured`), h('pre', { class: 'note' }, measure)),
  );
}

export function createClaimsPage(ctx: PageContext): Page {
  const controls = controlBar('Verdicts', [{ kind: 'select', name: 'confidence', label: 'Confidence needed', options: LEVELS }], (c) => ctx.setParams(c));
  const rule = h('p', { class: 'note' });
  const list = h('ol', { class: 'claims', id: 'claims' });
  ctx.root.append(...heading('Claims', 'Statements people make about concentration, checked against the data.'), controls.el, rule, list);
  return {
    specs: CLAIMS_SPECS,
    async update(v, signal) {
      controls.sync(v);
      replace(list, h('li', { class: 'status' }, 'Evaluating claims…'));
      await guarded(list, async () => {
        const r = await getJson<ClaimsResult>('/api/claims', { confidence: v.confidence }, signal);
        replace(rule, r.rule, ` Seed ${r.seed}, ${r.intervals.draws} draws. Same as `, h('code', {}, `nakamoto claims${v.confidence !== '0.95' ? ` --confidence ${v.confidence}` : ''}`), '.');
        replace(list, ...r.claims.map(claimItem));
      });
    },
  };
}
