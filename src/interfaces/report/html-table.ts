/**
 * @module The report's HTML table and percentage formatting, shared by every section (kept apart from
 * html-sections.ts so that sections which report-data.ts depends on do not import the sections list).
 */
import { escapeXml as esc } from './svg-document.js';

export const pct = (x: number | null | undefined, d = 1): string => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(d)}%`);

export function table(head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[] = []): string {
  const th = head.map((h, j) => `<th${numeric[j] ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, j) => `<td${numeric[j] ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
