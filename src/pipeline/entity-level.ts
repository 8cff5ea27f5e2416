/**
 * @module `--level entity` for Bitcoin: re-label each block's pool with its owner at the block
 * time, following dated ownership links (EDI legal_links.json: e.g. AntPool → Bitmain; BTC.com →
 * Bitmain until 2020-12, Bitdeer until 2021-04, then BIT Mining). Pools with no owner stay
 * themselves (by display name).
 */
import { ownerAt } from '../attribute/ownership/resolve.js';
import { normalizePoolName } from '../attribute/names.js';
import type { OwnershipLinkSet } from '../attribute/types.js';
import type { ObservationSeries } from '../domain/observations.js';

export function applyOwnership(series: ObservationSeries, links: OwnershipLinkSet, displayName: (label: string) => string): ObservationSeries {
  const linked = new Set(links.links.map((l) => normalizePoolName(l.child)));
  const index = new Map<string, number>();
  const entities: string[] = [];
  const intern = (name: string): number => {
    let k = index.get(name);
    if (k === undefined) {
      k = entities.length;
      entities.push(name);
      index.set(name, k);
    }
    return k;
  };
  const names = series.entities.map(displayName);
  const direct = names.map((n) => (linked.has(normalizePoolName(n)) ? -1 : intern(n)));
  const entity = new Int32Array(series.entity.length);
  for (let i = 0; i < entity.length; i++) {
    const e = series.entity[i]!;
    const d = direct[e]!;
    if (d >= 0) {
      entity[i] = d;
      continue;
    }
    const t = series.timeSec[i]!;
    const owner = ownerAt(links, names[e]!, Number.isNaN(t) ? undefined : t);
    entity[i] = intern(owner ? owner.owner : names[e]!);
  }
  return { ...series, entities, entity };
}
