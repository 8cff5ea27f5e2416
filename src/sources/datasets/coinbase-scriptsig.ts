/**
 * @module Reader of Blockchair's per-block coinbase scriptSig file
 * (`bitcoin/blockchair-coinbase-scriptsig-2020-2025/blockchair_blocks_coinbase_scriptsig_h*.tsv.gz`):
 * tab-separated `id, hash, coinbase_data_hex`, one row per block. Malformed rows are a one-line
 * DecodeError naming file, line and column.
 */
import { DecodeError } from '../../domain/errors.js';
import { readBytes } from '../files/read-file.js';
import { datasetPath } from '../files/datasets-path.js';

export const COINBASE_SCRIPTSIG_FILE = 'bitcoin/blockchair-coinbase-scriptsig-2020-2025/blockchair_blocks_coinbase_scriptsig_h610546-886932.tsv.gz';
export const COINBASE_SCRIPTSIG_HEADER = ['id', 'hash', 'coinbase_data_hex'] as const;

/** Blocks in file order (heights strictly ascending). */
export interface CoinbaseScriptSigs {
  readonly input: string;
  readonly heights: Int32Array;
  readonly hashes: readonly string[];
  /** Lower-case hex of each coinbase scriptSig. */
  readonly scriptSigHex: readonly string[];
}

const HEX = /^(?:[0-9a-f]{2})*$/;
const HASH = /^[0-9a-f]{64}$/;

/** True when the first line is this file's header. */
export function isCoinbaseScriptSigHeader(firstLine: string): boolean {
  return firstLine.replace(/\r$/, '') === COINBASE_SCRIPTSIG_HEADER.join('\t');
}

/** Parse the file's text (already gunzipped). */
export function parseCoinbaseScriptSigs(text: string, input: string): CoinbaseScriptSigs {
  let pos = 0;
  let nl = text.indexOf('\n');
  if (nl < 0) nl = text.length;
  const header = text.slice(0, nl);
  if (!isCoinbaseScriptSigHeader(header)) {
    throw new DecodeError({ input, line: 1 }, `expected the header ${COINBASE_SCRIPTSIG_HEADER.join('<TAB>')}, got ${JSON.stringify(header.slice(0, 60))}`);
  }
  pos = nl + 1;
  let heights = new Int32Array(1 << 16);
  const hashes: string[] = [];
  const scripts: string[] = [];
  let n = 0;
  let line = 1;
  let last = -1;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    line++;
    let l = text.slice(pos, end);
    pos = end + 1;
    if (l.endsWith('\r')) l = l.slice(0, -1);
    if (l === '') continue;
    const t1 = l.indexOf('\t');
    const t2 = t1 < 0 ? -1 : l.indexOf('\t', t1 + 1);
    if (t1 < 0 || t2 < 0 || l.indexOf('\t', t2 + 1) >= 0) throw new DecodeError({ input, line }, 'expected 3 tab-separated fields (id, hash, coinbase_data_hex)');
    const idText = l.slice(0, t1);
    const height = Number(idText);
    if (!/^\d+$/.test(idText) || !Number.isSafeInteger(height) || height > 0x7fffffff) throw new DecodeError({ input, line, field: 'id' }, `invalid block height: ${JSON.stringify(idText)}`);
    if (height <= last) throw new DecodeError({ input, line, field: 'id' }, `heights must ascend: ${height} after ${last}`);
    last = height;
    const hash = l.slice(t1 + 1, t2).toLowerCase();
    if (!HASH.test(hash)) throw new DecodeError({ input, line, field: 'hash' }, 'invalid block hash: expected 64 hex digits');
    const hex = l.slice(t2 + 1).toLowerCase();
    if (hex.length === 0 || hex.length > 200 || !HEX.test(hex)) {
      throw new DecodeError({ input, line, field: 'coinbase_data_hex' }, hex.length > 200 ? 'scriptSig longer than 100 bytes (consensus limit)' : 'malformed hex: expected an even number of hex digits');
    }
    if (n === heights.length) {
      const h = new Int32Array(n * 2);
      h.set(heights);
      heights = h;
    }
    heights[n++] = height;
    hashes.push(hash);
    scripts.push(hex);
  }
  return { input, heights: heights.slice(0, n), hashes, scriptSigHex: scripts };
}

export async function readCoinbaseScriptSigs(path: string): Promise<CoinbaseScriptSigs> {
  const bytes = await readBytes(path);
  return parseCoinbaseScriptSigs(bytes.toString('latin1'), path);
}

/** The staged file under the datasets root. */
export function coinbaseScriptSigPath(env?: Readonly<Record<string, string | undefined>>): string {
  return datasetPath(COINBASE_SCRIPTSIG_FILE, env);
}
