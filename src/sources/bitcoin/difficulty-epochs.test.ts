import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { loadRealBlocks } from '../../../test/support/bitcoin-blocks.js';
import { difficultyAt, difficultySum, parseDifficultyEpochs, readDifficultyEpochs } from './difficulty-epochs.js';

describe('difficulty epochs (datasets/bitcoin/difficulty-epochs)', () => {
  const e = readDifficultyEpochs();

  it('covers heights 0–840,236 in 402 rows (PROVENANCE.md)', () => {
    expect([e.from.length, e.from[0], e.lastHeight]).toEqual([402, 0, 840_236]);
  });

  it('agrees with the difficulty in the headers of the real blocks (expected.json)', () => {
    for (const b of loadRealBlocks()) {
      // Both are printed with 16 significant digits.
      expect(Math.abs(difficultyAt(e, b.expected.height) / b.expected.difficulty - 1)).toBeLessThan(1e-15);
    }
  });

  it('sums difficulty across a retarget: 2 blocks before 40,320 at 1.818648536145414, 3 after at the next value', () => {
    const next = difficultyAt(e, 40_320);
    expect(next).not.toBe(difficultyAt(e, 40_319));
    expect(difficultySum(e, 40_318, 5)).toBeCloseTo(2 * 1.818648536145414 + 3 * next, 12);
    expect(difficultySum(e, 840_200, 37)).toBeCloseTo(37 * 86_388_558_925_171.02, -1);
    expect(difficultySum(e, 840_200, 38)).toBeNaN();
    expect(difficultyAt(e, 840_237)).toBeNaN();
  });

  it('bad rows are DecodeErrors with line and field', () => {
    expect(() => parseDifficultyEpochs('0,10,1d00ffff,1\n12,20,1d00ffff,1\n', 'x.csv')).toThrow(new DecodeError({ input: 'x.csv', line: 2, field: 'from_height' }, 'expected 11 (rows must cover every height from 0)'));
    expect(() => parseDifficultyEpochs('0,10,1d00ffff,2\n', 'x.csv')).toThrow(/line|differs from the 1 that bits 1d00ffff encode/);
  });
});
