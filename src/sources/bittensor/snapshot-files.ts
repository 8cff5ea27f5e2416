/**
 * @module Metagraph snapshot files: write a live read as JSON (shape in
 * decode/bittensor/snapshot-json.ts) and read it back, or read a metagraph CSV in the staged
 * shape. A CSV has no block metadata inside, so netuid, block and date come from its file name
 * (`sn<netuid>_metagraph_block<block>_<YYYY-MM-DD>.csv`) unless given; the time is then the start
 * of that UTC day unless `timeSec` is given.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DecodeError, SourceError, UsageError } from '../../domain/errors.js';
import { decodeHeader } from '../../decode/bittensor/header.js';
import type { Metagraph } from '../../decode/bittensor/metagraph.js';
import { parseMetagraphCsv } from '../../decode/bittensor/metagraph-csv.js';
import { formatMetagraphSnapshot, parseMetagraphSnapshot, type MetagraphSnapshot } from '../../decode/bittensor/snapshot-json.js';
import { readText } from '../files/read-file.js';

export async function saveMetagraphSnapshot(path: string, snapshot: MetagraphSnapshot): Promise<void> {
  try {
    await writeFile(path, formatMetagraphSnapshot(snapshot), 'utf8');
  } catch (err) {
    throw new SourceError(`cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
}

export async function loadMetagraphSnapshot(path: string): Promise<MetagraphSnapshot> {
  return parseMetagraphSnapshot(await readText(path), path);
}

export interface CsvMetagraphMeta {
  readonly netuid?: number;
  readonly block?: number;
  readonly timeSec?: number;
}

const NAME_RE = /^sn(\d+)_metagraph_block(\d+)_(\d{4})-(\d{2})-(\d{2})\.csv(\.gz)?$/;

/** What the staged file-name convention says: netuid, block and the UTC day (as seconds). */
export function metaFromFileName(path: string): { netuid: number; block: number; daySec: number } | null {
  const m = NAME_RE.exec(basename(path));
  if (!m) return null;
  const daySec = Date.UTC(Number(m[3]), Number(m[4]) - 1, Number(m[5])) / 1000;
  return Number.isFinite(daySec) ? { netuid: Number(m[1]), block: Number(m[2]), daySec } : null;
}

export async function loadMetagraphCsv(path: string, meta: CsvMetagraphMeta = {}): Promise<Metagraph> {
  const fromName = metaFromFileName(path);
  const netuid = meta.netuid ?? fromName?.netuid;
  const block = meta.block ?? fromName?.block;
  const timeSec = meta.timeSec ?? fromName?.daySec;
  if (netuid === undefined || block === undefined || timeSec === undefined) {
    throw new UsageError(`cannot tell the netuid, block and time of ${path}: name it sn<netuid>_metagraph_block<block>_<YYYY-MM-DD>.csv or pass them explicitly`);
  }
  const rows = parseMetagraphCsv(await readText(path), path);
  return { netuid, block, blockHash: null, timeSec, rows };
}

/** A metagraph from either file shape, chosen by extension (.json → snapshot, else CSV). */
export async function loadMetagraphFile(path: string, meta: CsvMetagraphMeta = {}): Promise<Metagraph> {
  return /\.json$/i.test(path) ? loadMetagraphSnapshot(path) : loadMetagraphCsv(path, meta);
}

/**
 * The staged metagraph CSV carries no block time; when the raw recording of the same block sits
 * beside it, the time is read from its header (Aura slot × 12 s), else the start of the file's day.
 */
export async function recordedBlockTime(dir: string, block: number): Promise<number | null> {
  const path = join(dir, `recorded_jsonrpc_block${block}.json`);
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return null;
  }
  if (!files.includes(`recorded_jsonrpc_block${block}.json`)) return null;
  let rec: { chain_getHeader?: Record<string, { result?: unknown }> };
  try {
    rec = JSON.parse(await readText(path)) as typeof rec;
  } catch (err) {
    throw new DecodeError({ input: path }, `invalid JSON: ${(err as Error).message}`, { cause: err });
  }
  for (const resp of Object.values(rec.chain_getHeader ?? {})) {
    const h = decodeHeader((Array.isArray(resp) ? (resp[0] as { result?: unknown }) : resp)?.result, `${path} chain_getHeader`);
    if (h.number === block) return h.timeSec;
  }
  return null;
}

