/**
 * @module What one replicate returns, and the recorder that turns per-step distributions into
 * metric series through the project's metrics engine (computeMetrics), so every concentration
 * figure of a simulation is computed exactly like those of observed data.
 */
import { UsageError } from '../domain/errors.js';
import { computeMetrics, getMetric, type Metric } from '../metrics/index.js';

/** One replicate: metric values per distribution per recorded step (NaN where a metric is undefined). */
export interface ReplicateResult {
  /** Label of each recorded step (ISO date, or `final` for a block race). */
  readonly steps: readonly string[];
  /** distribution → metric id → value per step. */
  readonly metrics: Record<string, Record<string, Float64Array>>;
  /** distribution → entity label → share01 per step (small labelled distributions only). */
  readonly shares: Record<string, Record<string, Float64Array>>;
  /** Other per-step quantities (network hash rate, price, …), name with unit. */
  readonly series: Record<string, Float64Array>;
}

export class Recorder {
  private readonly metricList: Metric[];
  private readonly steps: string[] = [];
  private readonly metricRows = new Map<string, Map<string, number[]>>();
  private readonly shareRows = new Map<string, Map<string, number[]>>();
  private readonly seriesRows = new Map<string, number[]>();

  constructor(metricIds: readonly string[]) {
    this.metricList = metricIds.map(getMetric);
  }

  /** Start a new step; the following `distribution`/`value` calls belong to it. */
  step(label: string): void {
    this.steps.push(label);
  }

  private cell<T>(map: Map<string, T>, key: string, make: () => T): T {
    let v = map.get(key);
    if (v === undefined) map.set(key, (v = make()));
    return v;
  }

  private put(row: number[], value: number): void {
    const at = this.steps.length - 1;
    while (row.length < at) row.push(NaN);
    row[at] = value;
  }

  /**
   * Metrics of a distribution at the current step; with `labels`, also the share of each labelled
   * entity (labels may cover only the first entries, e.g. named pools before anonymous solo miners).
   */
  distribution(name: string, weights: Float64Array, labels?: readonly string[]): void {
    for (let i = 0; i < weights.length; i++) {
      if (!Number.isFinite(weights[i]!)) throw new UsageError(`invalid scenario: ${name} at step ${this.steps.at(-1) ?? 0} is ${weights[i]} for entity ${i} (the parameters overflow double precision: use smaller values)`);
    }
    const values = computeMetrics({ labels: labels ?? [], weights }, this.metricList);
    const byMetric = this.cell(this.metricRows, name, () => new Map<string, number[]>());
    for (const m of this.metricList) this.put(this.cell(byMetric, m.id, () => []), values[m.id] ?? NaN);
    if (!labels) return;
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i]!;
    const byLabel = this.cell(this.shareRows, name, () => new Map<string, number[]>());
    labels.forEach((l, i) => this.put(this.cell(byLabel, l, () => []), total > 0 ? weights[i]! / total : NaN));
  }

  value(name: string, v: number): void {
    this.put(this.cell(this.seriesRows, name, () => []), v);
  }

  result(): ReplicateResult {
    const n = this.steps.length;
    const pad = (row: number[]): Float64Array => {
      const out = new Float64Array(n).fill(NaN);
      out.set(row.slice(0, n));
      return out;
    };
    const nested = (m: Map<string, Map<string, number[]>>) =>
      Object.fromEntries([...m].map(([k, inner]) => [k, Object.fromEntries([...inner].map(([id, row]) => [id, pad(row)]))]));
    return {
      steps: [...this.steps],
      metrics: nested(this.metricRows),
      shares: nested(this.shareRows),
      series: Object.fromEntries([...this.seriesRows].map(([k, row]) => [k, pad(row)])),
    };
  }
}
