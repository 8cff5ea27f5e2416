/**
 * What the PostgreSQL store adds to the shared contract (test/contracts/store-postgres.test.ts):
 * credentials never in its location, "no schema" = no store for readers, migrations safe under
 * concurrent opens, and the concurrency model — writers of one source serialise on an advisory
 * lock (so counts stay exact), writers of different sources and readers do not wait.
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { blockBatch } from '../../../test/contracts/store.contract.js';
import { startPostgres, usePostgres } from '../../../test/helpers/postgres-server.js';
import { StoreError, UsageError } from '../../domain/errors.js';
import type { IngestMeta, Store } from '../store.js';
import { sourceLock, XACT_LOCK_SQL } from './pg-db.js';
import { redactPostgresUrl } from './pg-url.js';
import { openExistingPostgresStore, openPostgresStore } from './postgres-store.js';

const server = usePostgres();
const meta = (rows: number, sha = 'a'.repeat(64)): IngestMeta => ({ kind: 'test', sha256: sha, rulesVersion: `labels:${sha.slice(0, 12)}`, rows, skipped: 0 });

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('PostgreSQL URLs', () => {
  it('redaction drops the password (user info and query parameters) and keeps everything else', () => {
    expect(redactPostgresUrl('postgres://bob:s3cr%40t@db.example:5433/nak?sslmode=require&password=x')).toBe('postgres://bob@db.example:5433/nak?sslmode=require');
    expect(redactPostgresUrl('postgresql://localhost/nak')).toBe('postgresql://localhost/nak');
    expect(() => redactPostgresUrl('postgres://bob:pw@[bad')).toThrow(UsageError);
    expect(() => redactPostgresUrl('postgres://bob:pw@[bad')).not.toThrow(/pw/);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.integer({ min: 1, max: 65535 }), (password, user, port) => {
        const url = `postgres://${user}:${encodeURIComponent(password)}@host.example:${port}/db?application_name=x`;
        const red = new URL(redactPostgresUrl(url));
        expect([red.username, red.password, red.host, red.pathname, red.search]).toEqual([user, '', `host.example:${port}`, '/db', '?application_name=x']);
      }),
    );
  });
});

describe('the test server helper', () => {
  it('fails (never skips) with the install step when there are neither server binaries nor DATABASE_URL', async () => {
    await expect(startPostgres({}, '/nonexistent/postgresql')).rejects.toThrow(/no initdb was found .*apt-get install -y postgresql.*\.ci\/run/);
  });
});

describe('opening a PostgreSQL store', () => {
  it('a database without the schema is no store for readers; the first write open creates it', async () => {
    const url = await server.freshDatabase();
    expect(await openExistingPostgresStore(url)).toBeNull();
    expect(await openExistingPostgresStore(url)).toBeNull(); // the check created nothing
    const w = await openPostgresStore(url);
    await w.close();
    const r = await openExistingPostgresStore(url);
    expect(r).not.toBeNull();
    expect(await r!.listSources()).toEqual([]);
    await r!.close();
  });

  it('keeps the password out of the location and reports an unreachable server as a StoreError without it', async () => {
    const u = new URL(await server.freshDatabase());
    u.password = 'hunter2'; // the test server trusts local connections, so any password works
    const s = await openPostgresStore(u.toString());
    try {
      expect(s.location).not.toContain('hunter2');
      expect(s.location).toBe(redactPostgresUrl(u.toString()));
    } finally {
      await s.close();
    }
    const dead = 'postgres://nobody:hunter2@127.0.0.1:1/nothing';
    const err = await openPostgresStore(dead).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toContain('postgres://nobody@127.0.0.1:1/nothing');
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('a read-only role opens and reads an up-to-date store; its writes fail as a StoreError and change nothing', async () => {
    const url = await server.freshDatabase();
    const owner = await openPostgresStore(url);
    await owner.writeBlockLabels(blockBatch('a', [[1, 100, 'x']]), meta(1));
    await owner.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const role = `reader_${url.slice(-12)}`;
    await admin.query(`CREATE ROLE ${role} LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`).finally(() => admin.end());
    const u = new URL(url);
    u.username = role;
    const reader = await openExistingPostgresStore(u.toString());
    try {
      expect((await reader!.listSources()).map((s) => [s.source, s.blocks])).toEqual([['a', 1]]);
      const err = await reader!.writeBlockLabels(blockBatch('b', [[2, 200, 'y']]), meta(1)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toMatch(/writing b failed \[42501\]: permission denied/);
      expect((await reader!.listIngests()).length).toBe(1);
    } finally {
      await reader!.close();
      const cleanup = new pg.Client({ connectionString: url }); // roles are server-wide: leave none behind
      await cleanup.connect();
      await cleanup.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`).finally(() => cleanup.end());
    }
  });

  it('processes opening a new database at once apply each migration exactly once', async () => {
    const url = await server.freshDatabase();
    const stores = await Promise.all([1, 2, 3, 4].map(() => openPostgresStore(url, { maxConnections: 2 })));
    await Promise.all(stores.map((s) => s.close()));
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const r = await c.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      // Every file of migrations/ exactly once (3 is DuckDB-only: dropped key indexes; 6 PostgreSQL-only: hashed text keys).
      const files = readdirSync(new URL('./migrations', import.meta.url)).map((f) => Number(f.slice(0, 4))).sort((a, b) => a - b);
      expect(files).toEqual([1, 2, 4, 5, 6, 7]);
      expect(r.rows.map((x) => x.version)).toEqual(files);
    } finally {
      await c.end();
    }
  });
});

describe('concurrent writers (advisory lock per source)', () => {
  it('a held lock on one source blocks that source only: other sources and readers go ahead', async () => {
    const url = await server.freshDatabase();
    const store = await openPostgresStore(url);
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(XACT_LOCK_SQL, [sourceLock('a')]);
      let aDone = false;
      const a = store.writeBlockLabels(blockBatch('a', [[1, 100, 'x']]), meta(1)).then((w) => ((aDone = true), w));
      await waitFor('the writer of a to wait for its lock', async () => (await holder.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0].n === 1);
      const b = await store.writeBlockLabels(blockBatch('b', [[1, 100, 'y'], [2, 200, 'y']]), meta(2));
      expect(b).toMatchObject({ inserted: 2 });
      expect((await store.listSources()).map((s) => s.source)).toEqual(['b']);
      expect(aDone).toBe(false);
      await holder.query('COMMIT');
      expect(await a).toMatchObject({ inserted: 1, updated: 0, unchanged: 0 });
      expect((await store.listSources()).map((s) => [s.source, s.blocks])).toEqual([['a', 1], ['b', 2]]);
    } finally {
      await holder.end();
      await store.close();
    }
  });

  it('two processes writing different sources over shared blocks at once both commit; writers of the same rows count them once', async () => {
    const url = await server.freshDatabase();
    const [p, q] = [await openPostgresStore(url), await openPostgresStore(url)];
    try {
      const n = 10_000;
      const rows = (from: number, round: number, tag: string): [number, number, string][] =>
        Array.from({ length: n }, (_, i) => [from + i, 1_600_000_000 + 600 * (from + i), `${tag}${(from + i + round) % 7}`]);
      for (let round = 0; round < 3; round++) {
        // p and q overlap on heights 5000..9999 (shared `blocks` rows); every round relabels every row.
        const [wp, wq] = await Promise.all([
          p.writeBlockLabels(blockBatch('p', rows(0, round, 'p')), meta(n, `${round}`.repeat(64))),
          q.writeBlockLabels(blockBatch('q', rows(5_000, round, 'q')), meta(n, `${round}`.repeat(64))),
        ]);
        const expected = round === 0 ? { inserted: n, updated: 0, unchanged: 0 } : { inserted: 0, updated: n, unchanged: 0 };
        expect([wp, wq]).toMatchObject([expected, expected]);
      }
      const labels = await p.readBlockLabels('q');
      expect(labels.heights.length).toBe(n);
      expect(labels.timeSec[5]).toBe(1_600_000_000 + 600 * 5_005);
      expect(labels.labels[labels.label[5]!]).toBe(`q${(5_005 + 2) % 7}`);
      const ingests = await q.listIngests();
      expect(new Set(ingests.map((i) => i.id)).size).toBe(6);
      // Same source, same rows, at once: the lock makes one writer see the other's rows.
      const same = blockBatch('r', rows(2_000, 0, 'r'));
      const both = await Promise.all([p.writeBlockLabels(same, meta(n, 'e'.repeat(64))), q.writeBlockLabels(same, meta(n, 'e'.repeat(64)))]);
      expect(both.map((w) => [w.inserted, w.unchanged]).sort()).toEqual([[0, n], [n, 0]]);
      expect((await p.listSources()).map((s) => [s.source, s.blocks, s.firstHeight, s.lastHeight])).toEqual([['p', n, 0, n - 1], ['q', n, 5_000, 5_000 + n - 1], ['r', n, 2_000, 2_000 + n - 1]]);
    } finally {
      await p.close();
      await q.close();
    }
  });
});

describe('parity with DuckDB', () => {
  const LABELS = ['a', 'B', 'b', 'é', 'Z', 'a b', 'x"y', 'NULL', '{c,d}'];
  const write = fc.record({
    source: fc.constantFrom('s1', 'S1', 'ß'),
    rows: fc.uniqueArray(fc.record({ height: fc.integer({ min: 0, max: 40 }), label: fc.constantFrom(...LABELS), timed: fc.boolean() }), { selector: (r) => r.height, minLength: 1, maxLength: 25 }),
    skew: fc.constantFrom(0, 0, 0, 0, 1), // 1: times that contradict the store → the batch is rejected
  });

  async function apply(s: Store, writes: readonly { source: string; rows: readonly { height: number; label: string; timed: boolean }[]; skew: number }[]) {
    const out: unknown[] = [];
    for (const [i, w] of writes.entries()) {
      const rows = w.rows.map((r): [number, number | null, string] => [r.height, r.timed ? 1000 + 600 * r.height + w.skew : null, r.label]);
      out.push(await s.writeBlockLabels(blockBatch(w.source, rows), meta(rows.length, `${i}`.padStart(64, 'f'))).catch((e: unknown) => (e as Error).constructor.name));
    }
    const sources = await s.listSources();
    const reads = await Promise.all(sources.map(async (x) => {
      const r = await s.readBlockLabels(x.source);
      return { heights: [...r.heights], times: [...r.timeSec].map((t) => (Number.isNaN(t) ? null : t)), labels: [...r.label].map((k) => r.labels[k]), interned: r.labels };
    }));
    const ingests = (await s.listIngests()).map((x) => ({ ...x, id: 0, finishedAt: '' }));
    return { out: out.map((o) => (typeof o === 'string' ? o : { ...(o as object), ingestId: 0 })), sources, reads, ingests };
  }

  it('random write sequences give the same counts, errors, reads and summaries on both backends', async () => {
    const { openDuckDbStore } = await import('../duckdb/duckdb-store.js');
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 4 }), async (writes) => {
        const [duck, post] = [await openDuckDbStore(':memory:'), await openPostgresStore(await server.freshDatabase(), { maxConnections: 2 })];
        try {
          expect(await apply(post, writes)).toEqual(await apply(duck, writes));
        } finally {
          await duck.close();
          await post.close();
        }
      }),
      { numRuns: 8 },
    );
  }, 60_000);
});
