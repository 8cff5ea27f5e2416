import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { datasetPath } from '../files/datasets-path.js';
import { HASHRATE_BY_COUNTRY_2024_FILE, readHashrateByCountry2024 } from './hashrate-by-country-2024.js';

const dir = mkdtempSync(join(tmpdir(), 'nk-hr-country-'));
const HEADER = 'source_id,publisher,estimate,as_of,country,share_pct,hashrate_ehs,citation_url';

describe('readHashrateByCountry2024', () => {
  it('reads the staged file: three estimates, publishers apart, the survey marked, shares as printed', async () => {
    const e = await readHashrateByCountry2024(datasetPath(HASHRATE_BY_COUNTRY_2024_FILE));
    expect(e.map((x) => [x.sourceId, x.asOf, x.survey, x.shares.length])).toEqual([
      ['cambridge_dmir_2025', '2024-09', true, 5],
      ['hashrateindex_2025q2', '2025-05-27', false, 6],
      ['hashrateindex_2025q3', '2025-07', false, 7],
    ]);
    // PROVENANCE.md: the rows sum to 91.3%, 74.4% and 79.6%.
    expect(e.map((x) => Math.round(x.shares.reduce((a, s) => a + s.share, 0) * 1000) / 10)).toEqual([91.3, 74.4, 79.6]);
    expect(e[2]!.shares[0]!.country).toBe('United States of America');
    expect(e[2]!.shares[0]!.share).toBeCloseTo(0.3581, 15);
  });
  it.each([
    ['x,p,e,2025-07,Nowhere,10,,u', /:2 \[country\]: unknown country: "Nowhere"/],
    ['x,p,e,July 2025,Canada,10,,u', /:2 \[as_of\]: invalid date: "July 2025"/],
    ['x,p,e,2025-13,Canada,10,,u', /:2 \[as_of\]: invalid date: "2025-13"/],
    ['x,p,e,2025-07,Canada,110,,u', /:2 \[share_pct\]: out of range: 110/],
    ['x,p,e,2025-07,Canada,60,,u\nx,p,e,2025-07,Oman,50,,u', /x: shares sum to 110\.00%, more than 100%/],
    ['x,p,e,2025-07,Canada,6,,u\nx,p,e,2025-07,Canada,5,,u', /:3 \[country\]: duplicate row for x Canada/],
  ])('rejects a bad file with one line naming the place: %s', async (rows, message) => {
    const f = join(dir, `bad-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(f, `${HEADER}\n${rows}\n`);
    const err = await readHashrateByCountry2024(f).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as Error).message).toMatch(message);
  });
});
