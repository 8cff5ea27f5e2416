/**
 * @module The metric-definitions query behind `GET /api/metric-definitions` and the MCP tool
 * `explain_metric`: what a metric id means, from the two places that define it — the metric registry
 * (id, one-line description, range; parameterised ids validated) and docs/metrics.md (the table
 * "The metrics": exact formula, scale, notes; the pinned conventions that mention it; the rules
 * shared by every metric). The documentation is read, not copied, so the answer cannot drift from it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NotFoundError } from '../../domain/errors.js';
import { DEFAULT_METRIC_IDS, getMetric, knownMetricIds } from '../../metrics/index.js';
import { PROJECT_ROOT } from '../../sources/files/datasets-path.js';

export const METRICS_DOC = 'docs/metrics.md';

export interface MetricDefinition {
  readonly id: string;
  /** The id as docs/metrics.md writes it (`tau-index=t` for `tau-index=0.66`). */
  readonly family: string;
  readonly description: string;
  /** Closed range; `null` upper bound = depends on the number of entities. */
  readonly range: readonly [number, number | null];
  readonly definition: string;
  readonly scale: string;
  readonly notes: string;
  /** In the default column set of `nakamoto metrics`. */
  readonly default: boolean;
}

export interface MetricConvention {
  readonly question: string;
  readonly pinned: string;
  readonly alternative: string;
}

export interface MetricDefinitionsResult {
  readonly doc: string;
  readonly metrics: readonly MetricDefinition[];
  /** With one metric: the pinned conventions that mention it (docs/metrics.md). */
  readonly conventions?: readonly MetricConvention[];
  /** With one metric: the rules every metric follows (empty input, order, zero weights, scale). */
  readonly rules?: readonly { readonly rule: string; readonly behaviour: string }[];
}

/** The data rows of the first Markdown table after the heading `## <title>`, as trimmed cells. */
export function markdownTable(markdown: string, title: string): string[][] {
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => l.trim() === `## ${title}`);
  if (at < 0) return [];
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines.slice(at + 1)) {
    if (line.startsWith('## ')) break;
    const t = line.trim();
    if (!t.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    // Split on pipes that are not inside backticks (formulas such as `│xᵢ − xⱼ│` use a box-drawing bar).
    const cells = t.slice(1, t.endsWith('|') ? -1 : undefined).split('|').map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    rows.push(cells);
  }
  return rows.slice(1); // the header row
}

/** A cell that is one code span loses its backticks; anything else stays Markdown. */
const unquote = (cell: string) => cell.replace(/^`([^`]*)`$/, '$1');

/** `tau-index=0.66` → `tau-index`; `hhi` → `hhi`. */
const familyOf = (id: string) => id.split('=')[0]!;

function definitionOf(id: string, table: readonly string[][]): MetricDefinition {
  const metric = getMetric(id); // validates the id (and its parameter), UsageError otherwise
  const family = familyOf(metric.id);
  const row = table.find((r) => familyOf(unquote(r[0] ?? '')) === family);
  if (!row) throw new NotFoundError(`metric ${metric.id} has no row in ${METRICS_DOC} (table "The metrics")`);
  return {
    id: metric.id,
    family: unquote(row[0]!),
    description: metric.description,
    range: metric.range,
    definition: unquote(row[1] ?? ''),
    scale: row[2] ?? '',
    notes: row[3] ?? '',
    default: DEFAULT_METRIC_IDS.includes(metric.id),
  };
}

/** One metric (by id, parameter included), or every known metric when `metric` is absent. */
export async function queryMetricDefinitions(q: { readonly metric?: string }, docPath = join(PROJECT_ROOT, METRICS_DOC)): Promise<MetricDefinitionsResult> {
  const markdown = await readFile(docPath, 'utf8');
  const table = markdownTable(markdown, 'The metrics');
  if (q.metric === undefined) return { doc: METRICS_DOC, metrics: knownMetricIds().map((id) => definitionOf(id, table)) };
  const one = definitionOf(q.metric, table);
  const mentions = (cell: string) => new RegExp('`' + one.family.split('=')[0]!.replace(/[-]/g, '\\-') + '(`|=)').test(cell);
  const conventions = markdownTable(markdown, 'Pinned conventions (and where to get the other one)')
    .filter((r) => r.some(mentions))
    .map((r) => ({ question: r[0] ?? '', pinned: r[1] ?? '', alternative: r[2] ?? '' }));
  const rules = markdownTable(markdown, 'Rules shared by every metric').map((r) => ({ rule: r[0] ?? '', behaviour: r[1] ?? '' }));
  return { doc: METRICS_DOC, metrics: [one], conventions, rules };
}
