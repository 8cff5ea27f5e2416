/**
 * @module Reading a CSV file (the format itself, pure, is in `decode/csv/csv.ts`; re-exported here
 * for the readers that already import it from this path).
 */
import { parseCsv, type CsvTable } from '../../decode/csv/csv.js';
import { readText } from './read-file.js';

export { optionalColumns, parseCsv, requireColumns, scannerFromTable, scannerFromText, type ColumnSpec, type CsvTable, type RowScanner } from '../../decode/csv/csv.js';

export async function readCsv(path: string): Promise<CsvTable> {
  return parseCsv(await readText(path), path);
}
