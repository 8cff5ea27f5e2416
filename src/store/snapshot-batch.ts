/**
 * @module Checks every backend runs on a snapshot batch before writing it: one snapshot per
 * (dataset, subject, time) and whole-second times, so that a bad batch fails the same way
 * everywhere and nothing is written.
 */
import { DecodeError } from '../domain/errors.js';
import type { SnapshotBatch } from './store.js';

export function checkSnapshotBatch(batch: SnapshotBatch): void {
  const seen = new Set<string>();
  for (const x of batch.snapshots) {
    const key = `${x.dataset}\n${x.subject}\n${x.timeSec}`;
    const at = `${x.dataset} ${x.subject} at ${Number.isFinite(x.timeSec) ? new Date(x.timeSec * 1000).toISOString() : String(x.timeSec)}`;
    if (!Number.isSafeInteger(x.timeSec)) throw new DecodeError({ input: batch.input, field: 'time' }, `snapshot ${at}: time is not a whole number of UTC seconds`);
    if (seen.has(key)) throw new DecodeError({ input: batch.input, field: 'time' }, `two snapshots of ${at}: one snapshot per subject and time; nothing was written`);
    seen.add(key);
  }
}
