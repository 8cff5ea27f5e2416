/**
 * @module Helpers shared by pages: a section that loads on its own (its failure shows in place and
 * does not stop the others), provenance lines, and links between views.
 */
import { errorText, isAbort } from '../api.js';
import { errorBox, h, replace } from '../dom.js';

/** Run a section's loader; on failure show the API's message in `where` (abort is passed on). */
export async function guarded(where: { message(node: Node): void } | HTMLElement, load: () => Promise<void>): Promise<void> {
  try {
    await load();
  } catch (err) {
    if (isAbort(err)) throw err;
    const box = errorBox(errorText(err));
    if (where instanceof HTMLElement) replace(where, box);
    else where.message(box);
  }
}

export interface ProvenanceLike {
  readonly source?: string;
  readonly description?: string;
  readonly from?: string;
  readonly level?: string;
  readonly unit?: string;
  readonly rulesVersions?: readonly string[];
  readonly notes?: readonly string[];
}

export function provenanceBlock(p: ProvenanceLike | undefined): HTMLElement {
  if (!p) return h('p', { class: 'provenance' });
  return h(
    'div',
    { class: 'provenance', 'data-provenance': true },
    h('p', {}, h('strong', {}, 'Data: '), p.description ?? p.source ?? ''),
    p.from ? h('p', {}, h('strong', {}, 'From: '), p.from) : null,
    p.rulesVersions?.length ? h('p', {}, h('strong', {}, 'Identified by: '), p.rulesVersions.join('; ')) : null,
    p.level ? h('p', {}, h('strong', {}, 'Level: '), p.level, p.unit ? ` · unit: ${p.unit}` : '') : null,
    ...(p.notes ?? []).map((n) => h('p', {}, n)),
  );
}

/** Link to an entity's page (a pool for bitcoin/pools). */
export function entityHref(distribution: string, name: string, level?: string): string {
  const q = new URLSearchParams();
  if (distribution !== 'bitcoin/pools') q.set('d', distribution);
  if (level) q.set('level', level);
  const s = q.toString().replace(/%2F/gi, '/');
  const base = distribution === 'bitcoin/pools' ? `/pool/${encodeURIComponent(name)}` : `/ai/entity/${encodeURIComponent(name)}`;
  return s ? `${base}?${s}` : base;
}

export function heading(title: string, lede?: string): HTMLElement[] {
  return [h('h1', {}, title), ...(lede ? [h('p', { class: 'lede' }, lede)] : [])];
}
