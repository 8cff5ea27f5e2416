import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, requireColumns } from '../../sources/files/csv.js';
import { datasetPath } from '../../sources/files/datasets-path.js';
import { fromHex } from './hex.js';
import { MM_COMMITMENT_BYTES, scriptSigLayout } from './scriptsig-layout.js';
import { loadCoinbaseRows } from '../../../test/support/bitcoin-blocks.js';

function observerCoinbases(): { height: number; hex: string }[] {
  const path = datasetPath('bitcoin/mainnet-observer-blocks-2022-2025/coinbases_739990_913612_920533_925262.csv');
  const t = parseCsv(readFileSync(path, 'utf8'), path);
  const c = requireColumns(t, ['height', 'coinbase_scriptsig_hex']);
  return t.rows.map((r) => ({ height: Number(r[c.height]), hex: r[c.coinbase_scriptsig_hex]! }));
}

interface Job {
  pool: number;
  scriptsig: string;
  extraNonce: string;
  extraNonce2Size: number;
  merkleBranches: string[];
}
function stratumJobs(): Job[] {
  const raw = JSON.parse(readFileSync(datasetPath('bitcoin/stratum-jobs-2025-04/tx01_ws_stratum_jobs.json'), 'utf8')) as { stratumJobs: Record<string, Job> };
  return Object.values(raw.stratumJobs);
}

describe('scriptSigLayout', () => {
  it('reads full blocks’ coinbases (mainnet-observer, hand-read)', () => {
    const rows = observerCoinbases();
    // 739,990 (Binance Pool, 2022): 03 964a0b | 13 "binance/867L" + 7 bytes | fabe6d6d root 02000000 00000000 | 10 bytes.
    const b = scriptSigLayout(fromHex(rows.find((r) => r.height === 739990)!.hex));
    expect(b.heightPushBytes).toBe(3);
    expect(b.tag).toEqual([5, 17]);
    expect(b.mm).toEqual({ offset: 24, size: 2, nonce: 0 });
    expect(b.key).toBe(`p1 T g= M2/0 t${fromHex(rows.find((r) => r.height === 739990)!.hex).length - 24 - MM_COMMITMENT_BYTES}`);
    // 913,612 (F2Pool, 2025): the commitment comes first (push 2c), its nonce is not zero, /F2Pool/ is after it.
    const f = scriptSigLayout(fromHex(rows.find((r) => r.height === 913612)!.hex));
    expect(f.tag).toBeNull();
    expect(f.mm?.offset).toBe(5);
    expect(f.key).toBe('p1 M16/n t51');
  });

  it('gives every real coinbase a layout whose parts add up to its length', () => {
    const all = [...loadCoinbaseRows().map((r) => r.scriptSigHex), ...observerCoinbases().map((r) => r.hex)];
    for (const hex of all) {
      const s = fromHex(hex);
      const l = scriptSigLayout(s);
      const body = l.heightPushBytes === 0 ? 0 : 1 + l.heightPushBytes;
      if (l.tag && l.mm) expect(body + l.pre + (l.tag[1] - l.tag[0]) + l.gap! + MM_COMMITMENT_BYTES + l.tail).toBe(Math.max(s.length, l.mm.offset + MM_COMMITMENT_BYTES + l.tail));
      if (l.tag && !l.mm) expect(body + l.pre + (l.tag[1] - l.tag[0]) + l.tail).toBe(s.length);
    }
  });

  it('on real stratum jobs: the extranonce space sits in the tail after the commitment, and the six pools of one template share one key', () => {
    const jobs = stratumJobs();
    let exact = 0;
    for (const j of jobs) {
      const l = scriptSigLayout(fromHex(j.scriptsig));
      if (!l.mm) continue;
      // coinbase = coinbase1 + extranonce1 + zero-filled extranonce2 + coinbase2: the two extranonces follow the commitment.
      const en = j.extraNonce.length / 2 + j.extraNonce2Size;
      expect(l.tail, `pool ${j.pool}`).toBeGreaterThanOrEqual(en);
      if (l.tail === en) exact++;
    }
    // AntPool, ULTIMUSPOOL, Poolin, Binance Pool, Mining Squared, SECPOOL: nothing but the extranonces after it.
    expect(exact).toBe(6);
    const byBranches = new Map<string, Set<string>>();
    for (const j of jobs) {
      const k = j.merkleBranches.join();
      const keys = byBranches.get(k) ?? new Set<string>();
      keys.add(scriptSigLayout(fromHex(j.scriptsig)).key);
      byBranches.set(k, keys);
    }
    const shared = [...byBranches.entries()].find(([k]) => jobs.filter((j) => j.merkleBranches.join() === k).length === 6)!;
    expect([...shared[1]]).toEqual(['p1 T g= M16/0 t12']);
    const key = (pool: number) => scriptSigLayout(fromHex(jobs.find((j) => j.pool === pool)!.scriptsig)).key;
    // Foundry USA (111) and F2Pool (36) build theirs differently.
    expect(key(111)).toBe('p4 T t12');
    expect(key(36)).toBe('p1 M16/n t51');
  });

  it('never throws and its parts stay inside the scriptSig (any bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (s) => {
        const l = scriptSigLayout(s);
        expect(l.pre).toBeGreaterThanOrEqual(0);
        expect(l.tail).toBeGreaterThanOrEqual(0);
        if (l.tag) expect(l.tag[1] - l.tag[0]).toBeGreaterThanOrEqual(1);
        if (l.tag && l.mm) expect(l.tag[1]).toBeLessThanOrEqual(l.mm.offset);
        expect(l.key).toMatch(/^(h\? )?p\d+( T)?( g(=|\d+))?( M(\d+|-)\/(0|n|-))? t\d+$/);
      }),
    );
  });

  it('does not depend on the tag text: swapping the tag for another of the same shape keeps the key', () => {
    const hex = observerCoinbases().find((r) => r.height === 739990)!.hex;
    const other = hex.replace(Buffer.from('binance/867L').toString('hex'), Buffer.from('antpool/123Z').toString('hex'));
    expect(other).not.toBe(hex);
    expect(scriptSigLayout(fromHex(other)).key).toBe(scriptSigLayout(fromHex(hex)).key);
  });
});
