/**
 * The dashboard's Economics page in headless Chromium against the real server (fresh Vite build):
 * it loads without console errors, and its charts and tables hold the rows of the query behind
 * `nakamoto economics` (called here in-process).
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryEconomics } from '../../src/pipeline/queries/economics-query.js';
import { datasetsRoot } from '../../src/sources/files/datasets-path.js';
import { ARTIFACTS, buildWeb, launchBrowser, screenshot, settled, startDashboard, watchErrors, type TestServer } from './harness.js';

const ctx = { store: null, datasetsRoot: datasetsRoot() };
let server: TestServer;
let browser: Browser;

describe('Economics page in Chromium', () => {
  beforeAll(async () => {
    const dist = join(ARTIFACTS, 'web-dist-economics');
    [browser] = await Promise.all([launchBrowser(), buildWeb(dist)]);
    server = await startDashboard(dist);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows hash price and hash value with bands, the fee share, and empty blocks per pool (2024)', async () => {
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/economics?window=1y`);
    expect(await settled(page, 60_000)).toBe('ready');
    const net = await queryEconomics({ window: '1y' }, ctx);
    for (const id of ['hashprice-chart', 'hashvalue-chart']) {
      expect(await page.locator(`#${id} svg g[aria-label=area] path`).count(), id).toBe(1);
      expect(await page.locator(`#${id} details table tbody tr`).count(), id).toBe(net.rows.length);
    }
    // The table shows the query's own numbers (2024 row).
    const row2024 = net.rows.find((r) => r.window_start === '2024-01-01')!;
    const cells = await page.locator('#hashvalue-chart details table tbody tr').nth(net.rows.indexOf(row2024)).locator('td').allTextContents();
    expect(cells[0]).toBe('2024-01-01');
    expect(Number(cells[1])).toBeCloseTo(row2024.hash_value_sats as number, 3);
    const pools = await queryEconomics({ window: '1y', at: '2024-12-31', byPool: true }, ctx);
    const withEmpty = pools.rows.filter((r) => (r.empty_blocks as number) > 0);
    expect(await page.locator('#empty-blocks-chart details table tbody tr').count()).toBe(withEmpty.length);
    expect(await page.locator('#empty-blocks-chart svg g[aria-label=dot] circle').count()).toBe(withEmpty.length);
    await screenshot(page, 'economics', true);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('fits a phone-width screen (the extra nav entry included) without sideways scrolling', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    try {
      for (const path of ['/', '/economics']) {
        const page = await phone.newPage();
        const errors = watchErrors(page);
        await page.goto(server.url + path);
        expect(await settled(page, 60_000)).toBe('ready');
        expect(await page.evaluate<number>('document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(390);
        await page.close();
        expect(errors).toEqual([]);
      }
    } finally {
      await phone.close();
    }
  });
});
