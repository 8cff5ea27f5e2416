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
import { PER_BLOCK_FILE } from './energy-catalogue.js';
import { mergeBlockLabels, timeOrder } from './series-source.js';
import { existsSync } from 'node:fs';

export interface TemplateBlocks extends FingerprintedBlocks {
  /** Files read, for provenance. */
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

/** Layout keys of many scriptSigs (hex), interned. */
export function layoutKeys(scriptSigHex: readonly string[]): { layout: Int32Array; layouts: string[] } {
  const index = new Map<string, number>();
  const layouts: string[] = [];
  const layout = new Int32Array(scriptSigHex.length);
  scriptSigHex.forEach((hex, i) => {
    const key = scriptSigLayout(Buffer.from(hex, 'hex')).key;
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
  const [sigs, ds] = await Promise.all([readCoinbaseScriptSigs(sigPath), readDataset(labelPath)]);
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
  const { layout, layouts } = layoutKeys(hex);
  const order = timeOrder(time.subarray(0, m), heights.subarray(0, m));
  return {
    heights: Int32Array.from(order, (i) => heights[i]!),
    timeSec: Float64Array.from(order, (i) => time[i]!),
    pool: Int32Array.from(order, (i) => pool[i]!),
    pools: merged.labels,
    layout: Int32Array.from(order, (i) => layout[i]!),
    layouts,
    inputs: [sigPath, labelPath],
    unjoined: n - m,
  };
}
