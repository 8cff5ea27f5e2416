/**
 * @module The one CBECI reader against the raw file: every CCAF spelling maps to one canonical
 * country, the simulator's shares and the geography series are two views of the same rows, and the
 * shipped scenarios' region names (CCAF spellings) resolve to the shares printed in the file.
 * Expected values are read from the raw CSV by a separate minimal reader (and were checked by awk).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regionName } from '../../domain/countries.js';
import { DecodeError } from '../../domain/errors.js';
import { parseCsv } from '../../decode/csv/csv.js';
import { prepareScenario } from '../../simulate/prepare.js';
import { datasetPath } from '../files/datasets-path.js';
import { libraryNames, loadScenario } from '../scenarios/scenario-files.js';
import { CBECI_FILE, cbeciSeries, cbeciShares, decodeCbeci, readCbeciMap } from './cbeci.js';
import { datasetScenarioInputs } from './simulation-inputs.js';

const path = datasetPath(CBECI_FILE);

/** Independent reading: `date,country,pct%,ehs` with the one quoted country ("Iran, Islamic Rep."). */
function rawRows(): { date: string; country: string; pct: number; ehs: number }[] {
  return readFileSync(path, 'utf8').trim().split('\n').slice(1).map((line) => {
    const m = /^(\d{4}-\d{2}-\d{2}),("[^"]*"|[^,]*),([\d.]+)%,([\d.]+)\r?$/.exec(line);
    if (!m) throw new Error(`unexpected line ${line}`);
    return { date: m[1]!, country: m[2]!.replace(/^"|"$/g, ''), pct: Number(m[3]), ehs: Number(m[4]) };
  });
}

describe('the CBECI mining map, read once', () => {
  it('maps each of CCAF’s ten spellings to one canonical name (docs/countries.md)', async () => {
    const spellings = [...new Set(rawRows().map((r) => r.country))].sort();
    expect(spellings.map((s) => `${s} → ${regionName(s)!.name}${regionName(s)!.starred ? ' *' : ''}`)).toEqual([
      'Canada → Canada',
      'Germany * → Germany *',
      'Iran, Islamic Rep. → Iran (Islamic Republic of)',
      'Ireland * → Ireland *',
      'Kazakhstan → Kazakhstan',
      'Mainland China → China',
      'Malaysia → Malaysia',
      'Other → Other',
      'Russian Federation → Russia',
      'United States → United States of America',
    ]);
    const map = await readCbeciMap(path);
    expect(map.rows).toHaveLength(290);
    expect(map.months).toHaveLength(29);
    expect(map.starred).toEqual(['Germany', 'Ireland']);
  });

  it('the simulator’s shares and the geography series are the same rows of the raw file', async () => {
    const map = await readCbeciMap(path);
    const shares = cbeciShares(map);
    const { series } = cbeciSeries(map);
    const raw = rawRows();
    expect(series.entities.length).toBe(10);
    for (const r of raw) {
      const country = regionName(r.country)!.name;
      expect(shares.get(r.date.slice(0, 7))!.get(country)).toBeCloseTo(r.pct / 100, 12);
    }
    // awk: 2021-04-01, Mainland China, 46.04 %, 72.39 EH/s; total EH/s of the month 157.25.
    expect(shares.get('2021-04')!.get('China')).toBeCloseTo(0.4604, 12);
    const ehs = raw.filter((r) => r.date === '2021-04-01').reduce((a, r) => a + r.ehs, 0);
    expect(ehs).toBeCloseTo(157.25, 9);
    expect(map.rows.find((r) => r.month === '2021-04' && r.country === 'China')!.ehs).toBe(72.39);
  });

  it('every shipped scenario that takes CBECI shares resolves its CCAF region names to the file’s shares', async () => {
    const raw = rawRows();
    let checked = 0;
    for (const name of libraryNames()) {
      const s = await loadScenario(name);
      if (s.model !== 'industry' || !s.regionSharesFromCbeci) continue;
      const p = await prepareScenario(s, datasetScenarioInputs());
      if (p.model !== 'industry') throw new Error('expected an industry scenario');
      s.regions.forEach((r, i) => {
        const row = raw.find((x) => x.date.startsWith(s.regionSharesFromCbeci!) && x.country === r.name);
        expect(row, `${name} ${r.name}`).toBeDefined();
        expect(p.inputs.regionShare01[i]).toBeCloseTo(row!.pct / 100, 12);
      });
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it('a scenario region may use the canonical spelling; an unknown one is a UsageError listing the canonical names', async () => {
    const s = await loadScenario('baseline-2020');
    if (s.model !== 'industry') throw new Error('expected an industry scenario');
    const shares = async (rename: Record<string, string>) => {
      const p = await prepareScenario({ ...s, regions: s.regions.map((r) => ({ ...r, name: rename[r.name] ?? r.name })) }, datasetScenarioInputs());
      return p.model === 'industry' ? p.inputs.regionShare01 : [];
    };
    expect(await shares({ 'Mainland China': 'China', 'Russian Federation': 'Russia', 'Germany *': 'Germany' })).toEqual(await shares({}));
    await expect(shares({ Canada: 'China' })).rejects.toThrow('regions "Mainland China" and "China" are the same CBECI country (China): list it once');
    await expect(shares({ Canada: 'Atlantis' })).rejects.toThrow(/^region "Atlantis" is not a CBECI country \(known: China, Russia, Other, Malaysia, Kazakhstan, United States of America, Iran \(Islamic Republic of\), Canada, Germany, Ireland\)$/);
  });

  it('bad rows are DecodeErrors naming file, line and column', () => {
    const head = 'date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S\n';
    const bad = (body: string) => {
      try {
        decodeCbeci(parseCsv(head + body, 'c.csv'));
      } catch (err) {
        if (err instanceof DecodeError) return err.message;
        throw err;
      }
      return 'no error';
    };
    expect(bad('2021-01-01,Atlantis,100%,1\n')).toBe('c.csv:2 [country]: unknown country: "Atlantis" (not in src/domain/countries.ts)');
    expect(bad('2021-01-01,China,50%,1\n2021-01-01,Mainland China,50%,1\n')).toBe('c.csv:3 [country]: duplicate row for 2021-01-01 China');
    expect(bad('2021-01-01,China,90%,1\n')).toBe('c.csv [monthly_hashrate_%]: shares of 2021-01 sum to 90.00%, not 100%');
  });
});
