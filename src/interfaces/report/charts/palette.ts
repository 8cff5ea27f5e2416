/**
 * @module Colours of the report's charts: Observable's 10-colour categorical scheme (the Plot
 * default), and grey for `Other`. Given explicitly so the composed legends match the marks.
 */
export const CATEGORICAL: readonly string[] = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#9498a0'];
export const OTHER_COLOR = '#c9c9c9';

/** A colour per name in order, `Other` grey. */
export function colorsFor(names: readonly string[]): string[] {
  let k = 0;
  return names.map((n) => (n === 'Other' ? OTHER_COLOR : CATEGORICAL[k++ % CATEGORICAL.length]!));
}

/** `2024-01-01` → Date at UTC midnight (Plot treats Dates on a UTC time scale). */
export function utcDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
