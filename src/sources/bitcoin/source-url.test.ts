import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../domain/errors.js';
import { isSourceUrl, parseSourceUrl } from './source-url.js';

describe('block-source URLs', () => {
  it('tells live sources from dataset paths', () => {
    for (const u of ['rpc://a:b@h:1', 'rest+http://h:8332', 'esplora+https://mempool.space/api', 'blocks-dir:/x/blocks', 'RPC://h']) expect(isSourceUrl(u)).toBe(true);
    for (const p of ['data.csv', '/abs/file.csv.gz', 'http://h/file.csv', 'rpc.csv']) expect(isSourceUrl(p)).toBe(false);
  });

  it('rpc:// with user:password (percent-decoded); the name carries no credentials', () => {
    expect(parseSourceUrl('rpc://alice:p%40ss@127.0.0.1:18443')).toEqual({ kind: 'rpc', name: 'rpc://127.0.0.1:18443', url: 'http://127.0.0.1:18443/', auth: { user: 'alice', password: 'p@ss' } });
    expect(parseSourceUrl('rpc://u:p@node').name).toBe('rpc://node:8332');
    expect(parseSourceUrl('rpc://u:p@node').kind === 'rpc' && parseSourceUrl('rpc://u:p@node')).toMatchObject({ url: 'http://node:8332/' });
  });

  it('rpc:// with ?cookie=, or the default ~/.bitcoin/.cookie, else a UsageError', () => {
    expect(parseSourceUrl('rpc://h:8332?cookie=/data/.cookie')).toMatchObject({ auth: { cookieFile: '/data/.cookie' } });
    const home = mkdtempSync(join(tmpdir(), 'nk-home-'));
    expect(() => parseSourceUrl('rpc://h:8332', { HOME: home })).toThrow(UsageError);
    mkdirSync(join(home, '.bitcoin'));
    writeFileSync(join(home, '.bitcoin', '.cookie'), '__cookie__:x');
    expect(parseSourceUrl('rpc://h:8332', { HOME: home })).toMatchObject({ auth: { cookieFile: join(home, '.bitcoin', '.cookie') } });
    expect(() => parseSourceUrl('rpc://u:p@h?cookie=/c')).toThrow(/either user:password@ or \?cookie=/);
  });

  it('REST, Esplora and blocks-dir', () => {
    expect(parseSourceUrl('rest+http://127.0.0.1:8332/')).toEqual({ kind: 'rest', name: 'rest+http://127.0.0.1:8332', url: 'http://127.0.0.1:8332' });
    expect(parseSourceUrl('esplora+https://mempool.space/api')).toEqual({ kind: 'esplora', name: 'esplora+https://mempool.space/api', url: 'https://mempool.space/api' });
    expect(parseSourceUrl('blocks-dir:/home/me/.bitcoin/blocks')).toEqual({ kind: 'blocks-dir', name: 'blocks-dir:/home/me/.bitcoin/blocks', dir: '/home/me/.bitcoin/blocks' });
    const h = '00'.repeat(32);
    expect(parseSourceUrl(`blocks-dir:/b?start=800000:${h}`)).toMatchObject({ start: { height: 800000, hash: h } });
    expect(() => parseSourceUrl('blocks-dir:/b?start=12')).toThrow(UsageError);
    expect(() => parseSourceUrl('esplora+https://u:p@host/api')).toThrow(/no credentials/);
  });
});
