/**
 * @module The BlockSource port: what the chain sync needs from anything that serves Bitcoin
 * blocks — the best chain's tip, the hash at a height, and a block's consensus bytes by hash
 * (optionally just its 80-byte header, and batched hash look-ups). Implemented by Bitcoin Core
 * JSON-RPC (`core-rpc.ts`), Core REST (`core-rest.ts`), Esplora (`esplora.ts`) and a node's
 * `blocks/` folder (`blocks-dir-source.ts`); all pass `test/contracts/block-source.contract.ts`.
 */
import { DecodeError, SourceError } from '../../domain/errors.js';

export interface ChainTip {
  readonly height: number;
  /** Display-order hex (as explorers show it). */
  readonly hash: string;
}

export interface BlockSource {
  /** The source without credentials (`rpc://127.0.0.1:8332`, `esplora+https://…/api`), for messages and provenance. */
  readonly name: string;
  tip(): Promise<ChainTip>;
  /** Hash of the best-chain block at `height`; NotFoundError above the tip. */
  hashAt(height: number): Promise<string>;
  /** Several heights at once (one JSON-RPC batch, or bounded concurrent requests), in the order asked. */
  hashesAt(heights: readonly number[]): Promise<string[]>;
  /** A block in consensus serialization (with witnesses). NotFoundError when the source does not have it. */
  block(hash: string): Promise<Uint8Array>;
  /** The 80-byte header alone. */
  header(hash: string): Promise<Uint8Array>;
  /** Where `block(hash)` reads from (a URL, RPC call or file and offset), for error messages. */
  blockInput(hash: string): string;
  close(): Promise<void>;
}

const HASH_RE = /^[0-9a-f]{64}$/;

/** A display-order block hash (64 lower-case hex digits; upper case is folded), else a DecodeError naming `input`. */
export function parseBlockHash(text: string, input: string, field = 'hash'): string {
  const h = text.trim().toLowerCase();
  if (!HASH_RE.test(h)) throw new DecodeError({ input, field }, `not a block hash (64 hex digits): ${JSON.stringify(text.slice(0, 80))}`);
  return h;
}

/** A height as served (text or JSON number): a non-negative integer, else a DecodeError. */
export function parseHeight(value: unknown, input: string, field = 'height'): number {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new DecodeError({ input, field }, `not a block height: ${JSON.stringify(value)?.slice(0, 80)}`);
  return n;
}

export function checkHeight(height: number, source: string): void {
  if (!Number.isSafeInteger(height) || height < 0) throw new SourceError(`${source}: invalid height ${height} (expected an integer ≥ 0)`, { inputError: true });
}

export function checkHash(hash: string, source: string): void {
  if (!HASH_RE.test(hash)) throw new SourceError(`${source}: invalid block hash ${JSON.stringify(hash)} (expected 64 lower-case hex digits)`, { inputError: true });
}

/**
 * Run `fn` over `items` with at most `limit` calls in flight; results in input order. The first
 * failure rejects the whole call (calls already started are left to finish, their results dropped).
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** A limiter: at most `n` of the functions passed to it run at once, the others wait in FIFO order. */
export function createLimiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    // A finishing call hands its slot straight to the next waiter, so `active` never exceeds n.
    if (active >= n) await new Promise<void>((r) => waiting.push(r));
    else active++;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
