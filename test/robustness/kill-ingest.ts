/**
 * The crash figure: `kills` SIGKILLs at random moments of `nakamoto`'s dataset ingest (a child
 * process: test/helpers/ingest-child.ts), each into a store that is either empty or already holds an
 * older, smaller version of the file (so a kill can land in an insert or in a merge over existing
 * rows). After every kill the store is checked block by block against stores built without
 * interruption: each label source holds exactly the old content or exactly the new one (a whole
 * transaction or none), the ingest log agrees, and no height appears twice. Then the interrupted
 * ingest is rerun to completion and must give exactly the new content. A kill that arrives after the
 * child has finished does not count; the kill moment is uniform over a typical run's duration.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestDataset } from '../../src/pipeline/ingest-dataset.js';
import { Rng } from '../../src/random/prng.js';
import { datasetPath, PROJECT_ROOT } from '../../src/sources/files/datasets-path.js';
import { openDuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import type { Store } from '../../src/store/store.js';

const CHILD = join(PROJECT_ROOT, 'test/helpers/ingest-child.ts');
const PERBLOCK = datasetPath('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz');

export interface KillResult {
  readonly kills: number;
  readonly attempts: number;
  /** Per kill, what each source held: 'old', 'new', 'absent'. */
  readonly states: Record<string, number>;
  readonly blocksLost: number;
  readonly blocksDuplicated: number;
  readonly mismatches: readonly string[];
  readonly rowsNew: number;
  readonly seconds: number;
}

type Content = Map<string, string[]>;

/** Per source: `height:label` of every stored block, in height order. */
async function contentOf(store: Store): Promise<Content> {
  const out: Content = new Map();
  for (const s of await store.listSources()) {
    const l = await store.readBlockLabels(s.source);
    out.set(s.source, Array.from(l.heights, (h, i) => `${h}:${l.labels[l.label[i]!]}`));
  }
  return out;
}

async function build(db: string, files: readonly string[]): Promise<Content> {
  const store = await openDuckDbStore(db);
  try {
    for (const f of files) await ingestDataset(store, f);
    return await contentOf(store);
  } finally {
    await store.close();
  }
}

/**
 * Run the ingest child; kill it `killAfterMs` after it reports the input parsed (`afterParsed`) or
 * after its start. Returns whether the kill landed, and when it parsed and ended (ms from start).
 */
function runChild(db: string, file: string, kill: { afterMs: number; afterParsed: boolean } | null): Promise<{ killed: boolean; parsedMs: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD, db, file], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let parsedMs = NaN;
    let timer: NodeJS.Timeout | null = null;
    const arm = () => {
      if (kill && timer === null) timer = setTimeout(() => p.kill('SIGKILL'), kill.afterMs);
    };
    if (kill && !kill.afterParsed) arm();
    p.stdout.on('data', (d: Buffer) => {
      if (Number.isNaN(parsedMs) && d.toString().includes('parsed')) {
        parsedMs = performance.now() - t0;
        if (kill?.afterParsed) arm();
      }
    });
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === null && code !== 0) reject(new Error(`ingest child failed (exit ${code})`));
      else resolve({ killed: signal === 'SIGKILL', parsedMs, ms: performance.now() - t0 });
    });
  });
}

export async function killDuringIngest(o: { kills: number; oldRows?: number; newRows?: number; seed?: number; onKill?: (k: number, summary: string) => void }): Promise<KillResult> {
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'nk-kill-'));
  try {
    const oldFile = join(dir, 'old.csv');
    const newFile = join(dir, 'new.csv');
    execFileSync('sh', ['-c', `gzip -dc '${PERBLOCK}' | head -n ${(o.oldRows ?? 20_000) + 1} > '${oldFile}'`]);
    execFileSync('sh', ['-c', `gzip -dc '${PERBLOCK}' | head -n ${(o.newRows ?? 60_000) + 1} > '${newFile}'`]);
    const oldTemplate = join(dir, 'old.duckdb');
    const oldContent = await build(oldTemplate, [oldFile]);
    const newContent = await build(join(dir, 'new.duckdb'), [newFile]);
    const rowsNew = [...newContent.values()].reduce((a, b) => a + b.length, 0);
    // A typical uninterrupted run sets the range of kill moments: a quarter uniform over the whole
    // run (start-up included), the rest uniform over the ingest proper (after the input is parsed).
    const typical = await runChild(join(dir, 'typical.duckdb'), newFile, null);
    const rng = Rng.forReplicate(o.seed ?? 1, 0);
    const states: Record<string, number> = {};
    const mismatches: string[] = [];
    let lost = 0;
    let duplicated = 0;
    let kills = 0;
    let attempts = 0;
    while (kills < o.kills && attempts < o.kills * 4) {
      attempts++;
      const db = join(dir, `k${attempts}.duckdb`);
      const startsOld = rng.int(2) === 0;
      if (startsOld) copyFileSync(oldTemplate, db);
      const whole = rng.int(4) === 0;
      const { killed } = await runChild(db, newFile, whole ? { afterMs: rng.uniform() * typical.ms * 1.1, afterParsed: false } : { afterMs: rng.uniform() * (typical.ms - typical.parsedMs) * 1.1, afterParsed: true });
      if (killed) kills++;
      const store = await openDuckDbStore(db);
      try {
        const now = await contentOf(store);
        const ingests = await store.listIngests();
        const notes: string[] = [];
        for (const [source, want] of newContent) {
          const got = now.get(source) ?? [];
          const old = startsOld ? (oldContent.get(source) ?? []) : [];
          const state = same(got, want) ? 'new' : same(got, old) ? (old.length === 0 ? 'absent' : 'old') : 'torn';
          if (killed) states[state] = (states[state] ?? 0) + 1;
          if (state === 'torn') {
            const heights = got.map((x) => x.split(':')[0]);
            duplicated += heights.length - new Set(heights).size;
            lost += Math.max(0, old.length - got.length);
            mismatches.push(`kill ${kills} ${source}: ${got.length} blocks, neither the old ${old.length} nor the new ${want.length}`);
          }
          const logged = ingests.filter((i) => i.source === source).length;
          const expectedLogs = (startsOld && old.length > 0 ? 1 : 0) + (state === 'new' ? 1 : 0);
          if (logged !== expectedLogs && state !== 'torn') mismatches.push(`kill ${kills} ${source}: ${logged} ingest records, expected ${expectedLogs}`);
          notes.push(`${source} ${state}`);
        }
        // The rerun completes it exactly.
        await ingestDataset(store, newFile);
        const after = await contentOf(store);
        for (const [source, want] of newContent) {
          const got = after.get(source) ?? [];
          if (!same(got, want)) {
            mismatches.push(`rerun after kill ${kills} ${source}: ${got.length} blocks, expected ${want.length}`);
            lost += Math.max(0, want.length - new Set(got).size);
            duplicated += got.length - new Set(got.map((x) => x.split(':')[0])).size;
          }
        }
        if (killed) o.onKill?.(kills, notes.join(', '));
      } finally {
        await store.close();
      }
      rmSync(db, { force: true });
      rmSync(`${db}.wal`, { force: true });
    }
    return { kills, attempts, states, blocksLost: lost, blocksDuplicated: duplicated, mismatches: mismatches.slice(0, 20), rowsNew, seconds: (performance.now() - t0) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function same(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
