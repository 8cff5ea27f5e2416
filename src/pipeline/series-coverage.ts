/**
 * @module Coverage of non-block series (AI distributions): the range windows may cover.
 * Flows: from 1 January of the first observation's year to the first day of the month after the
 * last observation (so a year is complete once its December has data). Stocks: from 1 January of
 * the first snapshot's year to the end of the last snapshot's UTC day (a window is meaningful
 * whenever it contains a snapshot, the snapshot's own day included; windows without one are empty).
 */
import { DAY_SEC, startOfDay } from '../aggregate/duration.js';
import type { ObservationSeries } from '../domain/observations.js';
import type { Coverage } from './series-source.js';

export function seriesCoverage(series: ObservationSeries): Coverage {
  const n = series.timeSec.length;
  if (n === 0 || Number.isNaN(series.timeSec[0]!)) return { time: null, height: null };
  const first = new Date(series.timeSec[0]! * 1000);
  const last = new Date(series.timeSec[n - 1]! * 1000);
  const start = Date.UTC(first.getUTCFullYear(), 0, 1) / 1000;
  const end = series.kind === 'flow' ? Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 1) / 1000 : startOfDay(series.timeSec[n - 1]!) + DAY_SEC;
  return { time: { start, end }, height: null };
}
