/**
 * `nakamoto serve` on a fresh clone: the default DuckDB store does not exist yet, so the server reads
 * it on demand (src/store/duckdb/on-demand-store.ts) and, until an ingest creates it, behaves as an
 * empty store. Every distribution must then answer from the embedded default and the staged files —
 * the AI side included (it reads stored snapshots first). Found by looking at the dashboard's home
 * page, whose AI rows said "no store … yet" for every lens.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/interfaces/http/app.js';
import { datasetsRoot } from '../../src/sources/files/datasets-path.js';
import { onDemandDuckDbStore } from '../../src/store/duckdb/on-demand-store.js';

const absent = join(mkdtempSync(join(tmpdir(), 'nk-serve-fresh-')), 'nakamoto.duckdb');
const store = onDemandDuckDbStore(absent);
const appPromise = createApp({ store, datasetsRoot: datasetsRoot() });
afterAll(async () => (await appPromise).close());

async function get(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await (await appPromise).inject({ method: 'GET', url });
  return { status: r.statusCode, body: JSON.parse(r.body) as Record<string, unknown> };
}

describe('serve before any ingest (no store file yet)', () => {
  it('the empty on-demand store has no snapshots, no block facts and refuses writes', async () => {
    expect(await store.readSnapshots('bittensor-metagraph')).toEqual([]);
    expect((await store.readBlockFacts()).heights.length).toBe(0);
    await expect(store.writeSnapshots({ source: 's', description: 'd', input: 'i', snapshots: [] }, { kind: 'k', sha256: 'x', rulesVersion: 'r', rows: 0, skipped: 0 })).rejects.toThrow(/reads .* only/);
  });

  it('AI distributions answer from the staged files, the same as with no store at all', async () => {
    const urls = ['/api/metrics/bittensor/stake?window=1y&metrics=hhi', '/api/metrics/hf/trending-authors?window=1m&from=2026-03-01&to=2026-09-01&metrics=nakamoto-coefficient', '/api/metrics/ai/compute-owners?window=1y&metrics=hhi'];
    const none = await createApp({ store: null, datasetsRoot: datasetsRoot() });
    try {
      for (const url of urls) {
        const a = await get(url);
        expect(a.status, `${url}: ${JSON.stringify(a.body).slice(0, 200)}`).toBe(200);
        const b = JSON.parse((await none.inject({ method: 'GET', url })).body) as Record<string, unknown>;
        expect(a.body.rows).toEqual(b.rows);
        expect((a.body.rows as unknown[]).length).toBeGreaterThan(0);
      }
    } finally {
      await none.close();
    }
  });

  it('the contrast answer has every AI lens (none "unavailable")', async () => {
    const r = await get('/api/contrast');
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).not.toMatch(/no store at/);
    const ai = (r.body.rows as { world: string; key: string; latest: unknown }[]).filter((x) => x.world === 'ai');
    expect(ai.length).toBeGreaterThanOrEqual(9);
    for (const row of ai) expect(row.latest, row.key).not.toBeNull();
  }, 60_000);
});
