/**
 * The library API: the package imports by its name (`nakamoto-observatory`, package.json "exports"),
 * in vitest and in a plain Node process (tsx), and the curated functions answer as documented:
 * metrics checked against hand computation, the whitepaper's double-spend figure, the genesis block,
 * and the metrics query over the embedded default.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/sources/files/datasets-path.js';

describe("import('nakamoto-observatory')", () => {
  it('exports the curated API, and it computes what the docs say', async () => {
    const lib = await import('nakamoto-observatory');
    // HHI of shares 0.5/0.3/0.2 = 0.25 + 0.09 + 0.04 = 0.38 (×10,000); one entity holds > 50 %.
    const m = lib.computeMetrics({ labels: ['a', 'b', 'c'], weights: [5, 3, 2] }, lib.parseMetricList('hhi,nakamoto-coefficient'));
    expect(m).toEqual({ hhi: 3800, 'nakamoto-coefficient': 1 });
    // Nakamoto (2008), section 11: q = 0.1, z = 5 → P = 0.0009137.
    expect(lib.doubleSpendProbability('nakamoto', 0.1, 5)).toBeCloseTo(0.0009137, 7);
    const genesis = lib.decodeCoinbaseBlock(readFileSync(lib.datasetPath('bitcoin/raw-blocks/block_000000_genesis.bin')));
    expect([genesis.header.hash, genesis.coinbase.height]).toEqual(['000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f', 0]);
    expect(lib.listDistributions().map((d) => d.id)).toContain('bitcoin/pools');
    const r = await lib.queryMetrics({ distribution: 'bitcoin/pools', window: '1y', from: '2021-01-01', to: '2022-01-01', metrics: 'nakamoto-coefficient' }, { store: null, datasetsRoot: lib.datasetsRoot() });
    expect(r.rows).toHaveLength(1);
    expect(r.provenance.source).toBeTruthy();
    expect(lib.libraryNames()).toContain('selfish-mining');
    expect(new lib.UsageError('x')).toBeInstanceOf(lib.AppError);
  });

  it('resolves by name in a plain Node process too', () => {
    const code = "const m = await import('nakamoto-observatory'); console.log(JSON.stringify(m.computeMetrics({ labels: ['a','b'], weights: [1,1] }, [m.getMetric('hhi')])));";
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ hhi: 5000 });
  });
});
