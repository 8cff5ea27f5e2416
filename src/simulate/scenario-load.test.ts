import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../domain/errors.js';
import { parseScenario } from './scenario-load.js';
import { libraryNames, loadScenario, SCENARIO_DIR } from '../sources/scenarios/scenario-files.js';
import { decodeErrorOf } from '../../test/support/decode-error.js';

const REQUIRED = ['baseline-2020', 'china-ban-2021', 'halving-2024', 'asic-generation-jump', 'stratum-v2-template-choice', 'bittensor-like-rewards', 'capped-rewards'];
const raceYaml = (extra = '', share = '0.3') => `name: t
description: test
model: block-race
blocks: 1000
parties:
  - { name: a, share01: ${share}, strategy: selfish }
  - { name: b, share01: 0.7 }
${extra}`;

describe('scenario library', () => {
  it('ships every required scenario, and each one validates', async () => {
    const names = libraryNames();
    for (const n of REQUIRED) expect(names).toContain(n);
    for (const n of names) {
      const s = await loadScenario(n);
      expect(s.name).toBe(n);
      expect(s.description.length).toBeGreaterThan(10);
    }
  });

  it('unknown names are NotFoundErrors listing what ships', async () => {
    await expect(loadScenario('no-such-scenario')).rejects.toThrow(NotFoundError);
    await expect(loadScenario('no-such-scenario')).rejects.toThrow(/shipped: .*china-ban-2021/);
  });
});

describe('scenario validation errors', () => {
  it('an unknown key is an error naming its path and line', () => {
    const e = decodeErrorOf(() => parseScenario(raceYaml('gamma01: 0.5\nbogus: 1'), 'x.yaml'));
    expect(e.message).toMatch(/bogus: unknown key/);
    expect(e.position.line).toBe(9);
  });

  it('an unknown nested key names the full path', () => {
    const text = readFileSync(join(SCENARIO_DIR, 'baseline-2020.yaml'), 'utf8').replace('fleetAgeYears: 2 }', 'fleetAgeYears: 2, colour: red }');
    expect(() => parseScenario(text, 'b.yaml')).toThrow(/miners\.colour: unknown key/);
  });

  it('an out-of-range value names the key and the bound', () => {
    const e = decodeErrorOf(() => parseScenario(raceYaml('', '1.3'), 'x.yaml'));
    expect(e.message).toMatch(/parties\.0\.share01: .*<=1/);
    expect(e.position.line).toBe(6);
    const text = readFileSync(join(SCENARIO_DIR, 'baseline-2020.yaml'), 'utf8').replace('count: 2000', 'count: 0');
    expect(() => parseScenario(text, 'b.yaml')).toThrow(/miners\.count: .*>=1/);
  });

  it('cross-field rules: shares summing to 1, one selfish party, known regions and metrics', () => {
    expect(() => parseScenario(raceYaml('', '0.2'), 'x.yaml')).toThrow(/parties: share01 must sum to 1/);
    expect(() => parseScenario(raceYaml('metrics: [hhi, nope]'), 'x.yaml')).toThrow(/metrics\.1: invalid metric: nope/);
    const text = readFileSync(join(SCENARIO_DIR, 'china-ban-2021.yaml'), 'utf8').replace('region: Mainland China\n    date: 2021-06-01', 'region: Atlantis\n    date: 2021-06-01');
    expect(() => parseScenario(text, 'c.yaml')).toThrow(/shocks\.1\.region: unknown region "Atlantis"/);
  });

  it('bad YAML and wrong types are reported with a line', () => {
    const e = decodeErrorOf(() => parseScenario('name: [unclosed\n', 'y.yaml'));
    expect(e.message).toMatch(/invalid YAML/);
    expect(e.position.line).toBeGreaterThanOrEqual(1);
    expect(() => parseScenario(raceYaml().replace('blocks: 1000', 'blocks: many'), 'x.yaml')).toThrow(/blocks: .*expected number/);
    expect(() => parseScenario(raceYaml().replace('model: block-race', 'model: weather'), 'x.yaml')).toThrow(/model/);
  });
});
