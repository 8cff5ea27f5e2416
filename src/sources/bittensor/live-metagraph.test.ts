import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DecodeError, NotFoundError, SourceError, UsageError } from '../../domain/errors.js';
import { BLOCK, BLOCK_HASH, METAGRAPH_CSV_PATH, loadRecording } from '../../../test/support/bittensor-recording.js';
import { fetchLiveMetagraph } from './live-metagraph.js';
import { startReplayServer, type Recording, type ReplayAction, type ReplayServer } from '../../../test/support/bittensor-replay-server.js';
import { loadMetagraphFile, saveMetagraphSnapshot } from './snapshot-files.js';

let server: ReplayServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(recording: Recording = loadRecording(), onRequest?: (r: { method: string }, i: number) => ReplayAction): Promise<string> {
  server = await startReplayServer(recording, onRequest);
  return server.url;
}

/** Minimal independent reader of the staged CSV: one object per line, every column typed by hand. */
function expectedRows(): Record<string, unknown>[] {
  const lines = readFileSync(METAGRAPH_CSV_PATH, 'utf8').split('\r\n').filter((l) => l !== '');
  const header = lines[0]!.split(',');
  return lines.slice(1).map((line) => {
    const c = Object.fromEntries(line.split(',').map((v, i) => [header[i]!, v]));
    return {
      uid: Number(c.uid), hotkey: c.hotkey, coldkey: c.coldkey, active: c.active === '1', validatorPermit: c.validator_permit === '1',
      stakeAlphaRao: BigInt(c.stake_alpha_rao!), alphaStakeRao: BigInt(c.alpha_stake_rao!), taoStakeRao: BigInt(c.tao_stake_rao!),
      totalStakeRao: BigInt(c.total_stake_rao!), rankU16: Number(c.rank_u16), trustU16: Number(c.trust_u16), consensusU16: Number(c.consensus_u16),
      incentiveU16: Number(c.incentive_u16), dividendsU16: Number(c.dividends_u16), validatorTrustU16: Number(c.validator_trust_u16),
      emissionRao: BigInt(c.emission_rao!), lastUpdate: Number(c.last_update), blockAtRegistration: Number(c.block_at_registration),
      pruningScoreU16: Number(c.pruning_score_u16), axonIp: c.axon_ip, axonPort: c.axon_port === '' ? null : Number(c.axon_port),
    };
  });
}

const fast = { requestTimeoutMs: 2000, retryDelayMs: 10 };

describe('fetchLiveMetagraph against a loopback node replaying finney responses', () => {
  it('produces exactly the rows of the staged CSV (all 1024 UIDs, every column)', async () => {
    const url = await serve();
    const m = await fetchLiveMetagraph(url, 1, { block: BLOCK, ...fast, now: () => 1_762_800_000_000 });
    expect(m.rows).toEqual(expectedRows());
    expect(m).toMatchObject({ netuid: 1, block: BLOCK, blockHash: BLOCK_HASH, timeSec: Date.UTC(2025, 10, 10, 15, 12, 24) / 1000, source: url, fetchedAtSec: 1_762_800_000 });
    expect(server!.requests.map((r) => r.method)).toEqual(['chain_getBlockHash', 'chain_getHeader', 'state_call', 'state_call']);
    // netuid 1 goes out as SCALE u16 little-endian hex, as the SDK sent it.
    expect(server!.requests[2]!.params).toEqual(['NeuronInfoRuntimeApi_get_neurons_lite', '0100', BLOCK_HASH]);
  });

  it('without a block it reads at the node\'s head', async () => {
    const url = await serve();
    const m = await fetchLiveMetagraph(url, 1, fast);
    expect(m.block).toBe(BLOCK);
    expect(server!.requests[0]!.method).toBe('chain_getHead');
  });

  it('saves a JSON snapshot that the loader reads back identically', async () => {
    const url = await serve();
    const m = await fetchLiveMetagraph(url, 1, fast);
    const dir = await mkdtemp(join(tmpdir(), 'nakamoto-bt-'));
    try {
      const path = join(dir, 'sn1.json');
      await saveMetagraphSnapshot(path, m);
      expect(await loadMetagraphFile(path)).toEqual(m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a JSON-RPC error from the node is a SourceError quoting code and message', async () => {
    const url = await serve();
    const err = await fetchLiveMetagraph(url, 2, { blockHash: BLOCK_HASH, ...fast }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toMatch(/state_call returned JSON-RPC error -32602/);
  });

  it('retries a request the node never answered, on a new connection', async () => {
    const url = await serve(undefined, (_r, i) => (i === 0 ? 'ignore' : 'answer'));
    const m = await fetchLiveMetagraph(url, 1, { requestTimeoutMs: 200, retryDelayMs: 10 });
    expect(m.rows).toHaveLength(1024);
    expect(server!.connections).toBe(2);
  });

  it('reconnects when the connection drops mid-call', async () => {
    const url = await serve(undefined, (r, i) => (r.method === 'state_call' && i < 4 ? 'close' : 'answer'));
    const m = await fetchLiveMetagraph(url, 1, fast);
    expect(m.rows).toHaveLength(1024);
    expect(server!.connections).toBeGreaterThanOrEqual(2);
  });

  it('gives up after maxAttempts with a SourceError naming URL and method', async () => {
    const url = await serve(undefined, () => 'ignore');
    const err = await fetchLiveMetagraph(url, 1, { requestTimeoutMs: 100, retryDelayMs: 5, maxAttempts: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toContain(`subtensor ${url}: chain_getHead failed after 2 attempt(s): no answer to chain_getHead within 100 ms`);
  });

  it('an unreachable node is a SourceError after the retries', async () => {
    const url = await serve();
    await server!.close();
    server = null;
    const err = await fetchLiveMetagraph(url, 1, { ...fast, maxAttempts: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toMatch(/cannot connect/);
  });

  it('truncated SCALE bytes in a response are a DecodeError naming the call and offset', async () => {
    const rec = structuredClone(loadRecording());
    const sc = rec.state_call as Record<string, { result: string }>;
    const key = Object.keys(sc).find((k) => k.includes('get_neurons_lite'))!;
    sc[key] = { result: sc[key]!.result.slice(0, 20_002) };
    const url = await serve(rec);
    const err = await fetchLiveMetagraph(url, 1, fast).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).position.input).toContain('NeuronInfoRuntimeApi_get_neurons_lite(1)');
    expect((err as DecodeError).reason).toMatch(/truncated/);
  });

  it('a subnet that does not exist is NotFound; bad arguments are UsageErrors', async () => {
    const rec = structuredClone(loadRecording());
    const sc = rec.state_call as Record<string, { result: string }>;
    for (const k of Object.keys(sc)) if (k.includes('get_subnet_state')) sc[k] = { result: '0x00' };
    for (const k of Object.keys(sc)) if (k.includes('get_neurons_lite')) sc[k] = { result: '0x00' };
    const url = await serve(rec);
    await expect(fetchLiveMetagraph(url, 1, fast)).rejects.toThrow(NotFoundError);
    await expect(fetchLiveMetagraph('http://x', 1)).rejects.toThrow(UsageError);
    await expect(fetchLiveMetagraph(url, 70000)).rejects.toThrow(UsageError);
  });
});
