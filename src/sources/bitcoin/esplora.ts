/**
 * @module BlockSource over an Esplora-style REST API (Blockstream's esplora/electrs, as served by
 * mempool.space and blockstream.info under `/api`): `GET /blocks/tip/height` (text/plain),
 * `/block-height/:height` (text/plain hash), `/block/:hash/raw` (application/octet-stream) and
 * `/block/:hash/header` (hex). Public instances rate-limit: requests are bounded by
 * `concurrency` (default 4) and HTTP 429 waits for `Retry-After` (see ../http/request.ts).
 */
import { DecodeError, NotFoundError, SourceError } from '../../domain/errors.js';
import { fromHex } from '../../decode/bitcoin/hex.js';
import { checkHash, checkHeight, createLimiter, mapLimit, parseBlockHash, parseHeight, type BlockSource, type ChainTip } from './block-source.js';
import { bodyExcerpt, bodyText, httpRequest, type HttpOptions, type HttpResponse } from '../http/request.js';

export interface EsploraOptions extends HttpOptions {
  /** API base, e.g. https://mempool.space/api or http://127.0.0.1:3000. */
  readonly url: string;
  readonly name?: string;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number;
}

export class EsploraSource implements BlockSource {
  readonly name: string;
  private readonly base: string;
  private readonly opts: EsploraOptions;
  private readonly limit: <T>(fn: () => Promise<T>) => Promise<T>;

  constructor(opts: EsploraOptions) {
    this.opts = opts;
    this.base = opts.url.replace(/\/+$/, '');
    this.name = opts.name ?? `esplora+${this.base}`;
    this.limit = createLimiter(opts.concurrency ?? 4);
  }

  private async get(path: string): Promise<HttpResponse> {
    const url = `${this.base}/${path}`;
    const res = await this.limit(() => httpRequest(url, { method: 'GET' }, this.opts, url));
    if (res.status === 200) return res;
    const text = bodyExcerpt(res);
    if (res.status === 404) throw new NotFoundError(`${url}: HTTP 404${text ? `: ${text}` : ''}`);
    const hint = res.status === 401 || res.status === 403 ? ' (this instance needs credentials or blocks this client)' : '';
    throw new SourceError(`${url}: HTTP ${res.status} ${res.statusText}${text ? `: ${text}` : ''}${hint}`, { inputError: res.status === 400 });
  }

  async tip(): Promise<ChainTip> {
    // Height first, then the hash at that height: two answers that belong together even if a
    // block arrives between the requests (`/blocks/tip/hash` could already be the next block).
    const res = await this.get('blocks/tip/height');
    const height = parseHeight(bodyText(res), res.url);
    return { height, hash: await this.hashAt(height) };
  }

  async hashAt(height: number): Promise<string> {
    checkHeight(height, this.name);
    const res = await this.get(`block-height/${height}`);
    return parseBlockHash(bodyText(res), res.url);
  }

  async hashesAt(heights: readonly number[]): Promise<string[]> {
    return mapLimit(heights, this.opts.concurrency ?? 4, (h) => this.hashAt(h));
  }

  async block(hash: string): Promise<Uint8Array> {
    checkHash(hash, this.name);
    return (await this.get(`block/${hash}/raw`)).body;
  }

  async header(hash: string): Promise<Uint8Array> {
    checkHash(hash, this.name);
    const res = await this.get(`block/${hash}/header`);
    const bytes = fromHex(bodyText(res).trim(), res.url);
    if (bytes.length !== 80) throw new DecodeError({ input: res.url, offset: bytes.length }, `expected an 80-byte header, got ${bytes.length} bytes`);
    return bytes;
  }

  blockInput(hash: string): string {
    return `${this.base}/block/${hash}/raw`;
  }

  async close(): Promise<void> {}
}
