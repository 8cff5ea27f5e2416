/**
 * A fake Bitcoin Core REST interface serving a FakeChain in Core's wire format (src/rest.cpp):
 * `/rest/chaininfo.json`; `/rest/blockhashbyheight/<h>.hex` (display-order hex + "\n"), `.bin`
 * (32 bytes, internal order) and `.json`; `/rest/block/<hash>.bin|.hex`; `/rest/headers/<hash>.bin?count=N`.
 * Errors are text/plain `message\r\n`: 404 "Block height out of range", "<hash> not found", 400 "Invalid hash: …".
 */
import { hashFromHex, toHex } from '../../src/decode/bitcoin/hex.js';
import type { FakeChain } from './fake-chain.js';
import { binary, json, startFakeServer, text, type FakeReply, type FakeServer } from './fake-http.js';

const err = (status: number, message: string): FakeReply => text(status, `${message}\r\n`);

export async function startFakeCoreRest(chain: FakeChain, opts: { maxRequests?: number } = {}): Promise<FakeServer> {
  return startFakeServer((req): FakeReply => {
    const u = new URL(req.path, 'http://x');
    const path = u.pathname;
    if (req.method !== 'GET') return err(405, 'method not allowed');
    if (path === '/rest/chaininfo.json') {
      return json(200, { chain: 'main', blocks: chain.tipHeight, headers: chain.tipHeight, bestblockhash: chain.tipHash, difficulty: 1, pruned: false, warnings: '' });
    }
    let m = /^\/rest\/blockhashbyheight\/([^.]*)\.(bin|hex|json)$/.exec(path);
    if (m) {
      if (!/^\d+$/.test(m[1]!)) return err(400, `Invalid height: ${m[1]}`);
      const h = Number(m[1]);
      const hash = h <= chain.tipHeight ? chain.hashAt(h) : undefined;
      if (hash === undefined) return err(404, 'Block height out of range');
      if (m[2] === 'bin') return binary(hashFromHex(hash));
      if (m[2] === 'hex') return text(200, `${hash}\n`);
      return json(200, { blockhash: hash });
    }
    m = /^\/rest\/block\/([^.]*)\.(bin|hex)$/.exec(path);
    if (m) {
      if (!/^[0-9a-fA-F]{64}$/.test(m[1]!)) return err(400, `Invalid hash: ${m[1]}`);
      const bytes = chain.block(m[1]!.toLowerCase());
      if (!bytes) return err(404, `${m[1]} not found`);
      return m[2] === 'bin' ? binary(bytes) : text(200, `${toHex(bytes)}\n`);
    }
    m = /^\/rest\/headers\/([^.]*)\.bin$/.exec(path);
    if (m) {
      if (!/^[0-9a-fA-F]{64}$/.test(m[1]!)) return err(400, `Invalid hash: ${m[1]}`);
      const count = Number(u.searchParams.get('count') ?? '5');
      const bytes = chain.block(m[1]!.toLowerCase());
      // Core walks `count` headers along the active chain; the tests ask for one.
      return binary(bytes && count >= 1 ? bytes.subarray(0, 80) : new Uint8Array(0));
    }
    return err(404, 'Not found');
  }, opts);
}
