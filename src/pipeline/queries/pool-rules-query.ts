/**
 * @module The query behind `GET /api/pools/<slug>/rules`: how a pool is identified. From the
 * mempool rule set (pools-v2.json, `loadRuleSet('mempool')`): name, slug, id, coinbase tags
 * (regex sources as written) and payout addresses, with the rule set's version; from the EDI
 * ownership links (legal_links.json): who owned the pool over time, following links transitively
 * (`ownerAt`), as periods between link boundaries (`owner: null` = the pool stands for itself).
 */
import { ownerAt } from '../../attribute/ownership/resolve.js';
import { isoDay } from '../../attribute/ownership/dates.js';
import { loadOwnershipLinks, loadRuleSet } from '../../sources/attribution-rules/load.js';
import type { OwnershipLinkSet, PoolRule } from '../../attribute/types.js';
import { NotFoundError } from '../../domain/errors.js';
import type { QueryContext } from './context.js';

export interface OwnerPeriod {
  /** First day (UTC, inclusive); null = since before every dated link. */
  readonly from: string | null;
  /** End day (UTC, exclusive); null = still. */
  readonly to: string | null;
  /** Ultimate owner; null = none (the pool stands for itself). */
  readonly owner: string | null;
  /** Names from the pool to the owner (the pool alone when there is none). */
  readonly chain: readonly string[];
}

export interface PoolRulesResult {
  readonly name: string;
  readonly slug: string;
  readonly id: number | null;
  readonly tags: readonly string[];
  readonly addresses: readonly string[];
  readonly link?: string;
  readonly ruleSet: { readonly kind: string; readonly version: string; readonly file: string };
  readonly ownership: { readonly version: string; readonly file: string; readonly owners: readonly OwnerPeriod[] };
}

/**
 * Owner periods of `pool`: the active link set changes only at link boundaries, so the owner is
 * evaluated before every boundary and at each one, and equal neighbours are merged.
 */
export function ownerPeriods(set: OwnershipLinkSet, pool: string): OwnerPeriod[] {
  const bounds = [...new Set(set.links.flatMap((l) => [l.fromSec, l.toSec]).filter((t): t is number => t !== null))].sort((a, b) => a - b);
  const starts = [Number.NEGATIVE_INFINITY, ...bounds];
  const out: { from: number; to: number; owner: string | null; chain: string[] }[] = [];
  starts.forEach((t, i) => {
    const r = ownerAt(set, pool, t);
    const owner = r?.owner ?? null;
    const chain = r?.chain ?? [pool];
    const last = out[out.length - 1];
    const end = starts[i + 1] ?? Number.POSITIVE_INFINITY;
    if (last && last.chain.join('\u0000') === chain.join('\u0000')) last.to = end;
    else out.push({ from: t, to: end, owner, chain });
  });
  if (out.length === 1 && out[0]!.owner === null) return [];
  return out.map((p) => ({ from: Number.isFinite(p.from) ? isoDay(p.from) : null, to: Number.isFinite(p.to) ? isoDay(p.to) : null, owner: p.owner, chain: p.chain }));
}

export async function queryPoolRules(slug: string, ctx: QueryContext): Promise<PoolRulesResult> {
  const env = { NAKAMOTO_DATASETS: ctx.datasetsRoot };
  const rules = await loadRuleSet('mempool', { env, onInvalidRegex: 'literal' });
  const pool: PoolRule | undefined = rules.pools.find((p) => p.slug === slug);
  if (!pool) {
    throw new NotFoundError(`unknown pool: ${slug} (not a pool slug in the mempool rule set ${rules.version}; slugs are the lower-case letters and digits of the name, e.g. foundryusa — see /api/pools)`);
  }
  const links = await loadOwnershipLinks(undefined, { env });
  return {
    name: pool.name,
    slug: pool.slug,
    id: pool.id,
    tags: pool.tags,
    addresses: pool.addresses,
    ...(pool.link ? { link: pool.link } : {}),
    ruleSet: { kind: rules.kind, version: rules.version, file: 'bitcoin/pool-definitions-mempool/pools-v2.json' },
    ownership: { version: links.version, file: 'bitcoin/edi-mapping/legal_links.json', owners: ownerPeriods(links, pool.name) },
  };
}
