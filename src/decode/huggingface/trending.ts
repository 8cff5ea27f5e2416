/**
 * @module Hugging Face "trending" snapshots: the Hub's trending list of models at one time, ranked.
 * Two shapes: the derived CSV of ai/hf-trending-snapshots-2026 (one row per model per snapshot:
 * snapshot_utc, commit, trending_rank, model_id, author, author_type, downloads_30d, …) and the raw
 * `trending_cache.json` the scraper wrote (`{ "<model id>": { repoData: { author, downloads, … },
 * repoType } }`, in rank order), which carries no time: its time must come from the file name
 * (`trending_cache_<YYYYMMDDTHHMMSSZ>_<commit>.json`) or the caller. Checks: ranks 1..n without
 * gaps or repeats per snapshot, one row per model per snapshot, `author` = the model id's namespace,
 * whole non-negative download counts, UTC times. Errors name file, line (or JSON key) and column.
 */
import { DecodeError } from '../../domain/errors.js';
import { parseCsv, requireColumns } from '../csv/csv.js';

export interface TrendingModel {
  readonly rank: number;
  readonly id: string;
  readonly author: string;
  /** The Hub's rolling 30-day download count inside the trending response (null when absent). */
  readonly downloads30d: number | null;
}

export interface TrendingSnapshot {
  /** Observation time, UTC seconds. */
  readonly timeSec: number;
  /** Commit of the scraper's repository that saved it (null when unknown). */
  readonly commit: string | null;
  readonly models: readonly TrendingModel[];
}

export const TRENDING_CSV_COLUMNS = ['snapshot_utc', 'commit', 'trending_rank', 'model_id', 'author', 'downloads_30d'] as const;

const UTC_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** True when a CSV header is the trending shape. */
export function isTrendingHeader(header: readonly string[]): boolean {
  return TRENDING_CSV_COLUMNS.every((c) => header.includes(c));
}

function checkRanks(s: TrendingSnapshot, input: string, lineOf: (rank: number) => number | undefined): void {
  const ranks = s.models.map((m) => m.rank).sort((a, b) => a - b);
  ranks.forEach((r, i) => {
    if (r !== i + 1) throw new DecodeError({ input, line: lineOf(r), field: 'trending_rank' }, `snapshot ${new Date(s.timeSec * 1000).toISOString()}: ranks must be 1..${ranks.length} once each, found ${ranks.join(',')}`);
  });
  const ids = new Set<string>();
  for (const m of s.models) {
    if (ids.has(m.id)) throw new DecodeError({ input, line: lineOf(m.rank), field: 'model_id' }, `model ${m.id} twice in one snapshot`);
    ids.add(m.id);
  }
}

function modelFields(id: string, author: string, downloads: unknown, fail: (field: string, reason: string) => never): { id: string; author: string; downloads30d: number | null } {
  if (!/^[^/\s]+\/[^/\s]+$/.test(id)) fail('model_id', `not a namespace/name model id: ${JSON.stringify(id)}`);
  if (author !== id.slice(0, id.indexOf('/'))) fail('author', `author ${JSON.stringify(author)} is not the namespace of ${id}`);
  let d: number | null = null;
  if (downloads !== '' && downloads !== null && downloads !== undefined) {
    const n = typeof downloads === 'number' ? downloads : typeof downloads === 'string' && /^\d+$/.test(downloads.trim()) ? Number(downloads) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) fail('downloads_30d', `not a download count: ${JSON.stringify(downloads)}`);
    d = n;
  }
  return { id, author, downloads30d: d };
}

/** Parse the derived trending CSV into snapshots in time order. */
export function parseTrendingCsv(text: string, input: string): TrendingSnapshot[] {
  const table = parseCsv(text, input);
  const c = requireColumns(table, TRENDING_CSV_COLUMNS);
  const byTime = new Map<number, { commit: string | null; models: TrendingModel[]; lines: Map<number, number> }>();
  table.rows.forEach((r, i) => {
    const line = table.lines[i];
    const fail = (field: string, reason: string): never => {
      throw new DecodeError({ input, line, field }, reason);
    };
    const t = (r[c.snapshot_utc] ?? '').trim();
    if (t === '') fail('snapshot_utc', 'snapshot without a time');
    const ms = UTC_RE.test(t) ? Date.parse(t) : NaN;
    if (!Number.isFinite(ms)) fail('snapshot_utc', `invalid UTC time ${JSON.stringify(t)} (expected YYYY-MM-DDTHH:MM:SSZ)`);
    const rankText = (r[c.trending_rank] ?? '').trim();
    if (!/^\d+$/.test(rankText) || Number(rankText) < 1) fail('trending_rank', `not a rank ≥ 1: ${JSON.stringify(rankText)}`);
    const m = modelFields((r[c.model_id] ?? '').trim(), (r[c.author] ?? '').trim(), (r[c.downloads_30d] ?? '').trim(), fail);
    const commit = (r[c.commit] ?? '').trim() || null;
    const timeSec = ms / 1000;
    let s = byTime.get(timeSec);
    if (!s) byTime.set(timeSec, (s = { commit, models: [], lines: new Map() }));
    else if (s.commit !== commit) fail('commit', `snapshot ${t} has two commits (${s.commit ?? ''}, ${commit ?? ''})`);
    s.models.push({ rank: Number(rankText), ...m });
    s.lines.set(Number(rankText), line ?? 0);
  });
  if (byTime.size === 0) throw new DecodeError({ input, line: 2 }, 'no trending rows');
  const out = [...byTime].sort((a, b) => a[0] - b[0]).map(([timeSec, s]) => {
    const snap: TrendingSnapshot = { timeSec, commit: s.commit, models: s.models.sort((a, b) => a.rank - b.rank) };
    checkRanks(snap, input, (rank) => s.lines.get(rank));
    return snap;
  });
  return out;
}

/** The time in a raw cache file name (`trending_cache_20260302T121714Z_a2da61b4fe.json`), or null. */
export function trendingTimeFromName(name: string): { timeSec: number; commit: string | null } | null {
  const m = /(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:_([0-9a-f]{7,40}))?/.exec(name);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isFinite(ms) ? { timeSec: ms / 1000, commit: m[7] ?? null } : null;
}

/** True when a parsed JSON document looks like a raw trending cache (model id → { repoData, repoType }). */
export function isTrendingCache(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const values = Object.values(doc as Record<string, unknown>);
  return values.length > 0 && values.every((v) => typeof v === 'object' && v !== null && 'repoData' in v && 'repoType' in v);
}

/** One raw trending cache (key order = rank order); models only (repoType "model"). */
export function parseTrendingCache(doc: unknown, input: string, time: { timeSec: number; commit: string | null } | null): TrendingSnapshot {
  if (time === null) throw new DecodeError({ input, field: '(file name)' }, 'snapshot without a time: the raw trending cache has none; keep its time in the file name (trending_cache_<YYYYMMDDTHHMMSSZ>_<commit>.json)');
  if (!isTrendingCache(doc)) throw new DecodeError({ input, field: '(root)' }, 'not a trending cache: expected { "<model id>": { "repoData": …, "repoType": … } }');
  const models: TrendingModel[] = [];
  for (const [key, v] of Object.entries(doc as Record<string, { repoData?: Record<string, unknown>; repoType?: unknown }>)) {
    if (v.repoType !== 'model') continue;
    const fail = (field: string, reason: string): never => {
      throw new DecodeError({ input, field: `${key}.repoData.${field === 'downloads_30d' ? 'downloads' : field}` }, reason);
    };
    const rd = v.repoData ?? {};
    const author = typeof rd.author === 'string' ? rd.author : fail('author', `expected a string, found ${JSON.stringify(rd.author)}`);
    models.push({ rank: models.length + 1, ...modelFields(key, author, rd.downloads, fail) });
  }
  if (models.length === 0) throw new DecodeError({ input, field: '(root)' }, 'no models in the trending cache');
  return { timeSec: time.timeSec, commit: time.commit, models };
}

/** One snapshot back to the CSV shape (the body the store keeps; parseTrendingCsv reads it). */
export function formatTrendingCsv(s: TrendingSnapshot): string {
  const t = new Date(s.timeSec * 1000).toISOString().replace('.000Z', 'Z');
  const lines = s.models.map((m) => [t, s.commit ?? '', m.rank, m.id, m.author, m.downloads30d ?? ''].join(','));
  return [TRENDING_CSV_COLUMNS.join(','), ...lines].join('\n') + '\n';
}
