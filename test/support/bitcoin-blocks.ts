/**
 * @module Test helpers: load the real blocks in datasets/bitcoin/raw-blocks with their
 * expected.json, and the real coinbase rows in datasets/bitcoin/coinbases (parsed, not copied).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { BLOCKCHAIR_BLOCKS_FILE, readBlockchairLines, type BlockchairBlock } from '../../src/sources/datasets/blockchair-blocks.js';
import { parseCsv, requireColumns } from '../../src/sources/files/csv.js';
import { datasetPath } from '../../src/sources/files/datasets-path.js';

export interface ExpectedBlock {
  readonly file: string;
  readonly bytes: number;
  readonly hash: string;
  readonly height: number;
  readonly version: number;
  readonly prev_hash: string;
  readonly merkle_root: string;
  readonly time_utc: string;
  readonly bits: string;
  readonly nonce: number;
  readonly difficulty: number;
  readonly tx_count: number;
  readonly merkle_valid: boolean;
  readonly coinbase_scriptsig_hex: string;
  readonly coinbase_printable: string;
  readonly coinbase_outputs: readonly { readonly sats: string; readonly spk: string; readonly address: string | null }[];
}

export interface RealBlock {
  readonly expected: ExpectedBlock;
  readonly path: string;
  readonly bytes: Uint8Array;
}

export function loadRealBlocks(): RealBlock[] {
  const expected = JSON.parse(readFileSync(datasetPath('bitcoin/raw-blocks/expected.json'), 'utf8')) as ExpectedBlock[];
  return expected.map((e) => {
    const path = datasetPath(`bitcoin/raw-blocks/${e.file}`);
    return { expected: e, path, bytes: new Uint8Array(readFileSync(path)) };
  });
}

export function realBlock(height: number): RealBlock {
  const b = loadRealBlocks().find((x) => x.expected.height === height);
  if (!b) throw new Error(`no real block at height ${height}`);
  return b;
}

export interface CsvOutput {
  readonly valueSats: bigint;
  readonly spkHex: string;
  /** The CSV's address field: '' (none), an address, or `P2PK:<hash160 address>`. */
  readonly address: string;
}

export interface CoinbaseRow {
  readonly file: string;
  readonly line: number;
  readonly height: number;
  readonly blockHash: string;
  readonly scriptSigHex: string;
  readonly txid: string;
  readonly outputs: readonly CsvOutput[];
}

export const COINBASE_CSVS = ['mainnet_coinbases_h0-599_2009.csv', 'mainnet_coinbase_h307602_2014.csv', 'mainnet_coinbases_bitcoinj_2015-2017.csv'];

/** `value:spk:address` joined by ';' — the address may itself contain ':' (`P2PK:1…`). */
function parseOutputs(field: string): CsvOutput[] {
  return field.split(';').map((o) => {
    const a = o.indexOf(':');
    const b = o.indexOf(':', a + 1);
    return { valueSats: BigInt(o.slice(0, a)), spkHex: o.slice(a + 1, b), address: o.slice(b + 1) };
  });
}

export function loadCoinbaseRows(): CoinbaseRow[] {
  const rows: CoinbaseRow[] = [];
  for (const file of COINBASE_CSVS) {
    const path = datasetPath(`bitcoin/coinbases/${file}`);
    const table = parseCsv(readFileSync(path, 'utf8'), path);
    const c = requireColumns(table, ['height', 'block_hash', 'coinbase_scriptsig_hex', 'coinbase_txid', 'coinbase_outputs']);
    table.rows.forEach((r, i) => {
      rows.push({
        file,
        line: table.lines[i]!,
        height: Number(r[c.height]),
        blockHash: r[c.block_hash]!,
        scriptSigHex: r[c.coinbase_scriptsig_hex]!,
        txid: r[c.coinbase_txid]!,
        outputs: parseOutputs(r[c.coinbase_outputs]!),
      });
    });
  }
  return rows;
}

/**
 * One block's row of the staged Blockchair dump (datasets/bitcoin/blockchair-blocks-2020-2025),
 * parsed by the project's Blockchair reader: the header line plus the row for `height`, read from
 * the gzip until found (an independent source of fees, reward, transaction count and weight).
 */
export async function blockchairRow(height: number): Promise<BlockchairBlock> {
  const path = datasetPath(BLOCKCHAIR_BLOCKS_FILE);
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  const picked: string[] = [];
  for await (const line of lines) {
    if (picked.length === 0) picked.push(line);
    else if (line.startsWith(`${height}\t`)) {
      picked.push(line);
      break;
    }
  }
  lines.close();
  const found: BlockchairBlock[] = [];
  await readBlockchairLines(picked, path, (b) => found.push(b));
  if (found.length !== 1) throw new Error(`no Blockchair row for height ${height}`);
  return found[0]!;
}
