/**
 * The dashboard in headless Chromium against the real server (createApp + registerWebStatic on
 * 127.0.0.1:0, a fresh Vite build). Every page must load without console errors; what the charts
 * and tables show is checked against the query functions called here in-process (the functions
 * behind the CLI), and the attack calculators against the CLI itself. Screenshots go to
 * test-artifacts/screenshots (and docs/screenshots with UPDATE_SCREENSHOTS=1).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/interfaces/cli/output.js';
import { queryAttackCost, queryDoubleSpend, querySelfishMining } from '../../src/pipeline/queries/attack-query.js';
import { queryClaims } from '../../src/pipeline/queries/claims-query.js';
import { queryContrast } from '../../src/pipeline/queries/contrast-query.js';
import { queryDistributions } from '../../src/pipeline/queries/distributions-query.js';
import { queryGeography } from '../../src/pipeline/queries/geography-query.js';
import { loadDistribution, SeriesCache } from '../../src/pipeline/queries/load-distribution.js';
import { poolName } from '../../src/pipeline/pool-names.js';
import { entityColor } from '../../src/interfaces/charts/palette.js';
import { getChart } from '../../src/interfaces/report/charts/index.js';
import { loadPart } from '../../src/interfaces/report/report-data.js';
import { queryMetrics } from '../../src/pipeline/queries/metrics-query.js';
import { queryPools } from '../../src/pipeline/queries/pools-query.js';
import { queryShares } from '../../src/pipeline/queries/shares-query.js';
import { querySimulation } from '../../src/pipeline/queries/simulate-query.js';
import { datasetPath, datasetsRoot } from '../../src/sources/files/datasets-path.js';
import { runCli } from '../helpers/run-cli.js';
import { ARTIFACTS, buildWeb, chromiumPath, launchBrowser, screenshot, settled, startDashboard, watchErrors, type TestServer } from './harness.js';

const ctx = { store: null, datasetsRoot: datasetsRoot(), cache: new SeriesCache() };
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
const open: { page: Page; errors: string[] }[] = [];

it('finds Chromium (CI installs Debian\'s chromium; without it this suite fails, it is never skipped)', () => {
  expect(existsSync(chromiumPath())).toBe(true);
});

describe('dashboard in Chromium', () => {
  beforeAll(async () => {
    const dist = join(ARTIFACTS, 'web-dist');
    [browser] = await Promise.all([launchBrowser(), buildWeb(dist)]);
    server = await startDashboard(dist);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async () => {
    // Every page of every test: no console error, no uncaught exception, no failed request.
    for (const { page, errors } of open.splice(0)) {
      await page.close();
      expect(errors).toEqual([]);
    }
  });

  async function visit(path: string, c: BrowserContext = context): Promise<Page> {
    const page = await c.newPage();
    open.push({ page, errors: watchErrors(page) });
    await page.goto(server.url + path);
    expect(await settled(page)).toBe('ready');
    return page;
  }

  const count = (page: Page, selector: string) => page.locator(selector).count();
  // Browser-side code is passed as text: the project compiles without the DOM library.
const urlHas = (page: Page, text: string) => page.waitForFunction(`decodeURIComponent(location.pathname + location.search).includes(${JSON.stringify(text)})`);
const inPage = <T>(page: Page, expression: string) => page.evaluate<T>(expression);
  const tableRows = (page: Page, frame: string) => page.locator(`${frame} details table tbody tr`).count();

  describe('Home: Bitcoin vs AI', () => {
    it('answers the contrast as `nakamoto report` does: verdicts with evidence, HHI chart, side-by-side and geography tables', async () => {
      const page = await visit('/');
      const c = await queryContrast(ctx);
      expect(await page.locator('h1').textContent()).toBe(c.question);
      expect(await count(page, '#contrast-claims li[data-verdict]')).toBe(c.verdicts.length);
      const shown = await page.locator('#contrast-claims li[data-verdict]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-series')}:${e.getAttribute('data-verdict')}`));
      expect(shown).toEqual(c.verdicts.map((v) => `${v.series}:${v.verdict}`));
      expect(await page.locator('#contrast-claims li[data-verdict] .note').first().textContent()).toBe(c.verdicts[0]!.evidence);
      for (const claim of c.claims) expect(await count(page, `#contrast-claims h2[data-claim="${claim}"]`)).toBe(1);
      expect(await count(page, '#contrast-chart svg g[aria-label=line] path')).toBeGreaterThanOrEqual(c.rows.filter((r) => r.points.length > 1).length);
      expect(await tableRows(page, '#contrast-chart')).toBe(c.rows.reduce((a, r) => a + r.points.length, 0));
      expect(await count(page, '#contrast-table tbody tr')).toBe(c.rows.length);
      const pools = c.rows.find((r) => r.key === 'btc-pools')!;
      expect(await page.locator('#contrast-table tbody tr').first().locator('td').nth(5).textContent()).toBe(
        `${Math.round(pools.latest!.hhi!).toLocaleString('en-US')} [${Math.round(pools.latest!.intervals!.hhi.lo!).toLocaleString('en-US')}–${Math.round(pools.latest!.intervals!.hhi.hi!).toLocaleString('en-US')}]`,
      );
      expect(await count(page, '#contrast-geography tbody tr')).toBe(c.geography.bitcoin.length + c.geography.ai.length);
      expect(await page.locator('#contrast-geography').textContent()).toContain('survey of firms');
      expect(await page.getAttribute('#nav a[data-section=home]', 'aria-current')).toBe('page');
      await screenshot(page, 'home', true, false);
    });
  });

  describe('Bitcoin', () => {
    it('shows the stacked shares, three metrics with 95% bands, the ranking and provenance', async () => {
      const page = await visit('/bitcoin');
      const shares = await queryShares({ distribution: 'bitcoin/pools', window: '1m', top: 8 }, ctx);
      expect(await count(page, '#share-chart svg g[aria-label=area] path')).toBe(shares.entities.length);
      expect(await tableRows(page, '#share-chart')).toBe(shares.windows.length);
      for (const id of ['nakamoto-coefficient', 'hhi', 'concentration-ratio-5']) {
        expect(await count(page, `#metric-${id} svg g[aria-label=line] path`), id).toBe(1);
        expect(await count(page, `#metric-${id} svg g[aria-label=area] path`), id).toBe(1);
      }
      const m = await queryMetrics({ distribution: 'bitcoin/pools', window: '1m', ci: true, metrics: 'nakamoto-coefficient,hhi,concentration-ratio=5' }, ctx);
      const first = page.locator('#metric-hhi details tbody tr').first().locator('td');
      const hhi = (x: unknown) => Math.round(x as number).toLocaleString('en-US');
      expect(await first.allTextContents()).toEqual([m.rows[0]!.window_start, m.rows[0]!.window_end, hhi(m.rows[0]!.hhi), hhi(m.rows[0]!.hhi_lo), hhi(m.rows[0]!.hhi_hi)]);
      // Today's top 8 are named in the share chart, none hidden in Other (issue 14).
      const lastWindow = (await queryShares({ distribution: 'bitcoin/pools', window: '1m', top: 30 }, ctx)).windows.at(-1)!;
      const todayTop = Object.entries(lastWindow.shares).filter(([k]) => k !== 'Other').sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k]) => k);
      const legend = await page.locator('#share-chart details thead th').allTextContents();
      for (const name of todayTop) expect(legend).toContain(name);
      const pools = await queryPools({}, ctx);
      expect(await count(page, '#ranking-table tbody tr')).toBe(pools.pools.length);
      expect(await page.locator('#ranking-table tbody tr').first().textContent()).toBe(`1${pools.pools[0]!.pool}${pools.pools[0]!.blocks.toLocaleString('en-US')}${(pools.pools[0]!.share * 100).toFixed(1)}%`);
      expect(await page.locator('[data-provenance]').textContent()).toContain(shares.provenance.rulesVersions[0]);
      await screenshot(page, 'bitcoin', true);
    });

    it('a pool has the same colour on the dashboard as in the shareable report, whatever its rank in each', async () => {
      // Dashboard: quarterly top 8 since 2023; report pool-share chart: top 12 by average monthly share since 2020.
      // The colour follows the name (src/interfaces/charts/palette.ts), not the rank.
      const page = await visit('/bitcoin?window=1q&from=2023-01-01');
      expect(await page.locator('#share-chart details tbody tr td').first().textContent()).toBe('2023-01-01');
      // The chart's entities in layer order: its data table's columns after `window start` and `total`.
      const entities = (await page.locator('#share-chart details thead th').allTextContents()).slice(2);
      const fills = await page.locator('#share-chart svg g[aria-label=area] path').evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')));
      expect(fills).toHaveLength(entities.length);
      const dashboardColour = new Map(entities.map((name, i) => [name, fills[i]]));
      const shares = { entities };
      const reportData = await loadPart('poolShares', ctx);
      const reportSvg = await getChart('pool-share').render(reportData);
      const reportColour = new Map([...reportSvg.matchAll(/<rect [^>]*fill="(#[0-9a-f]{6})"\/><text [^>]*>([^<]*)<\/text>/g)].map((m) => [m[2]!, m[1]!]));
      const reportAreas = [...reportSvg.matchAll(/<path [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
      expect(reportAreas).toEqual(reportData.entities.map((n) => reportColour.get(n))); // the legend is the marks' colours
      const both = shares.entities.filter((n) => n !== 'Other' && reportColour.has(n));
      expect(both.length).toBeGreaterThanOrEqual(5);
      // Some shared pool ranks differently in the two charts, so a rank-based palette would fail here.
      expect(both.some((n) => shares.entities.indexOf(n) !== reportData.entities.indexOf(n))).toBe(true);
      for (const name of both) expect(dashboardColour.get(name), name).toBe(reportColour.get(name));
      expect(dashboardColour.get('Other')).toBe(reportColour.get('Other'));
      expect(dashboardColour.get('Foundry USA')).toBe(entityColor('Foundry USA'));
    });

    it('controls write the URL and change the data; a reload restores the view, back undoes', async () => {
      const page = await visit('/bitcoin');
      await page.selectOption('#ctl-window', '1q');
      await urlHas(page, 'window=1q');
      await settled(page);
      expect(await tableRows(page, '#share-chart')).toBe((await queryShares({ distribution: 'bitcoin/pools', window: '1q', top: 8 }, ctx)).windows.length);
      await page.selectOption('#ctl-level', 'entity');
      await urlHas(page, 'level=entity');
      await settled(page);
      const owners = await queryPools({ level: 'entity' }, ctx);
      expect(await page.locator('#ranking-table tbody tr td:nth-child(2)').first().textContent()).toBe(owners.pools[0]!.pool);
      await page.fill('#ctl-from', '2023-01-01');
      await urlHas(page, 'from=2023-01-01');
      await settled(page);
      const narrowed = await queryShares({ distribution: 'bitcoin/pools', window: '1q', top: 8, level: 'entity', from: '2023-01-01' }, ctx);
      expect(await page.locator('#share-chart details tbody tr td').first().textContent()).toBe('2023-01-01');
      expect(await tableRows(page, '#share-chart')).toBe(narrowed.windows.length);
      expect(await count(page, '#share-chart svg g[aria-label=area] path')).toBe(narrowed.entities.length);

      await page.reload();
      expect(await settled(page)).toBe('ready');
      expect([await page.inputValue('#ctl-window'), await page.inputValue('#ctl-level'), await page.inputValue('#ctl-from')]).toEqual(['1q', 'entity', '2023-01-01']);
      expect(await tableRows(page, '#share-chart')).toBe(narrowed.windows.length);

      await page.goBack();
      await page.waitForFunction("!location.search.includes('from=')");
      await settled(page);
      expect(await page.inputValue('#ctl-from')).toBe('');
      expect(await page.inputValue('#ctl-level')).toBe('entity');
    });

    it('a slug link (/pool/foundryusa) opens the pool\'s page; a pool outside the top 30 still gets its charts', async () => {
      const page = await visit('/pool/foundryusa');
      await urlHas(page, '/pool/Foundry USA');
      expect(await settled(page)).toBe('ready');
      expect(await page.locator('h1').textContent()).toBe('Foundry USA');
      expect(await page.locator('[data-current]').textContent()).toMatch(/^Rank 1 of \d+: /);
      const top30 = new Set((await queryShares({ distribution: 'bitcoin/pools', window: '1m', top: 30 }, ctx)).entities);
      const sourced = await loadDistribution(ctx, 'bitcoin/pools');
      const small = sourced.series.entities.map(poolName).find((n) => !top30.has(n) && n !== 'Unknown');
      expect(small).toBeDefined();
      const p2 = await visit(`/pool/${encodeURIComponent(small!)}`);
      const withSmall = await queryShares({ distribution: 'bitcoin/pools', window: '1m', top: 30, include: small }, ctx);
      expect(withSmall.entities).toContain(small);
      expect(await count(p2, '#entity-share svg g[aria-label=line] path')).toBe(1);
      expect(await tableRows(p2, '#entity-share')).toBe(withSmall.windows.length);
    });

    it('a pool page shows its share history, blocks per window and how it is identified', async () => {
      const page = await visit('/bitcoin');
      const pools = await queryPools({}, ctx);
      const top = pools.pools[0]!;
      await page.locator('#ranking-table a', { hasText: top.pool }).first().click();
      await urlHas(page, `/pool/${top.pool}`);
      expect(await settled(page)).toBe('ready');
      expect(await page.locator('h1').textContent()).toBe(top.pool);
      expect(await page.locator('[data-current]').textContent()).toContain(`${top.blocks.toLocaleString('en-US')} of ${pools.blocks.toLocaleString('en-US')} blocks`);
      const shares = await queryShares({ distribution: 'bitcoin/pools', window: '1m', top: 30 }, ctx);
      expect(await count(page, '#entity-share svg g[aria-label=line] path')).toBe(1);
      expect(await count(page, '#entity-amount svg g[aria-label=rect] rect')).toBe(shares.windows.length);
      // Blocks per window = share × total, which must give back whole block counts.
      const blocks = await page.locator('#entity-amount details tbody tr td:nth-child(3)').allTextContents();
      expect(blocks.map((b) => Number(b.replace(/,/g, '')))).toEqual(shares.windows.map((w) => Math.round((w.shares[top.pool] ?? 0) * w.total)));
      expect(await page.locator('#entity-identity').textContent()).toContain(shares.provenance.rulesVersions[0]);
      await screenshot(page, 'pool', true);
    });

    it('a pool page shows how the pool is identified: tags, addresses, rule set version (pools-v2.json) and owners (legal_links.json)', async () => {
      const bytes = readFileSync(datasetPath('bitcoin/pool-definitions-mempool/pools-v2.json'));
      const file = JSON.parse(bytes.toString('utf8')) as { name: string; tags: string[]; addresses: string[] }[];
      const version = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
      const foundry = file.find((p) => p.name === 'Foundry USA')!;
      const page = await visit('/pool/Foundry USA');
      const text = (await page.locator('#pool-rules [data-rules]').textContent()) ?? '';
      expect(text).toContain(`Identified by: tags ${foundry.tags.join(', ')}; addresses ${foundry.addresses.join(', ')}; rule set mempool@${version}`);
      expect(await page.locator('#pool-rules [data-owners]').textContent()).toContain('Owner: none known');
      // BTC.com changed hands (legal_links.json): Bitmain until 2020-12, Bitdeer to 2021-04, BIT Mining since.
      const btc = await visit('/pool/BTC.com');
      expect(await btc.locator('#pool-rules [data-owners]').textContent()).toContain('Bitmain (until 2020-12-01), Bitdeer (2020-12-01 → 2021-04-01), BIT Mining (since 2021-04-01)');
    });
  });

  describe('AI', () => {
    it('shows any distribution of the list, without intervals (not a sample)', async () => {
      const page = await visit('/ai');
      const owners = await queryShares({ distribution: 'ai/compute-owners', window: '1y', top: 8 }, ctx);
      expect(await count(page, '#share-chart svg g[aria-label=area] path')).toBe(owners.entities.length);
      expect(await count(page, '[id^=metric-] svg g[aria-label=area]')).toBe(0);
      expect(await count(page, '[id^=metric-] svg g[aria-label=line] path')).toBe(3);
      const offered = await page.locator('#ctl-d option').evaluateAll((os) => os.map((o) => o.getAttribute('value')));
      expect(offered).toEqual(queryDistributions().map((d) => d.id).filter((id) => !id.startsWith('bitcoin/')));
      await screenshot(page, 'ai', true);
      await page.selectOption('#ctl-d', 'ai/notable-models');
      await urlHas(page, 'd=ai/notable-models');
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('ai/notable-models');
      const models = await queryShares({ distribution: 'ai/notable-models', window: '1y', top: 8 }, ctx);
      expect(await count(page, '#share-chart svg g[aria-label=area] path')).toBe(models.entities.length);
      expect(await tableRows(page, '#share-chart')).toBe(models.windows.length);
    });

    it('a one-snapshot distribution is a ranking with its values, not a time axis with one dot', async () => {
      const page = await visit('/ai?d=bittensor/stake');
      const shares = await queryShares({ distribution: 'bittensor/stake', window: '1y', top: 8 }, ctx);
      expect(shares.windows).toHaveLength(1);
      const bars = Object.values(shares.windows[0]!.shares).filter((x) => x > 0).length;
      expect(await count(page, '#share-chart svg g[aria-label=bar] rect')).toBe(bars);
      expect(await count(page, '#share-chart svg g[aria-label=area]')).toBe(0);
      expect(await count(page, '[id^=metric-] .single-value')).toBe(3);
      expect(await page.locator('#metric-nakamoto-coefficient .single-value').textContent()).toBe('2 at snapshot 2025-11-10T15:12:24Z');
    });

    it('an AI entity page fills its current-share box and draws the last window at full width', async () => {
      const page = await visit('/ai/entity/Google?d=ai/compute-owners');
      const r = await queryShares({ distribution: 'ai/compute-owners', window: '1y', top: 30, include: 'Google' }, ctx);
      const last = r.windows.at(-1)!;
      const current = await page.locator('[data-current]').textContent();
      expect(current).toContain(`${((last.shares.Google ?? 0) * 100).toFixed(1)}% of H100e in ${last.start} → ${last.end}`);
      const widths = await page.locator('#entity-amount svg g[aria-label=rect] rect').evaluateAll((rs) => rs.map((x) => Number(x.getAttribute('width'))));
      expect(widths.length).toBe(r.windows.length);
      // Yearly windows: the last bar is as wide as the others (it used to be a 30-day sliver).
      expect(widths.at(-1)!).toBeGreaterThan(0.8 * Math.max(...widths.slice(0, -1)));
    });

    it('Bittensor stake: ranking labels and share values fit inside the chart (no clipping)', async () => {
      const page = await visit('/ai?d=bittensor/stake');
      const box = await inPage<{ svg: { left: number; right: number }; ticks: { left: number }[]; values: { right: number }[] }>(
        page,
        `(() => { const svg = document.querySelector('#ranking-chart svg'); const r = svg.getBoundingClientRect();
          const ticks = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => ({ left: t.getBoundingClientRect().left }));
          const values = [...svg.querySelectorAll('g[aria-label=text] text')].map((t) => ({ right: t.getBoundingClientRect().right }));
          return { svg: { left: r.left, right: r.right }, ticks, values }; })()`,
      );
      expect(box.ticks.length).toBeGreaterThan(3);
      for (const t of box.ticks) expect(t.left).toBeGreaterThanOrEqual(box.svg.left - 0.5);
      expect(box.values.length).toBeGreaterThan(3);
      for (const v of box.values) expect(v.right).toBeLessThanOrEqual(box.svg.right + 0.5);
    });

    it('the Bittensor emission ranking never ranks "Other" (it comes last, without a rank)', async () => {
      const page = await visit('/ai?d=bittensor/subnet-emission');
      const rows = await page.locator('#ranking-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
      expect(rows.length).toBeGreaterThan(2);
      expect(rows[0]![0]).toBe('1');
      expect(rows[0]![1]).not.toBe('Other');
      const other = rows.findIndex((r) => r[1] === 'Other');
      if (other >= 0) {
        expect(other).toBe(rows.length - 1);
        expect(rows[other]![0]).toBe('–');
      }
      // Ranked shares are in descending order.
      const shares = rows.filter((r) => r[1] !== 'Other').map((r) => Number(r[2]!.replace('%', '')));
      expect([...shares].sort((a, b) => b - a)).toEqual(shares);
    });
  });

  describe('Compare', () => {
    it('puts the chosen distributions on one axis and shows geography as bars', async () => {
      const page = await visit('/compare');
      expect(await count(page, '#compare-chart svg g[aria-label=line] path')).toBe(2);
      const geo = await queryGeography(ctx);
      expect(await page.locator('[data-verdict]').textContent()).toBe(`Verdict: ${geo.verdict}`);
      expect(await count(page, '#china-ban-chart svg g[aria-label=bar] rect')).toBe(geo.chinaBan.length * 2);
      await page.check('input[name=d][value="ai/notable-models"]');
      await urlHas(page, 'd=bitcoin/pools,ai/compute-owners,ai/notable-models');
      await settled(page);
      expect(await count(page, '#compare-chart svg g[aria-label=line] path')).toBe(3);
      await screenshot(page, 'compare', true);
    });
  });

  describe('Attack', () => {
    const dd = (page: Page, panel: string, key: string) => page.locator(`${panel} dd[data-key="${key}"]`);
    const value = async (page: Page, panel: string, key: string) => JSON.parse((await dd(page, panel, key).getAttribute('data-value'))!) as unknown;

    /** The panel's numbers are printed, digit for digit, by the CLI command it shows. */
    async function matchesCli(page: Page, panel: string): Promise<void> {
      const command = (await page.locator(`${panel} [data-cli]`).textContent())!;
      const run = await runCli(command.split(' ').slice(1));
      expect(run.code, run.err).toBe(0);
      for (const text of await page.locator(`${panel} dd`).allTextContents()) if (/\d/.test(text)) expect(run.out, `${command}: ${text}`).toContain(text);
    }

    it('feeds the largest pool share into the calculators, which give the CLI numbers', async () => {
      const page = await visit('/attack');
      const pools = await queryPools({}, ctx);
      const q = String(Number(pools.pools[0]!.share.toFixed(4)));
      expect(await page.inputValue('#in-q')).toBe(q);
      const ds = queryDoubleSpend({ q, z: 6, target: 0.001 });
      expect(await value(page, '#double-spend-result', 'nakamoto')).toBe(ds.nakamoto);
      expect(await value(page, '#double-spend-result', 'exact')).toBe(ds.exact);
      expect(await value(page, '#double-spend-result', 'confirmations-exact')).toBe(ds.confirmations!.exact);
      expect(await dd(page, '#double-spend-result', 'exact').textContent()).toBe(formatNumber(ds.exact));
      await matchesCli(page, '#double-spend-result');
      await matchesCli(page, '#selfish-mining-result');
      await screenshot(page, 'attack', true);

      await page.fill('#in-z', '3');
      await page.press('#in-z', 'Enter');
      await urlHas(page, 'z=3');
      await settled(page);
      expect(await value(page, '#double-spend-result', 'exact')).toBe(queryDoubleSpend({ q, z: 3, target: 0.001 }).exact);

      // A coalition of the two largest pools.
      await page.check(`input[name=pool][value="${pools.pools[1]!.slug}"]`);
      await urlHas(page, `pools=${pools.pools[0]!.slug},${pools.pools[1]!.slug}`);
      await settled(page);
      const q2 = String(Number((pools.pools[0]!.share + pools.pools[1]!.share).toFixed(4)));
      expect(await page.inputValue('#in-q')).toBe(q2);
      expect(await value(page, '#selfish-mining-result', 'relativeRevenue')).toBe(querySelfishMining({ alpha: q2, gamma: 0.5 }).relativeRevenue);
      const cost = queryAttackCost({ hashrateEhs: 900, share: q2, efficiencyJTh: 20, electricityUsdKwh: 0.05, btcPriceUsd: 100000, feesBtcPerBlock: 0, durationHours: 1 });
      expect(await value(page, '#cost-result', 'netCostUsd')).toBe(cost.netCostUsd);
      await matchesCli(page, '#cost-result');
    });
  });

  describe('Claims and Simulate', () => {
    it('lists every claim with its verdict and evidence', async () => {
      const page = await visit('/claims');
      const r = await queryClaims({}, ctx);
      const shown = await page.locator('[data-claim]').evaluateAll((ls) => ls.map((l) => [l.getAttribute('data-claim'), l.getAttribute('data-verdict')]));
      expect(shown).toEqual(r.claims.map((c) => [c.id, c.verdict]));
      expect(await page.locator('[data-claim]').first().textContent()).toContain(r.claims[0]!.evidence);
      await screenshot(page, 'claims', true);
    });

    it('runs a chosen scenario with the chosen replicates and seed', async () => {
      const page = await visit('/simulate');
      expect(await page.locator('#sim-results').textContent()).toContain('Pick a scenario');
      await page.selectOption('#ctl-scenario', 'china-ban-2021');
      await page.fill('#ctl-runs', '2');
      await page.fill('#ctl-seed', '7');
      await page.click('#run');
      await urlHas(page, 'scenario=china-ban-2021&runs=2&seed=7');
      expect(await settled(page, 30_000)).toBe('ready');
      const r = await querySimulation({ scenario: 'china-ban-2021', runs: 2, seed: 7 }, ctx, { maxRuns: 8, threads: 1 });
      const metrics = r.metrics as Record<string, Record<string, { mean: (number | null)[] }>>;
      const ids = [...new Set(Object.values(metrics).flatMap((m) => Object.keys(m)))];
      expect(await count(page, '#sim-metrics figure.chart')).toBe(ids.length);
      const withHhi = Object.entries(metrics).filter(([, m]) => m.hhi);
      expect(await count(page, '#sim-hhi svg g[aria-label=line] path')).toBe(withHhi.length);
      const rows = await page.locator('#sim-hhi details tbody tr').evaluateAll((rs) => rs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      const first = rows.filter((row) => row[1] === r.steps[0]).map((row) => [row[0], row[2]]);
      expect(first).toEqual(withHhi.map(([dist, m]) => [dist, Math.round(m.hhi!.mean[0]!).toLocaleString('en-US')]));
      await screenshot(page, 'simulate', true);
    });

    it('runs with a changed parameter: the request and the URL carry set=, the charts show the changed run, a reload keeps it', async () => {
      const page = await visit('/simulate?scenario=selfish-mining&runs=1&seed=5');
      // The HHI of the revenue shares (the selfish pool's revenue depends on γ; the hash shares do not).
      const revenueHhi = async () => (await page.locator('#sim-hhi details tbody tr').evaluateAll((rs) => rs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)))).find((row) => row[0] === 'revenue')?.[2];
      const before = await revenueHhi();
      expect(await page.inputValue('#param-gamma01')).toBe('0.5');
      await page.fill('#param-gamma01', '0');
      const request = page.waitForRequest((r) => r.url().includes('/api/simulate/selfish-mining?'));
      await page.click('#run');
      expect(decodeURIComponent((await request).url())).toContain('set=gamma01=0');
      await urlHas(page, 'set=gamma01=0');
      expect(await settled(page, 30_000)).toBe('ready');
      const r = await querySimulation({ scenario: 'selfish-mining', runs: 1, seed: 5, set: 'gamma01=0' }, ctx, { maxRuns: 8, threads: 1 });
      const expected = Math.round((r.metrics as Record<string, Record<string, { mean: number[] }>>).revenue!.hhi!.mean[0]!).toLocaleString('en-US');
      expect(await revenueHhi()).toBe(expected);
      expect(expected).not.toBe(before);
      expect(await page.locator('#sim-summary').textContent()).toContain('changed: gamma01 = 0');
      await page.reload();
      expect(await settled(page, 30_000)).toBe('ready');
      expect(await page.inputValue('#param-gamma01')).toBe('0');
      expect(await revenueHhi()).toBe(expected);
    });
  });

  describe('Theme, phone, keyboard, unknown paths', () => {
    it('follows the system theme, toggles and remembers the choice', async () => {
      const dark = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
      try {
        const page = await visit('/bitcoin', dark);
        const background = () => inPage<string>(page, 'getComputedStyle(document.documentElement).backgroundColor');
        expect(await page.getAttribute('#theme-toggle', 'aria-pressed')).toBe('true');
        expect(await background()).toBe('rgb(15, 20, 25)');
        await screenshot(page, 'bitcoin-dark', true);
        await page.click('#theme-toggle');
        expect(await page.getAttribute('#theme-toggle', 'aria-pressed')).toBe('false');
        expect(await background()).toBe('rgb(255, 255, 255)');
        await page.reload();
        await settled(page);
        expect(await background()).toBe('rgb(255, 255, 255)');
      } finally {
        await dark.close();
      }
    });

    it('Compare at phone width: the time-axis labels do not overlap', async () => {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
      try {
        const page = await visit('/compare', phone);
        const boxes = await inPage<{ left: number; right: number }[]>(page, `[...document.querySelectorAll('#compare-chart svg g[aria-label="x-axis tick label"] text')].map((t) => { const r = t.getBoundingClientRect(); return { left: r.left, right: r.right }; })`);
        expect(boxes.length).toBeGreaterThan(1);
        for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.left).toBeGreaterThan(boxes[i - 1]!.right);
      } finally {
        await phone.close();
      }
    });

    it('fits a phone-width screen without sideways scrolling', async () => {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
      try {
        for (const path of ['/', '/bitcoin', '/ai', '/attack', '/compare']) {
          const page = await visit(path, phone);
          expect(await inPage<number>(page, 'document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(390);
          if (path === '/bitcoin') await screenshot(page, 'bitcoin-phone', true, false);
          if (path === '/') await screenshot(page, 'home-phone', true, false);
        }
      } finally {
        await phone.close();
      }
    });

    it('is usable from the keyboard: skip link, navigation, focus on the new view', async () => {
      const page = await visit('/');
      await page.keyboard.press('Tab');
      expect(await inPage<string>(page, 'document.activeElement?.className')).toBe('skip');
      await page.keyboard.press('Enter');
      expect(await inPage<string>(page, 'document.activeElement?.id')).toBe('main');
      await page.focus('#nav a[data-section=attack]');
      await page.keyboard.press('Enter');
      await urlHas(page, '/attack');
      expect(await settled(page)).toBe('ready');
      expect(await page.getAttribute('#nav a[data-section=attack]', 'aria-current')).toBe('page');
      expect(await inPage<string>(page, 'document.activeElement?.id')).toBe('main');
      await page.focus('#in-gamma');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('0.25');
      await page.keyboard.press('Tab');
      await urlHas(page, 'gamma=0.25');
      await settled(page);
      expect(await page.locator('#selfish-mining-result [data-cli]').textContent()).toContain('--gamma 0.25');
    });

    it('answers unknown pages with a Not found view and unknown API paths with JSON', async () => {
      const page = await visit('/no/such/view');
      expect(await page.locator('h1').textContent()).toBe('Not found');
      // Through the page's request context, not fetch(): a 404 in the page would log a console error.
      const api = await page.request.get(`${server.url}/api/no-such-endpoint`);
      expect(api.status()).toBe(404);
      expect(((await api.json()) as { error: { type: string } }).error.type).toBe('NotFoundError');
    });
  });
});
