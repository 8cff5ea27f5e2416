/**
 * @module Readers of stratum jobs (`mining.notify` as pools hand them to miners), two shapes:
 * - mempool.space's WebSocket state (`stratum-jobs-2025-04/tx01_ws_stratum_jobs.json`): key
 *   `stratumJobs`, one job per mempool pool id, with `merkleBranches`, `height`, `scriptsig`, `version` …;
 * - a CSV export of stratum-observer's `job_updates` table (0xB10C/stratum-observer): columns
 *   `timestamp, pool_name, coinbase_tag, prev_hash, merkle_branches, height, header_version, …`,
 *   `merkle_branches` as a JSON array or a comma/space-separated list of 64-hex strings.
 * Errors are one line naming the file and the key (JSON) or line and column (CSV).
 */
import { DecodeError } from '../../domain/errors.js';
import { parseCsv, requireColumns } from '../files/csv.js';
import { decodeUtf8, readBytes } from '../files/read-file.js';

export interface StratumJob {
  /** Pool as the source names it: mempool unique id (as a string) or stratum-observer `pool_name`. */
  readonly pool: string;
  /** Human-readable pool name when the source gives one. */
  readonly poolName: string;
  readonly height: number;
  readonly prevHash: string;
  /** Merkle branches, hex, in order (identical list at the same height = identical template). */
  readonly merkleBranches: readonly string[];
  /** Coinbase input scriptSig, hex, when the source has it. */
  readonly scriptSigHex: string | null;
  /** The whole coinbase transaction (coinbase1 + extranonces + coinbase2), hex, when the source has it. */
  readonly coinbaseHex: string | null;
  /** Header version the job carries, or null. */
  readonly version: number | null;
  /** When the observer received the job, UTC seconds. */
  readonly receivedSec: number;
}

export interface StratumJobsFile {
  readonly input: string;
  readonly format: 'mempool-ws' | 'job-updates-csv';
  readonly jobs: readonly StratumJob[];
}

const HEX64 = /^[0-9a-fA-F]{64}$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

function jsonError(input: string, text: string, err: Error): DecodeError {
  const m = /position (\d+)/.exec(err.message);
  if (m) {
    const pos = Number(m[1]);
    const line = text.slice(0, pos).split('\n').length;
    return new DecodeError({ input, line }, `invalid JSON (truncated or malformed): ${err.message}`);
  }
  return new DecodeError({ input }, `invalid JSON (truncated or malformed): ${err.message}`);
}

function branchesOf(input: string, key: string, v: unknown, line?: number): string[] {
  if (!Array.isArray(v)) throw new DecodeError({ input, field: key, ...(line !== undefined ? { line } : {}) }, 'merkle branches missing: expected a list of 64-hex strings');
  v.forEach((b, i) => {
    if (typeof b !== 'string' || !HEX64.test(b)) throw new DecodeError({ input, field: `${key}[${i}]`, ...(line !== undefined ? { line } : {}) }, 'malformed merkle branch: expected 64 hex digits');
  });
  return (v as string[]).map((b) => b.toLowerCase());
}

function parseMempoolWs(input: string, data: Record<string, unknown>): StratumJob[] {
  const jobs = data.stratumJobs;
  if (jobs === null || typeof jobs !== 'object' || Array.isArray(jobs)) throw new DecodeError({ input, field: 'stratumJobs' }, 'expected an object of jobs keyed by pool id');
  return Object.entries(jobs as Record<string, unknown>).map(([id, raw]) => {
    const key = `stratumJobs.${id}`;
    if (raw === null || typeof raw !== 'object') throw new DecodeError({ input, field: key }, 'expected a job object');
    const j = raw as Record<string, unknown>;
    const height = j.height;
    if (typeof height !== 'number' || !Number.isInteger(height) || height < 0) throw new DecodeError({ input, field: `${key}.height` }, 'missing or invalid height');
    const prev = j.prevHash;
    if (typeof prev !== 'string' || !HEX64.test(prev)) throw new DecodeError({ input, field: `${key}.prevHash` }, 'missing or invalid prevHash: expected 64 hex digits');
    const sig = j.scriptsig;
    if (sig !== undefined && (typeof sig !== 'string' || !HEX.test(sig))) throw new DecodeError({ input, field: `${key}.scriptsig` }, 'malformed hex');
    const version = typeof j.version === 'string' && /^[0-9a-fA-F]{1,8}$/.test(j.version) ? parseInt(j.version, 16) : null;
    const cb = j.coinbase;
    if (cb !== undefined && (typeof cb !== 'string' || !HEX.test(cb))) throw new DecodeError({ input, field: `${key}.coinbase` }, 'malformed hex');
    const received = typeof j.received === 'number' ? j.received / 1000 : NaN;
    if (!Number.isFinite(received)) throw new DecodeError({ input, field: `${key}.received` }, 'missing or invalid received time (ms since epoch)');
    return {
      pool: String(j.pool ?? id),
      poolName: String(j.pool ?? id),
      height,
      prevHash: prev.toLowerCase(),
      merkleBranches: branchesOf(input, `${key}.merkleBranches`, j.merkleBranches),
      scriptSigHex: typeof sig === 'string' ? sig.toLowerCase() : null,
      coinbaseHex: typeof cb === 'string' ? cb.toLowerCase() : null,
      version,
      receivedSec: received,
    };
  });
}

function parseJobUpdatesCsv(input: string, text: string): StratumJob[] {
  const table = parseCsv(text, input);
  const col = requireColumns(table, ['timestamp', 'pool_name', 'prev_hash', 'merkle_branches', 'height', 'header_version']);
  return table.rows.map((r, i) => {
    const line = table.lines[i]!;
    const pos = (field: string) => ({ input, line, field });
    const height = Number(r[col.height]);
    if (!Number.isSafeInteger(height) || height < 0) throw new DecodeError(pos('height'), `invalid height: ${JSON.stringify(r[col.height])}`);
    const prev = r[col.prev_hash] ?? '';
    if (!HEX64.test(prev)) throw new DecodeError(pos('prev_hash'), 'invalid prev_hash: expected 64 hex digits');
    const rawBranches = (r[col.merkle_branches] ?? '').trim();
    let list: unknown;
    if (rawBranches.startsWith('[')) {
      try {
        list = JSON.parse(rawBranches);
      } catch {
        throw new DecodeError(pos('merkle_branches'), 'malformed JSON list of merkle branches');
      }
    } else list = rawBranches === '' ? [] : rawBranches.split(/[\s,]+/);
    const version = Number(r[col.header_version]);
    if (!Number.isSafeInteger(version)) throw new DecodeError(pos('header_version'), 'invalid header_version');
    const ts = r[col.timestamp] ?? '';
    const t = /^\d+(\.\d+)?$/.test(ts) ? Number(ts) : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(ts) ? ts : `${ts.replace(' ', 'T')}Z`) / 1000;
    if (!Number.isFinite(t)) throw new DecodeError(pos('timestamp'), `invalid timestamp: ${JSON.stringify(ts)}`);
    const name = r[col.pool_name] ?? '';
    if (name === '') throw new DecodeError(pos('pool_name'), 'empty pool_name');
    return { pool: name, poolName: name, height, prevHash: prev.toLowerCase(), merkleBranches: branchesOf(input, 'merkle_branches', list, line), scriptSigHex: null, coinbaseHex: null, version, receivedSec: t };
  });
}

/** Parse either shape from its text. */
export function parseStratumJobs(text: string, input: string): StratumJobsFile {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw jsonError(input, text, err as Error);
    }
    if (data === null || typeof data !== 'object' || !('stratumJobs' in data)) throw new DecodeError({ input, field: 'stratumJobs' }, 'missing key: not a mempool.space WebSocket state with stratum jobs');
    const jobs = parseMempoolWs(input, data as Record<string, unknown>);
    if (jobs.length === 0) throw new DecodeError({ input, field: 'stratumJobs' }, 'no jobs');
    return { input, format: 'mempool-ws', jobs };
  }
  const jobs = parseJobUpdatesCsv(input, text);
  if (jobs.length === 0) throw new DecodeError({ input, line: 2 }, 'no jobs');
  return { input, format: 'job-updates-csv', jobs };
}

export async function readStratumJobs(path: string): Promise<StratumJobsFile> {
  return parseStratumJobs(decodeUtf8(await readBytes(path), path), path);
}
