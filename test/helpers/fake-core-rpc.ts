/**
 * A fake Bitcoin Core JSON-RPC endpoint serving a FakeChain in Core's wire format: HTTP Basic auth
 * (401 with `WWW-Authenticate: Basic realm="jsonrpc"` and an empty body on failure), POST bodies
 * with one request object or a batch array, and replies either in the legacy JSON-RPC 1.0 style
 * (`{"result","error","id"}`, errors with HTTP 500, 404 for an unknown method) or, with
 * `style: '2.0'`, as Core 28+ answers a `"jsonrpc":"2.0"` request (`{"jsonrpc","result"|"error","id"}`,
 * HTTP 200). Methods: getblockchaininfo, getblockhash, getblock <hash> 0, getblockheader <hash> false.
 */
import { toHex } from '../../src/decode/bitcoin/hex.js';
import type { FakeChain } from './fake-chain.js';
import { json, startFakeServer, type FakeReply, type FakeServer } from './fake-http.js';

export interface FakeRpcOptions {
  readonly user?: string;
  readonly password?: string;
  readonly style?: '1.0' | '2.0';
  readonly maxRequests?: number;
}

class RpcFault extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

function dispatch(chain: FakeChain, method: string, params: unknown[]): unknown {
  switch (method) {
    case 'getblockchaininfo':
      return { chain: 'main', blocks: chain.tipHeight, headers: chain.tipHeight, bestblockhash: chain.tipHash, difficulty: 1, verificationprogress: 1, initialblockdownload: false, pruned: false, warnings: '' };
    case 'getblockhash': {
      const h = params[0];
      if (typeof h !== 'number') throw new RpcFault(-3, 'Expected type number, got ' + typeof h);
      const hash = h >= 0 && h <= chain.tipHeight ? chain.hashAt(h) : undefined;
      if (hash === undefined) throw new RpcFault(-8, 'Block height out of range');
      return hash;
    }
    case 'getblock':
    case 'getblockheader': {
      const bytes = typeof params[0] === 'string' ? chain.block(params[0]) : undefined;
      if (bytes === undefined) throw new RpcFault(-5, 'Block not found');
      if (method === 'getblock') {
        if (params[1] !== 0) throw new RpcFault(-1, 'fake node: only verbosity 0');
        return toHex(bytes);
      }
      if (params[1] !== false) throw new RpcFault(-1, 'fake node: only verbose=false');
      return toHex(bytes.subarray(0, 80));
    }
    default:
      throw new RpcFault(-32601, 'Method not found');
  }
}

export async function startFakeCoreRpc(chain: FakeChain, opts: FakeRpcOptions = {}): Promise<FakeServer> {
  const expected = `Basic ${Buffer.from(`${opts.user ?? 'alice'}:${opts.password ?? 'secret'}`).toString('base64')}`;
  const v2 = opts.style === '2.0';
  const reply = (id: unknown, run: () => unknown): { body: Record<string, unknown>; fault: RpcFault | null } => {
    try {
      const result = run();
      return { body: v2 ? { jsonrpc: '2.0', result, id } : { result, error: null, id }, fault: null };
    } catch (err) {
      const f = err instanceof RpcFault ? err : new RpcFault(-1, (err as Error).message);
      const error = { code: f.code, message: f.message };
      return { body: v2 ? { jsonrpc: '2.0', error, id } : { result: null, error, id }, fault: f };
    }
  };
  const one = (req: unknown) => {
    const r = req as { id?: unknown; method?: unknown; params?: unknown };
    return reply(r.id ?? null, () => dispatch(chain, String(r.method), Array.isArray(r.params) ? r.params : []));
  };
  return startFakeServer((req): FakeReply => {
    if (req.method !== 'POST') return { status: 405, body: 'JSONRPC server handles only POST requests' };
    if (req.headers.authorization !== expected) return { status: 401, headers: { 'www-authenticate': 'Basic realm="jsonrpc"' } };
    let parsed: unknown;
    try {
      parsed = JSON.parse(req.body);
    } catch {
      return json(500, { result: null, error: { code: -32700, message: 'Parse error' }, id: null });
    }
    if (Array.isArray(parsed)) return json(200, parsed.map((r) => one(r).body));
    const { body, fault } = one(parsed);
    if (!fault || v2) return json(200, body);
    return json(fault.code === -32601 ? 404 : 500, body);
  }, { maxRequests: opts.maxRequests });
}
