import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv, requireColumns } from '../../sources/files/csv.js';
import { datasetPath } from '../../sources/files/datasets-path.js';
import { coinbaseOutputsFromHex, payoutShape } from './payout-fingerprint.js';
import { loadCoinbaseRows } from '../../../test/support/bitcoin-blocks.js';

function jobs(): { pool: number; coinbase: string; merkleBranches: string[] }[] {
  const raw = JSON.parse(readFileSync(datasetPath('bitcoin/stratum-jobs-2025-04/tx01_ws_stratum_jobs.json'), 'utf8')) as { stratumJobs: Record<string, { pool: number; coinbase: string; merkleBranches: string[] }> };
  return Object.values(raw.stratumJobs);
}

describe('payoutShape', () => {
  it('on real stratum jobs: AntPool, Binance Pool, ULTIMUSPOOL and Mining Squared pay one 546-sat P2SH then a P2SH; Luxor and SECPOOL too; Braiins and Poolin one P2SH (PROVENANCE.md)', () => {
    const shape = new Map(jobs().map((j) => [j.pool, payoutShape(coinbaseOutputsFromHex(j.coinbase, `job ${j.pool}`))]));
    const head = (pool: number) => shape.get(pool)!.types.slice(0, 2).join(' ');
    for (const pool of [44, 105, 2, 161, 4, 141]) expect(head(pool), `pool ${pool}`).toBe('p2sh:dust p2sh');
    for (const pool of [43, 94]) expect(shape.get(pool)!.types[0], `pool ${pool}`).toBe('p2sh');
    // Foundry USA (111) and F2Pool (36) have their own structures.
    expect(head(111)).not.toBe('p2sh:dust p2sh');
    expect(head(36)).not.toBe('p2sh:dust p2sh');
    // Every job commits to its witness root.
    for (const s of shape.values()) expect(s.witnessCommitmentAt).not.toBeNull();
  });

  it('agrees with the outputs table derived from the same jobs (independent parse in the dataset)', () => {
    const path = datasetPath('bitcoin/stratum-jobs-2025-04/stratum_jobs_coinbase_outputs_derived.csv');
    const t = parseCsv(readFileSync(path, 'utf8'), path);
    const c = requireColumns(t, ['pool_unique_id', 'coinbase_outputs']);
    const byPool = new Map(jobs().map((j) => [String(j.pool), coinbaseOutputsFromHex(j.coinbase)]));
    for (const r of t.rows) {
      const derived = r[c.coinbase_outputs]!.split(';').map((o) => BigInt(o.split(':')[0]!));
      expect(byPool.get(r[c.pool_unique_id]!)!.map((o) => o.valueSats), `pool ${r[c.pool_unique_id]}`).toEqual(derived);
    }
  });

  it('on real full-block coinbases: counts dust and finds the witness commitment', () => {
    for (const row of loadCoinbaseRows()) {
      const s = payoutShape(row.outputs.map((o) => ({ valueSats: o.valueSats, type: o.spkHex.startsWith('6a24aa21a9ed') ? ('witness_commitment' as const) : o.spkHex.startsWith('6a') ? ('op_return' as const) : ('p2pkh' as const) })));
      expect(s.outputs).toBe(row.outputs.length);
      expect(s.dust).toBe(row.outputs.filter((o) => o.valueSats <= 546n && !o.spkHex.startsWith('6a')).length);
    }
  });
});
