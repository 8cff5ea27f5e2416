/**
 * A sync process killed with SIGKILL mid-way leaves whole batches (blocks, labels and the ingest
 * record agree), and the next run completes the chain without refetching committed blocks.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../sources/attribution-rules/load.js';
import { EsploraSource } from '../sources/bitcoin/esplora.js';
import { PROJECT_ROOT } from '../sources/files/datasets-path.js';
import { openDuckDbStore } from '../store/duckdb/duckdb-store.js';
import { FakeChain, linkedChain } from '../../test/helpers/fake-chain.js';
import { startFakeEsplora } from '../../test/helpers/fake-esplora.js';
import { syncChain } from './sync-chain.js';

describe('chain sync killed mid-way', () => {
  it('leaves whole batches; the rerun fetches only the rest', async () => {
    const blocks = linkedChain(40);
    const chain = new FakeChain(blocks);
    const server = await startFakeEsplora(chain);
    // Slow block answers, so that the kill lands in the middle of the sync.
    server.intercept = (req) => (req.path.endsWith('/raw') ? { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: chain.block(req.path.split('/').at(-2)!)!, delayMs: 25 } : undefined);
    const db = join(mkdtempSync(join(tmpdir(), 'nk-crash-')), 's.duckdb');
    try {
      const committed = await new Promise<number>((resolve, reject) => {
        const p = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'test/helpers/sync-child.ts'), db, server.api], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
        let last = -1;
        p.stdout.on('data', (buf: Buffer) => {
          const heights = [...buf.toString().matchAll(/batch (\d+)/g)].map((m) => Number(m[1]));
          if (heights.length > 0) last = heights[heights.length - 1]!;
          if (last >= 14) p.kill('SIGKILL');
        });
        p.on('error', reject);
        p.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`child ended without being killed (last batch ${last})`))));
      });
      server.intercept = null;
      const store = await openDuckDbStore(db);
      try {
        const tip = (await store.chainTip())!.height;
        // Batches of 3 from height 0: a committed state ends at 3k + 2, at or after the last reported batch.
        expect(tip % 3).toBe(2);
        expect(tip).toBeGreaterThanOrEqual(committed);
        const labels = await store.readBlockLabels('chain:mempool');
        expect(labels.heights.length).toBe(tip + 1);
        const ingest = (await store.listIngests()).find((i) => i.source === 'chain:mempool')!;
        expect([ingest.rows, ingest.sha256]).toEqual([tip + 1, blocks[tip]!.hash]);
        const before = server.requests.filter((r) => r.path.endsWith('/raw')).length;
        const r = await syncChain(store, new EsploraSource({ url: server.api }), { ruleSet: await loadRuleSet('mempool') });
        expect(r).toMatchObject({ fromHeight: tip + 1, toHeight: 39, fetched: 39 - tip });
        expect(server.requests.filter((q) => q.path.endsWith('/raw')).length - before).toBe(39 - tip);
        expect((await store.chainHashes(0, 99)).map((x) => x.hash)).toEqual(blocks.map((b) => b.hash));
      } finally {
        await store.close();
      }
    } finally {
      await server.close();
    }
  });
});
