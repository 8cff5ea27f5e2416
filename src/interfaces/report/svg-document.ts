/**
 * @module Server-side SVG for Observable Plot: a linkedom document to render into, and the
 * composition of a standalone SVG file (title, plot, legend, source note) with `xmlns` set, no
 * scripts and no external references.
 */
import { parseHTML } from 'linkedom';

/** A fresh DOM document for one Plot render (Plot only needs createElementNS and friends). */
export function createSvgDocument(): unknown {
  return parseHTML('<!doctype html><html><head></head><body></body></html>').document;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface LegendItem {
  readonly label: string;
  readonly color: string;
  /** `swatch` (filled square, default) or `line` (a short stroke, for line series). */
  readonly kind?: 'swatch' | 'line' | 'band';
}

export interface StandaloneSvg {
  readonly width: number;
  /** Plot's `<svg …>…</svg>` markup (as rendered into the linkedom document). */
  readonly plot: string;
  readonly plotHeight: number;
  readonly title: string;
  readonly subtitle?: string;
  readonly legend?: readonly LegendItem[];
  readonly note?: string;
}

const TITLE_H = 22;
const SUBTITLE_H = 16;
const LEGEND_ROW_H = 16;
const NOTE_H = 16;
const FONT = 'system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif';

/** Legend items laid out in rows that fit the width (approximate text width: 6.2 px per character). */
function legendRows(items: readonly LegendItem[], width: number): { item: LegendItem; x: number; row: number }[] {
  const out: { item: LegendItem; x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const w = 18 + Math.ceil(item.label.length * 6.2) + 14;
    if (x > 0 && x + w > width - 8) {
      x = 0;
      row++;
    }
    out.push({ item, x, row });
    x += w;
  }
  return out;
}

function legendMarkup(items: readonly LegendItem[], width: number, y0: number): { markup: string; height: number } {
  if (items.length === 0) return { markup: '', height: 0 };
  const rows = legendRows(items, width);
  const parts = rows.map(({ item, x, row }) => {
    const y = y0 + row * LEGEND_ROW_H;
    const c = escapeXml(item.color);
    const mark =
      item.kind === 'line'
        ? `<line x1="${x + 8}" x2="${x + 20}" y1="${y + 7}" y2="${y + 7}" stroke="${c}" stroke-width="2"/>`
        : item.kind === 'band'
          ? `<rect x="${x + 8}" y="${y + 2}" width="12" height="10" fill="${c}" fill-opacity="0.25"/>`
          : `<rect x="${x + 8}" y="${y + 2}" width="12" height="10" fill="${c}"/>`;
    return `${mark}<text x="${x + 24}" y="${y + 11}">${escapeXml(item.label)}</text>`;
  });
  const nRows = rows.length ? rows[rows.length - 1]!.row + 1 : 0;
  return { markup: `<g class="legend" font-size="11">${parts.join('')}</g>`, height: nRows * LEGEND_ROW_H + 4 };
}

/** Give Plot's root `<svg>` the SVG namespace and place it at vertical offset `y`. */
function placePlot(plot: string, y: number): string {
  return plot.replace(/^<svg\b/, `<svg xmlns="http://www.w3.org/2000/svg" x="0" y="${y}"`);
}

/** One standalone SVG file: title, optional subtitle, legend, the plot, and a source note. */
export function composeSvg(s: StandaloneSvg): string {
  let y = TITLE_H;
  const head = [`<text x="8" y="16" font-size="14" font-weight="600">${escapeXml(s.title)}</text>`];
  if (s.subtitle) {
    head.push(`<text x="8" y="${y + 11}" font-size="11" fill="#555">${escapeXml(s.subtitle)}</text>`);
    y += SUBTITLE_H;
  }
  const legend = legendMarkup(s.legend ?? [], s.width, y + 2);
  y += legend.height + 2;
  const plotY = y;
  y += s.plotHeight;
  const note = s.note ? `<text x="8" y="${y + 12}" font-size="10" fill="#666">${escapeXml(s.note)}</text>` : '';
  if (s.note) y += NOTE_H;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${s.width}" height="${y}" viewBox="0 0 ${s.width} ${y}" font-family="${escapeXml(FONT)}" font-size="10">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    head.join('') +
    legend.markup +
    placePlot(s.plot, plotY) +
    note +
    `</svg>\n`
  );
}
