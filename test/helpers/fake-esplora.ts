/**
 * A fake Esplora REST API (Blockstream esplora / electrs, as mempool.space and blockstream.info
 * serve it under a base path such as `/api`) serving a FakeChain: `/blocks/tip/height` and
 * `/blocks/tip/hash` (text/plain), `/block-height/:h` (text/plain), `/block/:hash/raw`
 * (application/octet-stream), `/block/:hash/header` (hex). Missing blocks: 404 text/plain
 * "Block not found"; malformed hashes: 400 "Invalid hex string".
 */
import { toHex } from '../../src/decode/bitcoin/hex.js';
import type { FakeChain } from './fake-chain.js';
import { binary, startFakeServer, text, type FakeReply, type FakeServer } from './fake-http.js';

export async function startFakeEsplora(chain: FakeChain, opts: { maxRequests?: number; base?: string } = {}): Promise<FakeServer & { api: string }> {
  const base = opts.base ?? '/api';
  const server = await startFakeServer((req): FakeReply => {
    if (req.method !== 'GET') return text(405, 'Method Not Allowed');
    if (!req.path.startsWith(`${base}/`)) return text(404, 'Not Found');
    const path = req.path.slice(base.length);
    if (path === '/blocks/tip/height') return text(200, String(chain.tipHeight));
    if (path === '/blocks/tip/hash') return text(200, chain.tipHash);
    let m = /^\/block-height\/(\d+)$/.exec(path);
    if (m) {
      const hash = chain.hashAt(Number(m[1]));
      return hash ? text(200, hash) : text(404, 'Block not found');
    }
    m = /^\/block\/([^/]+)\/(raw|header)$/.exec(path);
    if (m) {
      if (!/^[0-9a-f]{64}$/.test(m[1]!)) return text(400, 'Invalid hex string');
      const bytes = chain.block(m[1]!);
      if (!bytes) return text(404, 'Block not found');
      return m[2] === 'raw' ? binary(bytes) : text(200, toHex(bytes.subarray(0, 80)));
    }
    return text(404, 'Not Found');
  }, opts);
  return Object.assign(server, { api: `${server.url}${base}` });
}
