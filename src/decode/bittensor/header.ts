/**
 * @module A subtensor block header as returned by `chain_getHeader` (JSON): block number (hex) and
 * the block time, read from the Aura pre-runtime digest. Subtensor authors one block per Aura
 * slot of 12 s, so time = slot × 12 s (UTC seconds since the Unix epoch). The `Timestamp::Now`
 * storage item would need a second call; the slot is in the header itself.
 */
import { DecodeError } from '../../domain/errors.js';
import { ScaleReader, hexToBytes } from './scale-reader.js';

/** Aura slot duration of finney (subtensor runtime `MILLISECS_PER_BLOCK` = 12000). */
export const AURA_SLOT_SEC = 12;

export interface BlockHeaderInfo {
  readonly number: number;
  readonly parentHash: string;
  readonly auraSlot: number;
  readonly timeSec: number;
}

const PRE_RUNTIME = 6;
const AURA_ENGINE = 'aura';

export function decodeHeader(json: unknown, input: string, slotSec = AURA_SLOT_SEC): BlockHeaderInfo {
  const fail = (field: string, reason: string): never => {
    throw new DecodeError({ input, field }, reason);
  };
  if (typeof json !== 'object' || json === null) return fail('result', 'header is not an object');
  const h = json as { number?: unknown; parentHash?: unknown; digest?: { logs?: unknown } };
  if (typeof h.number !== 'string' || !/^0x[0-9a-fA-F]{1,13}$/.test(h.number)) return fail('number', `invalid block number ${JSON.stringify(h.number)}`);
  if (typeof h.parentHash !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(h.parentHash)) return fail('parentHash', `invalid parent hash ${JSON.stringify(h.parentHash)}`);
  const logs = h.digest?.logs;
  if (!Array.isArray(logs)) return fail('digest.logs', 'missing digest logs');
  let slot: number | null = null;
  for (const [i, log] of logs.entries()) {
    if (typeof log !== 'string') return fail(`digest.logs[${i}]`, 'log is not a hex string');
    const r = new ScaleReader(hexToBytes(log, input, `digest.logs[${i}]`), `${input} digest.logs[${i}]`);
    if (r.u8('kind') !== PRE_RUNTIME) continue;
    const engine = Buffer.from(r.take(4, 'engine')).toString('latin1');
    if (engine !== AURA_ENGINE) continue;
    const len = r.vecLength('data', 1);
    if (len !== 8) r.fail('data', `aura pre-runtime digest has ${len} bytes, expected an 8-byte slot`);
    const v = r.u64('slot');
    if (v > BigInt(Number.MAX_SAFE_INTEGER) / BigInt(slotSec)) r.fail('slot', `slot ${v} out of range`);
    slot = Number(v);
  }
  if (slot === null) return fail('digest.logs', 'no Aura pre-runtime digest (cannot date the block)');
  return { number: parseInt(h.number, 16), parentHash: h.parentHash, auraSlot: slot, timeSec: slot * slotSec };
}
