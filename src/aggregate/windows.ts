/**
 * @module Divide a covered range into windows `[start, end)`: tumbling (step = size) or sliding
 * (smaller step), by time or by block height. Window i starts at anchor + i·step (for every
 * integer i, so the anchor sets the phase); only windows inside the range are returned, unless
 * `partial` also allows a final window that runs past the end of the data.
 */
import { UsageError } from '../domain/errors.js';
import { addDuration, type Duration } from './duration.js';

export type WindowAxis = 'time' | 'height';

export interface Window {
  readonly axis: WindowAxis;
  /** Inclusive start: UTC seconds or block height. */
  readonly start: number;
  /** Exclusive end. */
  readonly end: number;
  /** False when the window runs past the end of the covered range (only with `partial`). */
  readonly complete: boolean;
}

export interface WindowSpec {
  readonly size: Duration;
  readonly step: Duration;
  /** UTC seconds (time axis) or height (block axis). */
  readonly anchor: number;
  readonly partial?: boolean;
}

export const MAX_WINDOWS = 200_000;

export function windowAxis(spec: WindowSpec): WindowAxis {
  const sizeBlocks = spec.size.unit === 'block';
  if (sizeBlocks !== (spec.step.unit === 'block')) {
    throw new UsageError(`invalid step: ${spec.step.text} (a ${spec.size.text} window needs a step in the same kind of unit)`);
  }
  return sizeBlocks ? 'height' : 'time';
}

/** Windows inside `[rangeStart, rangeEnd)` on the spec's axis. */
export function divideWindows(spec: WindowSpec, rangeStart: number, rangeEnd: number): Window[] {
  const axis = windowAxis(spec);
  const out: Window[] = [];
  if (!(rangeEnd > rangeStart)) return out;
  const at = (k: number): number => (axis === 'height' ? spec.anchor + k * spec.step.n : addDuration(spec.anchor, spec.step, k));
  const endOf = (start: number): number => (axis === 'height' ? start + spec.size.n : addDuration(start, spec.size, 1));
  // First index whose start is ≥ rangeStart: estimate, then correct (calendar steps vary in length).
  const approxStep = axis === 'height' ? spec.step.n : Math.max(1, at(1) - at(0));
  let k = Math.ceil((rangeStart - spec.anchor) / approxStep) - 2;
  while (at(k) < rangeStart) k++;
  while (at(k - 1) >= rangeStart) k--;
  for (; ; k++) {
    const start = at(k);
    if (start >= rangeEnd) break;
    const end = endOf(start);
    const complete = end <= rangeEnd;
    if (!complete && !spec.partial) break;
    out.push({ axis, start, end, complete });
    if (out.length > MAX_WINDOWS) throw new UsageError(`too many windows (> ${MAX_WINDOWS}): use a larger --step or a shorter range`);
  }
  return out;
}
