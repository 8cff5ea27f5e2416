/**
 * @module The query behind `nakamoto groups`: template families of Bitcoin pools in one window
 * (members, combined share with a 95 % Wilson interval, per-link evidence, first/last block),
 * dated ownership links beside them, how many entities held a majority at pool and at template
 * level, and how far the families agree with the stratum-job evidence. `history` adds monthly
 * membership changes (joins and leaves). Method: docs/control.md.
 */
import { join } from 'node:path';
import { DAY_SEC, formatDay, parseDate, parseDuration } from '../../aggregate/duration.js';
import { familyAgreement, sameTemplateGroups, type Agreement, type TemplateGroup } from '../../analysis/template-evidence.js';
import { membershipEvents, templateFamilies, DEFAULT_FAMILY_OPTIONS, memberSince, type Family, type FamilyLink, type FamilyOptions, type MembershipEvent } from '../../analysis/template-families.js';
import { ownerAt } from '../../attribute/ownership/resolve.js';
import { coinbaseOutputsFromHex, payoutShape } from '../../decode/bitcoin/payout-fingerprint.js';
import { loadOwnershipLinks } from '../../sources/attribution-rules/load.js';
import { UsageError } from '../../domain/errors.js';
import { readBytes } from '../../sources/files/read-file.js';
import { mempoolSlug } from '../../sources/datasets/pool-display-names.js';
import { readStratumJobs } from '../../sources/datasets/stratum-jobs.js';
import { poolName } from '../pool-names.js';
import { loadPoolRenames } from '../pool-renames-data.js';
import { loadTemplateBlocks } from '../template-blocks.js';
import { TEMPLATE_WINDOW_DAYS, templateAssignment } from '../template-level.js';
import type { QueryContext } from './context.js';

export const STRATUM_JOBS_FILE = 'bitcoin/stratum-jobs-2025-04/tx01_ws_stratum_jobs.json';
const MEMPOOL_POOLS_FILE = 'bitcoin/pool-definitions-mempool/pools-v2.json';

export interface GroupsRequest {
  readonly window?: string;
  readonly at?: string;
  readonly history?: boolean;
  /** A stratum-jobs file to compare with ('none' to skip); default: the staged 2025-04 jobs. */
  readonly stratum?: string;
  readonly minBlocks?: number;
  readonly minOverlap?: number;
  readonly minKappa?: number;
}

export interface LinkRow {
  readonly a: string;
  readonly b: string;
  readonly blocksA: number;
  readonly blocksB: number;
  readonly overlap: number;
  readonly chance: number;
  readonly kappa: number;
  /** Features that agree: the shared fingerprints with each pool's share, e.g. `p1 T g= M16/0 t12 v20000000 (96% / 98%)`. */
  readonly agree: string;
  readonly first: { readonly height: number; readonly date: string };
  readonly last: { readonly height: number; readonly date: string };
}

export interface GroupRow {
  readonly group: string;
  readonly members: readonly {
    readonly pool: string;
    readonly slug: string;
    readonly blocks: number;
    readonly fingerprint: string;
    readonly fingerprintShare: number;
    readonly owner: string | null;
    /** Month since which this member has been in one family with the lead member without a break (monthly families), or null. */
    readonly since: string | null;
  }[];
  readonly blocks: number;
  readonly share: number;
  readonly shareLow: number;
  readonly shareHigh: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** The second-largest member's `since`: since when the family has had its two largest members together. */
  readonly since: string | null;
  /** Every link (pairs of members that pass the thresholds). */
  readonly links: readonly LinkRow[];
  /** One strongest link per non-lead member, to the lead if linked, else its best link: evidence enough to connect the family. */
  readonly spanning: readonly LinkRow[];
}

export interface MajorityCount {
  /** Smallest number of entities whose blocks together exceed half the window's blocks. */
  readonly entities: number;
  readonly names: readonly string[];
  readonly share: number;
}

export interface StratumComparison extends Agreement {
  readonly input: string;
  /** Per pool (block-window slug), the payout structure of its job's coinbase (docs/control.md), when the file has coinbases. */
  readonly payouts: Readonly<Record<string, string>>;
  readonly height: number;
  readonly receivedAt: string;
  readonly templates: readonly TemplateGroup[];
}

export interface GroupsResult {
  readonly window: { readonly start: string; readonly end: string; readonly endExclusive: true };
  readonly blocks: number;
  readonly method: FamilyOptions & { readonly similarity: string; readonly chance: string; readonly features: string; readonly doc: string };
  readonly provenance: { readonly inputs: readonly string[]; readonly ownership: string };
  readonly groups: readonly GroupRow[];
  readonly alone: readonly { readonly pool: string; readonly slug: string; readonly blocks: number; readonly share: number; readonly owner: string | null }[];
  readonly majority: { readonly pool: MajorityCount; readonly template: MajorityCount };
  readonly stratum: StratumComparison | null;
  readonly history: readonly { readonly month: string; readonly pool: string; readonly event: string; readonly family: string }[] | null;
  /** With `history`: per month in the window, how many pools and how many template-level entities held a majority (families over the 91 days ending with the month). */
  readonly majorityByMonth: readonly { readonly month: string; readonly pools: number; readonly templates: number; readonly top: string; readonly topShare: number }[] | null;
  readonly summary: string;
}

/** Wilson score interval for k of n at 95 %. */
export function wilson(k: number, n: number, z = 1.959964): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

function majority(entities: readonly { name: string; blocks: number }[], total: number): MajorityCount {
  const sorted = [...entities].sort((a, b) => b.blocks - a.blocks);
  let s = 0;
  const names: string[] = [];
  for (const e of sorted) {
    s += e.blocks;
    names.push(e.name);
    if (s * 2 > total) break;
  }
  return { entities: names.length, names, share: total === 0 ? 0 : s / total };
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

function linkRow(l: FamilyLink): LinkRow {
  return {
    a: poolName(l.a),
    b: poolName(l.b),
    blocksA: l.blocksA,
    blocksB: l.blocksB,
    overlap: l.overlap,
    chance: l.chance,
    kappa: l.kappa,
    agree: l.shared
      .filter((s) => Math.min(s.shareA, s.shareB) >= 0.02)
      .slice(0, 3)
      .map((s) => `${s.layout} (${pct(s.shareA)} / ${pct(s.shareB)})`)
      .join('; '),
    first: { height: l.first.height, date: formatDay(l.first.timeSec) },
    last: { height: l.last.height, date: formatDay(l.last.timeSec) },
  };
}

function windowStart(end: number, size: ReturnType<typeof parseDuration>): number {
  if (size.unit === 'day') return end - size.n * DAY_SEC;
  const d = new Date(end * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - size.n, d.getUTCDate()) / 1000;
}

async function mempoolIdSlugs(root: string): Promise<Map<string, string>> {
  const raw = JSON.parse((await readBytes(join(root, MEMPOOL_POOLS_FILE))).toString('utf8')) as { id: number; name: string }[];
  return new Map(raw.map((p) => [String(p.id), mempoolSlug(p.name)]));
}

async function compareStratum(path: string, shown: string, root: string, w: { families: readonly Family[]; totals: ReadonlyMap<string, number> }): Promise<StratumComparison> {
  const file = await readStratumJobs(path);
  const ids = file.format === 'mempool-ws' ? await mempoolIdSlugs(root) : new Map<string, string>();
  const classes = await loadPoolRenames(root);
  const canon = (slug: string) => classes.get(slug) ?? slug;
  // A stratum pool → the label the block window uses for it (same slug, or a renamed slug of the same pool).
  const windowLabel = new Map<string, string>();
  for (const [label, n] of w.totals) {
    const c = canon(label);
    const cur = windowLabel.get(c);
    if (cur === undefined || n > w.totals.get(cur)!) windowLabel.set(c, label);
  }
  const slugOf = (pool: string) => canon(ids.get(pool) ?? mempoolSlug(pool));
  const jobs = file.jobs.map((j) => ({ ...j, pool: slugOf(j.pool) }));
  const templates = sameTemplateGroups(jobs);
  const famOf = new Map<string, string>();
  for (const f of w.families) for (const m of f.members) famOf.set(m.pool, f.name);
  const agreement = familyAgreement(
    templates,
    (p) => {
      const l = windowLabel.get(p);
      return l === undefined ? undefined : famOf.get(l);
    },
    (p) => windowLabel.has(p),
  );
  const height = Math.max(...templates.map((t) => t.height));
  const received = Math.max(...file.jobs.filter((j) => j.height === height).map((j) => j.receivedSec));
  const payouts: Record<string, string> = {};
  for (const j of jobs) {
    if (j.height !== height || j.coinbaseHex === null) continue;
    try {
      payouts[j.pool] = payoutShape(coinbaseOutputsFromHex(j.coinbaseHex, `${shown} [${j.pool}.coinbase]`)).key;
    } catch {
      payouts[j.pool] = 'undecodable coinbase';
    }
  }
  return { ...agreement, payouts, input: shown, height, receivedAt: new Date(received * 1000).toISOString().slice(0, 19) + 'Z', templates: templates.filter((t) => t.height === height) };
}

const month = (t: number | null) => (t === null ? null : formatDay(t).slice(0, 7));

function spanningLinks(f: Family): FamilyLink[] {
  return f.members.slice(1).map((m) => {
    const mine = f.links.filter((l) => l.a === m.pool || l.b === m.pool);
    const toLead = mine.find((l) => l.a === f.name || l.b === f.name);
    return toLead ?? mine.reduce((x, y) => (y.kappa > x.kappa ? y : x));
  });
}

export async function queryGroups(q: GroupsRequest, ctx: QueryContext): Promise<GroupsResult> {
  const text = q.window ?? '1y';
  const size = parseDuration(text, 'window');
  if (size.unit === 'block') throw new UsageError(`invalid window: ${text} (groups takes a time window, e.g. 1y or 90d)`);
  const check = (v: number | undefined, what: string, lo: number, hi: number) => {
    if (v !== undefined && !(Number.isFinite(v) && v >= lo && v <= hi)) throw new UsageError(`invalid ${what}: ${v} (expected ${lo}–${hi})`);
  };
  check(q.minBlocks, '--min-blocks', 1, 1e7);
  check(q.minOverlap, '--min-overlap', 0, 1);
  check(q.minKappa, '--min-kappa', 0, 1);
  const blocks = await loadTemplateBlocks(ctx.datasetsRoot);
  const dataStart = blocks.timeSec[0]!;
  const dataEnd = blocks.timeSec[blocks.timeSec.length - 1]!;
  const end = q.at !== undefined ? parseDate(q.at, '--at') + DAY_SEC : Math.floor(dataEnd / DAY_SEC) * DAY_SEC;
  const start = windowStart(end, size);
  if (start < Math.floor(dataStart / DAY_SEC) * DAY_SEC || end > Math.ceil(dataEnd / DAY_SEC) * DAY_SEC) {
    throw new UsageError(`window ${formatDay(start)} → ${formatDay(end - DAY_SEC)} is outside the scriptSig data (${formatDay(dataStart)} → ${formatDay(dataEnd)})`);
  }
  const options: FamilyOptions = {
    ...DEFAULT_FAMILY_OPTIONS,
    ...(q.minBlocks !== undefined ? { minBlocks: q.minBlocks } : {}),
    ...(q.minOverlap !== undefined ? { minOverlap: q.minOverlap } : {}),
    ...(q.minKappa !== undefined ? { minKappa: q.minKappa } : {}),
  };
  const w = templateFamilies(blocks, start, end, options);
  const links = await loadOwnershipLinks(undefined, { env: { NAKAMOTO_DATASETS: ctx.datasetsRoot } });
  const owner = (slug: string) => ownerAt(links, poolName(slug), end - 1)?.owner ?? null;
  const totals = new Map<string, number>();
  for (const f of w.families) for (const m of f.members) totals.set(m.pool, m.blocks);
  for (const a of w.alone) totals.set(a.pool, a.blocks);
  const { assignment, windows: monthly } = templateAssignment(blocks, TEMPLATE_WINDOW_DAYS, options);
  const groups: GroupRow[] = w.families.map((f) => {
    const [lo, hi] = wilson(f.blocks, w.blocks);
    const first = Math.min(...f.links.map((l) => l.first.timeSec));
    const last = Math.max(...f.links.map((l) => l.last.timeSec));
    return {
      group: `${poolName(f.name)} family`,
      members: f.members.map((m) => ({
        pool: poolName(m.pool),
        slug: m.pool,
        blocks: m.blocks,
        fingerprint: m.layout,
        fingerprintShare: m.layoutShare,
        owner: owner(m.pool),
        since: m.pool === f.name ? null : month(memberSince(assignment, m.pool, f.name, end - 1)),
      })),
      blocks: f.blocks,
      share: f.blocks / w.blocks,
      shareLow: lo,
      shareHigh: hi,
      firstSeen: formatDay(first),
      lastSeen: formatDay(last),
      since: f.members.length > 1 ? month(memberSince(assignment, f.members[1]!.pool, f.name, end - 1)) : null,
      links: f.links.map(linkRow),
      spanning: spanningLinks(f).map(linkRow),
    };
  });
  const alone = w.alone.map((a) => ({ pool: poolName(a.pool), slug: a.pool, blocks: a.blocks, share: a.blocks / w.blocks, owner: owner(a.pool) }));
  const poolLevel = majority([...totals].map(([p, n]) => ({ name: poolName(p), blocks: n })), w.blocks);
  const templateLevel = majority([...groups.map((g) => ({ name: g.group, blocks: g.blocks })), ...alone.map((a) => ({ name: a.pool, blocks: a.blocks }))], w.blocks);
  const stratumPath = q.stratum === 'none' ? null : (q.stratum ?? join(ctx.datasetsRoot, STRATUM_JOBS_FILE));
  const stratum = stratumPath === null ? null : await compareStratum(stratumPath, q.stratum ?? `datasets/${STRATUM_JOBS_FILE}`, ctx.datasetsRoot, { families: w.families, totals });
  let history: GroupsResult['history'] = null;
  let majorityByMonth: GroupsResult['majorityByMonth'] = null;
  if (q.history) {
    majorityByMonth = monthly
      .map((mw, i) => ({ mw, at: assignment.startSec[i]! }))
      .filter(({ at }) => at >= start && at < end)
      .map(({ mw, at }) => {
        const pools = [...mw.families.flatMap((f) => f.members.map((m) => ({ name: m.pool, blocks: m.blocks }))), ...mw.alone.map((a) => ({ name: a.pool, blocks: a.blocks }))];
        const tmpl = [...mw.families.map((f) => ({ name: `${poolName(f.name)} family`, blocks: f.blocks })), ...mw.alone.map((a) => ({ name: poolName(a.pool), blocks: a.blocks }))];
        const p = majority(pools, mw.blocks);
        const t = majority(tmpl, mw.blocks);
        return { month: formatDay(at).slice(0, 7), pools: p.entities, templates: t.entities, top: t.names.join(' + '), topShare: t.share };
      });
    const events: MembershipEvent[] = membershipEvents(assignment).filter((e) => e.atSec >= start && e.atSec < end);
    history = events.map((e) => ({ month: formatDay(e.atSec).slice(0, 7), pool: poolName(e.pool), event: e.kind, family: `${poolName(e.family)} family` }));
  }
  const summary =
    `${formatDay(start)} → ${formatDay(end - DAY_SEC)} (${text}): ${w.blocks} blocks; ${groups.length} template families of 2+ pools; ` +
    `majority held by ${poolLevel.entities} pools, ${templateLevel.entities} template-level entities (${templateLevel.names.join(', ')}: ${pct(templateLevel.share)})`;
  return {
    window: { start: formatDay(start), end: formatDay(end), endExclusive: true },
    blocks: w.blocks,
    method: {
      ...options,
      features: 'coinbase scriptSig layout (tag text removed: height push, tag position, gap to the merged-mining commitment, its merkle size/nonce, extranonce bytes after it) + template header version (rollable bits 13–28 cleared)',
      similarity: 'overlap of the two pools’ fingerprint distributions, Σ min(pA, pB)',
      chance: 'overlap of each pool with the typical other pool (mean distribution of every other qualifying pool); κ = (overlap − chance)/(1 − chance)',
      doc: 'docs/control.md',
    },
    provenance: { inputs: blocks.inputs, ownership: `dated ownership links ${links.version} (EDI legal_links.json), at ${formatDay(end - DAY_SEC)}` },
    groups,
    alone,
    majority: { pool: poolLevel, template: templateLevel },
    stratum,
    history,
    majorityByMonth,
    summary,
  };
}
