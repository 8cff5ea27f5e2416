#!/usr/bin/env node
// Entry point: runs the compiled CLI in dist/ (built by `npm ci` through `prepare`, or `npm run build:cli`).
// During development `npm run nakamoto -- …` runs the TypeScript sources through tsx instead.
import { existsSync } from 'node:fs';

const built = new URL('../dist/interfaces/cli/main.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('nakamoto: the compiled CLI is missing (dist/): run `npm run build:cli` (or `npm ci`), or use `npm run nakamoto -- …` to run the sources\n');
  process.exit(1);
}
const { main } = await import(built.href);
process.exitCode = await main(process.argv);
