/**
 * @module The committed template-family assignment (data/default/template-families.json): the
 * monthly `FamilyAssignment` that `--level template` needs, precomputed by
 * `npm run build:template-families` so the report does not re-read and join the three large dataset
 * files on every run. The file records the method (rules version, window, linking thresholds) and
 * each input file's name, byte size and sha256; `inputsState` compares the sizes (cheap) with the
 * files in a datasets folder. Format: one JSON object, one line per monthly step, byte-reproducible.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { FamilyAssignment, FamilyOptions } from '../analysis/template-families.js';
import { DecodeError } from '../domain/errors.js';
import { BLOCKCHAIR_BLOCKS_FILE } from '../sources/datasets/blockchair-blocks.js';
import { COINBASE_SCRIPTSIG_FILE } from '../sources/datasets/coinbase-scriptsig.js';
import { PER_BLOCK_FILE } from '../sources/files/datasets-path.js';

export const TEMPLATE_FAMILIES_FILE = 'template-families.json';
export const TEMPLATE_FAMILIES_FORMAT = 'nakamoto template-family assignment 1';

/** Files the assignment is computed from, relative to the datasets root; the first two are required, the headers file optional. */
export const TEMPLATE_INPUT_FILES = [COINBASE_SCRIPTSIG_FILE, PER_BLOCK_FILE, BLOCKCHAIR_BLOCKS_FILE] as const;
const REQUIRED_INPUTS = 2;

export interface AssignmentInput {
  /** Relative to the datasets root. */
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface AssignmentMethod {
  /** Bumped when the fingerprint (scriptSig layout key, header-version mask) or the linking rules change. */
  readonly rules: string;
  readonly windowDays: number;
  readonly options: FamilyOptions;
}

export interface AssignmentFile {
  readonly method: AssignmentMethod;
  readonly inputs: readonly AssignmentInput[];
  readonly assignment: FamilyAssignment;
}

export function sameMethod(a: AssignmentMethod, b: AssignmentMethod): boolean {
  const norm = (m: AssignmentMethod) => JSON.stringify([m.rules, m.windowDays, m.options.minBlocks, m.options.minOverlap, m.options.minKappa, [...m.options.exclude]]);
  return norm(a) === norm(b);
}

/**
 * How the dataset files under `root` compare with the recorded inputs, by byte size: `match` (same
 * files, same sizes; the optional headers file absent on both sides counts as the same), `missing`
 * (a required file is absent: nothing to compute from), `differ` otherwise.
 */
export function inputsState(root: string, inputs: readonly AssignmentInput[]): 'match' | 'missing' | 'differ' {
  const size = (f: string): number | null => {
    try {
      return statSync(join(root, f)).size;
    } catch {
      return null;
    }
  };
  const sizes = TEMPLATE_INPUT_FILES.map(size);
  if (sizes.slice(0, REQUIRED_INPUTS).some((s) => s === null)) return 'missing';
  const recorded = new Map(inputs.map((i) => [i.file, i.bytes]));
  if (inputs.some((i) => !(TEMPLATE_INPUT_FILES as readonly string[]).includes(i.file))) return 'differ';
  return TEMPLATE_INPUT_FILES.every((f, k) => (recorded.get(f) ?? null) === sizes[k]) ? 'match' : 'differ';
}

/** The file's text: header fields, then one line per step (`from` is the step's start as a UTC date, for readers). */
export function formatAssignmentFile(f: AssignmentFile): string {
  const a = f.assignment;
  const steps = a.startSec.map((s, i) =>
    JSON.stringify({
      from: new Date(s * 1000).toISOString().slice(0, 10),
      startSec: s,
      familyOf: [...a.familyOf[i]!],
      judged: [...a.judged[i]!],
    }),
  );
  const head = {
    format: TEMPLATE_FAMILIES_FORMAT,
    method: { rules: f.method.rules, windowDays: f.method.windowDays, options: { ...f.method.options, exclude: [...f.method.options.exclude] } },
    inputs: f.inputs.map((i) => ({ file: i.file, bytes: i.bytes, sha256: i.sha256 })),
    endSec: a.endSec,
  };
  const headText = JSON.stringify(head, null, 2);
  return `${headText.slice(0, -2)},\n  "steps": [\n${steps.map((s) => `    ${s}`).join(',\n')}\n  ]\n}\n`;
}

function fail(path: string, field: string, reason: string): never {
  throw new DecodeError({ input: path, field }, reason);
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function parseAssignmentFile(text: string, path: string): AssignmentFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(path, '(json)', `not JSON: ${(e as Error).message}`);
  }
  const o = raw as Record<string, unknown>;
  if (typeof o !== 'object' || o === null) fail(path, '(root)', 'expected an object');
  if (o.format !== TEMPLATE_FAMILIES_FORMAT) fail(path, 'format', `expected "${TEMPLATE_FAMILIES_FORMAT}", got ${JSON.stringify(o.format)}`);
  const m = o.method as Record<string, unknown> | undefined;
  const opts = m?.options as Record<string, unknown> | undefined;
  if (!m || typeof m.rules !== 'string' || typeof m.windowDays !== 'number' || !opts) fail(path, 'method', 'expected rules, windowDays and options');
  const { minBlocks, minOverlap, minKappa, exclude } = opts;
  if (typeof minBlocks !== 'number' || typeof minOverlap !== 'number' || typeof minKappa !== 'number' || !isStringArray(exclude)) fail(path, 'method.options', 'expected minBlocks, minOverlap, minKappa and exclude');
  if (!Array.isArray(o.inputs)) fail(path, 'inputs', 'expected an array');
  const inputs = (o.inputs as unknown[]).map((v, k) => {
    const i = v as Record<string, unknown>;
    if (typeof i?.file !== 'string' || !Number.isInteger(i.bytes) || typeof i.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(i.sha256)) fail(path, `inputs[${k}]`, 'expected file, bytes and a hex sha256');
    return { file: i.file, bytes: i.bytes as number, sha256: i.sha256 };
  });
  if (typeof o.endSec !== 'number') fail(path, 'endSec', 'expected a number');
  if (!Array.isArray(o.steps) || o.steps.length === 0) fail(path, 'steps', 'expected a non-empty array');
  const startSec: number[] = [];
  const familyOf: Map<string, string>[] = [];
  const judged: Set<string>[] = [];
  (o.steps as unknown[]).forEach((v, k) => {
    const s = v as Record<string, unknown>;
    const where = `steps[${k}]`;
    if (typeof s?.startSec !== 'number' || (k > 0 && s.startSec <= startSec[k - 1]!) || s.startSec >= (o.endSec as number)) fail(path, `${where}.startSec`, 'expected ascending step starts before endSec');
    if (!Array.isArray(s.familyOf) || !s.familyOf.every((p) => isStringArray(p) && p.length === 2)) fail(path, `${where}.familyOf`, 'expected [pool, family] pairs');
    if (!isStringArray(s.judged)) fail(path, `${where}.judged`, 'expected pool slugs');
    startSec.push(s.startSec);
    familyOf.push(new Map(s.familyOf as [string, string][]));
    judged.push(new Set(s.judged));
  });
  return {
    method: { rules: m.rules, windowDays: m.windowDays, options: { minBlocks, minOverlap, minKappa, exclude } },
    inputs,
    assignment: { startSec, endSec: o.endSec, familyOf, judged },
  };
}
