/**
 * @module The query behind `nakamoto attribution quality`: per window over all staged blocks
 * (2019-12-31 → 2025-03-08), the share of blocks unknown, named by tag vs only by payout address,
 * tag/label conflicts, and disagreement between the rule sets (tags only) and Blockchair's label.
 * Definitions in docs/control.md ("Attribution quality").
 */
import { DAY_SEC, formatDay, parseDuration } from '../../aggregate/duration.js';
import { divideWindows } from '../../aggregate/windows.js';
import { attributionQuality, type QualityRow } from '../../analysis/attribution-quality.js';
import { RULE_SET_NAMES } from '../../sources/attribution-rules/load.js';
import { loadRuleSet } from '../../sources/attribution-rules/load.js';
import { tagOnlyAttributor } from '../../attribute/tag-only.js';
import { UsageError } from '../../domain/errors.js';
import { asOfAttributor, datedTags } from '../../attribute/as-of.js';
import { loadPoolHistory, loadPoolRenames } from '../pool-renames-data.js';
import { loadTemplateBlocks } from '../template-blocks.js';
import type { QueryContext } from './context.js';

/** A time after every list version: the latest list. */
const LATEST = Date.UTC(2100, 0, 1) / 1000;

export interface QualityRequest {
  readonly window?: string;
  readonly onProgress?: (done: number, total: number, what: string) => void;
}

/** A window of `QualityRow` as JSON: days instead of seconds; every count but `blocks` becomes a share of the window's blocks; disagreement a share per compared source. */
export interface QualityWindowRow extends Omit<QualityRow, 'start' | 'end' | 'disagreements'> {
  readonly start: string;
  readonly end: string;
  /** Per compared source: share of blocks both name on which they disagree (null when none both named). */
  readonly disagree: Readonly<Record<string, number | null>>;
}

export interface QualityQueryResult {
  readonly window: string;
  readonly blocks: number;
  readonly inputs: readonly string[];
  readonly rules: readonly string[];
  readonly rows: readonly QualityWindowRow[];
  readonly total: QualityWindowRow;
  readonly topPairs: Readonly<Record<string, readonly { readonly a: string; readonly b: string; readonly blocks: number }[]>>;
  readonly definitions: readonly string[];
}

function row(r: QualityRow): QualityWindowRow {
  const share = (x: number) => (r.blocks === 0 ? 0 : x / r.blocks);
  return {
    start: formatDay(r.start),
    end: formatDay(r.end),
    blocks: r.blocks,
    unknown: share(r.unknown),
    byTag: share(r.byTag),
    byAddressOnly: share(r.byAddressOnly),
    tagLabelConflicts: share(r.tagLabelConflicts),
    blockchairUnknown: share(r.blockchairUnknown),
    relabelledByLaterRules: share(r.relabelledByLaterRules),
    disagree: Object.fromEntries([...r.disagreements].map(([n, [both, dis]]) => [n, both === 0 ? null : dis / both])),
  };
}

export async function queryAttributionQuality(q: QualityRequest, ctx: QueryContext): Promise<QualityQueryResult> {
  const text = q.window ?? '1m';
  const size = parseDuration(text, 'window');
  if (size.unit === 'block') throw new UsageError(`invalid window: ${text} (attribution quality takes a time window, e.g. 1m or 1y)`);
  const blocks = await loadTemplateBlocks(ctx.datasetsRoot);
  const renames = await loadPoolRenames(ctx.datasetsRoot);
  const n = blocks.heights.length;
  const tagOnly = new Map<string, (string | null)[]>();
  const rules: string[] = [];
  let done = 0;
  for (const name of RULE_SET_NAMES) {
    const rs = await loadRuleSet(name, { env: { NAKAMOTO_DATASETS: ctx.datasetsRoot } });
    rules.push(`${name} ${rs.version} (tags only)`);
    const f = tagOnlyAttributor(rs);
    const out: (string | null)[] = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      out[i] = f(blocks.scriptSigHex[i]!).name;
      if (++done % 25000 === 0) q.onProgress?.(done, n * RULE_SET_NAMES.length, `attributing with ${name}`);
    }
    tagOnly.set(name, out);
  }
  // bitcoin-data's list as it stood at each block's date (--rules-as-of block), from the pool-list history.
  const asOf = asOfAttributor(datedTags(await loadPoolHistory(ctx.datasetsRoot)));
  const atBlock = Array.from(blocks.scriptSigHex, (h, i) => asOf(h, blocks.timeSec[i]!));
  const latest = Array.from(blocks.scriptSigHex, (h) => asOf(h, LATEST));
  q.onProgress?.(n * RULE_SET_NAMES.length, n * RULE_SET_NAMES.length, 'done');
  const reference = Array.from(blocks.pool, (p) => (blocks.pools[p] === 'unknown' ? null : blocks.pools[p]!));
  const blockchair = blocks.blockchairMiner.map((m) => (m === '' || m === 'Unknown' ? null : m));
  const first = blocks.timeSec[0]!;
  const anchorDate = new Date(first * 1000);
  // Calendar-aligned: years start in January, other month windows on the 1st, day windows on the first block's day.
  const anchor = Date.UTC(anchorDate.getUTCFullYear(), size.unit === 'month' && size.n % 12 === 0 ? 0 : anchorDate.getUTCMonth(), size.unit === 'month' ? 1 : anchorDate.getUTCDate()) / 1000;
  const end = Math.floor(blocks.timeSec[n - 1]! / DAY_SEC) * DAY_SEC + DAY_SEC;
  const windows = divideWindows({ size, step: size, anchor, partial: true }, anchor, end);
  const r = attributionQuality({ timeSec: blocks.timeSec, reference, tagOnly, blockchair, asOf: { atBlock, latest } }, windows, renames, 'mempool');
  return {
    window: text,
    blocks: r.total.blocks,
    inputs: blocks.inputs,
    rules,
    rows: r.rows.map(row),
    total: row(r.total),
    topPairs: Object.fromEntries([...r.topPairs].map(([k, v]) => [k, v.map(([a, b, c]) => ({ a, b, blocks: c }))])),
    definitions: [
      'reference = the per-block attribution (mempool.space rules with tags and payout addresses; v1 label, v2 where v1 has none)',
      'unknown = reference label unknown; by tag = a mempool tag matches the raw scriptSig; by address only = reference names a pool but no tag matches',
      'tag ≠ label = a mempool tag names one pool and the reference another',
      'relabelled by later rules = the pool-list history’s latest tags name the block otherwise than the tags listed at the block’s date (same matcher: longest listed substring; --rules-as-of block)',
      'disagree: bitcoin-data and edi (tags only) vs mempool tags; blockchair = Blockchair’s guessed_miner vs the reference; share of blocks both name; names compared normalised (case, punctuation, trailing "pool", renames from the pool-list history)',
      `first and last windows can be partial (data ${formatDay(first)} → ${formatDay(blocks.timeSec[n - 1]!)})`,
    ],
  };
}
