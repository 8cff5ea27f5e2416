/**
 * @module A DuckDB store for a long-running reader (`nakamoto serve`) that shares the file with
 * other processes: every call opens the file read-only, runs, and closes it again, so the file is
 * held only for the length of one read and `nakamoto ingest` (a writer) can take it in between.
 * A read that meets a writer's lock waits for it (retrying, up to `lockWaitMs`). The file need not
 * exist yet: until it does, the store is empty (no sources, no ingests), and the first ingest is
 * seen without a restart. `dataVersion()` is the file's stat signature (and its WAL's): it changes
 * with every committed write and costs no open. Writes are refused (the server only reads).
 */
import { existsSync, statSync } from 'node:fs';
import { NotFoundError, StoreError } from '../../domain/errors.js';
import type { Store } from '../store.js';
import { openDuckDbStore } from './duckdb-store.js';

/** Answers of the read methods while the file does not exist (fresh values on every call). */
const EMPTY: Partial<Record<keyof Store, () => unknown>> = {
  listSources: () => [],
  listIngests: () => [],
  findIngest: () => null,
  // No stored AI snapshots: the distributions fall back to the staged files, as without a store.
  readSnapshots: () => [],
  readBlockFacts: () => ({ heights: new Int32Array(0), version: new Float64Array(0), scriptSigHex: [], txCount: new Float64Array(0), weight: new Float64Array(0), feeSat: new Float64Array(0), rewardSat: new Float64Array(0) }),
  chainTip: () => null,
  chainHashesBelow: () => [],
  chainHashes: () => [],
  chainHeightsLackingEconomics: () => [],
  readRuleSnapshot: () => null,
};

const WRITES = new Set<string>(['writeBlockLabels', 'writeDailyCounts', 'writeBlockFacts', 'writeSnapshots', 'writeChainBatch', 'writeChainAttributions', 'rollbackChain', 'saveRuleSnapshot']);

/** Synchronous stat (no thread-pool round trip, no exception for a missing WAL): it runs on every request. */
function signature(path: string): string {
  const one = (p: string) => {
    const s = statSync(p, { throwIfNoEntry: false });
    return s ? `${s.size}:${s.mtimeMs}:${s.ino}` : '-';
  };
  return `${one(path)}|${one(`${path}.wal`)}`;
}

export interface OnDemandStore extends Store {
  /** Changes whenever the file (or its WAL) changes. */
  dataVersion(): Promise<string>;
}

export function onDemandDuckDbStore(path: string, o: { lockWaitMs?: number } = {}): OnDemandStore {
  const withStore = async <T>(fn: (s: Store) => Promise<T>): Promise<T> => {
    const s = await openDuckDbStore(path, { readOnly: true, lockWaitMs: o.lockWaitMs ?? 15_000 });
    try {
      return await fn(s);
    } finally {
      await s.close();
    }
  };
  const target = { location: path, dataVersion: () => Promise.resolve(signature(path)), close: () => Promise.resolve() };
  return new Proxy(target as unknown as OnDemandStore, {
    get(t, prop) {
      if (prop in t) return t[prop as keyof typeof t];
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      if (WRITES.has(prop)) return () => Promise.reject(new StoreError(`the server reads ${path} only: ${prop} is not allowed here (write with \`nakamoto ingest\`)`));
      return (...args: unknown[]) => {
        if (!existsSync(path)) {
          if (prop in EMPTY) return Promise.resolve(EMPTY[prop as keyof Store]!());
          return Promise.reject(new NotFoundError(`no store at ${path} yet: run \`nakamoto ingest <file>\` with this --db`));
        }
        return withStore((s) => (s[prop as keyof Store] as (...a: unknown[]) => Promise<unknown>).apply(s, args));
      };
    },
  });
}
