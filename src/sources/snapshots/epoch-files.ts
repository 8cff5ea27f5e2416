/**
 * @module Epoch AI files as store snapshots. A file is recognised by its place in the datasets
 * layout (`…/ai/epoch-…/<file>`, one of the files `nakamoto fetch epoch-ai` downloads); its text is
 * validated (strictly decoded where the file stands alone, else parsed as an Epoch CSV) and stored
 * under its relative path, observed at its download time (or the file's modification time).
 * Loading: the latest stored version of each file is written to a folder laid out like the
 * datasets root (files not in the store are linked from the staged root), which the Epoch loaders
 * read unchanged.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { stat, writeFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseCsv } from '../../decode/csv/csv.js';
import type { SnapshotBatch, SnapshotRecord, StoredSnapshot } from '../../domain/batches.js';
import { DOWNLOAD_UNITS } from '../epoch-ai/download-files.js';
import { readText } from '../files/read-file.js';

export const EPOCH_DATASET = 'epoch-ai';
export const EPOCH_SOURCE = 'epoch-ai';
const DESCRIPTION = 'Epoch AI data files (AI models, GPU clusters and infrastructure, AI chip owners), by path in the datasets layout';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The relative datasets path of a known Epoch file (`ai/epoch-ai-models/notable_ai_models.csv`), or null. */
export function epochSubject(path: string): string | null {
  const norm = path.split(sep).join('/');
  const targets = DOWNLOAD_UNITS.flatMap((u) => u.files.map((f) => f.target));
  const i = norm.lastIndexOf('/ai/epoch-');
  const rel = i >= 0 ? norm.slice(i + 1) : norm.startsWith('ai/epoch-') ? norm : null;
  if (rel !== null) return targets.includes(rel) ? rel : null;
  // Outside the datasets layout: a file name that only one Epoch file has (e.g. notable_ai_models.csv).
  const base = norm.slice(norm.lastIndexOf('/') + 1);
  const same = targets.filter((t) => t.slice(t.lastIndexOf('/') + 1) === base);
  return same.length === 1 ? same[0]! : null;
}

export function epochRecord(subject: string, timeSec: number, text: string): SnapshotRecord {
  return { dataset: EPOCH_DATASET, subject, timeSec, block: null, format: 'csv', sha256: sha256(text), body: text };
}

export function epochBatch(input: string, records: readonly SnapshotRecord[]): SnapshotBatch {
  return { source: EPOCH_SOURCE, description: DESCRIPTION, input, snapshots: records };
}

/** Read and validate one Epoch file for ingest; null when `path` is not a known Epoch file. */
export async function readEpochFile(path: string): Promise<{ batch: SnapshotBatch; rows: number; note: string } | null> {
  const subject = epochSubject(path);
  if (subject === null) return null;
  const text = await readText(path);
  const unit = DOWNLOAD_UNITS.find((u) => u.files.some((f) => f.target === subject))!;
  let rows: number;
  if (unit.files.length === 1) {
    // A file that stands alone is decoded strictly by its own decoder, in a scratch datasets root.
    const root = await mkdtemp(join(tmpdir(), 'nakamoto-epoch-check-'));
    try {
      await mkdir(join(root, dirname(subject)), { recursive: true });
      await writeFile(join(root, subject), subject.endsWith('.gz') ? gzipSync(text) : text);
      rows = (await unit.validate(root))[subject] ?? 0;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  } else rows = parseCsv(text, path).rows.length;
  const timeSec = Math.floor((await stat(path)).mtimeMs / 1000);
  return {
    batch: epochBatch(path, [epochRecord(subject, timeSec, text)]),
    rows,
    note: `${subject}: ${rows} rows; time = the file's modification time ${new Date(timeSec * 1000).toISOString()} (Epoch files carry no snapshot time)`,
  };
}

function linkTree(fromRoot: string, toRoot: string, dir: string, skip: ReadonlySet<string>): void {
  const abs = join(fromRoot, dir);
  if (!existsSync(abs)) return;
  for (const name of readdirSync(abs)) {
    const rel = `${dir}/${name}`;
    if (statSync(join(fromRoot, rel)).isDirectory()) linkTree(fromRoot, toRoot, rel, skip);
    else if (!skip.has(rel) && !existsSync(join(toRoot, rel))) {
      mkdirSync(join(toRoot, dir), { recursive: true });
      symlinkSync(join(fromRoot, rel), join(toRoot, rel));
    }
  }
}

/**
 * A datasets root holding the latest stored version of each Epoch file, other Epoch files linked
 * from `stagedRoot`; built once per set of versions (the folder name is their hash).
 */
export function materialiseEpochRoot(snapshots: readonly StoredSnapshot[], stagedRoot: string): { root: string; files: number; latestSec: number } {
  const latest = new Map<string, StoredSnapshot>();
  for (const s of snapshots) latest.set(s.subject, s);
  const key = createHash('sha256').update([...latest.values()].map((s) => `${s.subject}:${s.sha256}`).sort().join('\n')).update(stagedRoot).digest('hex').slice(0, 16);
  const root = join(tmpdir(), `nakamoto-epoch-${key}`);
  if (!existsSync(root)) {
    const tmp = `${root}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    for (const s of latest.values()) {
      mkdirSync(join(tmp, dirname(s.subject)), { recursive: true });
      writeFileSync(join(tmp, s.subject), s.subject.endsWith('.gz') ? gzipSync(s.body) : s.body);
    }
    for (const dir of new Set(DOWNLOAD_UNITS.flatMap((u) => u.files.map((f) => f.target.split('/').slice(0, 2).join('/'))))) {
      linkTree(stagedRoot, tmp, dir, new Set(latest.keys()));
    }
    try {
      renameSync(tmp, root);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another process made it meanwhile
    }
  }
  return { root, files: latest.size, latestSec: Math.max(...[...latest.values()].map((s) => s.timeSec)) };
}
