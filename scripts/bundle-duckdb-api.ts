/**
 * Part of `npm run build:cli`: `@duckdb/node-api` as one ES module in `<out>/node_modules/` (esbuild
 * bundle; the native `@duckdb/node-bindings` stays external and is found in the project's
 * node_modules). The package is ~190 CommonJS files: loading them one by one, and Node's scan of each
 * for its ESM exports, cost ~0.15 s at every start of a command that opens a store (a third of a
 * whole ingest). The compiled modules import `@duckdb/node-api` unchanged; Node resolves the bare
 * name to this bundle because it is the nearest node_modules folder above them. The sources (tsx,
 * vitest) keep using the package itself.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function bundleDuckDbApi(out: string, root: string): Promise<void> {
  const require = createRequire(join(root, 'package.json'));
  const pkgJson = require.resolve('@duckdb/node-api/package.json');
  const pkg = require(pkgJson) as { version: string; main: string };
  const dir = join(out, 'node_modules/@duckdb/node-api');
  mkdirSync(dir, { recursive: true });
  // An ES module needs its export names stated: take them from the package itself.
  const entry = join(pkgJson, '..', pkg.main);
  const names = Object.keys(require(entry) as object).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
  await build({
    stdin: { contents: `import api from ${JSON.stringify(entry)};\nexport default api;\nexport const { ${names.join(', ')} } = api;\n`, resolveDir: root, loader: 'js' },
    outfile: join(dir, 'index.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@duckdb/node-bindings'],
    // The bundle's require() of the native bindings, from an ES module.
    banner: { js: "import { createRequire as __nkCreateRequire } from 'node:module'; const require = __nkCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@duckdb/node-api', version: pkg.version, type: 'module', main: 'index.js', exports: './index.js', private: true }, null, 2) + '\n');
}
