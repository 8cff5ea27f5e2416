/**
 * @module `nakamoto ingest <url>` for live block sources (rpc://, rest+http://, esplora+https://,
 * blocks-dir:): sync the store's chain with the source and label its blocks with a rule set.
 * The dataset-file path of `ingest` stays in ingest.ts.
 */
import type { Command } from 'commander';
import { UsageError } from '../../../domain/errors.js';
import type { SyncResult } from '../../../pipeline/sync-chain.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows } from '../output.js';
import { createProgress } from '../progress.js';
import { openStoreForWrite } from '../store-options.js';
import { parseNumberParam } from '../../../pipeline/queries/query-params.js';

export interface LiveIngestOptions {
  fromHeight?: string;
  toHeight?: string;
  rules: string;
  concurrency: string;
  maxReorgDepth: string;
  batchSize: string;
  timeout: string;
  db?: string;
  format: string;
}

/** Options that only apply to live sources (added to `ingest`). */
export function addLiveOptions(cmd: Command): Command {
  return cmd
    .option('--from-height <h>', 'live sources: first height to fetch (default: after the last stored block, else 0)')
    .option('--to-height <h>', 'live sources: last height to fetch (default: the tip)')
    .option('--rules <rules>', 'live sources: attribution rules, mempool | bitcoin-data | edi | PATH; labels go to source chain:<kind>', 'mempool')
    .option('--concurrency <n>', 'live sources: blocks fetched at once (public Esplora instances rate-limit: keep it low)', '4')
    .option('--max-reorg-depth <n>', 'live sources: deepest reorg rolled back without stopping', '100')
    .option('--batch-size <n>', 'live sources: blocks written per transaction (an interrupted sync resumes after the last one)', '200')
    .option('--timeout <seconds>', 'live sources: per-request timeout', '60');
}

function whole(text: string | undefined, what: string, min = 0): number | undefined {
  return text === undefined ? undefined : parseNumberParam(what, text, { min, integer: true });
}

function summaryRow(r: SyncResult): Record<string, string | number> {
  const rolledBack = r.reorgs.reduce((s, x) => s + x.rolledBack, 0);
  const fork = r.reorgs.find((x) => x.rolledBack > 0)?.forkHeight;
  return {
    source: r.source,
    labels: r.labelSource,
    rules: r.rulesVersion,
    tip: r.tip.height,
    heights: r.fromHeight <= r.toHeight ? `${r.fromHeight}–${r.toHeight}` : 'up to date',
    fetched: r.fetched,
    skipped: r.skipped,
    rolled_back: rolledBack,
    fork: fork ?? '',
    relabelled: r.relabel.added + r.relabel.reattributed,
    seconds: Number(r.seconds.toFixed(2)),
  };
}

export async function ingestFromSource(url: string, opts: LiveIngestOptions, io: CliIo): Promise<void> {
  const format = parseFormat(opts.format);
  const fromHeight = whole(opts.fromHeight, '--from-height');
  const toHeight = whole(opts.toHeight, '--to-height');
  if (fromHeight !== undefined && toHeight !== undefined && toHeight < fromHeight) throw new UsageError(`invalid --to-height: ${toHeight} (below --from-height ${fromHeight})`);
  const concurrency = whole(opts.concurrency, '--concurrency', 1)!;
  const maxReorgDepth = whole(opts.maxReorgDepth, '--max-reorg-depth', 1)!;
  const batchSize = whole(opts.batchSize, '--batch-size', 1)!;
  const timeoutMs = whole(opts.timeout, '--timeout', 1)! * 1000;
  // Loaded here, not at start-up: `nakamoto ingest <file>` registers these options but never syncs.
  const [{ loadRuleSet }, { syncChain }, { openBlockSource, parseSourceUrl }] = await Promise.all([
    import('../../../sources/attribution-rules/load.js'),
    import('../../../pipeline/sync-chain.js'),
    import('../../../sources/bitcoin/source-url.js'),
  ]);
  const spec = parseSourceUrl(url, io.env);
  const ruleSet = await loadRuleSet(opts.rules, { env: io.env, cwd: io.cwd });
  const source = await openBlockSource(spec, { concurrency, http: { timeoutMs } });
  const store = await openStoreForWrite(opts.db, io);
  const progress = createProgress(io, 'blocks');
  try {
    const result = await syncChain(store, source, {
      ruleSet,
      fromHeight,
      toHeight,
      concurrency,
      maxReorgDepth,
      batchSize,
      onProgress: (p) => progress.update(p.done, p.total, p.phase === 'relabel' ? 'relabelling' : `height ${p.height ?? ''}`),
    });
    progress.stop();
    if (format === 'json') {
      io.stdout(JSON.stringify({ ...result, store: store.location }, null, 2) + '\n');
      return;
    }
    if (format === 'table') {
      io.stdout(`# ${result.source} → ${store.location}: tip ${result.tip.height} ${result.tip.hash}\n`);
      for (const r of result.reorgs.filter((x) => x.rolledBack > 0)) io.stdout(`# reorg: rolled back ${r.rolledBack} block(s) above height ${r.forkHeight} and re-ingested the new branch\n`);
      if (result.reorgs.some((x) => x.sourceBehind)) io.stdout('# the source is behind the store (same chain): nothing to fetch\n');
      const rl = result.relabel;
      if (rl.added + rl.reattributed + rl.carried > 0) io.stdout(`# labels: ${rl.added} added, ${rl.reattributed} re-attributed (${rl.changed} changed), ${rl.carried} unchanged under the new rules\n`);
    }
    const row = summaryRow(result);
    io.stdout(renderRows([row], Object.keys(row), format));
  } finally {
    progress.stop();
    await source.close();
    await store.close();
  }
}
