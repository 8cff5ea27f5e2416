/**
 * @module Flow series from Epoch's model databases, one observation per (model, organisation) at
 * the model's publication date (00:00 UTC):
 * - `ai/frontier-models`: weight 1 per frontier model (frontier_ai_models.csv), split evenly among
 *   its organisations; rows Epoch flags `Exclude` are left out unless `includeExcluded`;
 * - `ai/notable-models`: the same for notable_ai_models.csv;
 * - `ai/training-compute`: weight = `Training compute (FLOP)` of each notable model that has one
 *   (notable_ai_models.csv), split evenly among its organisations.
 */
import type { ModelRecord } from '../../decode/epoch-ai/models.js';
import type { Decoded } from '../../decode/epoch-ai/rows.js';
import { describeReport } from '../../decode/epoch-ai/rows.js';
import type { ObservationSeries } from '../../domain/observations.js';
import { toObservationSeries } from '../../domain/observations.js';
import type { AttributionOptions } from './attribute-organisations.js';
import { AttributionTally, formatNumber } from './attribute-organisations.js';

export interface BuiltSeries {
  readonly series: ObservationSeries;
  readonly notes: string[];
}

type Rec = { timeSec: number; entity: string; weight: number };

type Dated = ModelRecord & { readonly publicationSec: number };

/** Models with a publication date, and a note counting those without (which a flow series cannot place). */
function dated(models: readonly ModelRecord[], notes: string[]): Dated[] {
  const out = models.filter((m): m is Dated => m.publicationSec !== undefined);
  if (out.length < models.length) notes.push(`${models.length - out.length} models without a Publication date left out`);
  return out;
}

function attributeModels(models: readonly Dated[], weightOf: (m: Dated) => number, options: AttributionOptions): { records: Rec[]; tally: AttributionTally } {
  const tally = new AttributionTally(options);
  const records: Rec[] = [];
  for (const m of models) {
    const w = weightOf(m);
    for (const s of tally.attribute(m.organization, w)) records.push({ timeSec: m.publicationSec, entity: s.entity, weight: w * s.share });
  }
  return { records, tally };
}

function dateSpan(models: readonly Dated[]): string {
  if (models.length === 0) return 'no models';
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of models) {
    lo = Math.min(lo, m.publicationSec);
    hi = Math.max(hi, m.publicationSec);
  }
  const d = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
  return `publication dates ${d(lo)} .. ${d(hi)}`;
}

export interface FrontierOptions extends AttributionOptions {
  /** Keep rows Epoch marks `Exclude` (default: leave them out, counted in the notes). */
  readonly includeExcluded?: boolean;
}

/** `ai/frontier-models` from frontier_ai_models.csv. */
export function frontierModelsSeries(data: Decoded<ModelRecord>, options: FrontierOptions): BuiltSeries {
  const notes = [describeReport(data.report)];
  const rows = dated(data.rows, notes);
  const excluded = rows.filter((m) => m.excluded);
  const used = options.includeExcluded ? rows : rows.filter((m) => !m.excluded);
  const { records, tally } = attributeModels(used, () => 1, options);
  if (excluded.length > 0) {
    notes.push(
      options.includeExcluded
        ? `${excluded.length} rows flagged Exclude by Epoch kept (includeExcluded)`
        : `${excluded.length} rows flagged Exclude by Epoch left out (${excluded.map((m) => m.model).join('; ')})`,
    );
  }
  notes.push(`${used.length} frontier models, ${dateSpan(used)}`, ...tally.notes('models', '', 'Organization'));
  return { series: toObservationSeries(records, 'flow'), notes };
}

/** `ai/notable-models` from notable_ai_models.csv. */
export function notableModelsSeries(data: Decoded<ModelRecord>, options: AttributionOptions): BuiltSeries {
  const notes = [describeReport(data.report)];
  const rows = dated(data.rows, notes);
  const { records, tally } = attributeModels(rows, () => 1, options);
  notes.push(`${rows.length} notable models, ${dateSpan(rows)}`, ...tally.notes('models', '', 'Organization'));
  return { series: toObservationSeries(records, 'flow'), notes };
}

/**
 * How models derived from a base model count: `total` (default) takes Epoch's `Training compute
 * (FLOP)`, which for a fine-tune includes the base model's compute (counted again when the base is
 * also a row); `incremental` takes `Finetune compute (FLOP)` for rows with a `Base model` and leaves
 * out (counted) derived rows without it.
 */
export type FineTuneCompute = 'total' | 'incremental';

export interface TrainingComputeOptions extends AttributionOptions {
  readonly fineTunes?: FineTuneCompute;
}

/** `ai/training-compute` from notable_ai_models.csv: FLOP per organisation. */
export function trainingComputeSeries(data: Decoded<ModelRecord>, options: TrainingComputeOptions): BuiltSeries {
  const notes = [describeReport(data.report)];
  const rows = dated(data.rows, notes);
  const incremental = options.fineTunes === 'incremental';
  const flop = (m: ModelRecord) => (incremental && m.baseModel !== undefined ? m.finetuneComputeFlop : m.trainingComputeFlop);
  const withCompute = rows.filter((m) => (flop(m) ?? 0) > 0);
  const derived = rows.filter((m) => m.baseModel !== undefined && m.trainingComputeFlop !== undefined);
  const { records, tally } = attributeModels(withCompute, (m) => flop(m)!, options);
  notes.push(
    `${withCompute.length} notable models with a training-compute value (${dateSpan(withCompute)}, total ${formatNumber(tally.weight)} FLOP); ${rows.length - withCompute.length} without one are left out`,
    incremental
      ? `fineTunes 'incremental': ${derived.length} models with a Base model count their Finetune compute only (${derived.filter((m) => m.finetuneComputeFlop === undefined).length} without one are left out)`
      : `fineTunes 'total': ${derived.length} models with a Base model count Epoch's Training compute, which includes the base model's compute`,
    ...tally.notes('models', 'FLOP', 'Organization'),
  );
  return { series: toObservationSeries(records, 'flow'), notes };
}
