/**
 * @module Bitcoin's difficulty retarget, as consensus computes it (Bitcoin Core
 * `CalculateNextWorkRequired` + `arith_uint256::GetCompact`), used to extend the difficulty-epochs
 * dataset (heights 0–840,236) with the retargets that block timestamps imply. Every retarget the
 * file and the timestamps both cover is recomputed and compared first, so the extension is only
 * as trusted as that check. The runs of equal bits and their lookup are the difficulty-epochs
 * dataset's own (`src/sources/bitcoin/difficulty-epochs.ts`); only the retarget rule is here.
 */
import { difficultyFromBits, targetFromBits } from '../../decode/bitcoin/header.js';
import { epochIndex, type DifficultyEpochs } from '../../decode/bitcoin/difficulty-epochs.js';

export const RETARGET_INTERVAL = 2016;
/** Two weeks: `nPowTargetTimespan`. */
export const TARGET_TIMESPAN_SEC = 14 * 24 * 3600;
/** Mainnet `powLimit`: 0x00000000ffff…ff (2²²⁴ − 1). */
export const POW_LIMIT = (1n << 224n) - 1n;

/** `arith_uint256::GetCompact`: 256-bit target → compact bits (mantissa truncated to 3 bytes). */
export function compactFromTarget(target: bigint): number {
  if (target < 0n) throw new RangeError('compactFromTarget: negative target');
  let size = target === 0n ? 0 : Math.ceil(target.toString(2).length / 8);
  let compact = size <= 3 ? Number(target << BigInt(8 * (3 - size))) : Number(target >> BigInt(8 * (size - 3)));
  if (compact & 0x00800000) {
    compact >>>= 8;
    size++;
  }
  return (compact | (size << 24)) >>> 0;
}

/**
 * The bits of the period that follows a period whose last block has `lastBits`, given the time
 * between the period's first and last block (`nActualTimespan`, clamped to [T/4, 4T]).
 */
export function retargetBits(lastBits: number, actualTimespanSec: number): number {
  if (!Number.isFinite(actualTimespanSec)) throw new RangeError(`retargetBits: timespan must be finite, got ${actualTimespanSec}`);
  const target = targetFromBits(lastBits);
  if (target === null) throw new RangeError(`retargetBits: invalid bits ${lastBits.toString(16)}`);
  const span = Math.min(Math.max(Math.trunc(actualTimespanSec), TARGET_TIMESPAN_SEC / 4), TARGET_TIMESPAN_SEC * 4);
  let next = (target * BigInt(span)) / BigInt(TARGET_TIMESPAN_SEC);
  if (next > POW_LIMIT) next = POW_LIMIT;
  return compactFromTarget(next);
}

/** Runs of equal bits over heights: the difficulty-epochs dataset, or it extended by `extendEpochs`. */
export type EpochRuns = DifficultyEpochs;

/** Bits at a height inside the runs (binary search). */
export function bitsAt(e: EpochRuns, height: number): number {
  if (height < 0 || height > e.lastHeight) throw new RangeError(`bitsAt: height ${height} outside 0–${e.lastHeight}`);
  return e.bits[epochIndex(e, height)]!;
}

export interface RetargetMismatch {
  readonly height: number;
  readonly fileBits: number;
  readonly computedBits: number;
}

export interface ExtendedEpochs {
  readonly epochs: EpochRuns;
  /** Retargets inside the file recomputed from timestamps and found equal. */
  readonly verified: number;
  readonly mismatches: readonly RetargetMismatch[];
  /** Periods added after the file's last height. */
  readonly derivedPeriods: number;
  /** First height whose bits come from the timestamps (null when nothing was added). */
  readonly derivedFrom: number | null;
}

/**
 * Recompute every retarget at heights H (multiples of 2016) where the file covers H and
 * `timeAt(H − 1)`, `timeAt(H − 2016)` are known, then extend past the file's last height while
 * timestamps are known, up to `lastHeight`. The partial period after the file keeps the bits of
 * its last row. Stops (without error) at the first retarget whose timestamps are missing.
 */
export function extendEpochs(e: EpochRuns, timeAt: (height: number) => number | undefined, lastHeight: number): ExtendedEpochs {
  const mismatches: RetargetMismatch[] = [];
  let verified = 0;
  for (let h = RETARGET_INTERVAL; h <= e.lastHeight; h += RETARGET_INTERVAL) {
    const t1 = timeAt(h - 1);
    const t0 = timeAt(h - RETARGET_INTERVAL);
    if (t1 === undefined || t0 === undefined) continue;
    const computed = retargetBits(bitsAt(e, h - 1), t1 - t0);
    const fileBits = bitsAt(e, h);
    if (computed === fileBits) verified++;
    else mismatches.push({ height: h, fileBits, computedBits: computed });
  }
  const from = [...e.from];
  const to = [...e.to];
  const bits = [...e.bits];
  let derivedPeriods = 0;
  let derivedFrom: number | null = null;
  // Bits only change at retargets, so the file's last (partial) period runs to the next boundary.
  let h = Math.floor(e.lastHeight / RETARGET_INTERVAL) * RETARGET_INTERVAL + RETARGET_INTERVAL;
  to[to.length - 1] = Math.max(e.lastHeight, Math.min(h - 1, lastHeight));
  for (; h <= lastHeight; h += RETARGET_INTERVAL) {
    const t1 = timeAt(h - 1);
    const t0 = timeAt(h - RETARGET_INTERVAL);
    if (t1 === undefined || t0 === undefined) break;
    from.push(h);
    to.push(Math.min(h + RETARGET_INTERVAL - 1, lastHeight));
    bits.push(retargetBits(bits[bits.length - 1]!, t1 - t0));
    derivedPeriods++;
    derivedFrom ??= h;
  }
  const covered = to[to.length - 1]!;
  if (covered === e.lastHeight) return { epochs: e, verified, mismatches, derivedPeriods, derivedFrom };
  return {
    epochs: {
      file: `${e.file} + ${derivedPeriods} retargets derived from block timestamps (heights ${e.lastHeight + 1}–${covered})`,
      from: Int32Array.from(from),
      to: Int32Array.from(to),
      bits: Uint32Array.from(bits),
      difficulty: Float64Array.from(bits, (b) => difficultyFromBits(b)),
      lastHeight: covered,
    },
    verified,
    mismatches,
    derivedPeriods,
    derivedFrom,
  };
}
