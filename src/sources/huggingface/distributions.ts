/**
 * @module Hugging Face distributions as ObservationSeries (kind `stock`, one observation per
 * entity at the sample time): 30-day downloads and model counts per author (namespace), and
 * derivative models per base-model organisation from the lineage graph.
 *
 * Derivative attribution (pinned): each fine-tune or quantisation counts 1, split equally among
 * the distinct root models it descends from (following declared base_model links up to models
 * that declare none), and each share is credited to the root's namespace. The alternative,
 * `attribution: 'parent'`, credits the namespace of the direct parent(s) instead, so a
 * quantisation of a community fine-tune counts for the fine-tuner, not the original lab.
 * A model that names itself as its base (a self-loop) is treated as declaring no base.
 */
import { toObservationSeries, type ObservationSeries } from '../../domain/observations.js';
import type { HubModel } from '../../decode/huggingface/hub-model.js';
import type { LineageGraph, LineageRelation } from '../../decode/huggingface/samples.js';

export interface SeriesWithNotes {
  readonly series: ObservationSeries;
  readonly notes: string[];
}

export const NO_AUTHOR = '(no namespace)';

/** Latest lastModified in the sample: a lower bound on when it was collected (null if no times). */
export function sampleTimeSec(models: readonly HubModel[]): number | null {
  let t: number | null = null;
  for (const m of models) if (m.lastModifiedSec !== null && (t === null || m.lastModifiedSec > t)) t = m.lastModifiedSec;
  return t;
}

/** Zero weights are kept: an author or organisation in the sample is a known member of the population. */
function series(sums: ReadonlyMap<string, number>, timeSec: number): ObservationSeries {
  const records = [...sums].map(([entity, weight]) => ({ timeSec, entity, weight }));
  return toObservationSeries(records, 'stock');
}

/** Sum of 30-day downloads per author; models without a download count are left out (and counted), so an author all of whose models lack one is absent. */
export function downloadsByAuthor(models: readonly HubModel[], timeSec: number): SeriesWithNotes {
  const sums = new Map<string, number>();
  let missing = 0;
  let total = 0;
  for (const m of models) {
    if (m.downloads === null) {
      missing++;
      continue;
    }
    const a = m.author ?? NO_AUTHOR;
    sums.set(a, (sums.get(a) ?? 0) + m.downloads);
    total += m.downloads;
  }
  const s = series(sums, timeSec);
  const positive = [...sums.values()].filter((w) => w > 0).length;
  return {
    series: s,
    notes: [
      `${models.length} models, ${missing} without a download count left out; ${sums.size} authors, ${positive} with downloads > 0; ${total} downloads in the last 30 days`,
    ],
  };
}

/** Number of models per author in the sample. */
export function modelsByAuthor(models: readonly HubModel[], timeSec: number): SeriesWithNotes {
  const sums = new Map<string, number>();
  for (const m of models) {
    const a = m.author ?? NO_AUTHOR;
    sums.set(a, (sums.get(a) ?? 0) + 1);
  }
  return { series: series(sums, timeSec), notes: [`${models.length} models by ${sums.size} authors`] };
}

export interface DerivativeOptions {
  /** Which derivative node types count (default fine-tunes and quantisations). */
  readonly relations?: readonly LineageRelation[];
  /** Credit the root base model's namespace (default) or the direct parent's. */
  readonly attribution?: 'root' | 'parent';
}

export function derivativesByBaseOrg(graph: LineageGraph, timeSec: number, opts: DerivativeOptions = {}): SeriesWithNotes {
  const relations = new Set<string>(opts.relations ?? ['finetuned', 'quantized']);
  const attribution = opts.attribution ?? 'root';
  const parents = new Map<string, string[]>();
  let selfLoops = 0;
  for (const e of graph.edges) {
    if (e.source === e.target) {
      selfLoops++;
      continue;
    }
    const list = parents.get(e.target);
    if (list) list.push(e.source);
    else parents.set(e.target, [e.source]);
  }
  // Root sets by depth-first search with memo; a node met again while on the stack (a longer
  // cycle) contributes nothing on that path, and a node left with no root is its own root.
  const memo = new Map<string, ReadonlySet<string>>();
  const onStack = new Set<string>();
  let cycleEdges = 0;
  const roots = (id: string): ReadonlySet<string> => {
    const known = memo.get(id);
    if (known) return known;
    if (onStack.has(id)) {
      cycleEdges++;
      return new Set();
    }
    onStack.add(id);
    const out = new Set<string>();
    for (const p of parents.get(id) ?? []) for (const r of roots(p)) out.add(r);
    if (out.size === 0) out.add(id);
    onStack.delete(id);
    memo.set(id, out);
    return out;
  };
  // Every namespace that owns a root (under 'parent': every namespace) is in the population, with 0 if nothing is credited.
  const sums = new Map<string, number>();
  for (const [id, node] of graph.nodes) if (attribution === 'parent' || !parents.has(id)) sums.set(node.owner, 0);
  let counted = 0;
  for (const [id, node] of graph.nodes) {
    if (!relations.has(node.type)) continue;
    counted++;
    const credit = attribution === 'root' ? [...roots(id)] : (parents.get(id) ?? [id]);
    const owners = credit.map((c) => graph.nodes.get(c)!.owner);
    for (const o of owners) sums.set(o, (sums.get(o) ?? 0) + 1 / owners.length);
  }
  return {
    series: series(sums, timeSec),
    notes: [
      `${counted} derivative models (${[...relations].join(', ')}) credited to ${sums.size} ${attribution === 'root' ? 'root base-model' : 'parent-model'} namespaces`,
      `${selfLoops} self-referencing base_model links ignored${cycleEdges ? `; ${cycleEdges} cycle edges broken` : ''}`,
    ],
  };
}
