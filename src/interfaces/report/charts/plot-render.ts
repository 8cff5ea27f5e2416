/**
 * @module Render an Observable Plot spec to SVG markup on the server (linkedom document). Specs must
 * not ask for HTML output (no `legend: true`, no `title`/`caption` figures): legends are composed
 * by `composeSvg`. Plot is loaded on first use so that commands without charts do not pay for it.
 */
import type * as PlotNamespace from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import { createSvgDocument } from '../svg-document.js';

type PlotModule = typeof PlotNamespace;
let plotModule: Promise<PlotModule> | undefined;

export function loadPlot(): Promise<PlotModule> {
  plotModule ??= import('@observablehq/plot');
  return plotModule;
}

/** `<svg …>…</svg>` of a Plot spec, with a fixed class name (Plot's default is already fixed; we pin it). */
export async function renderPlot(options: PlotOptions): Promise<string> {
  const Plot = await loadPlot();
  const node = Plot.plot({ ...options, className: 'nk-plot', document: createSvgDocument() as PlotOptions['document'] }) as unknown as { tagName: string; outerHTML: string };
  if (node.tagName.toLowerCase() !== 'svg') throw new Error(`chart rendered as <${node.tagName}>, not <svg> (a legend or title option made Plot produce HTML)`);
  return node.outerHTML;
}
