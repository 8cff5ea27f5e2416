/**
 * @module Row → record mappers shared by every Store backend: the SQL differs by dialect, the
 * column order of these reads does not (it is fixed by the SELECT lists of each backend).
 */
import type { ChainRuleMatch, Granularity, IngestRecord, SourceSummary, StoredChainLabel, StoredSnapshot } from './store.js';

export const num = (v: unknown): number => (v === null || v === undefined ? Number.NaN : Number(v));
export const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** `id, source, kind, input, sha256, rules_version, rows, skipped, inserted, updated, unchanged, finished_at (ISO)`. */
export function ingestRecord(x: readonly unknown[]): IngestRecord {
  return {
    id: num(x[0]),
    source: String(x[1]),
    kind: String(x[2]),
    input: String(x[3]),
    sha256: String(x[4]),
    rulesVersion: String(x[5]),
    rows: num(x[6]),
    skipped: num(x[7]),
    inserted: num(x[8]),
    updated: num(x[9]),
    unchanged: num(x[10]),
    finishedAt: String(x[11]),
  };
}

/**
 * `height, time_sec, scriptsig, payout (';'-joined), rules_version, pool_id, pool_name, pool_slug,
 * method, matched_rule, matches (JSON), label` — an attribution only when both it and its label exist.
 */
export function chainLabel(x: readonly unknown[]): StoredChainLabel {
  const height = num(x[0]);
  const payout = String(x[3]);
  const hasAttribution = x[4] !== null && x[11] !== null;
  return {
    height,
    timeSec: num(x[1]),
    scriptSigHex: String(x[2]),
    payoutAddresses: payout === '' ? [] : payout.split(';'),
    rulesVersion: str(x[4]),
    attribution: hasAttribution
      ? {
          height,
          label: String(x[11]),
          poolId: x[5] === null ? null : num(x[5]),
          poolName: String(x[6]),
          poolSlug: String(x[7]),
          method: String(x[8]),
          matchedRule: str(x[9]),
          matches: JSON.parse(String(x[10])) as ChainRuleMatch[],
        }
      : null,
  };
}

/** `source, granularity, description, blocks, first/last height, first/last time, rules versions (array)`. */
export function sourceSummary(x: readonly unknown[]): SourceSummary {
  return {
    source: String(x[0]),
    granularity: (x[1] === 'day' || x[1] === 'snapshot' ? x[1] : 'block') as Granularity,
    description: String(x[2]),
    blocks: num(x[3]),
    firstHeight: x[4] === null ? null : num(x[4]),
    lastHeight: x[5] === null ? null : num(x[5]),
    firstTimeSec: x[6] === null ? null : num(x[6]),
    lastTimeSec: x[7] === null ? null : num(x[7]),
    rulesVersions: (x[8] as unknown[]).map(String),
  };
}

/** `dataset, subject, time_sec, block, format, sha256, body, source, ingest_id`. */
export function storedSnapshot(x: readonly unknown[]): StoredSnapshot {
  return {
    dataset: String(x[0]),
    subject: String(x[1]),
    timeSec: num(x[2]),
    block: x[3] === null || x[3] === undefined ? null : num(x[3]),
    format: String(x[4]),
    sha256: String(x[5]),
    body: String(x[6]),
    source: String(x[7]),
    ingestId: num(x[8]),
  };
}
