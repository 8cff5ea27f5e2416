/**
 * @module The claims query behind `nakamoto claims` and `GET /api/claims`: evaluate each claim of a
 * claims file (default `data/claims/default.yaml`) over the whole history — holds / fails /
 * uncertain with the probability from the sampling model, and the evidence.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { evaluateClaim, type ClaimResult } from '../../analysis/claims/evaluate.js';
import { parseClaimsFile, type Claim, type Measure, type UntestableClaim } from '../../analysis/claims/schema.js';
import { validateIntervalOptions, type IntervalOptions } from '../../analysis/uncertainty/posterior.js';
import { NotFoundError, SourceError } from '../../domain/errors.js';
import { PROJECT_ROOT } from '../../sources/files/datasets-path.js';
import type { QueryContext } from './context.js';
import { loadDistribution } from './load-distribution.js';
import { parseListParam, parseNumberParam } from './query-params.js';

export const DEFAULT_CLAIMS = join(PROJECT_ROOT, 'data', 'claims', 'default.yaml');

export interface ClaimsRequest {
  /** Claims file (YAML); default: the shipped `data/claims/default.yaml`. */
  readonly file?: string;
  /** Probability needed for holds (and 1 − it for fails); default 0.95. */
  readonly confidence?: string | number;
  /** Posterior draws per window; default 400. */
  readonly draws?: string | number;
  readonly seed?: string | number;
  /** Comma-separated claim ids to evaluate (default: all). */
  readonly only?: string;
}

export interface ClaimVerdict {
  readonly id: string;
  readonly text: string;
  readonly verdict: ClaimResult['verdict'];
  readonly probability: number | null;
  readonly tally: ClaimResult['tally'];
  readonly evidence: string;
  readonly claim: Claim;
}

export interface ClaimsResult {
  readonly file: string;
  readonly intervals: IntervalOptions;
  readonly seed: number;
  readonly claims: readonly ClaimVerdict[];
  /** How verdicts are decided, in one sentence. */
  readonly rule: string;
  /** Claims from the debate these data cannot test, each with the reason and what data would. */
  readonly untestable: readonly UntestableClaim[];
}

async function readClaimsText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new SourceError(`cannot read ${path}: ${(err as Error).message}`, { cause: err, inputError: true });
  }
}

export async function queryClaims(q: ClaimsRequest, ctx: QueryContext): Promise<ClaimsResult> {
  const path = q.file ?? DEFAULT_CLAIMS;
  const intervals = validateIntervalOptions({
    confidence: parseNumberParam('confidence', q.confidence ?? 0.95, { min: 0, max: 1, minExclusive: true, maxExclusive: true }),
    draws: parseNumberParam('draws', q.draws ?? 400, { min: 100, max: 1_000_000, integer: true }),
    prior: 0.5,
  });
  const seed = parseNumberParam('seed', q.seed ?? 1, { min: 0, integer: true });
  const only = q.only === undefined ? undefined : parseListParam('only', q.only);
  const file = parseClaimsFile(await readClaimsText(path), path);
  const all = file.claims;
  for (const id of only ?? []) {
    if (!all.some((c) => c.id === id)) throw new NotFoundError(`invalid claim id: ${id} (known: ${all.map((c) => c.id).join(', ')})`);
  }
  const claims = all.filter((c) => !only || only.includes(c.id));
  const load = (m: Measure) => loadDistribution(ctx, m.distribution, { source: m.source, level: m.level });
  const results: ClaimVerdict[] = [];
  for (const c of claims) {
    const r = await evaluateClaim(c, load, intervals, seed);
    results.push({ id: r.claim.id, text: r.claim.text, verdict: r.verdict, probability: r.probability, tally: r.tally, evidence: r.evidence, claim: r.claim });
  }
  const rule = `Verdict = latest window (day windows such as 30d end on the last full day of data, the same latest 30 days as \`nakamoto report\`; 1m/1q/1y are calendar periods); holds when P ≥ ${intervals.confidence}, fails when P ≤ ${(1 - intervals.confidence).toFixed(2)}, else uncertain. P comes from the multinomial sampling model for block data; other data are taken as exact.`;
  return { file: path, intervals, seed, claims: results, rule, untestable: only ? [] : (file.untestable ?? []) };
}
