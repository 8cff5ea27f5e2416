/**
 * @module How the energy notes and assumptions print a file path.
 */
import { PROJECT_ROOT } from '../../sources/files/datasets-path.js';

/** A path as printed: `datasets/…` inside the datasets folder, repository-relative inside the project. */
export function shortPath(path: string, datasetsRoot: string): string {
  if (path.startsWith(`${datasetsRoot}/`)) return `datasets/${path.slice(datasetsRoot.length + 1)}`;
  if (path.startsWith(`${PROJECT_ROOT}/`)) return path.slice(PROJECT_ROOT.length + 1);
  return path;
}
