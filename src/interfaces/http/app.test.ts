/**
 * Every route of the HTTP API through `app.inject()` on the embedded default and the shared
 * datasets: answers checked against the CLI's query layer and published values, every error class
 * with its status and message.
 */
import { describe, expect, it } from 'vitest';
import { ROUTES } from './routes/index.js';
import { embeddedApp } from '../../../test/support/embedded-app.js';

const { get } = embeddedApp();

describe('every documented example answers 200', () => {
  it.each(ROUTES.filter((r) => r.exampleUrl && !r.exampleUrl.startsWith('/api/simulate/') && r.path !== '/report.html' && r.path !== '/api/sources/ingests').map((r) => [r.exampleUrl!]))('%s', async (url) => {
    const r = await get(url);
    expect(r.status, r.body.slice(0, 300)).toBe(200);
    expect(r.headers.etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
  });
});

describe('data routes', () => {
  it('distributions: the list and one id (with or without an encoded slash); unknown → 404 naming the known ids', async () => {
    const list = (await get('/api/distributions')).json;
    expect(list.distributions.map((d: { id: string }) => d.id)).toContain('bitcoin/hashrate-by-country');
    expect((await get('/api/distributions/bitcoin%2Fpools')).json.unit).toBe('blocks');
    const nf = await get('/api/distributions/nope/x');
    expect(nf.status).toBe(404);
    expect(nf.json.error).toMatchObject({ status: 404, type: 'NotFoundError' });
    expect(nf.json.error.message).toMatch(/invalid distribution: nope\/x \(known: bitcoin\/pools/);
  });
  it('metrics: yearly rows 2020–2025 with provenance; the 2023 Nakamoto coefficient is 2 (README table)', async () => {
    const r = (await get('/api/metrics/bitcoin/pools?window=1y&metrics=nakamoto-coefficient,hhi')).json;
    expect(r.provenance.source).toBe('default');
    expect(r.rows.map((x: { window_start: string }) => x.window_start)).toEqual(['2020-01-01', '2021-01-01', '2022-01-01', '2023-01-01', '2024-01-01', '2025-01-01']);
    expect(r.rows[3]['nakamoto-coefficient']).toBe(2);
    expect(r.rows[3].blocks).toBe(53999);
  });
  it('metrics with ci adds _lo/_hi bracketing the value; reproducible for a seed', async () => {
    const url = '/api/metrics/bitcoin/pools?window=1y&metrics=hhi&ci=true&draws=200&seed=3';
    const a = (await get(url)).json;
    for (const row of a.rows) {
      expect(row.hhi_lo).toBeLessThan(row.hhi_hi);
    }
    expect((await get(url)).body).toBe(JSON.stringify(a));
  });
  it('pools, report, shares, compare, claims, geography, sources answer with the documented shapes', async () => {
    const pools = (await get('/api/pools?window=1m&at=2024-06-30')).json;
    expect(pools.window).toEqual({ start: '2024-06-01', end: '2024-07-01', endExclusive: true });
    expect(pools.pools[0].rank).toBe(1);
    const report = (await get('/api/report?top=3')).json;
    expect(report.latest.top).toHaveLength(3);
    const shares = (await get('/api/shares/bitcoin/pools?window=1y&top=2')).json;
    expect(shares.entities).toEqual(['Foundry USA', 'AntPool', 'Other']);
    const compare = (await get('/api/compare?distributions=bitcoin/pools,ai/compute-owners&metric=hhi&ci=false')).json;
    expect(new Set(compare.cells.map((c: { distribution: string }) => c.distribution))).toEqual(new Set(['bitcoin/pools', 'ai/compute-owners']));
    const claims = (await get('/api/claims?only=us-overtook-china-mining')).json;
    expect(claims.claims[0].verdict).toBe('holds');
    const geo = (await get('/api/geography')).json;
    expect(geo.chinaBan[1].chinaShare).toBe(0); // CBECI PROVENANCE: China 0% in 2021-07
    expect((await get('/api/sources')).json).toEqual({ store: false, sources: [] });
    expect((await get('/api/sources/ingests')).status).toBe(404);
  });
  it('attack calculators: whitepaper double-spend, SM1 threshold ¼ at γ = ½, cost by hand, CBECI coalitions', async () => {
    expect((await get('/api/attack/double-spend?q=0.1&z=5')).json.nakamoto).toBeCloseTo(0.0009137, 7);
    const sm = (await get('/api/attack/selfish-mining?alpha=0.3&gamma=0.5&optimal&truncation=10')).json;
    expect(sm.threshold).toBeCloseTo(0.25, 12);
    expect(sm.truncation).toBe(10);
    const cost = (await get('/api/attack/cost?hashrateEhs=900&share=0.5&hashpriceUsdPhDay=50&btcPriceUsd=100000')).json;
    // 450 EH/s = 450,000 PH/s × $50 per PH-day / 24 h = $937,500 per hour.
    expect(cost.costPerHourUsd).toBeCloseTo(937_500, 6);
    const co = (await get('/api/attack/coalitions/bitcoin/hashrate-by-country?window=1m')).json;
    expect(co.coalitions[2].members).toEqual(['United States of America', 'China']);
  });
  it('chart SVG and the HTML report have their media types', async () => {
    const svg = await get('/api/charts/top5-share');
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect((await get('/api/charts/nope')).status).toBe(404);
  });
});

describe('bad input: 400 with a precise message, never a 500', () => {
  it.each([
    ['/api/metrics/bitcoin/pools?window=30x', /^invalid window: 30x/],
    ['/api/metrics/bitcoin/pools?foo=1', /^unknown query parameter: foo \(known: window, step/],
    ['/api/metrics/bitcoin/pools?window=1y&window=2y', /^invalid window: 1y,2y \(given more than once\)/],
    ['/api/metrics/bitcoin/pools?ci=maybe', /^invalid ci: maybe \(expected true or false\)/],
    ['/api/metrics/bitcoin/pools?draws=50&ci', /^invalid draws: 50 \(expected an integer in \[100, 10000\]\)/],
    ['/api/metrics/bitcoin/pools?window=1d&ci', /^too much work for intervals: \d+ windows × 1000 draws/],
    ['/api/metrics/bitcoin/pools?from=2024-13-01', /^invalid --from: 2024-13-01/],
    ['/api/metrics/ai/compute-owners?window=1y&ci', /intervals model block sampling/],
    ['/api/pools?window=2016b', /pools takes a time window/],
    ['/api/report?top=0', /^invalid top: 0/],
    ['/api/compare?metric=hhi', /^missing query parameter: distributions/],
    ['/api/compare?distributions=bitcoin/pools', /at least two distributions/],
    ['/api/claims?draws=1e9', /^invalid draws: 1e9/],
    ['/api/attack/double-spend?q=abc&z=1', /^invalid q: abc \(expected a number in \[0, 1\]\)/],
    ['/api/attack/double-spend?q=0.1&z=1&rule=x', /^invalid rule: x \(expected one of catch-up, overtake\)/],
    ['/api/attack/selfish-mining?alpha=0.3&gamma=0.5&optimal&truncation=41', /^invalid truncation: 41 \(expected an integer in \[2, 40\]\)/],
    ['/api/attack/cost?hashrateEhs=900&share=0.5&btcPriceUsd=1', /give efficiencyJTh and electricityUsdKwh together/],
    ['/api/attack/coalitions/bitcoin/pools?thresholds=0.5,2', /^invalid thresholds?: /],
    ['/api/simulate/selfish-mining?runs=9', /^invalid runs: 9 \(expected an integer in \[1, 8\]\)/],
    ['/api/metrics/bitcoin/pools?level=nope', /^invalid level: nope/],
  ])('%s', async (url, message) => {
    const r = await get(url);
    expect(r.status, r.body).toBe(400);
    expect(r.json.error.type).toMatch(/UsageError|DecodeError/);
    expect(r.json.error.message).toMatch(message);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers.etag).toBeUndefined();
  });
  it('unknown ids and routes are 404', async () => {
    for (const url of ['/api/metrics/nope/x', '/api/simulate/nope', '/api/attack/coalitions/nope', '/api/nope', '/api/claims?only=nope']) {
      const r = await get(url);
      expect(r.status, url).toBe(404);
      expect(r.json.error.status).toBe(404);
    }
  });
  it('a source that needs a store is 404 with the reason', async () => {
    const r = await get('/api/metrics/bitcoin/pools?source=edi');
    expect(r.status).toBe(404);
    expect(r.json.error.message).toMatch(/needs a store/);
  });
});
