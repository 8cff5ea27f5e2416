/**
 * @module Ranking of entities in one window: blocks (or weight) and share, largest first, with
 * display names. Ties are broken by name so the order is deterministic.
 */
import type { WindowDistribution } from '../aggregate/window-distributions.js';

export interface RankedEntity {
  readonly rank: number;
  readonly entity: string;
  readonly name: string;
  readonly weight: number;
  readonly share: number;
}

export function rankEntities(d: WindowDistribution, entities: readonly string[], displayName: (id: string) => string = (x) => x): RankedEntity[] {
  const rows: { entity: string; weight: number }[] = [];
  for (let i = 0; i < d.entity.length; i++) {
    const w = d.weight[i]!;
    if (w > 0) rows.push({ entity: entities[d.entity[i]!]!, weight: w });
  }
  rows.sort((a, b) => b.weight - a.weight || (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0));
  return rows.map((r, i) => ({ rank: i + 1, entity: r.entity, name: displayName(r.entity), weight: r.weight, share: d.total > 0 ? r.weight / d.total : 0 }));
}
