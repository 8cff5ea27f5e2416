/**
 * @module Tests that every Epoch file decodes, with the row counts stated in each PROVENANCE.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetPath } from '../files/datasets-path.js';
import { readChipOwnerData, readDataCentres, readGpuClusters, readMlHardware, readModels } from './read.js';

const root = datasetPath('');

describe('the Epoch files decode without errors, with the row counts of their PROVENANCE.md', () => {
  it('model databases: 976 notable, 481 large-scale, 137 frontier, 2,228 all (3 empty placeholders)', async () => {
    const counts = await Promise.all((['notable', 'large-scale', 'frontier', 'all'] as const).map((db) => readModels(root, db)));
    expect(counts.map((d) => d.report.rowsRead)).toEqual([976, 481, 137, 2228]);
    expect(counts.map((d) => d.rows.length)).toEqual([976, 481, 137, 2225]);
    expect(counts[3]!.report.placeholders.map((p) => p.line)).toEqual([13859, 13863, 13864]);
    const frontierFlag = counts[0]!.rows.filter((m) => m.frontier).length;
    expect(frontierFlag).toBe(123); // `Frontier model` = True in 123 notable rows (counted with a plain csv-parse script)
  });

  it('GPU clusters: 786 (609 Existing, 171 Planned, 6 Decommissioned)', async () => {
    const { rows } = await readGpuClusters(root);
    const by = (s: string) => rows.filter((r) => r.status === s).length;
    expect([rows.length, by('Existing'), by('Planned'), by('Decommissioned')]).toEqual([786, 609, 171, 6]);
  });

  it('ML hardware (170 chips), data centres (17 sites, 118 milestones)', async () => {
    expect((await readMlHardware(root)).rows).toHaveLength(170);
    const dc = await readDataCentres(root);
    expect([dc.centres.rows.length, dc.timelines.rows.length]).toEqual([17, 118]);
    const abilene = dc.centres.rows.find((c) => c.handle === 'OpenAI-Oracle Stargate Abilene Texas')!;
    expect(abilene.owners).toEqual([{ name: 'Oracle', confidence: 'confident' }]);
    expect(abilene.latitude).toBeGreaterThan(32.49);
    expect(abilene.longitude).toBeLessThan(-99.78);
  });

  it('chip owners: every CSV in owners/ (20), sales/ (14) and inputs/ (3) decodes, one row per data line', async () => {
    const data = await readChipOwnerData(root);
    const byFolder = (f: string) => data.estimates.filter((e) => e.folder === f).length;
    expect([byFolder('owners'), byFolder('sales'), byFolder('inputs'), data.quantities?.rows.length]).toEqual([20, 14, 2, 6]);
    // Independent count: these exports have no line breaks inside fields, so rows = non-empty lines − header.
    for (const e of data.estimates) {
      const text = readFileSync(join(root, 'ai/epoch-ai-chip-owners', e.folder, e.file), 'utf8');
      expect(e.decoded.rows.length, e.file).toBe(text.split('\n').filter((l) => l.trim() !== '').length - 1);
    }
    expect(readdirSync(join(root, 'ai/epoch-ai-chip-owners/inputs'))).toContain('xai_chip_quantities.csv');
    const owners = new Set(data.estimates.filter((e) => e.folder === 'owners').flatMap((e) => e.decoded.rows.map((r) => r.owner)));
    expect([...owners].sort()).toEqual(['Amazon', 'China', 'CoreWeave', 'Google', 'Meta', 'Microsoft', 'Oracle', 'Other']);
  });
});
