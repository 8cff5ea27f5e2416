/**
 * @module Tests for loadEpochDistribution: every id on the real files, typed errors, and bad temp files (truncated, missing column, non-numeric compute, unknown country, duplicate row, skipInvalid).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DecodeError} from '../../domain/errors.js';
import { AppError, NotFoundError, UsageError } from '../../domain/errors.js';
import { datasetPath, PROJECT_ROOT } from '../files/datasets-path.js';
import { rulesVersionOf } from './aliases.js';
import { getDistribution } from '../../pipeline/catalogue.js';
import { EPOCH_DISTRIBUTION_IDS, EPOCH_SOURCE_FILES } from './ids.js';
import { loadEpochDistribution } from './load.js';
import { decodeErrorOfAsync } from '../../../test/support/decode-error.js';

const realRoot = datasetPath('');
const tmpRoots: string[] = [];
afterAll(() => {
  for (const d of tmpRoots) rmSync(d, { recursive: true, force: true });
});

/** A datasets root holding only `ai/epoch-ai-models/notable_ai_models.csv` with the given text. */
function rootWithNotable(text: string): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'epoch-test-'));
  tmpRoots.push(root);
  mkdirSync(join(root, 'ai/epoch-ai-models'), { recursive: true });
  const file = join(root, 'ai/epoch-ai-models/notable_ai_models.csv');
  writeFileSync(file, text);
  return { root, file };
}

const realNotable = readFileSync(join(realRoot, 'ai/epoch-ai-models/notable_ai_models.csv'), 'utf8');
const realHeader = realNotable.slice(0, realNotable.indexOf('\n')).split(',');

/** A notable-models row with the real column set: the named columns filled, the rest blank. */
function row(values: Record<string, string>, header: readonly string[] = realHeader): string {
  return header.map((h) => (values[h] === undefined ? '' : `"${values[h]}"`)).join(',');
}
const good = { Model: 'Alpha', Organization: 'DeepMind', 'Publication date': '2024-01-10', 'Training compute (FLOP)': '1e24', 'Country (of organization)': 'United Kingdom of Great Britain and Northern Ireland' };
const good2 = { ...good, Model: 'Beta', Organization: 'OpenAI,Microsoft', 'Country (of organization)': 'United States of America,United States of America' };

function loadError(root: string, id = 'ai/notable-models', options: { skipInvalid?: boolean } = {}): Promise<DecodeError> {
  return decodeErrorOfAsync(() => loadEpochDistribution(id, { datasetsRoot: root, ...options }));
}

describe('loadEpochDistribution on the Epoch files', () => {
  it('loads every distribution with the catalogue’s aggregation, notes and the alias-file version', async () => {
    const version = rulesVersionOf(readFileSync(join(PROJECT_ROOT, 'data/aliases/ai-organisations.json')));
    expect(version).toMatch(/^[0-9a-f]{12}$/);
    for (const id of EPOCH_DISTRIBUTION_IDS) {
      const r = await loadEpochDistribution(id, { datasetsRoot: realRoot, level: 'parent' });
      expect(r.series.kind, id).toBe(getDistribution(id).aggregation);
      expect(r.series.weight.length, id).toBeGreaterThan(0);
      expect(r.rulesVersion, id).toBe(id === 'ai/clusters-by-country' ? 'none' : version);
      for (let i = 1; i < r.series.timeSec.length; i++) expect(r.series.timeSec[i]! >= r.series.timeSec[i - 1]!).toBe(true);
      for (const w of r.series.weight) expect(w > 0 && Number.isFinite(w)).toBe(true);
      expect(r.notes.length, id).toBeGreaterThan(1);
    }
  });

  it('rejects unknown ids and levels with typed errors', async () => {
    await expect(loadEpochDistribution('ai/nope', { datasetsRoot: realRoot })).rejects.toThrow(NotFoundError);
    await expect(loadEpochDistribution('ai/nope')).rejects.toThrow(/unknown distribution: ai\/nope \(Epoch AI distributions: ai\/compute-owners/);
    await expect(loadEpochDistribution('ai/notable-models', { level: 'company' as never })).rejects.toThrow(UsageError);
  });

  it('every id has source files and a complete catalogue entry', () => {
    for (const id of EPOCH_DISTRIBUTION_IDS) {
      const e = getDistribution(id);
      expect(EPOCH_SOURCE_FILES[id].length).toBeGreaterThan(0);
      expect(e.caveats.length).toBeGreaterThan(1);
      expect(e.unit).not.toBe('');
    }
  });
});

describe('bad files: errors name file, line and field', () => {
  it('a truncated CSV (the real file cut at 60%)', async () => {
    const { root, file } = rootWithNotable(realNotable.slice(0, Math.floor(realNotable.length * 0.6)));
    const e = await loadError(root);
    expect(e.position.input).toBe(file);
    expect(e.position.line).toBeGreaterThan(1);
    expect(e.position.field && realHeader.includes(e.position.field)).toBe(true);
    expect(e.message).toMatch(/notable_ai_models\.csv:\d+ \[[^\]]+\]: .*truncated file\?/);
  });

  it('a changed column set (Training compute (FLOP) removed)', async () => {
    const header = realHeader.filter((h) => h !== 'Training compute (FLOP)');
    const { root, file } = rootWithNotable([header.join(','), row(good, header)].join('\n') + '\n');
    const e = await loadError(root, 'ai/training-compute');
    expect(e.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1 \\[Training compute \\(FLOP\\)\\]: missing column`));
  });

  it('a non-numeric compute value, an unknown country, a duplicate row', async () => {
    const bad = async (second: Record<string, string>) => loadError(rootWithNotable([realHeader.join(','), row(good), row(second)].join('\n') + '\n').root);
    expect((await bad({ ...good2, 'Training compute (FLOP)': '~1e25' })).message).toMatch(/notable_ai_models\.csv:3 \[Training compute \(FLOP\)\]: invalid number: "~1e25"/);
    expect((await bad({ ...good2, 'Country (of organization)': 'Freedonia' })).message).toMatch(/notable_ai_models\.csv:3 \[Country \(of organization\)\]: unknown country: "Freedonia"/);
    expect((await bad(good)).message).toMatch(/notable_ai_models\.csv:3 \[Model\]: duplicate row: .* as line 2$/);
  });

  it('skipInvalid skips and reports the bad row instead; the rest still counts', async () => {
    const { root } = rootWithNotable([realHeader.join(','), row(good), row({ ...good2, 'Training compute (FLOP)': 'n/a' }), row({ ...good2, Model: 'Gamma' })].join('\n') + '\n');
    const r = await loadEpochDistribution('ai/training-compute', { datasetsRoot: root, skipInvalid: true });
    expect(r.notes.join('\n')).toMatch(/2 of 3 rows used; 1 invalid row\(s\) skipped \(--skip-invalid\): line 3 \[Training compute \(FLOP\)\]: invalid number: "n\/a"/);
    // Alpha: 1e24 to Google DeepMind; Gamma: 1e24 split between OpenAI and Microsoft.
    const sums = new Map<string, number>();
    r.series.entity.forEach((e, i) => sums.set(r.series.entities[e]!, (sums.get(r.series.entities[e]!) ?? 0) + r.series.weight[i]!));
    expect(sums).toEqual(new Map([['Google DeepMind', 1e24], ['OpenAI', 5e23], ['Microsoft', 5e23]]));
  });

  it('a missing file is a SourceError naming the path (exit code 2)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'epoch-empty-'));
    tmpRoots.push(empty);
    const err = await loadEpochDistribution('ai/clusters-by-country', { datasetsRoot: empty }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/cannot read .*gpu_clusters\.csv: no such file/);
    expect((err as AppError).exitCode).toBe(2);
  });
});
