/**
 * /api/hashrate and the cost calculator's data default, through app.inject() on the embedded default.
 */
import { describe, expect, it } from 'vitest';
import { embeddedApp } from '../../../../test/support/embedded-app.js';

const { get } = embeddedApp();

describe('GET /api/hashrate', () => {
  it('gives EH/s per window inside its interval, and the same rows as the CLI query', async () => {
    const r = await get('/api/hashrate?window=30d&from=2024-01-01&to=2024-04-01');
    expect(r.status).toBe(200);
    const rows = r.json.rows as { window_start: string; hashrate_ehs: number; lo_ehs: number; hi_ehs: number; blocks: number }[];
    expect(rows.map((x) => x.window_start)).toEqual(['2024-01-01', '2024-01-31', '2024-03-01']);
    for (const x of rows) {
      expect(x.lo_ehs).toBeLessThan(x.hashrate_ehs);
      expect(x.hi_ehs).toBeGreaterThan(x.hashrate_ehs);
    }
  });
  it('rejects a bad interval kind with 400', async () => {
    const r = await get('/api/hashrate?interval=normal');
    expect(r.status).toBe(400);
  });
});

describe('GET /api/attack/cost without hashrateEhs', () => {
  it('takes the latest 7-day network estimate, and the cost at both ends of its interval', async () => {
    const latest = ((await get('/api/hashrate?window=7d')).json.rows as { hashrate_ehs: number | null }[]).filter((x) => x.hashrate_ehs !== null).at(-1)!;
    const r = await get('/api/attack/cost?share=0.51&efficiencyJTh=20&electricityUsdKwh=0.05&btcPriceUsd=65000');
    expect(r.status).toBe(200);
    expect(r.json.networkHashrate.ehs).toBe(latest.hashrate_ehs);
    // Energy cost is linear in hash rate: 0.51 × H EH/s × 20 J/TH × 1e6 TH/EH … = cost ∝ H.
    const ratio = r.json.networkHashrate.costPerHourUsdHi / r.json.costPerHourUsd;
    expect(ratio).toBeCloseTo(r.json.networkHashrate.hiEhs / r.json.networkHashrate.ehs, 9);
  });
});
