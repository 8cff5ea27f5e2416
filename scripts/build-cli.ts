/**
 * `npm run build:cli` (run by `prepare`, so `npm ci` does it): transpiles src/ to JavaScript in dist/
 * (one file per module, same folder layout, so paths resolved from import.meta.url — the project
 * root, migrations, the simulation worker — stay the same) and copies the non-TypeScript assets
 * (SQL migrations). `bin/nakamoto.js` runs dist/; `npm run nakamoto` runs the sources through tsx.
 * Type checking is `npm run typecheck`'s job; this only strips types (esbuild).
 */
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleDuckDbApi } from './bundle-duckdb-api.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Build src/ into `out` (default dist/); returns the number of modules written. */
export async function buildCli(out = DIST): Promise<number> {
  const src = join(ROOT, 'src');
  const files = walk(src);
  const entries = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'));
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: entries,
    outdir: out,
    outbase: src,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    bundle: false,
    logLevel: 'warning',
  });
  for (const f of files.filter((f) => !f.endsWith('.ts'))) {
    const to = join(out, relative(src, f));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(f, to);
  }
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  await bundleDuckDbApi(out, ROOT);
  return entries.length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  const n = await buildCli();
  console.log(`build:cli: ${n} modules → ${relative(process.cwd(), DIST) || 'dist'}/ in ${Math.round(performance.now() - t0)} ms`);
}
