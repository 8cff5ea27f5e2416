/**
 * @module `nakamoto economics`: mining economics per window from real per-block data — fees (BTC
 * and USD), fee share, empty blocks, weight use, network hash rate, hash value (sats per TH/s per
 * day) and hash price (USD per TH/s per day) with the hash-rate interval; `--by-pool` for empty
 * blocks (binomial interval), fees per block, time since the previous block and, with
 * `--pool-hashrates`, pool luck; `--per-block` for one row per block; `--source chain --db` reads
 * the blocks synced from a node, Esplora or blk files. Definitions: docs/economics.md.
 */
import type { Command } from 'commander';
import { queryEconomics } from '../../../pipeline/queries/economics-query.js';
import { datasetsRoot } from '../../../sources/files/datasets-path.js';
import { readPoolHashrates } from '../../../sources/files/pool-hashrate-csv.js';
import { flagged } from '../flag-names.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';
import type { CliIo } from '../io.js';
import { renderRows } from '../output.js';
import { addParquetOutput, FORMAT_HELP_WITH_PARQUET, parseOutput, writeParquetOutput } from '../parquet-option.js';
import { addWindowOptions, type WindowOptions } from '../window-options.js';

interface EconomicsOptions extends WindowOptions {
  byPool?: boolean;
  confidence: string;
  price?: string;
  poolHashrates?: string;
  source?: string;
  labels?: string;
  level?: string;
  blocks?: string;
  db?: string;
  perBlock?: boolean;
  format: string;
  output?: string;
}

const TABLE_HEADERS: Record<string, string> = {
  window_start: 'start', window_end: 'end', missing_blocks: 'missing', empty_blocks: 'empty', fees_btc: 'fees BTC', subsidy_btc: 'subsidy BTC', reward_btc: 'reward BTC',
  fees_usd: 'fees $', reward_usd: 'reward $', fee_share: 'fee share', mean_weight_use: 'weight use', hashrate_ehs: 'EH/s', hashrate_lo_ehs: 'lo', hashrate_hi_ehs: 'hi',
  hash_value_sats: 'sats/TH/day', hash_value_lo_sats: 'lo', hash_value_hi_sats: 'hi', hash_price_usd: '$/TH/day', hash_price_lo_usd: 'lo', hash_price_hi_usd: 'hi',
  empty_share: 'empty share', empty_lo: 'lo', empty_hi: 'hi', fee_median_btc: 'fee median BTC', fee_mean_btc: 'fee mean BTC',
  scheduled_subsidy_sat: 'scheduled subsidy sat', claimed_subsidy_sat: 'claimed subsidy sat', fees_sat: 'fees sat', reward_sat: 'reward sat', fees_from: 'fees from', tx_count: 'txs', weight_use: 'weight use',
  empty_since_prev_median_s: 'empty: s since prev', other_since_prev_median_s: 'others: s since prev', expected_blocks: 'expected',
};
const NETWORK_TABLE = ['window_start', 'blocks', 'missing_blocks', 'empty_blocks', 'fees_btc', 'reward_btc', 'fees_usd', 'fee_share', 'mean_weight_use', 'hashrate_ehs', 'hashrate_lo_ehs', 'hashrate_hi_ehs', 'hash_value_sats', 'hash_value_lo_sats', 'hash_value_hi_sats', 'hash_price_usd', 'hash_price_lo_usd', 'hash_price_hi_usd'];

export function register(program: Command, io: CliIo): void {
  const cmd = program
    .command('economics')
    .description('Mining economics per window from per-block data (Blockchair dumps 2020–2025, or with --source chain the blocks synced into the store): fees, fee share, empty blocks, weight use, hash rate, hash value (sats per TH/s per day) and hash price (USD per TH/s per day) with the hash-rate interval; --by-pool for empty blocks, fees per block and luck. docs/economics.md.')
    .option('--by-pool', 'one row per pool and window: empty blocks with an exact binomial interval, fee median/mean, time since the previous block')
    .option('--labels <labels>', "pool labels for --by-pool: mempool (mempool.space slugs of the per-block attribution dataset, joined by height) or blockchair (Blockchair's guessed_miner, more blocks Unknown)", 'mempool')
    .option('--level <level>', 'with --by-pool: pool (default), owner (alias entity: pools merged by dated ownership links) or template (pools merged into template families, see nakamoto groups)')
    .option('--pool-hashrates <csv>', 'pool luck: a CSV day,pool,hashrate_ehs (UTC day, pool label as printed, the pool\'s hash rate that day in EH/s); needs --by-pool')
    .option('--price <basis>', "BTC/USD for the USD columns: blockchair (each block's reward_usd, Blockchair's daily price) or monthly (the project's month-end table data/hardware/btc-usd-monthly.csv); default blockchair, monthly with --source chain")
    .option('--confidence <level>', 'confidence level of the intervals', '0.95')
    .option('--source <id>', "per-block data: blockchair (the staged dump; default) or chain (blocks synced into the store by `nakamoto ingest <node url | esplora url | blocks dir>`; fees = coinbase outputs − scheduled subsidy; --price monthly)")
    .option('--db <path>', `${DB_OPTION_HELP}; read with --source chain`)
    .option('--per-block', 'one row per block (height, time, pool, transactions, weight, subsidy scheduled and claimed, fees, reward); --from/--to limit it by UTC date')
    .option('--blocks <file>', "read another Blockchair blocks dump (.tsv or .tsv.gz, e.g. a newer daily file from Blockchair) instead of the staged one")
    .option('--format <format>', FORMAT_HELP_WITH_PARQUET, 'table');
  addParquetOutput(cmd);
  addWindowOptions(cmd, '1m').action(async (opts: EconomicsOptions) => {
    const out = parseOutput(opts, io);
    const format = out.format;
    const poolHashrates = opts.poolHashrates === undefined ? undefined : await readPoolHashrates(opts.poolHashrates);
    if (io.isTTY) io.stderr('reading per-block data (≈ 3 s)…\n');
    const store = opts.source === 'chain' ? await openExistingStore(opts.db, io, true) : null;
    let r;
    try {
      r = await flagged(['confidence', 'price', 'window', 'step', 'anchor', 'from', 'to', 'at', 'source', 'byPool', 'poolHashrates', 'labels', 'level', 'perBlock'], () =>
        queryEconomics(opts, { store, datasetsRoot: datasetsRoot(io.env) }, { poolHashrates, blocksFile: opts.blocks }),
      );
    } finally {
      await store?.close();
    }
    if (format === 'json') {
      io.stdout(JSON.stringify({ title: r.title, provenance: r.provenance, price: r.price, level: r.level, method: r.method, windows: r.windows, rows: r.rows }, null, 2) + '\n');
      return;
    }
    if (out.parquet) return writeParquetOutput(io, out.parquet, r.rows, r.columns, { provenance: { ...r.provenance, title: r.title, price: r.price, level: r.level, method: r.method, windows: r.windows } });
    const p = r.provenance;
    const header = [`# ${r.title}`, `# source: ${p.source} — ${p.description}`, `# from: ${p.from}`, ...p.notes.map((n) => `# note: ${n}`), `# ${r.price}`, `# ${r.method}`, `# ${r.windows}`];
    (format === 'table' ? io.stdout : io.stderr)(header.join('\n') + '\n');
    const tableColumns = opts.byPool || opts.perBlock ? r.columns.filter((c) => c !== 'window_end') : NETWORK_TABLE;
    io.stdout(format === 'table' ? renderRows(r.rows, tableColumns, 'table', TABLE_HEADERS) : renderRows(r.rows, r.columns, 'csv'));
  });
}
