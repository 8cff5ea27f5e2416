/**
 * @module BlockSource over Bitcoin Core's JSON-RPC: `getblockchaininfo` (tip), `getblockhash`
 * (batched: one HTTP request for many heights), `getblock <hash> 0` (raw block hex) and
 * `getblockheader <hash> false`. HTTP Basic auth from rpcuser/rpcpassword or the cookie file
 * (`__cookie__:<hex>`, re-read once on 401 since Core writes a new one at each start). Reads
 * both reply styles: JSON-RPC 1.0 (`result`, `error`, `id`; errors with HTTP 500/404) and 2.0
 * (Core 28+: no `error` key on success, errors with HTTP 200).
 */
import { readFile } from 'node:fs/promises';
import { DecodeError, NotFoundError, SourceError } from '../../domain/errors.js';
import { fromHex } from '../../decode/bitcoin/hex.js';
import { checkHash, checkHeight, parseBlockHash, parseHeight, type BlockSource, type ChainTip } from './block-source.js';
import { bodyExcerpt, bodyText, httpRequest, type HttpOptions, type HttpResponse } from '../http/request.js';
import { withRetry } from '../http/retry.js';

export type RpcAuth = { readonly user: string; readonly password: string } | { readonly cookieFile: string };

export interface CoreRpcOptions extends HttpOptions {
  /** http(s)://host:port/ of the node (path `/`, or `/wallet/…`, unused here). */
  readonly url: string;
  /** How the source is named in messages; default `rpc://host:port`. */
  readonly name?: string;
  readonly auth: RpcAuth;
  /** Most calls in one JSON-RPC batch (default 1000). */
  readonly maxBatch?: number;
}

interface RpcCall {
  readonly method: string;
  readonly params: readonly unknown[];
}

/** The node answered RPC_IN_WARMUP (-28): retried with back-off. */
class WarmupError extends SourceError {}

/** Core's RPC error codes that mean "no such block/height" (RPC_INVALID_ADDRESS_OR_KEY, RPC_INVALID_PARAMETER). */
const NOT_FOUND_CODES = new Set([-5, -8]);
/** RPC_IN_WARMUP: the node is still loading; worth waiting for. */
const WARMUP = -28;

function parseJson(text: string, input: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const offset = m ? Number(m[1]) : text.length;
    throw new DecodeError({ input, offset }, `malformed JSON-RPC response: ${(err as Error).message}`);
  }
}

export class CoreRpcSource implements BlockSource {
  readonly name: string;
  private readonly opts: CoreRpcOptions;
  private credentials: string | null = null;
  private nextId = 1;

  constructor(opts: CoreRpcOptions) {
    this.opts = opts;
    const u = new URL(opts.url);
    this.name = opts.name ?? `rpc://${u.host}`;
  }

  private async authHeader(reload: boolean): Promise<string> {
    if (this.credentials === null || reload) {
      const a = this.opts.auth;
      if ('cookieFile' in a) {
        let text: string;
        try {
          text = (await readFile(a.cookieFile, 'utf8')).trim();
        } catch (err) {
          throw new SourceError(`${this.name}: cannot read the cookie file ${a.cookieFile}: ${(err as Error).message} (is bitcoind running with this datadir?)`, { cause: err, inputError: true });
        }
        if (!text.includes(':')) throw new DecodeError({ input: a.cookieFile }, 'not a cookie file (expected user:password, e.g. __cookie__:…)');
        this.credentials = text;
      } else {
        this.credentials = `${a.user}:${a.password}`;
      }
    }
    return `Basic ${Buffer.from(this.credentials).toString('base64')}`;
  }

  private async post(body: string, what: string): Promise<HttpResponse> {
    for (let reload = false; ; reload = true) {
      const res = await httpRequest(
        this.opts.url,
        { method: 'POST', headers: { 'content-type': 'application/json', authorization: await this.authHeader(reload) }, body },
        this.opts,
        `${this.name} ${what}`,
      );
      if (res.status === 401) {
        if (!reload && 'cookieFile' in this.opts.auth) continue;
        const how = 'cookieFile' in this.opts.auth ? `the cookie in ${this.opts.auth.cookieFile} (is it this node's datadir?)` : 'rpcuser/rpcpassword';
        throw new SourceError(`${this.name}: HTTP 401 Unauthorized: the node rejected ${how}`, { inputError: true });
      }
      if (res.status === 403) throw new SourceError(`${this.name}: HTTP 403 Forbidden (is this address allowed by the node's rpcallowip?)`, { inputError: true });
      return res;
    }
  }

  private decodeReply(res: HttpResponse, input: string): unknown {
    const type = res.headers.get('content-type') ?? '';
    if (res.status !== 200 && !type.includes('json')) {
      const excerpt = bodyExcerpt(res);
      throw new SourceError(`${input}: HTTP ${res.status} ${res.statusText}${excerpt ? `: ${excerpt}` : ''}`);
    }
    return parseJson(bodyText(res), input);
  }

  /** One entry of a reply: its result, or a typed error for its `error`. */
  private resultOf(entry: unknown, call: RpcCall, input: string): unknown {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new DecodeError({ input }, `not a JSON-RPC reply object: ${JSON.stringify(entry)?.slice(0, 80)}`);
    const e = entry as { result?: unknown; error?: unknown };
    if (e.error !== undefined && e.error !== null) {
      const err = e.error as { code?: unknown; message?: unknown };
      const code = typeof err.code === 'number' ? err.code : null;
      const message = typeof err.message === 'string' ? err.message : JSON.stringify(e.error);
      const text = `${this.name}: ${call.method} ${call.params.map((p) => JSON.stringify(p)).join(' ')}: RPC error ${code ?? '?'}: ${message}`;
      if (code !== null && NOT_FOUND_CODES.has(code)) throw new NotFoundError(text);
      if (code === WARMUP) throw new WarmupError(text);
      throw new SourceError(text);
    }
    if (!('result' in e)) throw new DecodeError({ input, field: 'result' }, 'JSON-RPC reply has neither result nor error');
    return e.result;
  }

  /** RPC_IN_WARMUP (-28) is retried by the shared retry loop; every other outcome is final. */
  private async withWarmup<T>(fn: () => Promise<T>): Promise<T> {
    return withRetry<T>(
      this.name,
      async () => {
        try {
          return { ok: await fn() };
        } catch (err) {
          if (!(err instanceof WarmupError)) throw err;
          return { retry: err.message.replace(`${this.name}: `, ''), cause: err };
        }
      },
      this.opts,
    );
  }

  async call(method: string, params: readonly unknown[] = []): Promise<unknown> {
    return this.withWarmup(async () => {
      const id = this.nextId++;
      const input = `${this.name} ${method}`;
      const res = await this.post(JSON.stringify({ jsonrpc: '2.0', id, method, params }), method);
      const reply = this.decodeReply(res, input);
      const got = (reply as { id?: unknown } | null)?.id;
      if (reply !== null && typeof reply === 'object' && !Array.isArray(reply) && got !== id && got !== null) {
        throw new DecodeError({ input, field: 'id' }, `reply id ${JSON.stringify(got)} does not match request id ${id}`);
      }
      return this.resultOf(reply, { method, params }, input);
    });
  }

  /** Several calls in JSON-RPC batches of at most `maxBatch`; results in call order. */
  async batch(calls: readonly RpcCall[]): Promise<unknown[]> {
    const max = this.opts.maxBatch ?? 1000;
    const out: unknown[] = [];
    for (let i = 0; i < calls.length; i += max) {
      const chunk = calls.slice(i, i + max);
      out.push(...(await this.withWarmup(() => this.batchOnce(chunk))));
    }
    return out;
  }

  private async batchOnce(calls: readonly RpcCall[]): Promise<unknown[]> {
    const first = this.nextId;
    this.nextId += calls.length;
    const input = `${this.name} batch of ${calls.length} ${calls[0]?.method ?? ''}`;
    const body = JSON.stringify(calls.map((c, k) => ({ jsonrpc: '2.0', id: first + k, method: c.method, params: c.params })));
    const reply = this.decodeReply(await this.post(body, `batch of ${calls.length}`), input);
    if (!Array.isArray(reply)) {
      // A whole-batch failure comes back as one error object.
      this.resultOf(reply, calls[0]!, input);
      throw new DecodeError({ input }, 'expected a JSON array in reply to a batch');
    }
    const byId = new Map<unknown, unknown>();
    for (const entry of reply) byId.set((entry as { id?: unknown } | null)?.id, entry);
    return calls.map((c, k) => {
      const entry = byId.get(first + k);
      if (entry === undefined) throw new DecodeError({ input, field: 'id' }, `no reply for request id ${first + k} (${c.method})`);
      return this.resultOf(entry, c, input);
    });
  }

  async tip(): Promise<ChainTip> {
    const info = (await this.call('getblockchaininfo')) as { blocks?: unknown; bestblockhash?: unknown } | null;
    const input = `${this.name} getblockchaininfo`;
    if (info === null || typeof info !== 'object') throw new DecodeError({ input }, 'expected an object');
    return { height: parseHeight(info.blocks, input, 'blocks'), hash: parseBlockHash(String(info.bestblockhash), input, 'bestblockhash') };
  }

  async hashAt(height: number): Promise<string> {
    checkHeight(height, this.name);
    return parseBlockHash(String(await this.call('getblockhash', [height])), `${this.name} getblockhash ${height}`);
  }

  async hashesAt(heights: readonly number[]): Promise<string[]> {
    heights.forEach((h) => checkHeight(h, this.name));
    const results = await this.batch(heights.map((h) => ({ method: 'getblockhash', params: [h] })));
    return results.map((r, i) => parseBlockHash(String(r), `${this.name} getblockhash ${heights[i]}`));
  }

  private async hexCall(method: string, hash: string, arg: unknown): Promise<Uint8Array> {
    checkHash(hash, this.name);
    const result = await this.call(method, [hash, arg]);
    const input = `${this.name} ${method} ${hash}`;
    if (typeof result !== 'string') throw new DecodeError({ input, field: 'result' }, `expected a hex string, got ${typeof result}`);
    return fromHex(result, input);
  }

  async block(hash: string): Promise<Uint8Array> {
    return this.hexCall('getblock', hash, 0);
  }

  async header(hash: string): Promise<Uint8Array> {
    return this.hexCall('getblockheader', hash, false);
  }

  blockInput(hash: string): string {
    return `${this.name} getblock ${hash} 0`;
  }

  async close(): Promise<void> {}
}
