/**
 * `npm run bench [-- name…]`: runs every bench/*.bench.ts (or those whose name contains an
 * argument) and prints their figures. Figures are printed, never asserted: speed is tracked here,
 * not by timed tests.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

for (const f of files) {
  console.log(`\n== ${f.replace('.bench.ts', '')}`);
  const mod = (await import(pathToFileURL(`${dir}/${f}`).href)) as { run: (log: (line: string) => void) => Promise<void> };
  await mod.run((line) => console.log(`  ${line}`));
}
