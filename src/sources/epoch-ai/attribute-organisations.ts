/**
 * @module Attribute weighted rows (a model, a cluster) to organisations through the alias rules,
 * keeping the counts a reader needs to judge the result: rows split among several organisations,
 * rows with no organisation (excluded by default, or kept under the `(unattributed)` label), and
 * names absent from the alias file (kept as themselves, listed by weight).
 */
import type { OrganisationLevel, OrganisationRules } from '../../decode/epoch-ai/organisation-rules.js';
import type { OrganisationShare } from '../../decode/epoch-ai/organisations.js';
import { organisationShares } from '../../decode/epoch-ai/organisations.js';

/** Label for rows with no organisation when `unattributed: 'keep'`. */
export const UNATTRIBUTED = '(unattributed)';

export type UnattributedPolicy = 'exclude' | 'keep';

export interface AttributionOptions {
  readonly level: OrganisationLevel;
  readonly rules: OrganisationRules;
  /** Rows whose organisation cell is blank: dropped and counted (default), or kept as `(unattributed)`. */
  readonly unattributed?: UnattributedPolicy;
}

export class AttributionTally {
  rows = 0;
  weight = 0;
  splitRows = 0;
  blankRows = 0;
  blankWeight = 0;
  readonly unknown = new Map<string, { rows: number; weight: number }>();

  constructor(readonly options: AttributionOptions) {}

  /** Shares of one row (empty when blank and excluded); updates the counts. */
  attribute(cell: string, weight: number): readonly OrganisationShare[] {
    this.rows++;
    this.weight += weight;
    const { shares, names } = organisationShares(cell, this.options.rules, this.options.level);
    if (names.length === 0) {
      this.blankRows++;
      this.blankWeight += weight;
      return this.options.unattributed === 'keep' ? [{ entity: UNATTRIBUTED, share: 1 }] : [];
    }
    if (names.length > 1) this.splitRows++;
    for (const n of names) {
      if (n.known) continue;
      const u = this.unknown.get(n.entity) ?? { rows: 0, weight: 0 };
      u.rows++;
      u.weight += weight / names.length;
      this.unknown.set(n.entity, u);
    }
    return shares;
  }

  /** Human-readable notes; `what` names the rows ("models", "clusters") and `unit` the weight. */
  notes(what: string, unit: string, column: string): string[] {
    const fmt = (x: number) => (unit === '' ? formatNumber(x) : `${formatNumber(x)} ${unit}`);
    const out = [
      `${this.rows} ${what} attributed by ${column} at level '${this.options.level}'; ${this.splitRows} listed several organisations and were split evenly among them`,
    ];
    if (this.blankRows > 0) {
      const pct = this.weight > 0 ? ` (${((100 * this.blankWeight) / this.weight).toFixed(1)}% of the weight)` : '';
      out.push(
        this.options.unattributed === 'keep'
          ? `${this.blankRows} ${what} with a blank ${column} kept as ${JSON.stringify(UNATTRIBUTED)}: ${fmt(this.blankWeight)}${pct}`
          : `${this.blankRows} ${what} with a blank ${column} excluded: ${fmt(this.blankWeight)}${pct}`,
      );
    }
    if (this.unknown.size > 0) {
      const top = [...this.unknown].sort((a, b) => b[1].weight - a[1].weight).slice(0, 5);
      out.push(
        `${this.unknown.size} names not in the alias file stand for themselves (largest: ${top.map(([n, u]) => `${n} ${fmt(u.weight)}`).join(', ')})`,
      );
    }
    return out;
  }
}

/** 1234567 → "1.23e6"-style compact text for notes; small integers as is. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  if (Math.abs(x) >= 1e6) return x.toExponential(3).replace('e+', 'e');
  return x.toFixed(2);
}
