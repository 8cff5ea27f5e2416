/**
 * @module `--level template` for Bitcoin: re-label each block's pool with the template family it
 * belonged to at the block time (analysis/template-families.ts, from coinbase layouts and header
 * versions), so pools that build their blocks with one operator's templates count as one entity.
 *
 * API for other code:
 * - `loadTemplateAssignment(datasetsRoot)` → `FamilyAssignment`: monthly steps 2020-01 → 2025-03,
 *   each month's families computed over the TEMPLATE_WINDOW_DAYS (91) days ending with the month;
 *   read from the committed data/default/template-families.json when the dataset files match the
 *   byte sizes it records (or are absent), else computed from them (template-assignment-file.ts);
 * - `templateLabelAt(assignment, poolSlug, timeSec)` (pure, in analysis/template-families.ts) →
 *   `<lead slug> family` (a pool in no family is a family of one: `<slug> family`);
 * - `applyTemplateFamilies(series, assignment, displayName)` (pure) → the series re-labelled with
 *   display names (`AntPool family`, `F2Pool family`; `Unknown` stays `Unknown`).
 * Outside the assignment's dates (no scriptSig data) each pool is its own family.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_FAMILY_OPTIONS, familyHistory, templateLabelAt, type FamilyAssignment, type FamilyOptions, type WindowFamilies } from '../analysis/template-families.js';
import type { ObservationSeries } from '../domain/observations.js';
import { DEFAULT_DATA_DIR } from './load-bitcoin.js';
import { inputsState, parseAssignmentFile, sameMethod, TEMPLATE_FAMILIES_FILE, type AssignmentMethod } from './template-assignment-file.js';
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

/** The method the assignment is computed with; a committed file built with another one is not used. */
export const TEMPLATE_METHOD: AssignmentMethod = {
  rules: 'template families 1 (scriptSig layout key + BIP320-masked header version; overlap and chance-corrected κ; connected components)',
  windowDays: TEMPLATE_WINDOW_DAYS,
  options: DEFAULT_FAMILY_OPTIONS,
};

/** The committed assignment (npm run build:template-families). */
export const COMMITTED_TEMPLATE_FAMILIES = join(DEFAULT_DATA_DIR, TEMPLATE_FAMILIES_FILE);

/** Computed from the dataset files (several seconds: reads and joins three large files). */
export function computeTemplateAssignment(datasetsRoot: string): Promise<FamilyAssignment> {
  return loadTemplateBlocks(datasetsRoot).then((b) => templateAssignment(b, TEMPLATE_METHOD.windowDays, TEMPLATE_METHOD.options).assignment);
}

const cache = new Map<string, Promise<FamilyAssignment>>();

/**
 * The monthly assignment: the committed file when it was built with this method from dataset files
 * of the same byte sizes as those under `datasetsRoot` (or when those files are absent, so the
 * embedded default report works on a fresh clone); computed from the datasets otherwise.
 */
export function loadTemplateAssignment(datasetsRoot: string, committedPath = COMMITTED_TEMPLATE_FAMILIES): Promise<FamilyAssignment> {
  const key = `${datasetsRoot}\0${committedPath}`;
  let p = cache.get(key);
  if (!p) {
    p = resolveAssignment(datasetsRoot, committedPath);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

async function resolveAssignment(datasetsRoot: string, committedPath: string): Promise<FamilyAssignment> {
  if (existsSync(committedPath)) {
    const f = parseAssignmentFile(await readFile(committedPath, 'utf8'), committedPath);
    if (sameMethod(f.method, TEMPLATE_METHOD) && inputsState(datasetsRoot, f.inputs) !== 'differ') return f.assignment;
  }
  return computeTemplateAssignment(datasetsRoot);
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
