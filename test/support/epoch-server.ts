/**
 * @module Test support: a loopback HTTP server standing in for epoch.ai and for raw files of
 * epoch-research/ai-chip-counts, serving the staged real Epoch CSVs (../shared/datasets/ai/epoch-*)
 * at the published URL paths in their wire format: text/csv from epoch.ai (all_ai_models.csv sent
 * with Content-Encoding: gzip from the staged .gz when the client accepts gzip), text/plain from the
 * repository. Its path table is written here independently of download-files.ts. Faults can be
 * queued per path: 429 with Retry-After, 503, an HTML page, a body cut mid-line or inside a quoted
 * field (complete HTTP messages), a connection dropped before Content-Length, and 404.
 *
 * Replays: the staged CSV files, byte for byte (gzip bytes as staged).
 * Emulates: the sites' HTTP behaviour (paths, content types, gzip negotiation) and the queued faults.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { datasetPath } from '../../src/sources/files/datasets-path.js';

export type Fault = '429' | '503' | '404' | 'html' | 'truncate' | 'truncate-in-quote' | 'drop';

interface Route {
  readonly file: string;
  readonly contentType: string;
  readonly gzip: boolean;
}

export const CHIP_COUNTS_PREFIX = '/epoch-research/ai-chip-counts/HEAD/';

const CSV = 'text/csv; charset=utf-8';
const RAW = 'text/plain; charset=utf-8';

/** URL path → staged file (absolute), as Epoch and the chip-counts repository publish them. */
export function epochRoutes(): Map<string, Route> {
  const routes = new Map<string, Route>();
  const models = datasetPath('ai/epoch-ai-models');
  const infra = datasetPath('ai/epoch-compute-infrastructure');
  for (const f of ['notable_ai_models.csv', 'large_scale_ai_models.csv', 'frontier_ai_models.csv']) routes.set(`/data/${f}`, { file: join(models, f), contentType: CSV, gzip: false });
  routes.set('/data/all_ai_models.csv', { file: join(models, 'all_ai_models.csv.gz'), contentType: CSV, gzip: true });
  for (const f of ['gpu_clusters.csv', 'ml_hardware.csv', 'ai_companies_compute_spend.csv']) routes.set(`/data/${f}`, { file: join(infra, f), contentType: CSV, gzip: false });
  for (const f of ['data_centers.csv', 'data_center_timelines.csv']) routes.set(`/data/data_centers/${f}`, { file: join(infra, f), contentType: CSV, gzip: false });
  const chips = datasetPath('ai/epoch-ai-chip-owners');
  const repoFolder = { owners: 'owners_csv_export', sales: 'csv_export', inputs: 'data_inputs' } as const;
  for (const folder of ['owners', 'sales', 'inputs'] as const) {
    for (const f of readdirSync(join(chips, folder))) {
      const sub = folder === 'owners' && f.startsWith('coreweave_') ? 'coreweave/' : '';
      routes.set(`${CHIP_COUNTS_PREFIX}${repoFolder[folder]}/${sub}${f}`, { file: join(chips, folder, f), contentType: RAW, gzip: false });
    }
  }
  return routes;
}

export interface ServedRequest {
  readonly path: string;
  readonly acceptEncoding: string;
  readonly fault?: Fault;
}

export interface TestEpochServer {
  /** e.g. http://127.0.0.1:41234 — Epoch's site. */
  readonly baseUrl: string;
  /** The chip-counts repository's raw files on the same server. */
  readonly chipCountsUrl: string;
  readonly requests: ServedRequest[];
  /** Answer the next `times` requests for `path` with `fault`. */
  fault(path: string, fault: Fault, times?: number): void;
  close(): Promise<void>;
}

const HTML_PAGE = '<!DOCTYPE html>\n<html><head><title>Epoch AI</title></head><body><div id="app">Something went wrong. Please try again later.</div></body></html>\n';

/** A cut strictly inside a line: half-way, moved back off any line break. */
function midLineCut(b: Buffer): Buffer {
  let n = Math.floor(b.length / 2);
  while (n > 1 && (b[n - 1] === 0x0a || b[n - 1] === 0x0d)) n--;
  return b.subarray(0, n);
}

/** A cut just after a line break that lies inside a quoted field (the text ends with "\n" but a quote is open). */
function inQuoteCut(b: Buffer): Buffer {
  let quotes = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x22) quotes++;
    else if (b[i] === 0x0a && quotes % 2 === 1 && i > b.length / 3) return b.subarray(0, i + 1);
  }
  throw new Error('test server: no line break inside a quoted field to cut at');
}

export async function startTestEpochServer(): Promise<TestEpochServer> {
  const routes = epochRoutes();
  const faults = new Map<string, Fault[]>();
  const requests: ServedRequest[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const fault = faults.get(path)?.shift();
    const acceptEncoding = String(req.headers['accept-encoding'] ?? '');
    requests.push({ path, acceptEncoding, ...(fault ? { fault } : {}) });
    const route = routes.get(path);
    if (!route || fault === '404') {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>404 Not Found</body></html>');
      return;
    }
    if (fault === '429') return void res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('Too Many Requests');
    if (fault === '503') return void res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
    if (fault === 'html') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML_PAGE);
    const raw = readFileSync(route.file);
    const gzipped = route.gzip && /\bgzip\b/.test(acceptEncoding);
    let body: Buffer = route.gzip && !gzipped ? gunzipSync(raw) : raw;
    if (fault === 'truncate') body = midLineCut(body);
    if (fault === 'truncate-in-quote') body = inQuoteCut(body);
    const headers = { 'content-type': route.contentType, 'last-modified': 'Mon, 24 Nov 2025 00:23:00 GMT', ...(gzipped ? { 'content-encoding': 'gzip' } : {}) };
    if (fault === 'drop') {
      res.writeHead(200, { ...headers, 'content-length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(body.length) }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    chipCountsUrl: `${baseUrl}${CHIP_COUNTS_PREFIX}`,
    requests,
    fault(path, fault, times = 1) {
      faults.set(path, [...(faults.get(path) ?? []), ...Array<Fault>(times).fill(fault)]);
    },
    close: () =>
      new Promise<void>((ok, ko) => {
        server.closeAllConnections();
        server.close((err) => (err ? ko(err) : ok()));
      }),
  };
}
