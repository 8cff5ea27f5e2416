import { describe, expect, it } from 'vitest';
import { parseCsv } from '../files/csv.js';
import { datasetPath, datasetsRoot } from '../files/datasets-path.js';
import { BTC_USD_TABLE, HARDWARE_TABLE, parseBtcUsdMonthly, parseHardwareFile, parseHardwareTable, readAsicTable, readBtcUsdMonthly, readHardwareFile, CBECI_MINERS_JSON } from './asic-hardware.js';
import { decodeErrorOf } from '../../../test/support/decode-error.js';

const HEADER = 'model,manufacturer,release_date,release_basis,hashrate_th,power_w,power_basis,stated_j_per_th,source_kind,source_url,source_note';
const row = (over: Partial<Record<string, string>> = {}) => {
  const v = { model: 'X1', manufacturer: 'M', release_date: '2023-01-01', release_basis: 'launch', hashrate_th: '100', power_w: '2000', power_basis: 'stated', stated_j_per_th: '20', source_kind: 'review', source_url: 'https://example.org/x1', source_note: 'note', ...over };
  return HEADER.split(',').map((k) => v[k as keyof typeof v]).join(',');
};
const table = (...rows: string[]) => parseCsv([HEADER, ...rows].join('\n') + '\n', 'hw.csv');

describe('the project ASIC table (data/hardware/asic-2021-2025.csv)', () => {
  it('parses every row, efficiency = power / hash rate', async () => {
    const models = await readHardwareFile(HARDWARE_TABLE);
    expect(models).toHaveLength(11);
    const xp = models.find((m) => m.model === 'Antminer S19 XP')!;
    // 3010 W / 140 TH/s = 21.5 J/TH, the figure Bitmain announced (miningstore.com, cited in the row).
    expect(xp.efficiencyJPerTh).toBeCloseTo(21.5, 10);
    expect(xp.releaseSec).toBe(Date.UTC(2022, 6, 1) / 1000);
    // Hashrate Index A16 XP review: 3850 W / 300 TH/s = 12.83 J/TH (nameplate 12.8).
    expect(models.find((m) => m.model === 'Avalon A16 XP')!.efficiencyJPerTh).toBeCloseTo(12.833, 3);
    expect(models.every((m) => m.from.startsWith(`${HARDWARE_TABLE}:`))).toBe(true);
  });

  it('rejects a row without power, naming file, line and field', () => {
    const e = decodeErrorOf(() => parseHardwareTable(table(row(), row({ model: 'X2', power_w: '' }))));
    expect(e.position).toMatchObject({ input: 'hw.csv', line: 3, field: 'power_w' });
    expect(e.message).toContain('missing value');
  });

  it('rejects unknown columns, negative numbers, bad enums, inconsistent derived power', () => {
    const extra = parseCsv(`${HEADER},colour\n${row()},red\n`, 'hw.csv');
    expect(decodeErrorOf(() => parseHardwareTable(extra)).position).toMatchObject({ line: 1, field: 'colour' });
    expect(decodeErrorOf(() => parseHardwareTable(table(row({ hashrate_th: '-5' })))).position.field).toBe('hashrate_th');
    expect(decodeErrorOf(() => parseHardwareTable(table(row({ release_basis: 'rumour' })))).message).toContain('expected one of shipping, launch, source-date');
    expect(decodeErrorOf(() => parseHardwareTable(table(row({ power_basis: 'derived', power_w: '2100' })))).position.field).toBe('power_w');
    // Stated 20 J/TH but 3000 W / 100 TH/s = 30 J/TH: more than 5% apart.
    expect(decodeErrorOf(() => parseHardwareTable(table(row({ power_w: '3000' })))).position.field).toBe('stated_j_per_th');
    expect(decodeErrorOf(() => parseHardwareTable(table(row(), row()))).message).toContain('duplicate model');
    expect(decodeErrorOf(() => parseHardwareTable(table(row({ source_url: 'bitmain.com' })))).position.field).toBe('source_url');
    expect(decodeErrorOf(() => parseHardwareTable(table(row({ release_date: '2023-02-30' })))).position.field).toBe('release_date');
  });
});

describe("CBECI's lists (shared datasets)", () => {
  it('reads the 2021-02 JSON: 93 models, J/GH × 1000 = J/TH', async () => {
    const models = await readHardwareFile(datasetPath(CBECI_MINERS_JSON));
    expect(models).toHaveLength(93);
    // PROVENANCE.md plausibility checks: S9 (13.5 TH) 0.098 J/GH = 98 J/TH; S19 Pro 0.02955 J/GH = 29.55 J/TH.
    expect(models.find((m) => m.model === 'Bitmain Antminer S9 (13.5Th)')!.efficiencyJPerTh).toBeCloseTo(98, 10);
    expect(models.find((m) => m.model === 'Bitmain Antminer S19 Pro (110Th)')!.efficiencyJPerTh).toBeCloseTo(29.55, 10);
    // 1588291200 = 2020-05-01T00:00:00Z.
    expect(models.find((m) => m.model === 'Bitmain Antminer S19 Pro (110Th)')!.releaseSec).toBe(1588291200);
    // One entry per line: line 2 holds the first entry.
    expect(models[0]!.from).toMatch(/:2$/);
  });

  it('reads the 2020-05 server CSV: 90 rows incl. 6 pre-ASIC placeholders', async () => {
    const models = await readHardwareFile(datasetPath('bitcoin/asic-hardware/cbeci_miners_2020-05.csv'));
    expect(models).toHaveLength(90);
    expect(models[0]).toMatchObject({ model: 'Worst CPU', efficiencyJPerTh: 100_000_000 });
  });

  it('rejects malformed JSON entries with their line', () => {
    const text = '[\n  ["A", 1404172800, 0.5],\n  ["B", 1404172800, -1]\n]\n';
    const e = decodeErrorOf(() => parseHardwareFile(text, 'm.json'));
    expect(e.position).toMatchObject({ input: 'm.json', line: 3 });
    expect(e.message).toContain('J/GH');
    expect(decodeErrorOf(() => parseHardwareFile('[oops', 'm.json')).message).toContain('not valid JSON');
    expect(decodeErrorOf(() => parseHardwareFile('a,b\n1,2\n', 'x.csv')).message).toContain('unknown hardware list layout');
  });
});

describe('the monthly BTC/USD table', () => {
  it('covers 2020-01 → 2026-04 with a source on every row', async () => {
    const prices = await readBtcUsdMonthly(BTC_USD_TABLE);
    expect(prices).toHaveLength(76);
    expect(prices.every((p) => p.source.includes('FRED CBBTCUSD'))).toBe(true);
    // Independent check against another source: CoinGecko daily prices averaged by month
    // (cheredia19/bitcoin-coingecko btc_avg_month.csv@161e537: 2020-03 6952, 2021-04 57148,
    // 2022-06 24802, 2023-12 42407). A month-end value is not a monthly mean, but a bad copy
    // (wrong month, wrong magnitude) would fall far outside ±35%.
    const coingecko: [number, number][] = [[Date.UTC(2020, 2, 1), 6952], [Date.UTC(2021, 3, 1), 57148], [Date.UTC(2022, 5, 1), 24802], [Date.UTC(2023, 11, 1), 42407]];
    for (const [ms, avg] of coingecko) {
      const p = prices.find((x) => x.monthSec === ms / 1000)!;
      expect(Math.abs(Math.log(p.usd / avg))).toBeLessThan(Math.log(1.35));
    }
  });

  it('rejects negative prices, gaps and unknown columns', () => {
    const t = (body: string) => parseCsv(`month,btc_usd,source\n${body}`, 'p.csv');
    expect(decodeErrorOf(() => parseBtcUsdMonthly(t('2020-01,-5,s\n'))).position).toMatchObject({ line: 2, field: 'btc_usd' });
    expect(decodeErrorOf(() => parseBtcUsdMonthly(t('2020-01,5,s\n2020-03,6,s\n'))).position).toMatchObject({ line: 3, field: 'month' });
    expect(decodeErrorOf(() => parseBtcUsdMonthly(parseCsv('month,btc_usd,source,x\n2020-01,5,s,1\n', 'p.csv'))).position.field).toBe('x');
  });
});

describe('the one ASIC table (readAsicTable: energy estimate and simulator)', () => {
  it('is CBECI 2021-02 then the project table, every row with its source row', async () => {
    const models = await readAsicTable(datasetsRoot());
    const cbeci = await readHardwareFile(datasetPath(CBECI_MINERS_JSON));
    const project = await readHardwareFile(HARDWARE_TABLE);
    expect(models).toEqual([...cbeci, ...project]);
    expect(models).toHaveLength(93 + 11);
    expect(new Set(models.map((m) => m.model)).size).toBe(models.length); // one row per model
    for (const m of models) expect(m.from).toMatch(/:(\d+|entry \d+)$/);
    // Only the project table gives nameplate hash rate and power.
    expect(models.filter((m) => m.hashrateTh !== undefined)).toHaveLength(11);
  });

  it('refuses a model listed in two files, naming both rows', async () => {
    await expect(readAsicTable(datasetsRoot(), [HARDWARE_TABLE, HARDWARE_TABLE])).rejects.toThrow(/model "Antminer S19 XP" \(.*asic-2021-2025\.csv:2\) is also in .*asic-2021-2025\.csv:2/);
  });
});
