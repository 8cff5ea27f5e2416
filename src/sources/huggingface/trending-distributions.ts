/**
 * @module Hugging Face trending distributions from a time series of trending snapshots:
 * `trendingSlots` (flow: each model in a snapshot's trending list gives its author weight 1, so a
 * window sums to the author's trending slots over every snapshot inside it) and
 * `trendingDownloads` (stock: per snapshot, the Hub's 30-day downloads of the author's trending
 * models, summed; a window reads its last snapshot). Models without a download count are left out
 * of the stock and counted in the notes.
 */
import { toObservationSeries } from '../../domain/observations.js';
import type { TrendingSnapshot } from '../../decode/huggingface/trending.js';
import type { SeriesWithNotes } from './distributions.js';

const iso = (sec: number): string => new Date(sec * 1000).toISOString().replace('.000Z', 'Z');

function span(snaps: readonly TrendingSnapshot[]): string {
  return snaps.length === 0 ? 'no snapshots' : `${snaps.length} snapshots, ${iso(snaps[0]!.timeSec)} → ${iso(snaps[snaps.length - 1]!.timeSec)}`;
}

export function trendingSlots(snaps: readonly TrendingSnapshot[]): SeriesWithNotes {
  const records = snaps.flatMap((s) => s.models.map((m) => ({ timeSec: s.timeSec, entity: m.author, weight: 1 })));
  const authors = new Set(records.map((r) => r.entity));
  return {
    series: toObservationSeries(records, 'flow'),
    notes: [
      `${span(snaps)}; ${records.length} trending slots held by ${authors.size} authors`,
      'weight = trending slots: each model on a snapshot\'s list counts 1 for its author; a window sums every snapshot inside it, so snapshot frequency (irregular: the scraper saved a list only when a new model entered) weighs each list',
    ],
  };
}

export function trendingDownloads(snaps: readonly TrendingSnapshot[]): SeriesWithNotes {
  const records: { timeSec: number; entity: string; weight: number }[] = [];
  let missing = 0;
  for (const s of snaps) {
    const sums = new Map<string, number>();
    for (const m of s.models) {
      if (m.downloads30d === null) {
        missing++;
        continue;
      }
      sums.set(m.author, (sums.get(m.author) ?? 0) + m.downloads30d);
    }
    for (const [entity, weight] of sums) records.push({ timeSec: s.timeSec, entity, weight });
  }
  return {
    series: toObservationSeries(records, 'stock'),
    notes: [
      `${span(snaps)}; weight = the Hub's rolling 30-day downloads of the author's models on that trending list (a stock: a window reads its last snapshot)`,
      `${missing} trending entries without a download count left out`,
    ],
  };
}
