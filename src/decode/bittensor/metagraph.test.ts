import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { decodeHeader } from './header.js';
import { formatAxonIp, joinMetagraph } from './metagraph.js';
import { parseMetagraphCsv } from './metagraph-csv.js';
import { decodeNeuronsLite } from './neuron-lite.js';
import { hexToBytes } from './scale-reader.js';
import { decodeSubnetState } from './subnet-state.js';
import { BLOCK, BLOCK_HASH, METAGRAPH_CSV_PATH, loadRecording, recordedStateCall } from '../../../test/support/bittensor-recording.js';

const nlBytes = hexToBytes(recordedStateCall('NeuronInfoRuntimeApi_get_neurons_lite'), 'nl');
const ssBytes = hexToBytes(recordedStateCall('SubnetInfoRuntimeApi_get_subnet_state'), 'ss');
const neurons = decodeNeuronsLite(nlBytes, 'neurons_lite');
const state = decodeSubnetState(ssBytes, 'subnet_state')!;

describe('runtime-API results of SN1 at block 6852690 (real finney bytes)', () => {
  it('neurons_lite: 1024 neurons, UIDs 0..1023 in order, all on netuid 1 (PROVENANCE)', () => {
    expect(neurons).toHaveLength(1024);
    expect(neurons.every((n, i) => n.uid === i && n.netuid === 1)).toBe(true);
  });

  it('incentives sum to 65535 (u16 for 1: the subnet\'s incentive is a distribution; PROVENANCE)', () => {
    expect(neurons.reduce((s, n) => s + n.incentiveU16, 0)).toBe(65535);
    expect(state.incentivesU16.reduce((s, v) => s + v, 0)).toBe(65535);
  });

  it('total stake = alpha + tao_weight × TAO with tao_weight ≈ 0.18 (PROVENANCE)', () => {
    const sum = (xs: readonly bigint[]): number => Number(xs.reduce((s, x) => s + x, 0n));
    const total = sum(state.totalStakeRao);
    const implied = sum(state.alphaStakeRao) + 0.18 * sum(state.taoStakeRao);
    // The chain's tao_weight is a u64 fixed-point number close to, not exactly, 0.18: sums agree to ~2e-10.
    expect(Math.abs(total - implied) / total).toBeLessThan(1e-9);
  });

  it('emission history has one vector per subnet, each one entry per hotkey', () => {
    expect(state.emissionHistoryRao.length).toBeGreaterThan(100);
    expect(state.emissionHistoryRao.every((v) => v.length === 1024)).toBe(true);
  });

  it('joined rows equal the staged CSV decoded from the same bytes, every column', () => {
    const rows = joinMetagraph(neurons, state, 1, 'join');
    const csv = parseMetagraphCsv(readFileSync(METAGRAPH_CSV_PATH, 'utf8'), METAGRAPH_CSV_PATH);
    expect(rows).toEqual(csv);
  });

  it('a disagreement between the two calls is a DecodeError naming the UID and field', () => {
    const hotkeys = [...state.hotkeys];
    [hotkeys[7], hotkeys[8]] = [hotkeys[8]!, hotkeys[7]!];
    expect(() => joinMetagraph(neurons, { ...state, hotkeys }, 1, 'join')).toThrow(/uid 7\.hotkey/);
    expect(() => joinMetagraph(neurons, state, 2, 'join')).toThrow(/netuid 1, expected 2/);
    expect(() => joinMetagraph(neurons.slice(1), state, 1, 'join')).toThrow(/1024 entries, neurons_lite has 1023/);
  });

  it('truncated bytes are always a DecodeError (never a RangeError or a partial result)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: nlBytes.length - 1 }), fc.integer({ min: 0, max: ssBytes.length - 1 }), (a, b) => {
        expect(() => decodeNeuronsLite(nlBytes.subarray(0, a), 'nl')).toThrow(DecodeError);
        expect(() => decodeSubnetState(ssBytes.subarray(0, b), 'ss')).toThrow(DecodeError);
      }),
      { numRuns: 15 },
    );
  });

  it('trailing bytes are rejected; an absent subnet (Option None) decodes to null', () => {
    const extra = new Uint8Array(nlBytes.length + 1);
    extra.set(nlBytes);
    expect(() => decodeNeuronsLite(extra, 'nl')).toThrow(/1 trailing bytes/);
    expect(decodeSubnetState(Uint8Array.of(0), 'ss')).toBeNull();
    expect(() => decodeSubnetState(Uint8Array.of(2), 'ss')).toThrow(/invalid Option tag 2/);
  });
});

describe('block header', () => {
  it('block 6852690 is dated 2025-11-10 15:12:24 UTC from its Aura slot (PROVENANCE)', () => {
    const resp = loadRecording().chain_getHeader![JSON.stringify([BLOCK_HASH])] as { result: unknown };
    const h = decodeHeader(resp.result, 'header');
    expect(h.number).toBe(BLOCK);
    expect(new Date(h.timeSec * 1000).toISOString()).toBe('2025-11-10T15:12:24.000Z');
  });

  it('a header without an Aura pre-runtime digest cannot be dated', () => {
    const base = { number: '0x1', parentHash: '0x' + '00'.repeat(32) };
    expect(() => decodeHeader({ ...base, digest: { logs: [] } }, 'h')).toThrow(/no Aura pre-runtime digest/);
    expect(() => decodeHeader({ ...base, digest: { logs: ['0x066175726120aabb'] } }, 'h')).toThrow(DecodeError);
    expect(() => decodeHeader({ ...base, number: 'x' }, 'h')).toThrow(/invalid block number/);
  });
});

describe('axon IP text', () => {
  it('IPv4 from the low 32 bits; 0 is no axon', () => {
    // 192.222.59.109 = 192·2^24 + 222·2^16 + 59·2^8 + 109 = 3235789677 (UID 0's axon in the CSV).
    expect(formatAxonIp(3235789677n, 4)).toBe('192.222.59.109');
    expect(formatAxonIp(0n, 4)).toBe('');
  });

  it('IPv6 in RFC 5952 form (longest zero run compressed)', () => {
    expect(formatAxonIp(0x20010db8000000000000000000000001n, 6)).toBe('2001:db8::1');
    expect(formatAxonIp(0x20010db8000000010000000000000001n, 6)).toBe('2001:db8:0:1::1');
    expect(formatAxonIp(0x20010db8000100010001000100010001n, 6)).toBe('2001:db8:1:1:1:1:1:1');
  });
});
