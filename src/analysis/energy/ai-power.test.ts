import { describe, expect, it } from 'vitest';
import type { GpuClusterRecord } from '../../decode/epoch-ai/clusters.js';
import { readGpuClusters } from '../../sources/epoch-ai/read.js';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import { poweredClusters, powerSnapshots, wattsPerH100eByYear } from './ai-power.js';

const sec = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
let line = 1;
function cluster(over: Partial<GpuClusterRecord>): GpuClusterRecord {
  return { line: ++line, name: `c${line}`, status: 'Existing', owner: 'A', firstOperationalSec: sec('2024-03-01'), possibleDuplicate: false, includeInStandardAnalysis: true, anonymised: false, ...over };
}

describe('power per cluster', () => {
  it('keeps reported power, estimates the rest from H100e by start-year median, counts what it leaves out', () => {
    // Five 2024 clusters with both values: 1000, 1200, 1400, 1600, 1800 W per H100e → median 1400 W.
    const calib = [1000, 1200, 1400, 1600, 1800].map((w) => cluster({ h100e: 1000, powerMw: w / 1000 }));
    const noPower2024 = cluster({ h100e: 2000 });
    const noPower2019 = cluster({ h100e: 500, firstOperationalSec: sec('2019-06-01') });
    const rows = [...calib, noPower2024, noPower2019, cluster({ status: 'Planned', powerMw: 5 }), cluster({ possibleDuplicate: true, powerMw: 5 }), cluster({})];
    const sel = poweredClusters(rows);
    // 2024: 2000 H100e × 1400 W = 2.8 MW; 2019 has no calibration of its own → all-years median 1400 W: 0.7 MW.
    expect(sel.kept.map((k) => [k.powerMw, k.estimated])).toEqual([[1, false], [1.2, false], [1.4, false], [1.6, false], [1.8, false], [2.8, true], [expect.closeTo(0.7, 12), true]]);
    expect(sel.notes.join('\n')).toMatch(/left out, Planned: 1 clusters[\s\S]*left out, flagged Possible Duplicate: 1 clusters[\s\S]*left out, neither power nor H100 equivalents: 1 clusters/);
    // A fixed rate replaces the calibration.
    expect(poweredClusters([noPower2024], 700).kept[0]!.powerMw).toBeCloseTo(1.4, 12);
  });

  it('needs 5 clusters in a year for its own median', () => {
    const r = wattsPerH100eByYear([1, 2, 3, 4].map((k) => ({ powerMw: k, h100e: 1000, fromSec: sec('2023-01-01') })));
    expect(r.byYear.size).toBe(0);
    expect(r.all).toBe(2500); // median of 1000, 2000, 3000, 4000 W
  });

  it('snapshots at quarter ends: from the first operational date, until decommissioning, split by shares', () => {
    const a = cluster({ powerMw: 10, firstOperationalSec: sec('2024-02-10') });
    const b = cluster({ powerMw: 4, firstOperationalSec: sec('2024-05-01'), status: 'Decommissioned', decommissionedSec: sec('2024-08-01'), owner: 'A,B' });
    const kept = poweredClusters([a, b]).kept;
    const recs = powerSnapshots(kept, (c) => (c.owner === 'A,B' ? [{ entity: 'A', share: 0.5 }, { entity: 'B', share: 0.5 }] : [{ entity: 'A', share: 1 }]));
    const q = (iso: string) => Date.parse(iso) / 1000;
    expect(recs).toEqual([
      { timeSec: q('2024-03-31T23:59:59Z'), entity: 'A', weight: 10 },
      { timeSec: q('2024-06-30T23:59:59Z'), entity: 'A', weight: 12 },
      { timeSec: q('2024-06-30T23:59:59Z'), entity: 'B', weight: 2 },
      { timeSec: q('2024-09-30T23:59:59Z'), entity: 'A', weight: 10 },
    ]);
  });

  it("sums Epoch's reported power like an independent count (real data)", async () => {
    const data = await readGpuClusters(datasetsRoot());
    const kept = poweredClusters(data.rows).kept;
    const t = Date.parse('2025-09-30T23:59:59Z') / 1000;
    const on = kept.filter((k) => !k.estimated && k.fromSec <= t && k.untilSec > t);
    // Counted with Python's csv module over gpu_clusters.csv (Existing or dated Decommissioned,
    // first operational ≤ t, not decommissioned by t, Possible Duplicate ≠ True, Power Capacity set):
    // 430 clusters, 2824.757279518003 MW, of which United States of America 2109.590423160001 MW.
    expect(on).toHaveLength(430);
    expect(on.reduce((s, k) => s + k.powerMw, 0)).toBeCloseTo(2824.757279518003, 6);
    expect(on.filter((k) => k.cluster.country === 'United States of America').reduce((s, k) => s + k.powerMw, 0)).toBeCloseTo(2109.590423160001, 6);
  });
});
