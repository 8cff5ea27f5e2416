#!/usr/bin/env node
// Entry point: registers tsx so the TypeScript sources run without a build step, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/interfaces/cli/main.ts');
process.exitCode = await main(process.argv);
