/**
 * Build data/default/template-families.json: the monthly template-family assignment that
 * `--level template` (and so `nakamoto report`) uses, computed from the shared datasets with the
 * project's own pipeline (src/pipeline/template-level.ts), with each input file's byte size and
 * sha256 and the method. Byte-for-byte reproducible. Run: npm run build:template-families
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { datasetsRoot } from '../src/sources/files/datasets-path.js';
import { formatAssignmentFile, TEMPLATE_INPUT_FILES, type AssignmentInput } from '../src/pipeline/template-assignment-file.js';
import { COMMITTED_TEMPLATE_FAMILIES, computeTemplateAssignment, TEMPLATE_METHOD } from '../src/pipeline/template-level.js';

async function sha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

const root = datasetsRoot();
const started = Date.now();
console.log(`computing template families from ${root} …`);
const assignment = await computeTemplateAssignment(root);
const inputs: AssignmentInput[] = [];
for (const file of TEMPLATE_INPUT_FILES) {
  const p = join(root, file);
  if (!existsSync(p)) continue; // the headers file is optional (then layouts carry no version)
  inputs.push({ file, bytes: statSync(p).size, sha256: await sha256(p) });
}
mkdirSync(dirname(COMMITTED_TEMPLATE_FAMILIES), { recursive: true });
const text = formatAssignmentFile({ method: TEMPLATE_METHOD, inputs, assignment });
writeFileSync(COMMITTED_TEMPLATE_FAMILIES, text);
const day = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
console.log(`wrote ${assignment.startSec.length} monthly steps (${day(assignment.startSec[0]!)} → ${day(assignment.endSec - 1)}), ${text.length} bytes, to ${COMMITTED_TEMPLATE_FAMILIES} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const i of inputs) console.log(`  ${i.file}: ${i.bytes} bytes, sha256 ${i.sha256}`);
