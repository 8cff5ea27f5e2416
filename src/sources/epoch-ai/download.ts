/**
 * @module `downloadEpochData`: fetch Epoch AI's published CSVs into a datasets root laid out like
 * ../shared/datasets/ai/epoch-* (so `NAKAMOTO_DATASETS=<dest>` makes the loaders read them). Each
 * unit of files (download-files.ts) is downloaded into a staging folder inside `dest`, checked
 * (HTTP status, not an HTML page, gzip intact, then decoded strictly by the project's readers)
 * and only then renamed over the previous copies; a rejected unit leaves them as they were.
 * Requests use http/request.ts (timeout covering the body, bounded retries, Retry-After).
 * Writes `dest/epoch-download.json`: url, sha256, bytes, rows and fetch time of every file.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppError, DecodeError, SourceError, UsageError } from '../../domain/errors.js';
import { bodyExcerpt, httpRequest, type HttpOptions, type HttpResponse } from '../http/request.js';
import type { DownloadFile, DownloadUnit, EpochDataset, EpochHost } from './download-files.js';
import { DEFAULT_CHIP_COUNTS_URL, DEFAULT_EPOCH_BASE_URL, DOWNLOAD_UNITS, EPOCH_DATASETS } from './download-files.js';

export const MANIFEST_FILE = 'epoch-download.json';

export interface EpochDownloadOptions {
  /** Datasets root to fill (created if missing); files land in `dest/ai/epoch-…/…`. */
  readonly dest: string;
  /** Default: all of models, clusters, chip-owners. */
  readonly datasets?: readonly EpochDataset[];
  /** Epoch's site (default https://epoch.ai); a mirror must serve the same paths (`/data/…`). */
  readonly baseUrl?: string;
  /** Raw files of epoch-research/ai-chip-counts (default: its default branch on raw.githubusercontent.com). */
  readonly chipCountsUrl?: string;
  readonly fetchImpl?: typeof fetch;
  /** Per request, headers and body (default 60 s). */
  readonly timeoutMs?: number;
  /** Retries after the first attempt of each request (default 4). */
  readonly retries?: number;
  readonly backoffMs?: number;
  readonly maxRetryAfterMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** One line per unit started (for progress output). */
  readonly onProgress?: (message: string) => void;
}

export interface ManifestEntry {
  readonly url: string;
  /** SHA-256 and size of the file as stored (the gzip for a `.gz` target). */
  readonly sha256: string;
  readonly bytes: number;
  /** Data rows (header excluded). */
  readonly rows: number;
  readonly fetchedAt: string;
  readonly lastModified?: string;
  readonly etag?: string;
}

export interface EpochManifest {
  readonly publisher: string;
  readonly updatedAt: string;
  /** Keyed by path relative to the datasets root. */
  readonly files: Readonly<Record<string, ManifestEntry>>;
}

export interface FetchedFile extends ManifestEntry {
  readonly dataset: EpochDataset;
  readonly path: string;
  /** False when the new file is byte-identical to the one it replaced. */
  readonly changed: boolean;
}

export interface FailedUnit {
  readonly dataset: EpochDataset;
  readonly unit: string;
  readonly files: readonly string[];
  readonly error: AppError;
}

export interface EpochDownloadResult {
  readonly dest: string;
  readonly manifestPath: string;
  readonly fetched: readonly FetchedFile[];
  readonly failed: readonly FailedUnit[];
  readonly notes: readonly string[];
}

const PUBLISHER = 'Epoch AI (epoch.ai; data CC BY 4.0): cite "Epoch AI, \'Data on AI Models\' / \'Data on GPU Clusters\' / AI Chip Owners, published online at epoch.ai"';

function baseOf(url: string, option: string): URL {
  let u: URL;
  try {
    u = new URL(url.endsWith('/') ? url : `${url}/`);
  } catch {
    throw new UsageError(`invalid ${option}: ${url} (expected an http(s) URL)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`invalid ${option}: ${url} (expected an http(s) URL)`);
  return u;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

async function fsStep<T>(what: string, path: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    throw new SourceError(`cannot ${what} ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** The CSV bytes of a response, or a typed error: HTTP failure, HTML page, empty or corrupt gzip body. */
export function csvBody(res: HttpResponse, url: string): Uint8Array {
  if (res.status < 200 || res.status > 299) {
    const excerpt = bodyExcerpt(res);
    throw new SourceError(`${url}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${excerpt ? `: ${excerpt}` : ''}`);
  }
  let body = res.body;
  if (isGzip(body)) {
    try {
      body = gunzipSync(body);
    } catch (err) {
      throw new DecodeError({ input: url }, `corrupt or truncated gzip data (${(err as Error).message})`, { cause: err });
    }
  }
  const type = res.headers.get('content-type') ?? '';
  const head = Buffer.from(body.subarray(0, 512)).toString('utf8').trimStart().toLowerCase();
  if (/html/i.test(type) || head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<?xml')) {
    throw new DecodeError({ input: url }, `got a web page (Content-Type: ${type || 'none'}), not CSV: "${bodyExcerpt({ ...res, body }, 100)}"`);
  }
  if (body.length === 0) throw new DecodeError({ input: url }, 'empty response: expected a CSV file');
  // Every Epoch CSV ends with a line break (all 46 staged copies do): a body that stops mid-line was cut off.
  const last = body[body.length - 1];
  if (last !== 0x0a && last !== 0x0d) {
    throw new DecodeError({ input: url, offset: body.length }, 'the file stops in the middle of a line (Epoch CSVs end with a line break): truncated download?');
  }
  return body;
}

/** A DecodeError about a staged file, restated about its URL. */
function aboutUrl(err: unknown, urlOfStaged: ReadonlyMap<string, string>, keep: string): unknown {
  if (!(err instanceof DecodeError)) return err;
  const url = urlOfStaged.get(err.position.input);
  if (url === undefined) return err;
  return new DecodeError({ ...err.position, input: url }, `${err.reason}; rejected, ${keep}`, { cause: err });
}

async function readManifest(path: string, notes: string[]): Promise<Record<string, ManifestEntry>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  try {
    const json = JSON.parse(text) as { files?: unknown };
    if (json && typeof json.files === 'object' && json.files !== null && !Array.isArray(json.files)) return { ...(json.files as Record<string, ManifestEntry>) };
  } catch {
    // fall through
  }
  notes.push(`${path} was not a download manifest; it is rewritten with this run's files only`);
  return {};
}

async function existingSha(path: string): Promise<string | null> {
  try {
    return sha256(await readFile(path));
  } catch {
    return null;
  }
}

interface Staged {
  readonly file: DownloadFile;
  readonly url: string;
  readonly stagedPath: string;
  readonly stored: Uint8Array;
  readonly res: HttpResponse;
  readonly fetchedAt: string;
}

async function fetchUnit(unit: DownloadUnit, unitRoot: string, urlOf: (f: DownloadFile) => string, http: HttpOptions, headers: Record<string, string>, now: () => number): Promise<Staged[]> {
  const staged: Staged[] = [];
  for (const file of unit.files) {
    const url = urlOf(file);
    const res = await httpRequest(url, { headers }, http, url);
    const csv = csvBody(res, url);
    const stored = file.target.endsWith('.gz') ? gzipSync(csv) : csv;
    const stagedPath = join(unitRoot, file.target);
    await fsStep('write', stagedPath, async () => {
      await mkdir(dirname(stagedPath), { recursive: true });
      await writeFile(stagedPath, stored);
    });
    staged.push({ file, url, stagedPath, stored, res, fetchedAt: new Date(now()).toISOString() });
  }
  return staged;
}

/** Download the chosen Epoch datasets into `dest`. Units that fail are listed in `failed`; their old files stay. */
export async function downloadEpochData(options: EpochDownloadOptions): Promise<EpochDownloadResult> {
  const dest = resolve(options.dest);
  const datasets = options.datasets ?? EPOCH_DATASETS;
  for (const d of datasets) if (!(EPOCH_DATASETS as readonly string[]).includes(d)) throw new UsageError(`invalid dataset: ${String(d)} (expected ${EPOCH_DATASETS.join(', ')})`);
  const bases: Record<EpochHost, URL> = {
    epoch: baseOf(options.baseUrl ?? DEFAULT_EPOCH_BASE_URL, '--base-url'),
    'chip-counts': baseOf(options.chipCountsUrl ?? DEFAULT_CHIP_COUNTS_URL, '--chip-counts-url'),
  };
  const urlOf = (f: DownloadFile): string => new URL(f.urlPath, bases[f.host]).toString();
  const now = options.now ?? Date.now;
  const http: HttpOptions = {
    fetch: options.fetchImpl, timeoutMs: options.timeoutMs ?? 60_000, retries: options.retries ?? 4, backoffMs: options.backoffMs,
    maxRetryAfterMs: options.maxRetryAfterMs, sleep: options.sleep, now,
  };
  const headers = { accept: 'text/csv, text/plain;q=0.9, */*;q=0.1', 'user-agent': 'nakamoto-observatory (epoch-ai download)' };
  const notes: string[] = [];
  const manifestPath = join(dest, MANIFEST_FILE);
  await fsStep('create', dest, () => mkdir(dest, { recursive: true }));
  const manifest = await readManifest(manifestPath, notes);
  const staging = await fsStep('create a staging folder in', dest, () => mkdtemp(join(dest, '.epoch-download-')));
  const fetched: FetchedFile[] = [];
  const failed: FailedUnit[] = [];
  try {
    const units = DOWNLOAD_UNITS.filter((u) => datasets.includes(u.dataset));
    for (const [i, unit] of units.entries()) {
      options.onProgress?.(`fetching ${unit.name} (${unit.files.length} file${unit.files.length === 1 ? '' : 's'})`);
      const unitRoot = join(staging, String(i));
      const keep = unit.files.length === 1 ? `${unit.files[0]!.target} left as it was` : `the ${unit.files.length} files of ${unit.name} left as they were`;
      try {
        const staged = await fetchUnit(unit, unitRoot, urlOf, http, headers, now);
        let rows: Readonly<Record<string, number>>;
        try {
          rows = await unit.validate(unitRoot);
        } catch (err) {
          throw aboutUrl(err, new Map(staged.map((s) => [s.stagedPath, s.url])), keep);
        }
        for (const s of staged) {
          const n = rows[s.file.target];
          if (n === undefined || n === 0) throw new DecodeError({ input: s.url }, `no data rows (header only or not a table); rejected, ${keep}`);
        }
        for (const s of staged) {
          const target = join(dest, s.file.target);
          const before = await existingSha(target);
          await fsStep('replace', target, async () => {
            await mkdir(dirname(target), { recursive: true });
            await rename(s.stagedPath, target);
          });
          const entry: ManifestEntry = {
            url: s.url, sha256: sha256(s.stored), bytes: s.stored.length, rows: rows[s.file.target]!, fetchedAt: s.fetchedAt,
            ...(s.res.headers.get('last-modified') ? { lastModified: s.res.headers.get('last-modified')! } : {}),
            ...(s.res.headers.get('etag') ? { etag: s.res.headers.get('etag')! } : {}),
          };
          manifest[s.file.target] = entry;
          fetched.push({ ...entry, dataset: unit.dataset, path: s.file.target, changed: before !== entry.sha256 });
        }
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        failed.push({ dataset: unit.dataset, unit: unit.name, files: unit.files.map((f) => f.target), error: err });
      }
    }
    if (fetched.length > 0) {
      const files = Object.fromEntries(Object.keys(manifest).sort().map((k) => [k, manifest[k]!]));
      const out: EpochManifest = { publisher: PUBLISHER, updatedAt: new Date(now()).toISOString(), files };
      const tmp = join(staging, MANIFEST_FILE);
      await fsStep('write', manifestPath, async () => {
        await writeFile(tmp, JSON.stringify(out, null, 2) + '\n');
        await rename(tmp, manifestPath);
      });
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { dest, manifestPath, fetched, failed, notes };
}
