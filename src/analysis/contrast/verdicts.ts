/**
 * @module Verdicts on the seed's three headline claims, per Bitcoin level and per AI lens:
 *   "Bitcoin mining is centralising"   — holds when HHI rises (Mann–Kendall, Hamed–Rao, p < 0.05),
 *                                        fails when it falls, else not settled;
 *   "AI is decentralising"             — holds when HHI falls, fails when it rises, else not settled;
 *   "AI networks stay more distributed than Bitcoin mining" — the AI lens's latest HHI against each
 *                                        comparable Bitcoin level's (same axis: control or country):
 *                                        holds when below the Bitcoin value's interval at every level,
 *                                        fails when above at every level, else not settled.
 * Each verdict carries the evidence line that decides it and, when not settled, what data would.
 * Pure: works on the summarised rows.
 */
import type { Trend } from '../trend/trend.js';
import type { ContrastRow } from './series-summary.js';

export type Verdict = 'holds' | 'fails' | 'not settled';

export interface HeadlineVerdict {
  readonly claim: string;
  /** Key of the row the verdict is about. */
  readonly series: string;
  readonly label: string;
  readonly verdict: Verdict;
  readonly evidence: string;
  /** What data would settle it (null when settled). */
  readonly needs: string | null;
}

export const CLAIM_BTC = 'Bitcoin mining is centralising';
export const CLAIM_AI = 'AI is decentralising';
export const CLAIM_GAP = 'AI networks stay more distributed than Bitcoin mining';

/** Which comparison a row belongs to: control (pools, owners, templates, organisations) or country. */
export type Axis = 'control' | 'country';

const day = (t: number | null) => (t === null ? '–' : new Date(t * 1000).toISOString().slice(0, 10));
const signed = (x: number, d = 0) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(d)}`;
const WINDOW_WORD: Record<string, string> = { '1m': 'month', '1q': 'quarter', '1y': 'year' };

export function rowLabel(r: ContrastRow): string {
  return `${r.world === 'bitcoin' ? 'Bitcoin' : 'AI'} · ${r.lens}`;
}

/** "HHI per month 2020-01-01 → 2026-03-01 (75 windows): Theil–Sen +41/yr [−3, +90]; Mann–Kendall S = 812, Hamed–Rao p = 0.012 → rising". */
export function trendEvidence(r: ContrastRow): string {
  const main = trendLine(r.trend, WINDOW_WORD[r.trend.window] ?? r.trend.window);
  const q = r.recent;
  if (!q || q.direction === 'too short') return main;
  const p = q.p! < 0.001 ? q.p!.toExponential(1) : q.p!.toFixed(3);
  return `${main}; last ${q.n} windows alone (${day(q.from)} → ${day(q.to)}): Theil–Sen ${signed(q.slopePerYear!)}/yr [${signed(q.slopeLo!)}, ${signed(q.slopeHi!)}], p = ${p} → ${q.direction}`;
}

function trendLine(t: Trend, per: string): string {
  if (t.direction === 'too short') return `HHI per ${per}: ${t.n} window(s) with data${t.n ? ` (${day(t.from)} → ${day(t.to)})` : ''} — too few for a trend test (needs 5)`;
  const p = t.p! < 0.001 ? t.p!.toExponential(1) : t.p!.toFixed(3);
  return `HHI per ${per}, ${day(t.from)} → ${day(t.to)} (${t.n} windows): Theil–Sen ${signed(t.slopePerYear!)}/yr [${signed(t.slopeLo!)}, ${signed(t.slopeHi!)}]; Mann–Kendall S = ${t.s}, Hamed–Rao p = ${p} → ${t.direction}`;
}

function trendVerdict(claim: string, r: ContrastRow, centralising: boolean): HeadlineVerdict {
  const base = { claim, series: r.key, label: rowLabel(r) };
  if (r.unavailable) return { ...base, verdict: 'not settled', evidence: `no data: ${r.unavailable}`, needs: `the dataset behind ${r.distribution}` };
  const t = r.trend;
  const evidence = trendEvidence(r);
  if (t.direction === 'too short') {
    return { ...base, verdict: 'not settled', evidence, needs: `a time series: at least 5 dated snapshots of ${r.distribution} (only ${t.n} now)` };
  }
  if (t.direction === 'no clear trend') {
    return { ...base, verdict: 'not settled', evidence, needs: `a longer period or finer windows: over ${t.n} windows the change is not distinguishable from window-to-window variation at 5%` };
  }
  const rising = t.direction === 'rising';
  return { ...base, verdict: rising === centralising ? 'holds' : 'fails', evidence, needs: null };
}

function hhiText(r: ContrastRow): string {
  const l = r.latest!;
  const iv = l.intervals?.hhi;
  return `${r.lens} ${l.hhi!.toFixed(0)}${iv && iv.lo !== null ? ` [${iv.lo.toFixed(0)}–${iv.hi!.toFixed(0)}]` : ''} (${l.label})`;
}

function gapVerdict(ai: ContrastRow, btc: readonly ContrastRow[]): HeadlineVerdict {
  const base = { claim: CLAIM_GAP, series: ai.key, label: rowLabel(ai) };
  const usable = btc.filter((b) => !b.unavailable && (b.latest?.hhi ?? null) !== null);
  const a = ai.latest?.hhi ?? null;
  if (ai.unavailable || !ai.latest || a === null) return { ...base, verdict: 'not settled', evidence: `no data for ${ai.distribution}${ai.unavailable ? `: ${ai.unavailable}` : ''}`, needs: `the dataset behind ${ai.distribution}` };
  if (usable.length === 0) return { ...base, verdict: 'not settled', evidence: 'no comparable Bitcoin series', needs: 'a Bitcoin series on the same axis' };
  const aiIv = ai.latest.intervals?.hhi;
  const cmp = usable.map((b) => {
    const v = b.latest!.hhi!;
    const iv = b.latest!.intervals?.hhi;
    const lo = Math.min(iv?.lo ?? v, v);
    const hi = Math.max(iv?.hi ?? v, v);
    const aLo = aiIv?.lo ?? a;
    const aHi = aiIv?.hi ?? a;
    return aHi < lo ? 'lower' : aLo > hi ? 'higher' : 'overlap';
  });
  const evidence = `latest HHI ${hhiText(ai)} vs Bitcoin ${usable.map(hhiText).join(', ')} → AI is ${cmp.map((c, i) => `${c === 'lower' ? 'less' : c === 'higher' ? 'more' : 'not distinguishably more or less'} concentrated than ${usable[i]!.lens}`).join('; ')}`;
  const verdict: HeadlineVerdict['verdict'] = cmp.every((c) => c === 'lower') ? 'holds' : cmp.every((c) => c === 'higher') ? 'fails' : 'not settled';
  const needs = verdict === 'not settled' ? (cmp.includes('overlap') ? 'a longer Bitcoin window (narrower interval) or an AI value outside the Bitcoin interval' : 'the answer depends on the Bitcoin level: it holds against some levels and fails against others') : null;
  return { ...base, verdict, evidence, needs };
}

/** All verdicts for the rows: claim 1 per Bitcoin row, claims 2 and 3 per AI row. `axisOf` gives each row's comparison axis. */
export function headlineVerdicts(rows: readonly ContrastRow[], axisOf: (key: string) => Axis): HeadlineVerdict[] {
  const btc = rows.filter((r) => r.world === 'bitcoin');
  const ai = rows.filter((r) => r.world === 'ai');
  return [
    ...btc.map((r) => trendVerdict(CLAIM_BTC, r, true)),
    ...ai.map((r) => trendVerdict(CLAIM_AI, r, false)),
    ...ai.map((r) => gapVerdict(r, btc.filter((b) => axisOf(b.key) === axisOf(r.key)))),
  ];
}

/** One-line overall answer per claim: how many lenses hold / fail / are not settled. */
export function tallyLine(verdicts: readonly HeadlineVerdict[], claim: string): string {
  const v = verdicts.filter((x) => x.claim === claim);
  const n = (k: Verdict) => v.filter((x) => x.verdict === k).length;
  return `${claim}: holds ${n('holds')}, fails ${n('fails')}, not settled ${n('not settled')} (of ${v.length})`;
}
