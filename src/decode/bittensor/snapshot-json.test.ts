import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { parseMetagraphCsv } from './metagraph-csv.js';
import { formatMetagraphSnapshot, parseMetagraphSnapshot, type MetagraphSnapshot } from './snapshot-json.js';
import { BLOCK, BLOCK_HASH, METAGRAPH_CSV_PATH } from '../../../test/support/bittensor-recording.js';

const rows = parseMetagraphCsv(readFileSync(METAGRAPH_CSV_PATH, 'utf8'), 'sn1.csv');
const snapshot: MetagraphSnapshot = { netuid: 1, block: BLOCK, blockHash: BLOCK_HASH, timeSec: 1762787544, rows, source: 'ws://node', fetchedAtSec: 1762787600 };

describe('metagraph JSON snapshot', () => {
  it('round-trips every row and the block metadata', () => {
    const text = formatMetagraphSnapshot(snapshot);
    expect(parseMetagraphSnapshot(text, 's.json')).toEqual(snapshot);
    const doc = JSON.parse(text) as { time: string; rows: Record<string, unknown>[] };
    expect(doc.time).toBe('2025-11-10T15:12:24Z');
    // Rao amounts are strings (u64 exceeds JSON's safe integers), flags booleans, no-axon port null.
    expect(doc.rows[24]).toMatchObject({ total_stake_rao: '58036807815746', active: true, axon_ip: '', axon_port: null });
  });

  it('broken JSON, wrong format tag and wrong value types are DecodeErrors naming the field', () => {
    const text = formatMetagraphSnapshot(snapshot);
    expect(() => parseMetagraphSnapshot(text.slice(0, 500), 's.json')).toThrow(/invalid JSON/);
    expect(() => parseMetagraphSnapshot(text.replace('bittensor-metagraph@1', 'other@9'), 's.json')).toThrow(/format/);
    const doc = JSON.parse(text) as { rows: Record<string, unknown>[]; block: unknown };
    doc.rows[3]!.emission_rao = 12;
    try {
      parseMetagraphSnapshot(JSON.stringify(doc), 's.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DecodeError);
      expect((e as DecodeError).position.field).toBe('rows[3].emission_rao');
    }
    doc.rows[3]!.emission_rao = '12';
    doc.rows[4]!.uid = 3;
    expect(() => parseMetagraphSnapshot(JSON.stringify(doc), 's.json')).toThrow(/rows\[4\]\.uid.*duplicate UID 3/);
    doc.block = -1;
    expect(() => parseMetagraphSnapshot(JSON.stringify(doc), 's.json')).toThrow(/\[block\]/);
  });
});
