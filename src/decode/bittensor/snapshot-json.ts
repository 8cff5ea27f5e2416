/**
 * @module The metagraph JSON snapshot written after a live read and re-read by the loader.
 * Shape (format `nakamoto/bittensor-metagraph@1`):
 *
 * ```json
 * { "format": "nakamoto/bittensor-metagraph@1", "netuid": 1, "block": 6852690,
 *   "blockHash": "0xdb13…", "timeSec": 1762787544, "time": "2025-11-10T15:12:24Z",
 *   "source": "wss://…", "fetchedAt": "2025-11-10T15:13:02Z",
 *   "rows": [ { "uid": 0, "hotkey": "5Dk…", "coldkey": "5Eh…", "active": false, "validator_permit": false,
 *               "stake_alpha_rao": "2557172316", …, "axon_ip": "192.222.59.109", "axon_port": 6028 } ] }
 * ```
 *
 * Row keys are the metagraph CSV column names. Amounts in rao are decimal strings (u64 exceeds
 * JSON's safe integers); u16 scores, block numbers, UID and port are numbers; flags are booleans;
 * `axon_port` is null when there is no axon. Validation reuses the CSV row checks.
 */
import { DecodeError } from '../../domain/errors.js';
import type { Metagraph, MetagraphRow } from './metagraph.js';
import { METAGRAPH_COLUMNS, checkUniqueUids, metagraphRowFromCells, type MetagraphColumn } from './metagraph-csv.js';

export const SNAPSHOT_FORMAT = 'nakamoto/bittensor-metagraph@1';

export interface MetagraphSnapshot extends Metagraph {
  readonly source: string;
  readonly fetchedAtSec: number | null;
}

const RAO_COLUMNS = new Set<MetagraphColumn>(['stake_alpha_rao', 'alpha_stake_rao', 'tao_stake_rao', 'total_stake_rao', 'emission_rao']);
const BOOL_COLUMNS = new Set<MetagraphColumn>(['active', 'validator_permit']);
const STRING_COLUMNS = new Set<MetagraphColumn>(['hotkey', 'coldkey', 'axon_ip']);

const iso = (sec: number): string => new Date(sec * 1000).toISOString().replace('.000Z', 'Z');

function rowToJson(r: MetagraphRow): Record<MetagraphColumn, string | number | boolean | null> {
  return {
    uid: r.uid, hotkey: r.hotkey, coldkey: r.coldkey, active: r.active, validator_permit: r.validatorPermit,
    stake_alpha_rao: String(r.stakeAlphaRao), alpha_stake_rao: String(r.alphaStakeRao), tao_stake_rao: String(r.taoStakeRao),
    total_stake_rao: String(r.totalStakeRao), rank_u16: r.rankU16, trust_u16: r.trustU16, consensus_u16: r.consensusU16,
    incentive_u16: r.incentiveU16, dividends_u16: r.dividendsU16, validator_trust_u16: r.validatorTrustU16,
    emission_rao: String(r.emissionRao), last_update: r.lastUpdate, block_at_registration: r.blockAtRegistration,
    pruning_score_u16: r.pruningScoreU16, axon_ip: r.axonIp, axon_port: r.axonPort,
  };
}

export function formatMetagraphSnapshot(m: MetagraphSnapshot): string {
  const doc = {
    format: SNAPSHOT_FORMAT,
    netuid: m.netuid,
    block: m.block,
    blockHash: m.blockHash,
    timeSec: m.timeSec,
    time: iso(m.timeSec),
    source: m.source,
    fetchedAt: m.fetchedAtSec === null ? null : iso(m.fetchedAtSec),
    rows: m.rows.map(rowToJson),
  };
  return JSON.stringify(doc, null, 1) + '\n';
}

/** A JSON value → the cell text the CSV validator expects, checking its JSON type first. */
function cellText(c: MetagraphColumn, v: unknown, fail: (field: string, reason: string) => never, prefix: string): string {
  const f = prefix + c;
  if (RAO_COLUMNS.has(c)) return typeof v === 'string' ? v : fail(f, `expected a decimal string of rao, found ${JSON.stringify(v)}`);
  if (BOOL_COLUMNS.has(c)) return typeof v === 'boolean' ? (v ? '1' : '0') : fail(f, `expected true or false, found ${JSON.stringify(v)}`);
  if (STRING_COLUMNS.has(c)) return typeof v === 'string' ? v : fail(f, `expected a string, found ${JSON.stringify(v)}`);
  if (c === 'axon_port' && v === null) return '';
  return typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : fail(f, `expected an integer, found ${JSON.stringify(v)}`);
}

export function parseMetagraphSnapshot(text: string, input: string): MetagraphSnapshot {
  const fail = (field: string, reason: string): never => {
    throw new DecodeError({ input, field }, reason);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new DecodeError({ input }, `invalid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail('(root)', 'expected a JSON object');
  const d = doc as Record<string, unknown>;
  if (d.format !== SNAPSHOT_FORMAT) fail('format', `expected ${JSON.stringify(SNAPSHOT_FORMAT)}, found ${JSON.stringify(d.format)}`);
  const int = (k: string, max = Number.MAX_SAFE_INTEGER): number => {
    const v = d[k];
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max ? v : fail(k, `expected an integer 0–${max}, found ${JSON.stringify(v)}`);
  };
  const netuid = int('netuid', 0xffff);
  const block = int('block');
  const timeSec = int('timeSec');
  const blockHash = d.blockHash === null ? null : typeof d.blockHash === 'string' && /^0x[0-9a-f]{64}$/.test(d.blockHash) ? d.blockHash : fail('blockHash', `expected a 0x-prefixed 32-byte hex hash or null, found ${JSON.stringify(d.blockHash)}`);
  const source = typeof d.source === 'string' ? d.source : fail('source', 'expected a string');
  let fetchedAtSec: number | null = null;
  if (d.fetchedAt !== null && d.fetchedAt !== undefined) {
    const t = typeof d.fetchedAt === 'string' ? Date.parse(d.fetchedAt) : NaN;
    fetchedAtSec = Number.isFinite(t) ? t / 1000 : fail('fetchedAt', `expected an ISO-8601 time or null, found ${JSON.stringify(d.fetchedAt)}`);
  }
  if (!Array.isArray(d.rows)) return fail('rows', 'expected an array of rows');
  const rows = d.rows.map((raw: unknown, i: number) => {
    const prefix = `rows[${i}].`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(`rows[${i}]`, 'expected an object');
    const o = raw as Record<string, unknown>;
    for (const c of METAGRAPH_COLUMNS) if (!(c in o)) fail(prefix + c, 'missing');
    return metagraphRowFromCells((c) => cellText(c, o[c], fail, prefix), { input, fieldPrefix: prefix });
  });
  checkUniqueUids(rows, input, () => undefined, (i) => `rows[${i}].`);
  return { netuid, block, blockHash, timeSec, rows, source, fetchedAtSec };
}
