/**
 * @module Colours of the report's charts AND the dashboard's (one palette, so an entity ranked i-th
 * has the same colour in both): Observable's 10-colour categorical scheme (the Plot default) with
 * its grey replaced by dark gold — grey means `Other` only. Given explicitly so the composed legends
 * match the marks.
 */
export const CATEGORICAL: readonly string[] = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#b8860b'];
export const OTHER_COLOR = '#c9c9c9';
/** Beyond the first ten series (e.g. the contrast chart's eleven or more): further distinct colours, so no two series share one. */
export const MORE_COLORS: readonly string[] = ['#17becf', '#8c564b', '#e377c2', '#bcbd22', '#1b9e77', '#7570b3', '#d95f02', '#66a61e', '#e6ab02', '#a6761d'];
/** The i-th series colour (CATEGORICAL, then MORE_COLORS): the report and the dashboard use the same. */
export function seriesColor(i: number): string {
  return i < CATEGORICAL.length ? CATEGORICAL[i]! : MORE_COLORS[(i - CATEGORICAL.length) % MORE_COLORS.length]!;
}

/** A colour per name in order, `Other` grey. */
export function colorsFor(names: readonly string[]): string[] {
  let k = 0;
  // Ten categorical colours, then ten more (never a repeat before the twentieth series), as the dashboard.
  return names.map((n) => (n === 'Other' ? OTHER_COLOR : seriesColor(k++)));
}

/** `2024-01-01` → Date at UTC midnight (Plot treats Dates on a UTC time scale). */
export function utcDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
