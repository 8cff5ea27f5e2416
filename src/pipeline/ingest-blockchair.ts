/**
 * @module Blockchair's per-block files as store sources (issue #11 scope 1), detected from their
 * headers:
 * - the coinbase scriptSig file (`id, hash, coinbase_data_hex`) → one label source per rule set,
 *   the raw scriptSigs attributed by tags only (the dumps have no payout addresses):
 *   `blockchair-mempool`, `blockchair-bitcoin-data`, `blockchair-edi` (with the block hashes);
 * - the blocks file (`id, time, …, guessed_miner`) → `blockchair-label`, Blockchair's own miner
 *   label, with the block times (the 27 known one-hour shifts corrected by the reader).
 * Both files join the rest of the store on height (times come from whichever source supplied
 * them; a time or hash that disagrees with the store is refused). Writes go through
 * `Store.writeBlockLabels`: one transaction per source, so a crash leaves a source either whole or
 * untouched, and an unchanged file under unchanged rules is skipped.
 */
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { poolSlug } from '../attribute/names.js';
import { loadRuleSet, RULE_SET_NAMES, type RuleSetName } from '../sources/attribution-rules/load.js';
import { tagOnlyAttributor } from '../attribute/tag-only.js';
import { asOfAttributor, datedTags } from '../attribute/as-of.js';
import type { HistorySpan } from '../attribute/pool-renames.js';
import type { BlockLabelBatch } from '../sources/datasets/block-labels.js';
import type { BlockFactsBatch } from '../store/store.js';
import { readBlockchairBlocks } from '../sources/datasets/blockchair-blocks.js';
import { isCoinbaseScriptSigHeader, readCoinbaseScriptSigs } from '../sources/datasets/coinbase-scriptsig.js';

/** Ingest-record source of the per-block facts (not a label source). */
export const FACTS_SOURCE = 'blockchair-facts';

export type BlockchairKind = 'blockchair-scriptsig' | 'blockchair-blocks';

/** First line of a (possibly gzipped) file, at most 64 KiB read. */
async function firstLine(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    let head = buf.subarray(0, bytesRead);
    if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
      const chunks: Buffer[] = [];
      const gz = Readable.from([head]).pipe(createGunzip());
      await new Promise<void>((resolve) => {
        gz.on('data', (c: Buffer) => {
          chunks.push(c);
          if (Buffer.concat(chunks).includes(0x0a)) {
            gz.destroy();
            resolve();
          }
        });
        gz.on('error', () => resolve());
        gz.on('end', () => resolve());
        gz.on('close', () => resolve());
      });
      head = Buffer.concat(chunks);
    }
    const text = head.toString('latin1');
    const nl = text.indexOf('\n');
    return (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '');
  } finally {
    await fh.close();
  }
}

/** The Blockchair kind of a file from its header, or null. */
export async function detectBlockchairKind(path: string): Promise<BlockchairKind | null> {
  let line: string;
  try {
    line = await firstLine(path);
  } catch {
    return null; // unreadable here: the regular reader reports it
  }
  if (isCoinbaseScriptSigHeader(line)) return 'blockchair-scriptsig';
  const cols = line.split('\t');
  if (cols[0] === 'id' && cols.includes('guessed_miner') && cols.includes('version') && cols.includes('time')) return 'blockchair-blocks';
  return null;
}

export interface BlockchairBatch {
  /** null when `isCurrent` said the store already has it. */
  readonly batch: BlockLabelBatch | null;
  readonly source: string;
  readonly rows: number;
  /** Rules behind the labels (rule-set version, or `labels:<sha>` for Blockchair's own). */
  readonly rulesVersion: string;
}

export interface BlockchairRead {
  readonly kind: BlockchairKind;
  readonly rows: number;
  readonly batches: readonly BlockchairBatch[];
  /** The per-block facts the file carries (scriptSigs; or version, transaction count, weight, fees, reward). */
  readonly facts: BlockFactsBatch;
  readonly notes: readonly string[];
}

export async function readBlockchairDataset(
  path: string,
  kind: BlockchairKind,
  opts: {
    readonly env?: Readonly<Record<string, string | undefined>>;
    readonly sha256: string;
    readonly onProgress?: (done: number, total: number) => void;
    readonly ruleSets?: readonly RuleSetName[];
    /** Sources already stored from this file under these rules: not attributed again (returned with `skipped`). */
    readonly isCurrent?: (source: string, rulesVersion: string) => Promise<boolean>;
    /**
     * `--rules-as-of block`: also attribute with the pool-list history's tags as they stood at each
     * block's date (source `blockchair-bitcoin-data-asof`); needs each block's time.
     */
    readonly asOf?: { readonly spans: readonly HistorySpan[]; readonly version: string; readonly timeOf: (height: number) => number | undefined };
  },
): Promise<BlockchairRead> {
  if (kind === 'blockchair-scriptsig') {
    const sigs = await readCoinbaseScriptSigs(path);
    const n = sigs.heights.length;
    const names = opts.ruleSets ?? RULE_SET_NAMES;
    const batches: BlockchairBatch[] = [];
    let done = 0;
    for (const name of names) {
      const rs = await loadRuleSet(name, opts.env ? { env: opts.env } : {});
      const source = `blockchair-${name}`;
      const rulesVersion = `${name}:${rs.version}`;
      if (opts.isCurrent && (await opts.isCurrent(source, rulesVersion))) {
        batches.push({ batch: null, source, rows: n, rulesVersion });
        continue;
      }
      const attribute = tagOnlyAttributor(rs);
      const labels: string[] = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const r = attribute(sigs.scriptSigHex[i]!);
        labels[i] = r.name === null ? 'unknown' : poolSlug(r.name);
        if (++done % 20000 === 0) opts.onProgress?.(done, n * names.length);
      }
      batches.push({
        source,
        rows: n,
        batch: {
          source,
          description: `Blockchair coinbase scriptSigs attributed by ${name} tags only (rules ${rs.version}; no payout addresses in the dumps)`,
          input: path,
          heights: sigs.heights,
          timeSec: new Float64Array(n).fill(NaN),
          labels,
          hashes: sigs.hashes,
        },
        rulesVersion,
      });
    }
    const notes = ['block times come from the store (ingest the Blockchair blocks file or the per-block attribution too)'];
    if (opts.asOf) {
      const source = 'blockchair-bitcoin-data-asof';
      const rulesVersion = `pool-list-history:${opts.asOf.version}`;
      if (opts.isCurrent && (await opts.isCurrent(source, rulesVersion))) batches.push({ batch: null, source, rows: n, rulesVersion });
      else {
        const at = asOfAttributor(datedTags(opts.asOf.spans));
        const hs: number[] = [];
        const ts: number[] = [];
        const labels: string[] = [];
        const hashes: string[] = [];
        for (let i = 0; i < n; i++) {
          const t = opts.asOf.timeOf(sigs.heights[i]!);
          if (t === undefined || !Number.isFinite(t)) continue;
          const name = at(sigs.scriptSigHex[i]!, t);
          hs.push(sigs.heights[i]!);
          ts.push(t);
          labels.push(name === null ? 'unknown' : poolSlug(name));
          hashes.push(sigs.hashes[i]!);
        }
        if (hs.length < n) notes.push(`${n - hs.length} blocks without a stored time left out of ${source}`);
        batches.push({
          source,
          rows: hs.length,
          rulesVersion,
          batch: {
            source,
            description: 'Blockchair coinbase scriptSigs attributed with the pool-list tags as they stood at each block’s date (pool-definitions history; --rules-as-of block)',
            input: path,
            heights: Int32Array.from(hs),
            timeSec: Float64Array.from(ts),
            labels,
            hashes,
          },
        });
      }
    }
    const facts: BlockFactsBatch = { source: FACTS_SOURCE, description: 'Blockchair per-block facts (coinbase scriptSig)', input: path, heights: sigs.heights, scriptSigHex: sigs.scriptSigHex };
    return { kind, rows: n, batches, notes, facts };
  }
  const heights: number[] = [];
  const times: number[] = [];
  const labels: string[] = [];
  const fact = { version: [] as number[], txCount: [] as number[], weight: [] as number[], feeSat: [] as number[], rewardSat: [] as number[] };
  const summary = await readBlockchairBlocks(path, (b) => {
    heights.push(b.height);
    times.push(b.timeSec);
    labels.push(b.miner === 'Unknown' ? 'unknown' : b.miner);
    fact.version.push(b.version);
    fact.txCount.push(b.txCount);
    fact.weight.push(b.weight);
    fact.feeSat.push(b.feeSat);
    fact.rewardSat.push(b.rewardSat);
  });
  const facts: BlockFactsBatch = {
    source: FACTS_SOURCE,
    description: 'Blockchair per-block facts (version, transaction count, weight, fees, reward)',
    input: path,
    heights: Int32Array.from(heights),
    version: Float64Array.from(fact.version),
    txCount: Float64Array.from(fact.txCount),
    weight: Float64Array.from(fact.weight),
    feeSat: Float64Array.from(fact.feeSat),
    rewardSat: Float64Array.from(fact.rewardSat),
  };
  return {
    kind,
    rows: summary.rows,
    facts,
    batches: [
      {
        source: 'blockchair-label',
        rows: heights.length,
        batch: {
          source: 'blockchair-label',
          description: "Blockchair's own miner label (guessed_miner), per block",
          input: path,
          heights: Int32Array.from(heights),
          timeSec: Float64Array.from(times),
          labels,
        },
        rulesVersion: `labels:${opts.sha256.slice(0, 12)}`,
      },
    ],
    notes: [`${summary.timeCorrected} block times corrected for Blockchair's known one-hour shifts; heights missing from the dumps: ${summary.missingHeights.join(', ') || 'none'}`],
  };
}
