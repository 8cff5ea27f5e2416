/**
 * @module `--level template` for Bitcoin: re-label each block's pool with the template family it
 * belonged to at the block time (analysis/template-families.ts, from coinbase layouts and header
 * versions), so pools that build their blocks with one operator's templates count as one entity.
 *
 * API for other code:
 * - `loadTemplateAssignment(datasetsRoot)` → `FamilyAssignment`: monthly steps 2020-01 → 2025-03,
 *   each month's families computed over the TEMPLATE_WINDOW_DAYS (91) days ending with the month;
 * - `templateLabelAt(assignment, poolSlug, timeSec)` (pure, in analysis/template-families.ts) →
 *   `<lead slug> family` (a pool in no family is a family of one: `<slug> family`);
 * - `applyTemplateFamilies(series, assignment, displayName)` (pure) → the series re-labelled with
 *   display names (`AntPool family`, `F2Pool family`; `Unknown` stays `Unknown`).
 * Outside the assignment's dates (no scriptSig data) each pool is its own family.
 */
import { familyHistory, templateLabelAt, type FamilyAssignment, type FamilyOptions, type WindowFamilies } from '../analysis/template-families.js';
import type { ObservationSeries } from '../domain/observations.js';
import { loadTemplateBlocks, type TemplateBlocks } from './template-blocks.js';

/** Days of blocks behind each month's families: the 91 days ending with the month's end (about the month and the two before). */
export const TEMPLATE_WINDOW_DAYS = 91;

export function monthStarts(fromSec: number, toSec: number): number[] {
  const d = new Date(fromSec * 1000);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  const out: number[] = [];
  for (;;) {
    const t = Date.UTC(y, m, 1) / 1000;
    if (t >= toSec) break;
    if (t >= fromSec || out.length === 0) out.push(Math.max(t, fromSec));
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return out;
}

/** Monthly assignment over the blocks' whole range. */
export function templateAssignment(blocks: TemplateBlocks, windowDays = TEMPLATE_WINDOW_DAYS, options: Partial<FamilyOptions> = {}): { assignment: FamilyAssignment; windows: WindowFamilies[] } {
  const first = blocks.timeSec[0]!;
  const last = blocks.timeSec[blocks.timeSec.length - 1]! + 1;
  return familyHistory(blocks, monthStarts(first, last), last, windowDays * 86_400, options);
}

const cache = new Map<string, Promise<FamilyAssignment>>();

export function loadTemplateAssignment(datasetsRoot: string): Promise<FamilyAssignment> {
  let p = cache.get(datasetsRoot);
  if (!p) {
    p = loadTemplateBlocks(datasetsRoot).then((b) => templateAssignment(b).assignment);
    p.catch(() => cache.delete(datasetsRoot));
    cache.set(datasetsRoot, p);
  }
  return p;
}

const SUFFIX = ' family';

export function applyTemplateFamilies(series: ObservationSeries, a: FamilyAssignment, displayName: (label: string) => string): ObservationSeries {
  const index = new Map<string, number>();
  const entities: string[] = [];
  const entity = new Int32Array(series.entity.length);
  for (let i = 0; i < entity.length; i++) {
    const slug = series.entities[series.entity[i]!]!;
    // Unknown blocks are nobody's family.
    const name = slug === 'unknown' ? displayName(slug) : `${displayName(templateLabelAt(a, slug, series.timeSec[i]!).slice(0, -SUFFIX.length))}${SUFFIX}`;
    let k = index.get(name);
    if (k === undefined) {
      k = entities.length;
      entities.push(name);
      index.set(name, k);
    }
    entity[i] = k;
  }
  return { ...series, entities, entity };
}
