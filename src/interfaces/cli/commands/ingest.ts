/**
 * @module `nakamoto ingest <path|url>`: validate a dataset file and merge it into the store, or
 * sync the chain from a live block source (rpc://, rest+http(s)://, esplora+http(s)://,
 * blocks-dir:; see ingest-live.ts).
 */
import type { Command } from 'commander';
import { UsageError } from '../../../domain/errors.js';
import { parseKind, DATASET_KINDS } from '../../../sources/datasets/detect.js';
import { ingestDataset, startFastRead } from '../../../pipeline/ingest-dataset.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows } from '../output.js';
import { createProgress } from '../progress.js';
import { DB_OPTION_HELP, openStoreForWrite } from '../store-options.js';
import { isSourceUrl } from '../../../sources/bitcoin/source-url.js';
import { addLiveOptions, ingestFromSource, type LiveIngestOptions } from './ingest-live.js';

interface IngestOptions extends LiveIngestOptions {
  kind?: string;
  skipInvalid?: boolean;
  force?: boolean;
  source?: string;
  rulesAsOf?: string;
}

function parseRulesAsOf(v: string | undefined): 'latest' | 'block' {
  if (v === undefined || v === 'latest' || v === 'block') return v ?? 'latest';
  throw new UsageError(`invalid --rules-as-of: ${v} (expected latest or block)`);
}

/**
 * A source id is a name, part of the store's keys: 1–200 characters without control characters
 * (PostgreSQL cannot index a key entry over 2,704 bytes; docs/storage.md).
 */
export function parseSourceId(v: string | undefined): string | undefined {
  if (v === undefined) return v;
  if (v.length === 0 || v.length > 200 || /[\u0000-\u001f\u007f]/.test(v)) {
    throw new UsageError(`invalid --source: ${v.length > 40 ? `${JSON.stringify(v.slice(0, 40))}… (${v.length} characters)` : JSON.stringify(v)} (expected 1–200 characters, no control characters)`);
  }
  return v;
}

export function register(program: Command, io: CliIo): void {
  const cmd = program
    .command('ingest')
    .description(
      'Read a dataset file (CSV, optionally .gz), validate every row, and merge it into the store. Each source in the file is written in one transaction; re-ingesting the same file changes nothing. ' +
        'AI snapshots are recognised from their content: Bittensor metagraphs (staged CSV, JSON snapshot, recorded JSON-RPC responses), the all-subnets table, Hugging Face samples, model snapshots and trending lists; each is stored with its observation time and read by the bittensor/… and hf/… distributions as a time series (docs/storage.md). ' +
        'Or sync Bitcoin blocks from a live source (rpc://user:pass@host:port, rpc://host:port?cookie=PATH, rest+http://host:port, esplora+https://host/api, blocks-dir:/path/to/blocks): ' +
        'resumes after the last stored block, rolls back reorgs, labels pools under chain:<rules> (docs/sources-bitcoin.md).',
    )
    .argument('<path>', 'dataset file (its kind is detected from the header), or a block-source URL')
    .option('--kind <kind>', `dataset kind instead of detecting it: ${DATASET_KINDS.join(', ')}`)
    .option('--skip-invalid', 'skip rows that fail validation (they are counted and reported) instead of stopping at the first')
    .option('--force', 're-merge even if this exact file was ingested before')
    .option('--source <id>', 'source id for day,entity,blocks (daily-long) files', 'daily')
    .option('--rules-as-of <when>', 'Blockchair scriptSig files: latest (default) or block — also attribute with the pool-list tags as they stood at each block’s date (needs block times in the store)', 'latest')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--format <format>', 'table, csv or json', 'table');
  addLiveOptions(cmd).action(async (path: string, opts: IngestOptions) => {
      if (isSourceUrl(path)) return ingestFromSource(path, opts, io);
      const format = parseFormat(opts.format);
      const kind = opts.kind !== undefined ? parseKind(opts.kind) : undefined;
      const source = parseSourceId(opts.source);
      // The per-block file's read starts first: it runs while the store opens (DuckDB loads and migrates).
      const preread = startFastRead(path, kind);
      const store = await openStoreForWrite(opts.db, io);
      const progress = createProgress(io, 'rows');
      try {
        const result = await ingestDataset(store, path, {
          kind,
          skipInvalid: opts.skipInvalid,
          force: opts.force,
          source,
          env: io.env,
          rulesAsOf: parseRulesAsOf(opts.rulesAsOf),
          ...(preread ? { preread } : {}),
          onProgress: (e) => progress.update(e.done, e.total, e.phase === 'read' ? 'reading' : `writing ${e.source ?? ''}`),
        });
        progress.stop();
        const rows = result.sources.map((s) => ({
          source: s.source,
          rows: s.rows,
          inserted: s.write?.inserted ?? 0,
          updated: s.write?.updated ?? 0,
          unchanged: s.write?.unchanged ?? s.rows,
          note: s.write ? `ingest #${s.write.ingestId}` : `already ingested (ingest #${s.alreadyIngestedAs}); nothing changed`,
        }));
        if (format === 'json') {
          io.stdout(JSON.stringify({ input: result.input, kind: result.kind, sha256: result.sha256, rows: result.rows, skipped: result.skipped, skippedExamples: result.skippedExamples, seconds: result.seconds, store: store.location, sources: rows, notes: result.notes ?? [] }, null, 2) + '\n');
          return;
        }
        if (format === 'table') {
          io.stdout(`# ${result.input} — ${result.kind}, ${result.rows} rows, ${result.skipped} skipped, ${result.seconds.toFixed(2)} s → ${store.location}\n`);
          for (const ex of result.skippedExamples) io.stdout(`# skipped: ${ex}\n`);
          for (const n of result.notes ?? []) io.stdout(`# ${n}\n`);
        }
        io.stdout(renderRows(rows, ['source', 'rows', 'inserted', 'updated', 'unchanged', 'note'], format));
      } finally {
        progress.stop();
        await store.close();
      }
    });
}
