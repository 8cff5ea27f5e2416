/**
 * @module BlockSource over Bitcoin Core's REST interface (`bitcoind -rest`, no auth, bind it to
 * localhost): `/rest/chaininfo.json`, `/rest/blockhashbyheight/<h>.hex` (display-order hex and a
 * newline) or `.bin` (32 bytes, internal byte order), `/rest/block/<hash>.bin` and
 * `/rest/headers/<hash>.bin?count=1` (Core 24+). Errors come as text/plain with 404 (unknown
 * block, height out of range), 400 (bad input) or 503 (warming up, retried).
 */
import { DecodeError, NotFoundError, SourceError } from '../../domain/errors.js';
import { toHexReversed } from '../../decode/bitcoin/hex.js';
import { checkHash, checkHeight, createLimiter, mapLimit, parseBlockHash, parseHeight, type BlockSource, type ChainTip } from './block-source.js';
import { bodyExcerpt, bodyText, httpRequest, type HttpOptions, type HttpResponse } from '../http/request.js';

export interface CoreRestOptions extends HttpOptions {
  /** http(s)://host:port of the node (the `/rest/…` paths are appended). */
  readonly url: string;
  readonly name?: string;
  /** Requests in flight at once (default 8). */
  readonly concurrency?: number;
  /** Format of `blockhashbyheight` (default `hex`). */
  readonly hashFormat?: 'hex' | 'bin';
}

export class CoreRestSource implements BlockSource {
  readonly name: string;
  private readonly base: string;
  private readonly opts: CoreRestOptions;
  private readonly limit: <T>(fn: () => Promise<T>) => Promise<T>;

  constructor(opts: CoreRestOptions) {
    this.opts = opts;
    this.base = opts.url.replace(/\/+$/, '');
    this.name = opts.name ?? `rest+${this.base}`;
    this.limit = createLimiter(opts.concurrency ?? 8);
  }

  private async get(path: string): Promise<HttpResponse> {
    const url = `${this.base}/rest/${path}`;
    const res = await this.limit(() => httpRequest(url, { method: 'GET' }, this.opts, url));
    if (res.status === 200) return res;
    const text = bodyExcerpt(res);
    if (res.status === 404) {
      if (path.startsWith('chaininfo')) throw new SourceError(`${url}: HTTP 404${text ? `: ${text}` : ''} (is the node started with -rest?)`, { inputError: true });
      throw new NotFoundError(`${url}: HTTP 404${text ? `: ${text}` : ''}`);
    }
    throw new SourceError(`${url}: HTTP ${res.status} ${res.statusText}${text ? `: ${text}` : ''}`, { inputError: res.status === 400 });
  }

  async tip(): Promise<ChainTip> {
    const res = await this.get('chaininfo.json');
    let info: { blocks?: unknown; bestblockhash?: unknown };
    try {
      info = JSON.parse(bodyText(res)) as typeof info;
    } catch (err) {
      const m = /position (\d+)/.exec((err as Error).message);
      throw new DecodeError({ input: res.url, offset: m ? Number(m[1]) : res.body.length }, `malformed JSON: ${(err as Error).message}`);
    }
    if (info === null || typeof info !== 'object') throw new DecodeError({ input: res.url }, 'expected a JSON object');
    return { height: parseHeight(info.blocks, res.url, 'blocks'), hash: parseBlockHash(String(info.bestblockhash), res.url, 'bestblockhash') };
  }

  async hashAt(height: number): Promise<string> {
    checkHeight(height, this.name);
    if (this.opts.hashFormat === 'bin') {
      const res = await this.get(`blockhashbyheight/${height}.bin`);
      if (res.body.length !== 32) throw new DecodeError({ input: res.url, offset: res.body.length }, `expected 32 bytes, got ${res.body.length}`);
      return toHexReversed(res.body);
    }
    const res = await this.get(`blockhashbyheight/${height}.hex`);
    return parseBlockHash(bodyText(res), res.url);
  }

  async hashesAt(heights: readonly number[]): Promise<string[]> {
    return mapLimit(heights, this.opts.concurrency ?? 8, (h) => this.hashAt(h));
  }

  async block(hash: string): Promise<Uint8Array> {
    checkHash(hash, this.name);
    return (await this.get(`block/${hash}.bin`)).body;
  }

  async header(hash: string): Promise<Uint8Array> {
    checkHash(hash, this.name);
    const res = await this.get(`headers/${hash}.bin?count=1`);
    // Core answers an unknown hash with an empty list, not a 404.
    if (res.body.length === 0) throw new NotFoundError(`${res.url}: no such block`);
    if (res.body.length !== 80) throw new DecodeError({ input: res.url, offset: res.body.length }, `expected one 80-byte header, got ${res.body.length} bytes`);
    return res.body;
  }

  blockInput(hash: string): string {
    return `${this.base}/rest/block/${hash}.bin`;
  }

  async close(): Promise<void> {}
}
