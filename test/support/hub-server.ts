/**
 * @module Test support: a loopback HTTP server imitating `GET /api/models` of the Hugging Face Hub,
 * serving the staged real samples (ai/hf-hub-models) in the API's wire format. It reads the CSVs
 * with its own minimal reader (not the project's decoder) and emits, per model, only fields whose
 * values exist in the samples: id, modelId, createdAt, private, pipeline_tag, downloads, tags
 * (`license:<id>`), and with full=true also author, sha, lastModified. Timestamps use the Hub's
 * `YYYY-MM-DDTHH:MM:SS.000Z` form; absent values are omitted, as the Hub omits them. Supports
 * search (case-insensitive substring of the id), author, sort (downloads, createdAt, lastModified,
 * id), direction, limit (page size) and an opaque cursor in `Link: <…>; rel="next"`.
 *
 * Replays: nothing byte for byte: the values are the staged samples' real values.
 * Emulates: the Hub's JSON shape and its search, sort and cursor paging.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { datasetPath } from '../../src/sources/files/datasets-path.js';

export interface SampleModel {
  readonly id: string;
  readonly author: string;
  readonly downloads: number | null;
  readonly createdAt: string | null;
  readonly lastModified: string | null;
  readonly pipelineTag: string | null;
  readonly license: string | null;
  readonly private: boolean | null;
  readonly sha: string | null;
}

function readLines(rel: string): { header: string[]; rows: string[][] } {
  let buf = readFileSync(datasetPath(rel));
  if (rel.endsWith('.gz')) buf = gunzipSync(buf);
  const lines = buf.toString('utf8').split(/\r?\n/).filter((l) => l !== '');
  return { header: lines[0]!.split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

const hubTime = (s: string): string | null => (s === '' ? null : s.replace('+00:00', '.000Z'));
const blank = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s);

/** Both staged model samples, deduplicated by id (major-labs first). */
export function loadSampleModels(): SampleModel[] {
  const out = new Map<string, SampleModel>();
  const a = readLines('ai/hf-hub-models/hf_models_major_labs_2025-10.csv');
  const ai = (c: string): number => a.header.indexOf(c);
  for (const r of a.rows) {
    const d = r[ai('downloads')]!;
    out.set(r[ai('repo_id')]!, {
      id: r[ai('repo_id')]!, author: r[ai('owner')]!, downloads: d === '' ? null : Number(d), createdAt: hubTime(r[ai('created_at')]!),
      lastModified: hubTime(r[ai('last_modified')]!), pipelineTag: blank(r[ai('pipeline_tag')]), license: blank(r[ai('license')]),
      private: r[ai('private')] === 'True', sha: blank(r[ai('sha')]),
    });
  }
  const b = readLines('ai/hf-hub-models/hf_models_search_open_2025-10.csv.gz');
  const bi = (c: string): number => b.header.indexOf(c);
  for (const r of b.rows) {
    const id = r[bi('id')]!;
    if (out.has(id)) continue;
    const d = r[bi('downloads')]!;
    out.set(id, {
      id, author: r[bi('author')]!, downloads: d === '' ? null : Number(d), createdAt: hubTime(r[bi('date_released')]!),
      lastModified: hubTime(r[bi('date_last_modified')]!), pipelineTag: blank(r[bi('model_type')]), license: blank(r[bi('license')]),
      private: null, sha: null,
    });
  }
  return [...out.values()];
}

function wire(m: SampleModel, full: boolean): Record<string, unknown> {
  const o: Record<string, unknown> = { id: m.id };
  if (full) o.author = m.author;
  if (full && m.sha !== null) o.sha = m.sha;
  if (full && m.lastModified !== null) o.lastModified = m.lastModified;
  if (m.private !== null) o.private = m.private;
  if (m.pipelineTag !== null) o.pipeline_tag = m.pipelineTag;
  if (m.downloads !== null) o.downloads = m.downloads;
  o.tags = m.license === null ? [] : [`license:${m.license}`];
  if (m.createdAt !== null) o.createdAt = m.createdAt;
  o.modelId = m.id;
  return o;
}

export interface HubRequestLog {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** A reply that replaces the normal answer (fault injection). */
export interface CannedReply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface TestHubServer {
  readonly baseUrl: string;
  readonly requests: HubRequestLog[];
  close(): Promise<void>;
}

/**
 * The 256 real trending-cache versions of ai/hf-trending-snapshots-2026 (the tar.gz, read with a
 * minimal ustar reader), by file name (`trending_cache_<time>_<commit>.json`) in time order.
 */
export function loadTrendingCaches(): { name: string; cache: Record<string, unknown> }[] {
  const tar = gunzipSync(readFileSync(datasetPath('ai/hf-trending-snapshots-2026/trending_cache_raw_256_versions.tar.gz')));
  const out: { name: string; cache: Record<string, unknown> }[] = [];
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    const body = tar.subarray(off + 512, off + 512 + size);
    const base = name.slice(name.lastIndexOf('/') + 1);
    if ((type === '0' || type === '\0') && /^trending_cache_.*\.json$/.test(base)) out.push({ name: base, cache: JSON.parse(body.toString('utf8')) as Record<string, unknown> });
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * `trending`: a raw trending cache served at `GET /api/trending` as the Hub's response shape,
 * `{ "recentlyTrending": [ { repoData, repoType }, … ] }` in the cache's (rank) order.
 */
export async function startTestHubServer(
  models: readonly SampleModel[],
  onRequest?: (req: HubRequestLog, index: number) => CannedReply | null,
  trending?: Record<string, unknown>,
): Promise<TestHubServer> {
  const requests: HubRequestLog[] = [];
  const server = createServer((req, res) => {
    const log = { url: req.url ?? '', headers: req.headers };
    requests.push(log);
    const canned = onRequest?.(log, requests.length - 1);
    if (canned) {
      res.writeHead(canned.status, canned.headers ?? {}).end(canned.body ?? '');
      return;
    }
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (u.pathname === '/api/trending' && trending) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ recentlyTrending: Object.values(trending) }));
      return;
    }
    if (u.pathname !== '/api/models') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not Found"}');
      return;
    }
    const p = u.searchParams;
    const search = p.get('search')?.toLowerCase();
    const author = p.get('author');
    let list = models.filter((m) => (search === undefined || m.id.toLowerCase().includes(search)) && (author === null || m.author === author));
    const sort = p.get('sort');
    const dir = p.get('direction') === '-1' ? -1 : 1;
    if (sort) {
      const key = (m: SampleModel): number | string =>
        sort === 'downloads' ? (m.downloads ?? -1) : sort === 'createdAt' ? (m.createdAt ?? '') : sort === 'lastModified' ? (m.lastModified ?? '') : m.id;
      list = [...list].sort((x, y) => {
        const a = key(x);
        const b = key(y);
        return (a < b ? -1 : a > b ? 1 : 0) * dir || (x.id < y.id ? -1 : 1);
      });
    }
    const limit = Math.min(1000, Number(p.get('limit') ?? 1000));
    const offset = p.has('cursor') ? Number(Buffer.from(p.get('cursor')!, 'base64url').toString()) : 0;
    const page = list.slice(offset, offset + limit);
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (offset + limit < list.length) {
      const next = new URL(u.toString());
      next.host = req.headers.host ?? next.host;
      next.searchParams.set('cursor', Buffer.from(String(offset + limit)).toString('base64url'));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    res.writeHead(200, headers).end(JSON.stringify(page.map((m) => wire(m, p.get('full') === 'true'))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
