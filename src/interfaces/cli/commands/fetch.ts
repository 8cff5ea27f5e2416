/**
 * @module `nakamoto fetch epoch-ai [--to DIR]`: download Epoch AI's published CSVs into a datasets
 * folder laid out like ../shared/datasets (DIR/ai/epoch-…), validated before they replace anything,
 * with a manifest (DIR/epoch-download.json); `NAKAMOTO_DATASETS=DIR` then makes the ai/…
 * distributions read them. Prints one row per file fetched; failed units are an error (exit ≠ 0)
 * after the rest has been saved.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SourceError } from '../../../domain/errors.js';
import { DEFAULT_CHIP_COUNTS_URL, DEFAULT_EPOCH_BASE_URL, EPOCH_DATASETS, parseEpochDatasets, type EpochDataset } from '../../../sources/epoch-ai/download-files.js';
import { downloadEpochData } from '../../../sources/epoch-ai/download.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows } from '../output.js';
import { registerAiFetch } from './fetch-ai.js';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { writeSnapshotBatches } from '../../../pipeline/ingest-dataset.js';
import { epochBatch, epochRecord } from '../../../sources/snapshots/epoch-files.js';
import { readText } from '../../../sources/files/read-file.js';
import { DB_OPTION_HELP, openStoreForWrite } from '../store-options.js';
import { parseNumberParam } from '../../../pipeline/queries/query-params.js';
import { MAX_RETRIES } from '../../../sources/http/retry.js';

export const DEFAULT_FETCH_DIR = '.nakamoto/datasets';

const EXAMPLE_ID: Readonly<Record<EpochDataset, string>> = { models: 'ai/notable-models', clusters: 'ai/clusters-by-country', 'chip-owners': 'ai/compute-owners' };

interface FetchEpochOptions {
  to: string;
  only: string;
  baseUrl: string;
  chipCountsUrl: string;
  timeout: string;
  retries: string;
  format: string;
  db?: string;
  ingest: boolean;
}

function positive(name: string, raw: string, integer: boolean): number {
  return parseNumberParam(name, raw, integer ? { min: 0, integer: true } : { min: 0, minExclusive: true, unit: 'seconds' });
}

export function register(program: Command, io: CliIo): void {
  const fetchCmd = program.command('fetch').description('Download fresh copies of public datasets, or live Bittensor / Hugging Face snapshots, and keep them (needs network access).');
  registerAiFetch(fetchCmd, io);
  fetchCmd
    .command('epoch-ai')
    .description(
      "Download Epoch AI's CSVs (AI models, GPU clusters and infrastructure, AI chip owners) into DIR/ai/epoch-… and record url, sha256, rows and time in DIR/epoch-download.json. " +
        'Each file is checked (no HTML page, not cut off, decodes strictly) before it replaces the previous copy. Use them with NAKAMOTO_DATASETS=DIR.',
    )
    .option('--to <dir>', 'datasets folder to fill', DEFAULT_FETCH_DIR)
    .option('--only <datasets>', `comma-separated: ${EPOCH_DATASETS.join(', ')}`, EPOCH_DATASETS.join(','))
    .option('--base-url <url>', "Epoch's site, or a mirror serving the same /data/… paths", DEFAULT_EPOCH_BASE_URL)
    .option('--chip-counts-url <url>', 'raw files of epoch-research/ai-chip-counts (replace HEAD by a commit to pin a version)', DEFAULT_CHIP_COUNTS_URL)
    .option('--timeout <sec>', 'per-file timeout, headers and body', '60')
    .option('--retries <n>', 'retries per file after the first attempt (network errors, timeouts, 429 with Retry-After, 502/503/504)', '4')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--no-ingest', 'only download, do not ingest the files into the store')
    .option('--db <path>', DB_OPTION_HELP)
    .action(async (opts: FetchEpochOptions) => {
      const format = parseFormat(opts.format);
      const datasets = parseEpochDatasets(opts.only);
      const timeoutMs = positive('--timeout', opts.timeout, false) * 1000;
      const retries = parseNumberParam('--retries', opts.retries, { min: 0, max: MAX_RETRIES, integer: true });
      const dest = resolve(io.cwd, opts.to);
      const r = await downloadEpochData({
        dest, datasets, baseUrl: opts.baseUrl, chipCountsUrl: opts.chipCountsUrl, timeoutMs, retries,
        onProgress: io.isTTY ? (m) => io.stderr(`${m}\n`) : undefined,
      });
      // Ingest what was downloaded: the ai/… distributions then read these versions from the store.
      let ingested: string | null = null;
      if (opts.ingest && r.fetched.length > 0) {
        const store = await openStoreForWrite(opts.db, io);
        try {
          const records = await Promise.all(r.fetched.map(async (f) => epochRecord(f.path, Math.floor(Date.parse(f.fetchedAt) / 1000), await readText(join(r.dest, f.path)))));
          const [res] = await writeSnapshotBatches(store, [epochBatch(r.manifestPath, records)], { kind: 'epoch-ai', sha256: createHash('sha256').update(records.map((x) => x.sha256).join('\n')).digest('hex'), rows: records.length });
          ingested = res?.write ? `ingested into ${store.location} as source epoch-ai (ingest #${res.write.ingestId}: ${res.write.inserted} new, ${res.write.updated} updated, ${res.write.unchanged} unchanged)` : `already ingested into ${store.location}`;
        } finally {
          await store.close();
        }
      }
      if (format === 'json') {
        const failed = r.failed.map((f) => ({ dataset: f.dataset, unit: f.unit, files: f.files, error: f.error.message }));
        io.stdout(JSON.stringify({ dest: r.dest, manifest: r.manifestPath, fetched: r.fetched, failed, notes: r.notes, ingested }, null, 2) + '\n');
      } else {
        const rows = r.fetched.map((f) => ({ dataset: f.dataset, file: f.path, rows: f.rows, bytes: f.bytes, sha256: f.sha256.slice(0, 12), status: f.changed ? 'updated' : 'unchanged' }));
        io.stdout(renderRows(rows, ['dataset', 'file', 'rows', 'bytes', 'sha256', 'status'], format));
        const lines = [
          `# ${r.fetched.length} file(s) saved under ${r.dest}${r.fetched.length ? `; manifest ${r.manifestPath}` : ''}`,
          ...r.notes.map((n) => `# note: ${n}`),
          ...(ingested ? [`# ${ingested}`] : []),
          ...(r.fetched.length ? [`# read them with: NAKAMOTO_DATASETS=${r.dest} nakamoto metrics ${EXAMPLE_ID[r.fetched[0]!.dataset]}`] : []),
        ];
        io.stderr(lines.join('\n') + '\n');
      }
      if (r.failed.length > 0) {
        const list = r.failed.map((f) => `  - ${f.unit}: ${f.error.message}`).join('\n');
        // Exit 1: the source (or the network) failed, whatever the kind of each error.
        throw new SourceError(`${r.failed.length} download(s) failed; the files they would have replaced are kept as they were:\n${list}`);
      }
    });
}
