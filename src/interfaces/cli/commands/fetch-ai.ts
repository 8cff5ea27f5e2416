/**
 * @module `nakamoto fetch bittensor|hf`: read the live Bittensor chain (subtensor WebSocket
 * JSON-RPC) or the Hugging Face Hub API, save each snapshot as a file under `--out`
 * (default .nakamoto/snapshots) and ingest it into the store, so that scheduled runs build a
 * history. Progress on a terminal; transport failures are retried with back-off by the clients;
 * a failure is one line naming the URL.
 */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { SourceError, UsageError } from '../../../domain/errors.js';
import { formatHubModelsSnapshot, querySubject } from '../../../decode/huggingface/models-snapshot.js';
import { ingestDataset, type IngestResult } from '../../../pipeline/ingest-dataset.js';
import { fetchLiveMetagraph, FINNEY_URL } from '../../../sources/bittensor/live-metagraph.js';
import { saveMetagraphSnapshot } from '../../../sources/bittensor/snapshot-files.js';
import { WsJsonRpcClient } from '../../../sources/bittensor/ws-json-rpc.js';
import { fetchHubModels, type HubClientOptions } from '../../../sources/huggingface/hub-client.js';
import { fetchHubTrending } from '../../../sources/huggingface/trending-client.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows } from '../output.js';
import { createProgress } from '../progress.js';
import { DB_OPTION_HELP, openStoreForWrite } from '../store-options.js';
import { parseNumberParam } from '../../../pipeline/queries/query-params.js';
import { MAX_RETRIES } from '../../../sources/http/retry.js';

export const DEFAULT_SNAPSHOT_DIR = '.nakamoto/snapshots';

interface CommonOptions {
  out: string;
  db?: string;
  ingest: boolean;
  retries: string;
  timeout: string;
  format: string;
}

function whole(name: string, raw: string, min: number): number {
  return parseNumberParam(name, raw, { min, integer: true });
}

function seconds(name: string, raw: string): number {
  return parseNumberParam(name, raw, { min: 0, minExclusive: true, unit: 'seconds' });
}

const stamp = (sec: number): string => new Date(sec * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
const day = (sec: number): string => new Date(sec * 1000).toISOString().slice(0, 10);

function addCommon(cmd: Command): Command {
  return cmd
    .option('--out <dir>', 'folder for the snapshot files', DEFAULT_SNAPSHOT_DIR)
    .option('--no-ingest', 'only save the snapshot files, do not ingest them')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--retries <n>', 'retries per request after the first attempt (network errors, timeouts; 429/502/503/504 for the Hub), with exponential back-off', '4')
    .option('--timeout <sec>', 'per-request timeout', '30')
    .option('--format <format>', 'table, csv or json', 'table');
}

/** Ingest the saved files (one store for all) and print one row per file. */
async function ingestAndReport(files: readonly string[], opts: CommonOptions, io: CliIo, extra: Record<string, string | number>[]): Promise<void> {
  const format = parseFormat(opts.format);
  const results: (IngestResult | null)[] = [];
  if (opts.ingest) {
    const store = await openStoreForWrite(opts.db, io);
    try {
      for (const f of files) results.push(await ingestDataset(store, f));
    } finally {
      await store.close();
    }
  } else files.forEach(() => results.push(null));
  const rows = files.map((f, i) => {
    const r = results[i];
    const s = r?.sources ?? [];
    const status = r === null || r === undefined ? 'saved' : s.map((x) => (x.write === null ? 'already ingested' : x.write.inserted > 0 ? 'new' : x.write.updated > 0 ? 'updated' : 'unchanged')).join(', ');
    return { ...extra[i], file: f, source: s.map((x) => x.source).join(', '), status };
  });
  if (format === 'json') io.stdout(JSON.stringify(rows, null, 2) + '\n');
  else io.stdout(renderRows(rows, Object.keys(rows[0] ?? { file: '' }), format));
}

/** `--netuid 1`, `1,3,64` or `all` (0 … --max-netuid, skipping subnets that do not exist at the block). */
function parseNetuids(raw: string): number[] | 'all' {
  if (raw === 'all') return 'all';
  const list = raw.split(',').map((x) => x.trim());
  if (list.some((x) => !/^\d+$/.test(x) || Number(x) > 0xffff)) throw new UsageError(`invalid --netuid: ${raw} (expected a subnet id 0–65535, a comma-separated list, or all)`);
  return list.map(Number);
}

interface BittensorOptions extends CommonOptions {
  netuid: string;
  block?: string;
  url: string;
  maxNetuid: string;
}

interface HfOptions extends CommonOptions {
  author?: string;
  search?: string;
  trending?: boolean;
  url?: string;
  maxModels?: string;
}

export function registerAiFetch(fetchCmd: Command, io: CliIo): void {
  addCommon(
    fetchCmd
      .command('bittensor')
      .description(
        'Read subnet metagraphs from a subtensor node over WebSocket JSON-RPC (neurons_lite + subnet_state at one block, dated by its header), ' +
          'save each as OUT/sn<netuid>_metagraph_block<block>_<date>.json and ingest it: bittensor/stake and bittensor/incentive then read it (docs/ai-bittensor.md).',
      )
      .option('--netuid <n>', 'subnet id, a comma-separated list, or all (every subnet 1…--max-netuid that exists at the block)', '1')
      .option('--block <n>', 'block number (default: the node\'s best head)')
      .option('--url <url>', 'subtensor WebSocket endpoint', FINNEY_URL)
      .option('--max-netuid <n>', 'highest subnet id tried by --netuid all', '128'),
  ).action(async (opts: BittensorOptions) => {
    const maxNetuid = whole('--max-netuid', opts.maxNetuid, 0);
    const wanted = parseNetuids(opts.netuid);
    const block = opts.block === undefined ? undefined : whole('--block', opts.block, 0);
    const retries = parseNumberParam('--retries', opts.retries, { min: 0, max: MAX_RETRIES, integer: true });
    const timeoutMs = seconds('--timeout', opts.timeout) * 1000;
    const dir = resolve(io.cwd, opts.out);
    mkdirSync(dir, { recursive: true });
    const client = new WsJsonRpcClient(opts.url, { maxAttempts: retries + 1, requestTimeoutMs: timeoutMs, connectTimeoutMs: timeoutMs });
    // all: subnets 1…max (root, netuid 0, holds no miners and is not a subnet of its own).
    const netuids = wanted === 'all' ? Array.from({ length: maxNetuid }, (_, i) => i + 1) : wanted;
    const progress = createProgress(io, 'subnets');
    const files: string[] = [];
    const extra: Record<string, string | number>[] = [];
    try {
      // Pin one block for every subnet: resolve the head once.
      let blockHash: string | undefined;
      if (netuids.length > 1 && block === undefined) {
        const head = await client.call('chain_getHead', []);
        if (typeof head === 'string') blockHash = head;
      }
      for (const [i, netuid] of netuids.entries()) {
        progress.update(i, netuids.length, `subnet ${netuid}`);
        let snap;
        try {
          snap = await fetchLiveMetagraph(opts.url, netuid, { client, block, blockHash });
        } catch (err) {
          // With --netuid all, subnets that do not exist at the block are skipped.
          if (wanted === 'all' && /does not exist/.test((err as Error).message)) continue;
          throw err;
        }
        const file = join(dir, `sn${netuid}_metagraph_block${snap.block}_${day(snap.timeSec)}.json`);
        await saveMetagraphSnapshot(file, snap);
        files.push(file);
        extra.push({ netuid, block: snap.block, time: new Date(snap.timeSec * 1000).toISOString().replace('.000Z', 'Z'), uids: snap.rows.length });
      }
      progress.update(netuids.length, netuids.length, 'done');
    } finally {
      progress.stop();
      await client.close();
    }
    if (files.length === 0) throw new SourceError(`no subnet found at ${opts.url} among netuids ${opts.netuid}`);
    await ingestAndReport(files, opts, io, extra);
  });

  addCommon(
    fetchCmd
      .command('hf')
      .description(
        'Read the Hugging Face Hub API: the models of an author (--author), of a search (--search), or the trending list (--trending); ' +
          'save the snapshot under OUT and ingest it: hf/downloads-by-author --source author:A|search:Q, hf/trending-authors and hf/trending-downloads then read it (docs/ai-huggingface.md). HF_TOKEN is sent when set.',
      )
      .option('--author <name>', 'every model of this namespace')
      .option('--search <text>', 'every model the Hub search returns for this text')
      .option('--trending', 'the Hub\'s trending list (GET /api/trending)')
      .option('--url <url>', 'Hub base URL (default $HF_ENDPOINT or https://huggingface.co)')
      .option('--max-models <n>', 'stop after this many models (the snapshot is then marked incomplete)'),
  ).action(async (opts: HfOptions) => {
    const modes = [opts.author !== undefined, opts.search !== undefined, opts.trending === true].filter(Boolean).length;
    if (modes !== 1) throw new UsageError('nakamoto fetch hf needs exactly one of --author NAME, --search TEXT, --trending');
    const retries = parseNumberParam('--retries', opts.retries, { min: 0, max: MAX_RETRIES, integer: true });
    const timeoutMs = seconds('--timeout', opts.timeout) * 1000;
    const dir = resolve(io.cwd, opts.out);
    mkdirSync(dir, { recursive: true });
    const common: HubClientOptions = { baseUrl: opts.url, env: io.env, retries, timeoutMs };
    let file: string;
    let extra: Record<string, string | number>;
    if (opts.trending) {
      if (io.isTTY) io.stderr('fetching the Hub trending list…\n');
      const r = await fetchHubTrending(common);
      const n = Object.keys(r.cache).length;
      if (n === 0) throw new SourceError(`${r.url}: the trending list holds no models`);
      file = join(dir, `trending_cache_${stamp(r.fetchedAtSec)}.json`);
      await writeFile(file, JSON.stringify(r.cache, null, 1) + '\n');
      extra = { what: 'trending', models: n, retries: r.retries };
    } else {
      const query: Record<string, string> = opts.author !== undefined ? { author: opts.author } : { search: opts.search! };
      const progress = createProgress(io, 'models');
      let r;
      try {
        const maxModels = opts.maxModels === undefined ? undefined : whole('--max-models', opts.maxModels, 1);
        r = await fetchHubModels({ ...query, ...common, maxModels, onPage: (n, pages) => progress.update(n, maxModels ?? n, `page ${pages}`) });
      } finally {
        progress.stop();
      }
      const subject = querySubject(query);
      file = join(dir, `hf_models_${subject.replace(/[^A-Za-z0-9._-]+/g, '_')}_${stamp(r.fetchedAtSec)}.json`);
      await writeFile(file, formatHubModelsSnapshot({ query, source: r.firstUrl, fetchedAtSec: r.fetchedAtSec, complete: r.complete, models: r.models }));
      extra = { what: subject, models: r.models.length, pages: r.pages, retries: r.retries };
    }
    await ingestAndReport([file], opts, io, [extra]);
  });
}
