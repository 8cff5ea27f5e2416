/**
 * @module Series colours: the report's Observable 10 (readable on light and dark backgrounds), then a second set;
 * the catch-all `Other` is always grey so it reads as "the rest".
 */
import { CATEGORICAL, MORE_COLORS } from '../../../src/interfaces/report/charts/palette.js';

// The shareable report's colours (src/interfaces/report/charts/palette.ts), so an entity ranked i-th has the same
// colour on the dashboard and in the report (issue 14).
const MAIN = CATEGORICAL;
const MORE = MORE_COLORS;
export const OTHER_COLOR = '#8b949e';

export function colors(names: readonly string[]): string[] {
  let i = 0;
  return names.map((n) => (n === 'Other' ? OTHER_COLOR : (MAIN.concat(MORE)[i++ % 20] ?? OTHER_COLOR)));
}
