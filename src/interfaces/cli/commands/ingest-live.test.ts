/**
 * `nakamoto ingest <url>` end to end, in-process, against fake nodes on 127.0.0.1 and a real
 * DuckDB file: sync, then `metrics bitcoin/pools --source chain:mempool` on what was synced
 * (figures checked by hand), resume after an interrupted run, and errors on stderr.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeChain, linkedChain, writeBlocksDir } from '../../../../test/helpers/fake-chain.js';
import { startFakeCoreRpc } from '../../../../test/helpers/fake-core-rpc.js';
import { startFakeEsplora } from '../../../../test/helpers/fake-esplora.js';
import { text, type FakeServer } from '../../../../test/helpers/fake-http.js';
import { runCli } from '../../../../test/helpers/run-cli.js';

const servers: FakeServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
const db = () => join(mkdtempSync(join(tmpdir(), 'nk-cli-')), 'store.duckdb');

// 4 blocks a day: block h is mined at genesis (2009-01-03 18:15:05) + h · 6 h.
const blocks = linkedChain(30, { spacingSec: 21_600 });

describe('nakamoto ingest <url>', () => {
  it('syncs from Esplora; metrics --source chain:mempool then works on the synced blocks', async () => {
    const s = await startFakeEsplora(new FakeChain(blocks));
    servers.push(s);
    const store = db();
    const r = await runCli(['ingest', `esplora+${s.api}`, '--db', store, '--format', 'csv']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toMatch(new RegExp(`^esplora\\+${s.api.replace(/[.:/]/g, '\\$&')},chain:mempool,e121f60fbd35,29,0–29,30,0,0,,0,`));
    const m = await runCli(['metrics', 'bitcoin/pools', '--source', 'chain:mempool', '--window', '1d', '--metrics', 'hhi,nakamoto-coefficient', '--format', 'csv', '--db', store]);
    expect(m.code).toBe(0);
    // Each UTC day 2009-01-04 … 2009-01-10 holds heights 4k+1 … 4k+4, whose coinbases are those of
    // BTC Guild, F2Pool, AntPool, Binance Pool: four pools with 1 block each, HHI = 4 · 25² = 2500,
    // and two of them reach 50%. The partial first (01-03) and last (01-11) days are left out.
    expect(m.out.trim().split('\n')).toEqual([
      'window_start,window_end,blocks,hhi,nakamoto-coefficient',
      ...['04', '05', '06', '07', '08', '09', '10'].map((d) => `2009-01-${d},2009-01-${String(Number(d) + 1).padStart(2, '0')},4,2500,2`),
    ]);
    const again = await runCli(['ingest', `esplora+${s.api}`, '--db', store, '--format', 'json']);
    expect(JSON.parse(again.out)).toMatchObject({ fetched: 0, fromHeight: 30, toHeight: 29 });
  });

  it('an interrupted ingest exits 1 naming the URL; the rerun fetches only what is missing', async () => {
    const s = await startFakeEsplora(new FakeChain(blocks));
    servers.push(s);
    const store = db();
    s.intercept = (req) => (req.path.includes(blocks[21]!.hash) ? text(500, 'upstream error') : undefined);
    const first = await runCli(['ingest', `esplora+${s.api}`, '--db', store, '--batch-size', '5', '--concurrency', '1']);
    expect(first.code).toBe(1);
    expect(first.err).toBe(`nakamoto: ${s.api}/block/${blocks[21]!.hash}/raw: HTTP 500 Internal Server Error: upstream error\n`);
    s.intercept = null;
    const raw = () => s.requests.filter((q) => q.path.endsWith('/raw')).length;
    const before = raw();
    const second = await runCli(['ingest', `esplora+${s.api}`, '--db', store, '--format', 'json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out)).toMatchObject({ fromHeight: 20, toHeight: 29, fetched: 10 });
    expect(raw() - before).toBe(10);
  });

  it('RPC auth failure: exit 2, and the password is not echoed', async () => {
    const s = await startFakeCoreRpc(new FakeChain(blocks));
    servers.push(s);
    const r = await runCli(['ingest', `rpc://alice:hunter2@127.0.0.1:${s.port}`, '--db', db()]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`nakamoto: rpc://127.0.0.1:${s.port}: HTTP 401 Unauthorized: the node rejected rpcuser/rpcpassword\n`);
  });

  it('blocks-dir: with EDI rules labels under chain:edi', async () => {
    const dir = writeBlocksDir(blocks.slice(0, 9).map((b) => b.bytes));
    const store = db();
    const r = await runCli(['ingest', `blocks-dir:${dir}`, '--rules', 'edi', '--db', store, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ labelSource: 'chain:edi', fetched: 9, tip: { height: 8, hash: blocks[8]!.hash } });
    const src = await runCli(['sources', '--db', store, '--format', 'csv']);
    expect(src.out).toMatch(/^chain:edi,block,9,0–8,2009-01-03 → 2009-01-05,bb50dab6e8b3,/m);
  });

  it('bad options are usage errors', async () => {
    const r = await runCli(['ingest', 'esplora+http://127.0.0.1:9/api', '--concurrency', '0', '--db', db()]);
    expect([r.code, r.err]).toEqual([2, 'nakamoto: invalid --concurrency: 0 (expected an integer in [1, ∞))\n']);
  });
});
