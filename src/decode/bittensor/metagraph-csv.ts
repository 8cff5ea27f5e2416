/**
 * @module The metagraph CSV shape (one row per UID, columns as in the staged
 * `sn1_metagraph_block…csv`): parse with validation (errors name file, line and column) and
 * format rows back to the same cells. Checks: every column present, integers where integers
 * belong, u16 scores ≤ 65535, 0/1 flags, SS58 checksums, unique UIDs and hotkeys, an axon port
 * exactly when there is an axon IP, and a final line break (a file cut mid-row fails loudly).
 */
import { isIP } from 'node:net';
import { DecodeError } from '../../domain/errors.js';
import { formatCsv, parseCsv, requireColumns } from '../csv/csv.js';
import type { MetagraphRow } from './metagraph.js';
import { decodeSs58 } from './ss58.js';

export const METAGRAPH_COLUMNS = [
  'uid', 'hotkey', 'coldkey', 'active', 'validator_permit', 'stake_alpha_rao', 'alpha_stake_rao', 'tao_stake_rao',
  'total_stake_rao', 'rank_u16', 'trust_u16', 'consensus_u16', 'incentive_u16', 'dividends_u16', 'validator_trust_u16',
  'emission_rao', 'last_update', 'block_at_registration', 'pruning_score_u16', 'axon_ip', 'axon_port',
] as const;

export type MetagraphColumn = (typeof METAGRAPH_COLUMNS)[number];

const U64_MAX = (1n << 64n) - 1n;

/** Row → cells in METAGRAPH_COLUMNS order (integers in decimal, flags 1/0, blank axon when none). */
export function metagraphRowCells(r: MetagraphRow): string[] {
  return [
    String(r.uid), r.hotkey, r.coldkey, r.active ? '1' : '0', r.validatorPermit ? '1' : '0', String(r.stakeAlphaRao),
    String(r.alphaStakeRao), String(r.taoStakeRao), String(r.totalStakeRao), String(r.rankU16), String(r.trustU16),
    String(r.consensusU16), String(r.incentiveU16), String(r.dividendsU16), String(r.validatorTrustU16), String(r.emissionRao),
    String(r.lastUpdate), String(r.blockAtRegistration), String(r.pruningScoreU16), r.axonIp, r.axonPort === null ? '' : String(r.axonPort),
  ];
}

export function formatMetagraphCsv(rows: readonly MetagraphRow[]): string {
  return formatCsv(METAGRAPH_COLUMNS, rows.map(metagraphRowCells));
}

/** Validates one row given as column → raw text; `where` locates it (file + line, or JSON path). */
export function metagraphRowFromCells(get: (c: MetagraphColumn) => string, where: { input: string; line?: number; fieldPrefix?: string }): MetagraphRow {
  const fail = (c: MetagraphColumn, reason: string): never => {
    throw new DecodeError({ input: where.input, line: where.line, field: (where.fieldPrefix ?? '') + c }, reason);
  };
  const int = (c: MetagraphColumn, max: number): number => {
    const s = get(c).trim();
    if (!/^\d+$/.test(s)) return fail(c, `not a non-negative integer: ${JSON.stringify(s)}`);
    const v = Number(s);
    if (v > max) return fail(c, `out of range: ${s} (expected 0–${max})`);
    return v;
  };
  const rao = (c: MetagraphColumn): bigint => {
    const s = get(c).trim();
    if (!/^\d+$/.test(s)) return fail(c, `not a non-negative integer amount in rao: ${JSON.stringify(s)}`);
    const v = BigInt(s);
    if (v > U64_MAX) return fail(c, `out of range: ${s} exceeds u64`);
    return v;
  };
  const flag = (c: MetagraphColumn): boolean => {
    const s = get(c).trim();
    if (s !== '0' && s !== '1') return fail(c, `expected 0 or 1, found ${JSON.stringify(s)}`);
    return s === '1';
  };
  const ss58 = (c: MetagraphColumn): string => {
    const s = get(c).trim();
    const d = decodeSs58(s);
    if ('error' in d) return fail(c, d.error);
    return s;
  };
  const axonIp = get('axon_ip').trim();
  const portText = get('axon_port').trim();
  if (axonIp !== '' && isIP(axonIp) === 0) fail('axon_ip', `not an IP address: ${JSON.stringify(axonIp)}`);
  if ((axonIp === '') !== (portText === '')) fail('axon_port', axonIp === '' ? 'port given without an axon IP' : 'axon IP given without a port');
  return {
    uid: int('uid', 0xffff),
    hotkey: ss58('hotkey'),
    coldkey: ss58('coldkey'),
    active: flag('active'),
    validatorPermit: flag('validator_permit'),
    stakeAlphaRao: rao('stake_alpha_rao'),
    alphaStakeRao: rao('alpha_stake_rao'),
    taoStakeRao: rao('tao_stake_rao'),
    totalStakeRao: rao('total_stake_rao'),
    rankU16: int('rank_u16', 0xffff),
    trustU16: int('trust_u16', 0xffff),
    consensusU16: int('consensus_u16', 0xffff),
    incentiveU16: int('incentive_u16', 0xffff),
    dividendsU16: int('dividends_u16', 0xffff),
    validatorTrustU16: int('validator_trust_u16', 0xffff),
    emissionRao: rao('emission_rao'),
    lastUpdate: int('last_update', Number.MAX_SAFE_INTEGER),
    blockAtRegistration: int('block_at_registration', Number.MAX_SAFE_INTEGER),
    pruningScoreU16: int('pruning_score_u16', 0xffff),
    axonIp,
    axonPort: portText === '' ? null : int('axon_port', 0xffff),
  };
}

/** Rows must have unique UIDs and hotkeys (a hotkey holds at most one UID per subnet). */
export function checkUniqueUids(rows: readonly MetagraphRow[], input: string, lineOf: (i: number) => number | undefined, fieldPrefix: (i: number) => string = () => ''): void {
  const uids = new Map<number, number>();
  const hotkeys = new Map<string, number>();
  rows.forEach((r, i) => {
    const u = uids.get(r.uid);
    if (u !== undefined) throw new DecodeError({ input, line: lineOf(i), field: fieldPrefix(i) + 'uid' }, `duplicate UID ${r.uid} (first at ${lineOf(u) !== undefined ? `line ${lineOf(u)}` : `row ${u}`})`);
    uids.set(r.uid, i);
    const h = hotkeys.get(r.hotkey);
    if (h !== undefined) throw new DecodeError({ input, line: lineOf(i), field: fieldPrefix(i) + 'hotkey' }, `duplicate hotkey ${r.hotkey} (also UID ${rows[h]!.uid})`);
    hotkeys.set(r.hotkey, i);
  });
}

/** Parse metagraph CSV text; rows are returned sorted by UID. */
export function parseMetagraphCsv(text: string, input: string): MetagraphRow[] {
  if (text.length > 0 && !text.endsWith('\n')) {
    throw new DecodeError({ input, line: text.split('\n').length }, 'file does not end with a line break: truncated?');
  }
  const table = parseCsv(text, input);
  const col = requireColumns(table, METAGRAPH_COLUMNS);
  const rows = table.rows.map((cells, i) => metagraphRowFromCells((c) => cells[col[c]] ?? '', { input, line: table.lines[i] }));
  if (rows.length === 0) throw new DecodeError({ input, line: 2 }, 'no metagraph rows');
  checkUniqueUids(rows, input, (i) => table.lines[i]);
  const order = rows.map((_, i) => i).sort((a, b) => rows[a]!.uid - rows[b]!.uid);
  return order.map((i) => rows[i]!);
}
