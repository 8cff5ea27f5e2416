/**
 * @module Series colours: Tableau 10 (readable on light and dark backgrounds), then a second set;
 * the catch-all `Other` is always grey so it reads as "the rest".
 */
const MAIN = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const MORE = ['#1f77b4', '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2', '#dbdb8d', '#9edae5'];
export const OTHER_COLOR = '#8b949e';

export function colors(names: readonly string[]): string[] {
  let i = 0;
  return names.map((n) => (n === 'Other' ? OTHER_COLOR : (MAIN.concat(MORE)[i++ % 20] ?? OTHER_COLOR)));
}
