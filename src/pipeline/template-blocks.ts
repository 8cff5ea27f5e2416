/**
 * @module Fingerprinted blocks for template families: Blockchair's coinbase scriptSigs joined on
 * height with the per-block attribution's time and pool label (v1 slug, v2 where v1 has none —
 * the same labels as the `perblock` source and the embedded default), each scriptSig reduced to its
 * layout key. Loaded once per datasets root and process.
 */
import { join } from 'node:path';
import type { FingerprintedBlocks } from '../analysis/template-families.js';
import { scriptSigLayout } from '../decode/bitcoin/scriptsig-layout.js';
import { NotFoundError } from '../domain/errors.js';
import { COINBASE_SCRIPTSIG_FILE, readCoinbaseScriptSigs } from '../sources/datasets/coinbase-scriptsig.js';
import { readDataset } from '../sources/datasets/detect.js';
import { BLOCKCHAIR_BLOCKS_FILE, readBlockchairBlocks } from '../sources/datasets/blockchair-blocks.js';
import { PER_BLOCK_FILE } from '../sources/files/datasets-path.js';
import { mergeBlockLabels, timeOrder } from './series-source.js';
import { existsSync } from 'node:fs';

/** BIP320: header version bits 13–28 are free for miners to roll; the rest is what the template set. */
export const VERSION_ROLLING_MASK = 0x1fffe000;

/** The template's header version with the rollable bits cleared, as hex (e.g. `20000000`, SBI's `20000004`). */
export function templateVersion(version: number): string {
  return ((version & ~VERSION_ROLLING_MASK) >>> 0).toString(16).padStart(8, '0');
}

export interface TemplateBlocks extends FingerprintedBlocks {
  /** Per block (same order): header version, transaction count (1 = empty), Blockchair's miner label; NaN/'' where the blocks file has no row. */
  readonly version: Float64Array;
  readonly txCount: Int32Array;
  readonly blockchairMiner: readonly string[];
  /** Per block: the coinbase scriptSig, hex. */
  readonly scriptSigHex: readonly string[];
  /** Files read, relative to the datasets root (`datasets/…`), for provenance. */
  readonly inputs: readonly string[];
  /** ScriptSig rows with no per-block label/time (dropped). */
  readonly unjoined: number;
}

const cache = new Map<string, Promise<TemplateBlocks>>();

export function loadTemplateBlocks(datasetsRoot: string): Promise<TemplateBlocks> {
  let p = cache.get(datasetsRoot);
  if (!p) {
    p = buildTemplateBlocks(datasetsRoot);
    p.catch(() => cache.delete(datasetsRoot));
    cache.set(datasetsRoot, p);
  }
  return p;
}

/**
 * Fingerprint keys of many blocks, interned: the scriptSig layout key, plus ` v<template version>`
 * when the header version is known (`versions[i]` not NaN).
 */
export function layoutKeys(scriptSigHex: readonly string[], versions?: Float64Array): { layout: Int32Array; layouts: string[] } {
  const index = new Map<string, number>();
  const layouts: string[] = [];
  const layout = new Int32Array(scriptSigHex.length);
  scriptSigHex.forEach((hex, i) => {
    const v = versions ? versions[i]! : NaN;
    const key = scriptSigLayout(Buffer.from(hex, 'hex')).key + (Number.isNaN(v) ? '' : ` v${templateVersion(v)}`);
    let k = index.get(key);
    if (k === undefined) {
      k = layouts.length;
      layouts.push(key);
      index.set(key, k);
    }
    layout[i] = k;
  });
  return { layout, layouts };
}

async function buildTemplateBlocks(root: string): Promise<TemplateBlocks> {
  const sigPath = join(root, COINBASE_SCRIPTSIG_FILE);
  const labelPath = join(root, PER_BLOCK_FILE);
  for (const p of [sigPath, labelPath]) if (!existsSync(p)) throw new NotFoundError(`template families need ${p} (the shared datasets folder; set NAKAMOTO_DATASETS)`);
  const blocksPath = join(root, BLOCKCHAIR_BLOCKS_FILE);
  const header = new Map<number, { version: number; txCount: number; miner: string }>();
  const [sigs, ds] = await Promise.all([
    readCoinbaseScriptSigs(sigPath),
    readDataset(labelPath),
    existsSync(blocksPath) ? readBlockchairBlocks(blocksPath, (b) => header.set(b.height, { version: b.version, txCount: b.txCount, miner: b.miner })) : Promise.resolve(null),
  ]);
  const sets = ['perblock-v1', 'perblock-v2'].map((s) => ds.blockBatches.find((b) => b.source === s)).filter((b) => b !== undefined).map((b) => {
    const index = new Map<string, number>();
    const labels: string[] = [];
    const order = Int32Array.from(b.heights.keys()).sort((x, y) => b.heights[x]! - b.heights[y]!);
    const label = new Int32Array(order.length);
    order.forEach((src, dst) => {
      const name = b.labels[src]!;
      let k = index.get(name);
      if (k === undefined) {
        k = labels.length;
        labels.push(name);
        index.set(name, k);
      }
      label[dst] = k;
    });
    return { heights: Int32Array.from(order, (i) => b.heights[i]!), timeSec: Float64Array.from(order, (i) => b.timeSec[i]!), label, labels };
  });
  const merged = mergeBlockLabels(sets);
  // Join on height: both in ascending height order.
  const n = sigs.heights.length;
  const heights = new Int32Array(n);
  const time = new Float64Array(n);
  const pool = new Int32Array(n);
  const hex: string[] = [];
  let m = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const h = sigs.heights[i]!;
    while (j < merged.heights.length && merged.heights[j]! < h) j++;
    if (j < merged.heights.length && merged.heights[j] === h) {
      heights[m] = h;
      time[m] = merged.timeSec[j]!;
      pool[m] = merged.label[j]!;
      hex.push(sigs.scriptSigHex[i]!);
      m++;
    }
  }
  const version = new Float64Array(m).fill(NaN);
  const txCount = new Int32Array(m);
  const miner: string[] = new Array<string>(m).fill('');
  for (let i = 0; i < m; i++) {
    const hd = header.get(heights[i]!);
    if (hd) {
      version[i] = hd.version;
      txCount[i] = hd.txCount;
      miner[i] = hd.miner;
    }
  }
  const { layout, layouts } = layoutKeys(hex, version);
  const order = timeOrder(time.subarray(0, m), heights.subarray(0, m));
  return {
    version: Float64Array.from(order, (i) => version[i]!),
    txCount: Int32Array.from(order, (i) => txCount[i]!),
    blockchairMiner: Array.from(order, (i) => miner[i]!),
    scriptSigHex: Array.from(order, (i) => hex[i]!),
    heights: Int32Array.from(order, (i) => heights[i]!),
    timeSec: Float64Array.from(order, (i) => time[i]!),
    pool: Int32Array.from(order, (i) => pool[i]!),
    pools: merged.labels,
    layout: Int32Array.from(order, (i) => layout[i]!),
    layouts,
    inputs: [COINBASE_SCRIPTSIG_FILE, PER_BLOCK_FILE, ...(header.size > 0 ? [BLOCKCHAIR_BLOCKS_FILE] : [])].map((f) => `datasets/${f}`),
    unjoined: n - m,
  };
}
