/**
 * @module Attribution of synced chain blocks and its upkeep: attribution ↔ stored record, rule-set
 * snapshots (so that a later rule version can be diffed against the one that made the stored
 * labels), and relabelling from the stored coinbases — only blocks that `needsReattribution`
 * flags are re-attributed after a rule change; blocks without a label under this source get one.
 */
import { attributeBlock, diffRuleSets, needsReattribution, type Attribution, type RuleSet, type RuleSetDiff } from '../attribute/index.js';
import type { CoinbaseInfo } from '../domain/block.js';
import { RuleError } from '../domain/errors.js';
import type { ChainAttributionRecord, ChainWriteMeta, Store, StoredChainLabel } from '../store/store.js';

/** Label stored in block_labels: the pool's mempool-style slug (`unknown` when nothing matched). */
export function recordOf(a: Attribution, height: number): ChainAttributionRecord {
  return {
    height,
    label: a.pool.slug,
    poolId: a.pool.id,
    poolName: a.pool.name,
    poolSlug: a.pool.slug,
    method: a.method,
    matchedRule: a.matchedRule,
    matches: a.matches.map((m) => ({ slug: m.pool.slug, name: m.pool.name, method: m.method, rule: m.rule })),
  };
}

/** The stored record as the Attribution `needsReattribution` reads (pool, method, rule, matches, version). */
export function attributionOf(r: ChainAttributionRecord, ruleSet: { kind: RuleSet['kind']; version: string }): Attribution {
  return {
    height: r.height,
    pool: { id: r.poolId, name: r.poolName, slug: r.poolSlug },
    entity: { name: r.poolName, slug: r.poolSlug, level: 'entity' },
    method: r.method as Attribution['method'],
    entityMethod: r.method as Attribution['method'],
    matchedRule: r.matchedRule,
    ruleSet,
    ownershipVersion: null,
    matches: r.matches.map((m) => ({ pool: { id: null, name: m.name, slug: m.slug }, method: m.method, rule: m.rule })),
  };
}

/** JSON of what diffRuleSets reads from a rule set. */
export function ruleSnapshot(rs: RuleSet): string {
  const pools = rs.pools.map((p) => ({ id: p.id, name: p.name, slug: p.slug, tags: p.tags, addresses: p.addresses }));
  if (rs.kind !== 'edi') return JSON.stringify({ kind: rs.kind, version: rs.version, pools });
  return JSON.stringify({ kind: rs.kind, version: rs.version, pools, identifiers: rs.identifiers, knownAddresses: [...rs.knownAddresses], ownership: rs.ownership });
}

/** A rule set rebuilt from its snapshot: good for diffing, not for matching (no compiled patterns). */
export function ruleSetFromSnapshot(json: string): RuleSet {
  const s = JSON.parse(json) as { kind: RuleSet['kind']; version: string; pools: RuleSet['pools']; identifiers?: unknown; knownAddresses?: [string, string][]; ownership?: unknown };
  const base = { version: s.version, files: [], pools: s.pools, warnings: [] };
  if (s.kind === 'edi') {
    return { ...base, kind: 'edi', identifiers: s.identifiers as never, knownAddresses: new Map(s.knownAddresses ?? []), ownership: (s.ownership ?? null) as never };
  }
  return { ...base, kind: s.kind, patterns: s.pools.map((p) => p.tags) };
}

export function coinbaseOf(row: Pick<StoredChainLabel, 'height' | 'timeSec' | 'scriptSigHex' | 'payoutAddresses'>): CoinbaseInfo {
  return { height: row.height, timeSec: row.timeSec, scriptSigHex: row.scriptSigHex, payoutAddresses: row.payoutAddresses };
}

export interface RelabelResult {
  /** Stored chain blocks without a label under the current rules (the others are not read). */
  readonly checked: number;
  /** Blocks that had no label under this source and got one. */
  readonly added: number;
  /** Blocks attributed again because the rule change may affect them. */
  readonly reattributed: number;
  /** Of those, how many got a different label. */
  readonly changed: number;
  /** Blocks whose attribution provably stands under the new rules (version bumped, no matching). */
  readonly carried: number;
  readonly ingestId: number | null;
}

const CHUNK = 20_000;

/**
 * Bring every stored chain block's label under `meta.source` to `rs`: label the unlabelled, and
 * after a rule-set change re-attribute exactly the blocks `needsReattribution` flags (all of them
 * when the old rules are unknown or of another kind). Each chunk is one transaction.
 */
export async function relabelStoredBlocks(
  store: Store,
  rs: RuleSet,
  meta: Omit<ChainWriteMeta, 'kind' | 'rulesVersion'>,
  onProgress?: (done: number, total: number) => void,
): Promise<RelabelResult> {
  const rows = await store.readChainLabels(meta.source, rs.version);
  const diffs = new Map<string, RuleSetDiff | null>();
  for (const v of new Set(rows.map((r) => r.rulesVersion).filter((v): v is string => v !== null && v !== rs.version))) {
    const snap = await store.readRuleSnapshot(v);
    let diff: RuleSetDiff | null = null;
    if (snap) {
      try {
        diff = diffRuleSets(ruleSetFromSnapshot(snap.snapshot), rs);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
      }
    }
    diffs.set(v, diff);
  }
  let [added, reattributed, changed, carried] = [0, 0, 0, 0];
  let ingestId: number | null = null;
  const pending: ChainAttributionRecord[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const w = await store.writeChainAttributions(pending, { ...meta, kind: 'chain-reattribute', rulesVersion: rs.version, ...(ingestId === null ? {} : { ingestId }) });
    ingestId = w.ingestId;
    pending.length = 0;
  };
  let done = 0;
  for (const row of rows) {
    done++;
    if (row.attribution !== null && row.rulesVersion === rs.version) continue;
    const old = row.attribution;
    const diff = old === null ? null : diffs.get(row.rulesVersion!) ?? null;
    if (old !== null && diff !== null && !needsReattribution(attributionOf(old, diff.from), diff)) {
      pending.push(old);
      carried++;
    } else {
      const rec = recordOf(attributeBlock(coinbaseOf(row), rs, { input: `${meta.input} block ${row.height}` }), row.height);
      pending.push(rec);
      if (old === null) added++;
      else {
        reattributed++;
        if (old.label !== rec.label) changed++;
      }
    }
    if (pending.length >= CHUNK) {
      await flush();
      onProgress?.(done, rows.length);
    }
  }
  await flush();
  return { checked: rows.length, added, reattributed, changed, carried, ingestId };
}
