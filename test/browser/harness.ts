/**
 * @module Browser-test harness: build the dashboard (Vite) into test-artifacts/, start the real
 * HTTP app in-process on 127.0.0.1 port 0 with the dashboard registered, and drive Debian's
 * Chromium headless through playwright-core (the launch flags of conventions/stack.md). A missing
 * Chromium is an error naming the install command, never a skip.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/interfaces/http/app.js';
import { registerWebStatic } from '../../src/interfaces/http/web-static.js';
import { datasetsRoot, PROJECT_ROOT } from '../../src/sources/files/datasets-path.js';

export const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts');
export const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
export const DOC_SCREENSHOTS = join(PROJECT_ROOT, 'docs', 'screenshots');

/** Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: the browser tests need it. Install it with \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH.`);
  }
  return path;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--disable-quic'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** `vite build` of web/ into `outDir` (a fresh build, so the tests see the current source). */
export async function buildWeb(outDir: string): Promise<void> {
  await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: PROJECT_ROOT, timeout: 60_000 });
}

export interface TestServer {
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** The API app from createApp with the dashboard from `distDir`, listening on 127.0.0.1:0. */
export async function startDashboard(distDir: string): Promise<TestServer> {
  const app = await withDashboard({ store: null, datasetsRoot: datasetsRoot() }, distDir);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}

/**
 * createApp with the dashboard from `distDir`: passed as `webDistDir` (for a createApp that registers
 * the dashboard itself), else registered here.
 */
export async function withDashboard(options: { store: null; datasetsRoot: string }, distDir: string): Promise<FastifyInstance> {
  const withDist = { ...options, webDistDir: distDir };
  const app = await createApp(withDist);
  if (!app.hasRoute({ method: 'GET', url: '/*' })) await registerWebStatic(app, { distDir });
  return app;
}

/** Console errors, uncaught page errors and failed requests seen by a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  return errors;
}

/** Wait until the view has loaded (main[data-status] is ready or error). */
export async function settled(page: Page, timeout = 20_000): Promise<string> {
  // Browser-side code as text: the project compiles without the DOM library.
  await page.waitForFunction("(() => { const m = document.querySelector('main'); return m && ['ready', 'error'].includes(m.dataset.status) && !m.hasAttribute('aria-busy'); })()", undefined, { timeout });
  return (await page.getAttribute('main', 'data-status')) ?? '';
}

/** Screenshot into test-artifacts/screenshots; with UPDATE_SCREENSHOTS=1 also into docs/screenshots. */
export async function screenshot(page: Page, name: string, forDocs = false, fullPage = true): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  if (forDocs && process.env.UPDATE_SCREENSHOTS === '1') {
    await mkdir(DOC_SCREENSHOTS, { recursive: true });
    await copyFile(file, join(DOC_SCREENSHOTS, `${name}.png`));
  }
  return file;
}
