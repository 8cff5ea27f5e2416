/**
 * @module `nakamoto hashrate`: network (and per-pool) hash rate per window from blocks found and
 * their difficulty — Σ difficulty·2³² / window length, in EH/s, with an exact interval from the
 * Poisson model of block arrivals (docs/hashrate.md).
 */
import type { Command } from 'commander';
import { formatDay } from '../../../aggregate/duration.js';
import { divideWindows, windowAxis } from '../../../aggregate/windows.js';
import { hashrateByBlockWindow, hashrateByTimeWindow, type HashrateEstimate, type IntervalKind, type WindowHashrate } from '../../../analysis/hashrate.js';
import { UsageError } from '../../../domain/errors.js';
import { loadHashrateData } from '../../../pipeline/chain-hashrate.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows, type Row } from '../output.js';
import { DB_OPTION_HELP, openExistingStore } from '../store-options.js';
import { resolveWindows } from '../../../pipeline/queries/window-request.js';
import { addWindowOptions, type WindowOptions } from '../window-options.js';

interface HashrateOptions extends WindowOptions {
  source?: string;
  byPool?: boolean;
  confidence: string;
  interval: string;
  format: string;
  db?: string;
}

const EH = 1e18;
const eh = (hs: number) => Number((hs / EH).toPrecision(6));

function parseConfidence(text: string): number {
  const c = Number(text);
  if (!(c > 0 && c < 1)) throw new UsageError(`invalid --confidence: ${text} (expected a number between 0 and 1, e.g. 0.95)`);
  return c;
}

function parseInterval(text: string): IntervalKind {
  if (text === 'poisson' || text === 'gamma') return text;
  throw new UsageError(`invalid --interval: ${text} (expected poisson or gamma)`);
}

function estimateCells(e: HashrateEstimate | null): Row {
  return e === null ? { hashrate_ehs: null, lo_ehs: null, hi_ehs: null } : { hashrate_ehs: eh(e.hashrate), lo_ehs: eh(e.lo), hi_ehs: eh(e.hi) };
}

function rowsOf(results: readonly WindowHashrate[], axis: 'time' | 'height', byPool: boolean): Row[] {
  const bound = (x: number) => (axis === 'time' ? formatDay(x) : x);
  const rows: Row[] = [];
  for (const w of results) {
    const head = { window_start: bound(w.start), window_end: bound(w.end) };
    if (!byPool) {
      rows.push({ ...head, blocks: w.network?.blocks ?? null, difficulty: w.network ? Number(w.network.difficulty.toPrecision(8)) : null, ...estimateCells(w.network) });
      continue;
    }
    for (const p of w.pools) rows.push({ ...head, pool: p.entity, blocks: p.estimate.blocks, share: Number(p.share.toFixed(6)), ...estimateCells(p.estimate) });
  }
  return rows;
}

export function register(program: Command, io: CliIo): void {
  const cmd = program
    .command('hashrate')
    .description('Network hash rate per window from blocks found × difficulty (Σ D·2³² / seconds), in EH/s with an exact confidence interval; --by-pool for each pool (share × network). Difficulty: synced block headers, else the difficulty-epochs dataset (to height 840,236).')
    .option('--source <id>', 'data: a chain:<rules> source synced from a node, perblock, another per-block store source, or default (embedded daily counts); default: the synced chain if any, else perblock if ingested, else the embedded default')
    .option('--by-pool', 'one row per pool and window: share of blocks × network estimate, interval on the pool\'s own block count')
    .option('--confidence <level>', 'confidence level of the interval', '0.95')
    .option('--interval <kind>', 'poisson: fixed window, count varies (exact Garwood interval, default for time windows); gamma: fixed count, time varies (always used for block windows)', 'poisson')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--db <path>', DB_OPTION_HELP);
  addWindowOptions(cmd, '7d').action(async (opts: HashrateOptions) => {
    const format = parseFormat(opts.format);
    const confidence = parseConfidence(opts.confidence);
    const interval = parseInterval(opts.interval);
    const store = await openExistingStore(opts.db, io, false);
    try {
      const data = await loadHashrateData(store, opts.source, io.env);
      const { spec, range } = resolveWindows(opts, data.coverage);
      const axis = windowAxis(spec);
      const windows = divideWindows(spec, range.start, range.end);
      let results: WindowHashrate[];
      if (axis === 'height') {
        if (!data.perBlock) throw new UsageError('block-count windows need per-block data: use a time window such as --window 7d');
        if (opts.byPool) throw new UsageError('--by-pool needs a time window (e.g. --window 7d)');
        results = hashrateByBlockWindow(data.perBlock.heights, data.perBlock.timeSec, data.perBlock.difficulty, windows, confidence);
      } else {
        results = hashrateByTimeWindow(data.obs, windows, { confidence, interval, byPool: Boolean(opts.byPool) });
      }
      const rows = rowsOf(results, axis, Boolean(opts.byPool));
      const columns = opts.byPool
        ? ['window_start', 'window_end', 'pool', 'blocks', 'share', 'hashrate_ehs', 'lo_ehs', 'hi_ehs']
        : ['window_start', 'window_end', 'blocks', 'difficulty', 'hashrate_ehs', 'lo_ehs', 'hi_ehs'];
      const kind = axis === 'height' ? 'gamma' : interval;
      const method = `hash rate = Σ difficulty·2³² / window seconds (EH/s); ${Math.round(confidence * 1000) / 10}% interval, ${kind === 'poisson' ? 'exact Poisson (Garwood) on the block count' : 'gamma on the time to a fixed number of blocks'}; window_end exclusive; UTC`;
      const p = data.provenance;
      const header = [`# hash rate — source: ${p.source} — ${p.description}`, `# from: ${p.from}; difficulty: ${data.difficultyFrom}`, `# ${method}`];
      if (format === 'json') {
        io.stdout(JSON.stringify({ provenance: p, difficulty: data.difficultyFrom, method, rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))) }, null, 2) + '\n');
        return;
      }
      (format === 'table' ? io.stdout : io.stderr)(header.join('\n') + '\n');
      io.stdout(renderRows(rows, columns, format));
    } finally {
      await store?.close();
    }
  });
}
