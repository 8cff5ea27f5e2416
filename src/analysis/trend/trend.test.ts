import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockBootstrapSlope, percentileSorted } from './block-bootstrap.js';
import { autocorrelations, averageRanks, mannKendall } from './mann-kendall.js';
import { normalCdf, twoSidedP } from './normal.js';
import { medianInPlace, theilSen } from './theil-sen.js';
import { trendOf } from './trend.js';

/**
 * Published test values: pyMannKendall's test suite (Hussain & Mahmud 2019, JOSS 4(39) 1556; MIT
 * licence), tests/test_pymannkendall.py, on column "Bogra" of its tests/data/Monthly Rainfall.csv
 * (monthly rainfall, Bangladesh, 1981–2010; missing months dropped, leaving 353 values, as the
 * package does).
 */
const BOGRA = [32,20,25,189,240,193,379,278,301,0,0,82,0,4,121,234,360,262,120,30,11,1,7,3,31,31,355,102,248,274,308,5,26,11,16,6,48,388,539,431,272,404,186,0,2,0,4,1,54,272,459,235,164,365,135,2,4,0,128,210,163,446,225,462,467,19,13,0,3,17,132,178,338,525,623,145,31,19,3,0,29,25,87,259,756,486,180,292,43,92,1,0,16,2,0,130,253,594,111,273,30,0,4,0,27,24,41,292,378,499,265,320,227,4,0,4,14,8,48,416,240,404,207,733,105,0,112,0,14,0,30,140,202,289,159,424,106,3,0,65,3,14,58,268,466,432,266,240,95,1,0,10,26,4,114,94,289,173,208,263,156,5,0,16,16,14,0,111,475,534,432,471,117,70,1,3,28,7,401,184,283,338,171,335,176,0,0,10,11,9,140,102,208,298,245,220,29,2,27,10,13,26,84,143,367,749,563,283,353,10,0,0,0,0,9,246,265,343,429,168,133,17,0,18,35,76,158,272,250,190,289,466,84,0,0,0,0,0,22,217,299,185,115,344,203,8,0,5,284,123,254,476,496,326,27,20,0,4,53,72,113,214,364,219,220,156,264,0,13,0,0,45,90,137,638,529,261,206,251,0,0,5,9,58,72,138,130,471,328,356,523,0,1,0,0,12,143,193,184,192,138,174,69,1,0,0,18,25,28,92,732,320,256,302,131,15,0,27,0,22,20,213,393,474,374,109,159,0,0,0,3,3,49,205,128,194,570,169,89,0,0,0,0,0,26,185,286,92,225,244,190,3,20];

describe('normal CDF', () => {
  it('matches tabulated values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(twoSidedP(1.6448536269514722)).toBeCloseTo(0.1, 13);
  });
  it('is symmetric: Φ(z) + Φ(−z) = 1', () => {
    fc.assert(fc.property(fc.double({ min: -7.9, max: 7.9, noNaN: true }), (z) => Math.abs(normalCdf(z) + normalCdf(-z) - 1) < 1e-14));
  });
});

describe('Theil–Sen slope', () => {
  it('matches hand computation on 1, 3, 2, 5, 4', () => {
    // Pairwise slopes sorted: −1, −1, 1/3, 1/2, 3/4, 1, 1, 4/3, 2, 3 → median (3/4 + 1)/2 = 0.875.
    // Residuals y − 0.875x: 0.125, 1.25, −0.625, 1.5, −0.375 → median 0.125.
    const fit = theilSen([1, 2, 3, 4, 5], [1, 3, 2, 5, 4]);
    expect(fit.slope).toBe(0.875);
    expect(fit.intercept).toBeCloseTo(0.125, 15);
  });
  it('matches the published pyMannKendall slope on the Bogra rainfall series', () => {
    expect(theilSen(BOGRA.map((_, i) => i), BOGRA).slope).toBe(-0.0064516129032258064);
  });
  it('is equivariant: adding a·x + b adds a to the slope; an exact line is recovered', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 30 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: -99, max: 99 }), (ys, a, b) => {
        const xs = ys.map((_, i) => i);
        const base = theilSen(xs, ys).slope;
        const shifted = theilSen(xs, ys.map((y, i) => y + a * i + b)).slope;
        expect(shifted).toBeCloseTo(base + a, 9);
        expect(theilSen(xs, xs.map((x) => a * x + b)).slope).toBe(a);
      }),
    );
  });
  it('median and selection agree with sorting', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }), (xs) => {
        const s = [...xs].sort((p, q) => p - q);
        const n = s.length;
        const expected = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
        expect(medianInPlace(Float64Array.from(xs))).toBe(expected);
      }),
    );
  });
});

describe('Mann–Kendall', () => {
  it('matches hand computation on 1, 3, 2, 5, 4 (S = 6, Var = 300/18)', () => {
    const r = mannKendall([1, 3, 2, 5, 4], { hamedRao: false });
    expect(r.s).toBe(6);
    expect(r.varS).toBeCloseTo(300 / 18, 12);
    expect(r.tau).toBe(0.6);
    expect(r.z).toBeCloseTo(5 / Math.sqrt(300 / 18), 12);
    expect(r.p).toBeCloseTo(0.2206713619, 9);
  });
  it('corrects the variance for ties: 1, 1, 2 → (3·2·11 − 2·1·9)/18', () => {
    const r = mannKendall([1, 1, 2], { hamedRao: false });
    expect(r.s).toBe(2);
    expect(r.varS).toBeCloseTo(48 / 18, 12);
  });
  it("matches MannKendall.jl's published test on 1…100", () => {
    const r = mannKendall(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(r.s).toBe(4950);
    expect(r.varS).toBe(112750);
    expect(r.varSCorrected).toBe(112750);
    expect(r.z).toBeCloseTo(14.73869998208331, 12);
    expect(r.tau).toBe(1);
  });
  it('matches pyMannKendall original_test on the Bogra series', () => {
    const r = mannKendall(BOGRA, { hamedRao: false });
    expect(r.n).toBe(353);
    expect(r.s).toBe(-1959);
    expect(r.varS).toBeCloseTo(4889800.333333333, 6);
    expect(r.tau).toBeCloseTo(-0.03153167653875869, 15);
    expect(r.z).toBeCloseTo(-0.8854562842589916, 12);
    expect(r.p).toBeCloseTo(0.37591058740506833, 12);
  });
  it('matches pyMannKendall hamed_rao_modification_test (all lags, and lag = 3)', () => {
    const all = mannKendall(BOGRA);
    expect(all.varSCorrected).toBeCloseTo(257403.38678462413, 5);
    expect(all.z).toBeCloseTo(-3.859273515045842, 11);
    expect(all.p).toBeCloseTo(0.00011372459883540742, 13);
    const lag3 = mannKendall(BOGRA, { maxLag: 3 });
    expect(lag3.varSCorrected).toBeCloseTo(14226812.425138814, 4);
    expect(lag3.z).toBeCloseTo(-0.5191093899188985, 12);
    expect(lag3.p).toBeCloseTo(0.603684460662274, 12);
  });
  it('S flips sign with the series and ignores monotone transforms', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 3, maxLength: 25 }), (ys) => {
        const r = mannKendall(ys, { hamedRao: false });
        expect(mannKendall(ys.map((y) => -y), { hamedRao: false }).s).toBe(0 - r.s);
        expect(mannKendall(ys.map((y) => Math.exp(y / 7) * 3 + 1), { hamedRao: false }).s).toBe(r.s);
        const hr = mannKendall(ys);
        expect(hr.p).toBeGreaterThanOrEqual(0);
        expect(hr.p).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('ranks average ties; autocorrelation at lag 0 is 1', () => {
    expect([...averageRanks([10, 20, 10, 5])]).toEqual([2.5, 4, 2.5, 1]);
    const r = autocorrelations([1, 2, 3, 4], 2);
    expect(r[0]).toBe(1);
    // mean 2.5, deviations −1.5, −0.5, 0.5, 1.5; c0 = 5; c1 = 0.75 − 0.25 + 0.75 = 1.25 → 0.25.
    expect(r[1]).toBeCloseTo(0.25, 15);
  });
});

describe('moving-block bootstrap and trendOf', () => {
  it('gives a zero-width interval on an exact line and brackets the slope otherwise', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i);
    const line = blockBootstrapSlope(xs, xs.map((x) => 2 * x + 1), { replicates: 50 });
    expect(line.lo).toBe(2);
    expect(line.hi).toBe(2);
    expect(line.blockLength).toBe(3);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 6, maxLength: 30 }), fc.integer({ min: 1, max: 1000 }), (ys, seed) => {
        const x = ys.map((_, i) => i);
        const iv = blockBootstrapSlope(x, ys, { replicates: 60, seed });
        expect(iv.lo).toBeLessThanOrEqual(iv.hi);
        expect(blockBootstrapSlope(x, ys, { replicates: 60, seed })).toEqual(iv);
      }),
      { numRuns: 40 },
    );
  });
  it('percentiles interpolate between order statistics', () => {
    expect(percentileSorted([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(percentileSorted([0, 10], 0.25)).toBe(2.5);
  });
  it('calls a clear rise rising, a flat noisy series no clear trend, and short series too short', () => {
    const year = 365.2425 * 86_400;
    const rise = Array.from({ length: 12 }, (_, i) => ({ t: i * year, value: 100 + 10 * i + (i % 3) }));
    const r = trendOf(rise);
    expect(r.direction).toBe('rising');
    expect(r.slopePerYear).toBeGreaterThan(9);
    expect(r.slopeLo!).toBeLessThanOrEqual(r.slopePerYear!);
    expect(r.slopeHi!).toBeGreaterThanOrEqual(r.slopePerYear!);
    const flat = trendOf(Array.from({ length: 12 }, (_, i) => ({ t: i * year, value: [5, 3, 6, 2, 5, 4, 3, 6, 2, 5, 4, 4][i]! })));
    expect(flat.direction).toBe('no clear trend');
    expect(trendOf(rise.slice(0, 4)).direction).toBe('too short');
    expect(trendOf(rise.map((p) => ({ ...p, value: -p.value }))).direction).toBe('falling');
  });
});
