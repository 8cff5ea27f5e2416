/**
 * The committed template-family assignment (data/default/template-families.json) against the staged
 * datasets: equal, byte for byte, to a fresh computation; the recorded sizes and sha256 values are
 * those of the files; and `loadTemplateAssignment` uses it only when the files match, computing
 * otherwise. The fresh computation reads and joins three large files (about 10 s).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FamilyAssignment } from '../analysis/template-families.js';
import { DecodeError } from '../domain/errors.js';
import { datasetsRoot } from '../sources/files/datasets-path.js';
import { formatAssignmentFile, parseAssignmentFile, TEMPLATE_INPUT_FILES, type AssignmentFile } from './template-assignment-file.js';
import { COMMITTED_TEMPLATE_FAMILIES, computeTemplateAssignment, loadTemplateAssignment, TEMPLATE_METHOD } from './template-level.js';

const root = datasetsRoot();
const committedText = readFileSync(COMMITTED_TEMPLATE_FAMILIES, 'utf8');
const committed = parseAssignmentFile(committedText, COMMITTED_TEMPLATE_FAMILIES);
let fresh: FamilyAssignment;
beforeAll(async () => {
  fresh = await computeTemplateAssignment(root);
}, 60_000);

const tmp = mkdtempSync(join(tmpdir(), 'nakamoto-tfam-'));
let n = 0;
function writeVariant(f: AssignmentFile): string {
  const p = join(tmp, `variant-${n++}.json`);
  writeFileSync(p, formatAssignmentFile(f));
  return p;
}
/** The committed assignment with every judged pool put in a family named `marker`: recognisable, and not what computing gives. */
const marked: FamilyAssignment = { ...committed.assignment, familyOf: committed.assignment.judged.map((j) => new Map([...j].map((p) => [p, 'marker']))) };

describe('committed template-family assignment', () => {
  it('equals a fresh computation from the datasets, byte for byte', () => {
    expect(committed.assignment).toEqual(fresh);
    expect(formatAssignmentFile({ method: TEMPLATE_METHOD, inputs: committed.inputs, assignment: fresh })).toBe(committedText);
    expect(fresh.startSec).toHaveLength(64);
    expect(fresh.familyOf.some((m) => m.size > 0)).toBe(true);
  });

  it('records the three input files with their true byte sizes and sha256', () => {
    expect(committed.inputs.map((i) => i.file)).toEqual([...TEMPLATE_INPUT_FILES]);
    for (const i of committed.inputs) {
      const path = join(root, i.file);
      expect(statSync(path).size, i.file).toBe(i.bytes);
      expect(createHash('sha256').update(readFileSync(path)).digest('hex'), i.file).toBe(i.sha256);
    }
  });

  it('is used when the dataset files have the recorded sizes (no computation)', async () => {
    const p = writeVariant({ ...committed, assignment: marked });
    expect(await loadTemplateAssignment(root, p)).toEqual(marked);
  });

  it('is used when the datasets are absent (fresh clone)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'nakamoto-nodata-'));
    expect(await loadTemplateAssignment(empty, writeVariant({ ...committed, assignment: marked }))).toEqual(marked);
    expect(await loadTemplateAssignment(empty)).toEqual(fresh);
  });

  it('a size mismatch falls back to computing from the datasets', async () => {
    const inputs = committed.inputs.map((i, k) => (k === 1 ? { ...i, bytes: i.bytes + 1 } : i));
    expect(await loadTemplateAssignment(root, writeVariant({ ...committed, inputs, assignment: marked }))).toEqual(fresh);
  });

  it('a file built without the optional headers file, or with another method, falls back too', async () => {
    const inputs = committed.inputs.slice(0, 2);
    expect(await loadTemplateAssignment(root, writeVariant({ ...committed, inputs, assignment: marked }))).toEqual(fresh);
    const method = { ...committed.method, options: { ...committed.method.options, minKappa: 0.4 } };
    expect(await loadTemplateAssignment(root, writeVariant({ ...committed, method, assignment: marked }))).toEqual(fresh);
  });

  it('a malformed file is a DecodeError naming the file and field', () => {
    const bad = committedText.replace('"startSec":1577836800', '"startSec":"x"');
    expect(() => parseAssignmentFile(bad, 'f.json')).toThrow(DecodeError);
    expect(() => parseAssignmentFile(bad, 'f.json')).toThrow('f.json [steps[1].startSec]');
    expect(() => parseAssignmentFile('{', 'f.json')).toThrow(/^f\.json \[\(json\)\]: not JSON/);
  });

  it('format → parse round-trips any assignment', () => {
    const slug = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    const step = fc.record({ familyOf: fc.uniqueArray(fc.tuple(slug, slug), { selector: (t) => t[0], maxLength: 6 }), judged: fc.uniqueArray(slug, { maxLength: 6 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 2e9 }), (steps, t0) => {
        const a: FamilyAssignment = {
          startSec: steps.map((_, i) => t0 + i * 86_400),
          endSec: t0 + steps.length * 86_400,
          familyOf: steps.map((s) => new Map(s.familyOf)),
          judged: steps.map((s) => new Set(s.judged)),
        };
        const back = parseAssignmentFile(formatAssignmentFile({ method: TEMPLATE_METHOD, inputs: committed.inputs, assignment: a }), 'x');
        expect(back.assignment).toEqual(a);
        expect([...back.assignment.familyOf.flatMap((m) => [...m])]).toEqual(steps.flatMap((s) => s.familyOf));
        expect(back.method).toEqual(TEMPLATE_METHOD);
      }),
    );
  });
});
