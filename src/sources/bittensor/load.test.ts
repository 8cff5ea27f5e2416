import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecodeError, UsageError } from '../../domain/errors.js';
import { datasetsRoot } from '../files/datasets-path.js';
import { loadBittensorIncentive, loadBittensorStake, loadBittensorSubnetEmission } from './load.js';
import { loadMetagraphCsv } from './snapshot-files.js';

const root = datasetsRoot();

describe('Bittensor loaders', () => {
  it('each loader reads the staged files and dates the series', async () => {
    const [emission, stake, incentive] = await Promise.all([loadBittensorSubnetEmission(root), loadBittensorStake(root), loadBittensorIncentive(root)]);
    expect(emission!.snapshotTimeSec).toBe(Date.UTC(2026, 3, 11) / 1000);
    // 129 rows minus root (netuid 0).
    expect(emission!.series.entities).toHaveLength(128);
    // Block time from the recorded header beside the CSV: 2025-11-10 15:12:24 UTC (PROVENANCE).
    expect(stake!.snapshotTimeSec).toBe(Date.UTC(2025, 10, 10, 15, 12, 24) / 1000);
    expect(stake!.notes.join('\n')).toMatch(/recorded header/);
    // awk: 75 coldkeys, 23 with total_stake_rao summing to > 0 (the rest kept as zero weights).
    expect(stake!.series.entities).toHaveLength(75);
    expect([...stake!.series.weight].filter((w) => w > 0)).toHaveLength(23);
    expect(Math.max(...incentive!.series.weight)).toBe(1);
  });

  it('the stake loader takes the alpha measure', async () => {
    const alpha = await loadBittensorStake(root, { measure: 'alpha' });
    expect(alpha.notes.join('\n')).toMatch(/alpha staked on the hotkeys/);
  });

  it('loaders accept an explicit metagraph file; a CSV with an unknown name needs its metadata', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nakamoto-bt-'));
    try {
      const small = join(dir, 'sn7_metagraph_block100_2025-01-02.csv');
      const header = 'uid,hotkey,coldkey,active,validator_permit,stake_alpha_rao,alpha_stake_rao,tao_stake_rao,total_stake_rao,rank_u16,trust_u16,consensus_u16,incentive_u16,dividends_u16,validator_trust_u16,emission_rao,last_update,block_at_registration,pruning_score_u16,axon_ip,axon_port';
      const a = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
      const b = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'; // //Bob, prefix 42
      await writeFile(small, `${header}\n0,${a},${b},1,1,5,5,0,5,0,0,0,30000,0,0,0,1,1,0,,\n1,${b},${b},1,0,3,3,0,3,0,0,0,35535,0,0,0,1,1,0,10.0.0.1,80\n`);
      const stake = await loadBittensorStake(root, { file: small });
      // Both UIDs belong to coldkey b: 5 + 3 rao = 8e-9 TAO-equivalent. Time = start of 2025-01-02 (from the name).
      expect([...stake.series.weight]).toEqual([8e-9]);
      expect(stake.snapshotTimeSec).toBe(Date.UTC(2025, 0, 2) / 1000);
      const inc = await loadBittensorIncentive(root, { file: small });
      expect(inc.series.weight[0]).toBeCloseTo(1, 12);
      const renamed = join(dir, 'metagraph.csv');
      await writeFile(renamed, `${header}\n`);
      await expect(loadMetagraphCsv(renamed)).rejects.toThrow(UsageError);
      await writeFile(renamed, `${header}\n0,${a},${b},1,1,5,5,0,5,0,0,0,x,0,0,0,1,1,0,,\n`);
      await expect(loadMetagraphCsv(renamed, { netuid: 1, block: 1, timeSec: 0 })).rejects.toThrow(DecodeError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
