/**
 * @module The Observable Plot module as the chart specs receive it: the report passes the module it
 * loads on first use (server, linkedom document), the dashboard the module it bundles (browser).
 * Specs only build options; rendering stays in each interface.
 */
import type * as PlotNamespace from '@observablehq/plot';

export type PlotModule = typeof PlotNamespace;
export type { PlotOptions, Markish } from '@observablehq/plot';

/** What every spec builder takes besides its data. */
export interface SpecOptions {
  readonly width: number;
  readonly height?: number;
  /** Browser: pointer tips and Plot's own HTML legend. Server: neither (the report composes its legend). */
  readonly interactive?: boolean;
}

/** A spec and the colour of each series, in legend order (the report draws its legend from these). */
export interface ChartSpec {
  readonly options: PlotNamespace.PlotOptions;
  readonly legend: readonly { readonly label: string; readonly color: string }[];
}
