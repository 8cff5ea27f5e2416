/**
 * Every BlockSource client against the shared contract (test/contracts/block-source.contract.ts),
 * each over its real transport: fake nodes on 127.0.0.1 in the exact wire format of Core JSON-RPC
 * (legacy 1.0 and Core 28+ 2.0 replies), Core REST (hex and binary hashes), Esplora, and blk files
 * with and without XOR obfuscation.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runBlockSourceContract } from '../../../test/contracts/block-source.contract.js';
import { linkedChain, writeBlocksDir } from '../../../test/helpers/fake-chain.js';
import { startFakeCoreRest } from '../../../test/helpers/fake-core-rest.js';
import { startFakeCoreRpc } from '../../../test/helpers/fake-core-rpc.js';
import { startFakeEsplora } from '../../../test/helpers/fake-esplora.js';
import type { FakeServer } from '../../../test/helpers/fake-http.js';
import { BlocksDirSource } from './blocks-dir-source.js';
import { CoreRestSource } from './core-rest.js';
import { CoreRpcSource } from './core-rpc.js';
import { EsploraSource } from './esplora.js';

const FAST = { retries: 1, backoffMs: 5, timeoutMs: 5000 };
const servers: FakeServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  // Every client stayed within the fake nodes' request budget.
  expect(servers.filter((s) => s.overBudget)).toEqual([]);
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const served = (s: FakeServer) => {
  servers.push(s);
  return s;
};

for (const style of ['1.0', '2.0'] as const) {
  runBlockSourceContract(`Core JSON-RPC (${style} replies)`, async (chain) => {
    const s = served(await startFakeCoreRpc(chain, { style }));
    return { source: new CoreRpcSource({ ...FAST, url: s.url, auth: { user: 'alice', password: 'secret' } }), close: () => s.close() };
  }, { sparse: true });
}

for (const hashFormat of ['hex', 'bin'] as const) {
  runBlockSourceContract(`Core REST (.${hashFormat} hashes)`, async (chain) => {
    const s = served(await startFakeCoreRest(chain));
    return { source: new CoreRestSource({ ...FAST, url: s.url, hashFormat }), close: () => s.close() };
  }, { sparse: true });
}

runBlockSourceContract('Esplora', async (chain) => {
  const s = await startFakeEsplora(chain);
  served(s);
  return { source: new EsploraSource({ ...FAST, url: s.api }), close: () => s.close() };
}, { sparse: true });

const KEY = Uint8Array.of(0x3c, 0x91, 0x07, 0xee, 0x5a, 0x00, 0xc4, 0x18);
for (const key of [undefined, KEY]) {
  runBlockSourceContract(`blk files${key ? ' (XOR-obfuscated)' : ''}`, async (_chain, blocks) => {
    // Stored out of height order, as Core stores blocks in arrival order.
    const order = [...blocks].sort((a, b) => (a.height % 3) - (b.height % 3) || a.height - b.height);
    const dir = writeBlocksDir(order.map((b) => b.bytes), { key, perFile: 3 });
    dirs.push(dir);
    return { source: await BlocksDirSource.open(dir), close: async () => undefined };
  }, { sparse: false });
}

describe('blk files with a stale branch', () => {
  it('serve the branch with the most work; the stale block stays readable by hash', async () => {
    const main = linkedChain(6);
    const stale = linkedChain(4, { salt: 0x40 }); // same genesis, a different block 1..3
    const dir = writeBlocksDir([...main, ...stale.slice(1)].map((b) => b.bytes));
    dirs.push(dir);
    const src = await BlocksDirSource.open(dir);
    expect(await src.tip()).toEqual({ height: 5, hash: main[5]!.hash });
    expect(await src.hashesAt([1, 2, 3])).toEqual([main[1]!.hash, main[2]!.hash, main[3]!.hash]);
    expect(Buffer.compare(await src.block(stale[3]!.hash), stale[3]!.bytes)).toBe(0);
  });
});
