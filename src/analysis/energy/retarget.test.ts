import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { targetFromBits } from '../../decode/bitcoin/header.js';
import { difficultySum, readDifficultyEpochs } from '../../sources/bitcoin/difficulty-epochs.js';
import { loadBitcoinDays } from '../../pipeline/energy/bitcoin-days.js';
import { datasetsRoot } from '../../sources/files/datasets-path.js';
import { compactFromTarget, extendEpochs, retargetBits, TARGET_TIMESPAN_SEC, type EpochRuns } from './retarget.js';

describe('compact encoding and the retarget rule', () => {
  it('matches hand-computed cases', () => {
    // 0x1d00ffff: target 0xffff·2²⁰⁸ (224 bits = 28 bytes); GetCompact: 0xffff00 has bit 23 set,
    // so shift to 0x00ffff and size 29 → 0x1d00ffff again.
    expect(compactFromTarget(targetFromBits(0x1d00ffff)!)).toBe(0x1d00ffff);
    // Exactly two weeks: unchanged.
    expect(retargetBits(0x1d00ffff, TARGET_TIMESPAN_SEC)).toBe(0x1d00ffff);
    // One week: target/2 = 0x7fff8·2²⁰⁴ (223 bits → 28 bytes); mantissa = target >> 200 = 0x7fff80
    // (bit 23 clear) → 0x1c7fff80.
    expect(retargetBits(0x1d00ffff, TARGET_TIMESPAN_SEC / 2)).toBe(0x1c7fff80);
    // Ten weeks is clamped to four, and ×4 of the limit is capped at powLimit (2²²⁴−1 → 0x1d00ffff).
    expect(retargetBits(0x1d00ffff, TARGET_TIMESPAN_SEC * 10)).toBe(0x1d00ffff);
    // One second is clamped to half a week: 0xffff·2²⁰⁸/4 = 0x3fffc·2²⁰⁴ → mantissa 0x3fffc0, size 28.
    expect(retargetBits(0x1d00ffff, 1)).toBe(0x1c3fffc0);
  });

  it('round-trips normalised compact values (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 32 }), fc.integer({ min: 0x008000, max: 0x7fffff }), (size, mantissa) => {
        const bits = (size << 24) | mantissa;
        expect(compactFromTarget(targetFromBits(bits)!)).toBe(bits);
      }),
    );
  });
});

describe('extending the difficulty epochs with block timestamps (real data)', () => {
  it('recomputes every retarget of 2020–2024 exactly and continues to 2026', async () => {
    const days = await loadBitcoinDays(datasetsRoot());
    // loadBitcoinDays fails on any mismatch; it reports how many it checked.
    expect(days.notes.join(' ')).toContain('113 retargets inside the file recomputed from the block times and matched exactly');
    expect(days.coverage.time!.end).toBe(Date.UTC(2026, 3, 22) / 1000);
  });

  it('detects a wrong difficulty in the file', () => {
    const e = readDifficultyEpochs();
    const k = e.from.findIndex((f) => f === 800_352);
    const bits = Uint32Array.from(e.bits);
    expect([e.bits[k - 1], e.bits[k]]).toEqual([0x17053894, 0x17056102]); // rows 382–383 of the file
    bits[k] = 0x17056103; // altered by one unit of the mantissa
    const broken: EpochRuns = { ...e, bits };
    const times = new Map<number, number>([[800_351, 1_700_000_000], [800_352 - 2016, 1_700_000_000 - TARGET_TIMESPAN_SEC]]);
    const r = extendEpochs(broken, (h) => times.get(h), e.lastHeight);
    // These timestamps say "exactly two weeks", so the bits must stay those of the period before.
    expect(r.mismatches).toEqual([{ height: 800_352, fileBits: 0x17056103, computedBits: 0x17053894 }]);
  });

  it('keeps the file unchanged below its last height and adds whole periods after it', () => {
    const e = readDifficultyEpochs();
    // Synthetic clock, every block 600 s apart. Consensus measures a period from its first to its
    // last block, 2015 intervals = 1,209,000 s (not 1,209,600: Bitcoin's off-by-one), so each
    // derived retarget shrinks the target by 1209000/1209600.
    const r = extendEpochs(e, (h) => h * 600, e.lastHeight + 5000);
    expect(r.derivedFrom).toBe(840_672);
    expect(r.derivedPeriods).toBe(3); // 840,672, 842,688, 844,704 ≤ 845,236
    expect(r.epochs.lastHeight).toBe(e.lastHeight + 5000);
    const n = r.epochs.bits.length;
    expect(r.epochs.to[n - 4]).toBe(840_671); // the file's partial last period runs to the boundary
    for (let i = n - 3; i < n; i++) expect(r.epochs.bits[i]).toBe(retargetBits(r.epochs.bits[i - 1]!, 2015 * 600));
    expect(r.epochs.difficulty[n - 1]! / r.epochs.difficulty[n - 4]!).toBeCloseTo((1209600 / 1209000) ** 3, 4);
    expect(difficultySum(r.epochs, 700_000, 1000)).toBe(difficultySum(e, 700_000, 1000));
  });
});
