/**
 * @module `nakamoto simulate <scenario>`: run N seeded replicates of a scenario (a shipped name or a
 * YAML path) and print each metric's mean and 5–95 % band per step; `simulate sweep` runs a
 * parameter grid; `simulate list` shows the shipped scenarios.
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { UsageError } from '../../../domain/errors.js';
import { pickSteps, summaryJson, summaryRows, SUMMARY_COLUMNS } from '../../../simulate/output-rows.js';
import { runScenario } from '../../../simulate/runner.js';
import { datasetScenarioInputs } from '../../../sources/datasets/simulation-inputs.js';
import { libraryNames, loadScenario } from '../../../sources/scenarios/scenario-files.js';
import { parseParamValue, sweep, type ParamValue } from '../../../simulate/sweep.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows, type OutputFormat, type Row } from '../output.js';
import { createProgress } from '../progress.js';

interface RunFlags {
  runs: string;
  seed: string;
  threads?: string;
  format: string;
  every: string;
}

function whole(text: string, what: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min || Number(text) > max) throw new UsageError(`invalid ${what}: ${text} (expected a whole number ${min}–${max})`);
  return Number(text);
}

function runOptions(f: RunFlags, io: CliIo) {
  const runs = whole(f.runs, '--runs', 1, 100_000);
  const seed = whole(f.seed, '--seed', 0, Number.MAX_SAFE_INTEGER);
  const threads = f.threads === undefined ? Math.min(runs, availableParallelism()) : whole(f.threads, '--threads', 0, 256);
  return { runs, seed, threads, inputs: datasetScenarioInputs(io.env) };
}

function addRunFlags(cmd: Command): Command {
  return cmd
    .option('--runs <n>', 'number of replicates', '20')
    .option('--seed <s>', 'seed (replicate r uses stream (seed, r))', '1')
    .option('--threads <t>', 'worker threads (0 = in this thread); default: min(runs, cores)')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--every <k>', 'print every k-th recorded step (the last is always printed)', '1');
}

/** `--param path=v1,v2` (repeatable) → { path: [values] }. */
export function parseParams(list: readonly string[]): Record<string, ParamValue[]> {
  if (list.length === 0) throw new UsageError('simulate sweep: give at least one --param path=v1,v2,…');
  const out: Record<string, ParamValue[]> = {};
  for (const p of list) {
    const eq = p.indexOf('=');
    if (eq <= 0 || eq === p.length - 1) throw new UsageError(`invalid --param: ${p} (expected path=v1,v2,…, e.g. economics.reinvest01=0.1,0.2)`);
    out[p.slice(0, eq).trim()] = p.slice(eq + 1).split(',').map(parseParamValue);
  }
  return out;
}

async function runCommand(name: string, f: RunFlags, io: CliIo): Promise<void> {
  const format: OutputFormat = parseFormat(f.format);
  const every = whole(f.every, '--every', 1, 1_000_000);
  const o = runOptions(f, io);
  const scenario = await loadScenario(name, io.cwd);
  const progress = createProgress(io, 'runs');
  const t0 = performance.now();
  let result;
  try {
    result = await runScenario(scenario, { ...o, onProgress: (d, t) => progress.update(d, t, scenario.name) });
  } finally {
    progress.stop();
  }
  const s = result.summary;
  if (format === 'json') {
    io.stdout(JSON.stringify({ scenario: scenario.name, model: scenario.model, description: scenario.description, seed: o.seed, ...(summaryJson(s) as object) }, null, 2) + '\n');
    return;
  }
  const header = `# ${scenario.name} (${scenario.model}): ${scenario.description}\n# ${o.runs} runs, seed ${o.seed}, ${o.threads} threads, ${((performance.now() - t0) / 1000).toFixed(1)} s; mean and 5–95 % band over runs\n`;
  if (format === 'table') io.stdout(header);
  else io.stderr(header);
  io.stdout(renderRows(summaryRows(s, pickSteps(s.steps.length, every)) as Row[], SUMMARY_COLUMNS, format));
}

interface SweepFlags extends RunFlags {
  param: string[];
}

async function sweepCommand(name: string, f: SweepFlags, io: CliIo): Promise<void> {
  const format = parseFormat(f.format);
  const params = parseParams(f.param);
  const o = runOptions(f, io);
  const scenario = await loadScenario(name, io.cwd);
  const progress = createProgress(io, 'runs');
  let points;
  try {
    points = await sweep(scenario, params, { ...o, onProgress: (d, t) => progress.update(d, t, scenario.name) });
  } finally {
    progress.stop();
  }
  const paths = Object.keys(params);
  const rows: Row[] = [];
  for (const p of points) {
    const last = p.summary.steps.length - 1;
    for (const [dist, metrics] of Object.entries(p.summary.metrics)) {
      for (const [id, b] of Object.entries(metrics)) {
        const cell = (x: number) => (Number.isNaN(x) ? null : x);
        rows.push({ ...p.params, step: p.summary.steps[last], distribution: dist, metric: id, mean: cell(b.mean[last]!), p05: cell(b.p05[last]!), p95: cell(b.p95[last]!) });
      }
    }
  }
  const columns = [...paths, 'step', 'distribution', 'metric', 'mean', 'p05', 'p95'];
  if (format === 'table') io.stdout(`# sweep of ${scenario.name}: ${points.length} points × ${o.runs} runs, seed ${o.seed}; final step, mean and 5–95 % band\n`);
  io.stdout(renderRows(rows, columns, format));
}

async function listCommand(io: CliIo, format: OutputFormat): Promise<void> {
  const rows: Row[] = [];
  for (const name of libraryNames()) {
    const s = await loadScenario(name);
    rows.push({ name, model: s.model, description: s.description });
  }
  io.stdout(renderRows(rows, ['name', 'model', 'description'], format));
}

/**
 * One command with a leading word: `simulate list`, `simulate sweep <scenario>`, else
 * `simulate <scenario>`. (Not commander subcommands: the root program parses options anywhere, so a
 * subcommand's `--format` would be taken by its parent.) `list` and `sweep` are reserved names.
 */
export function register(program: Command, io: CliIo): void {
  const sim = program
    .command('simulate')
    .description('Simulate why power concentrates. `simulate <scenario>` runs N seeded replicates; `simulate sweep <scenario> --param path=v1,v2` runs a grid; `simulate list` shows the shipped scenarios.')
    .argument('<scenario|list|sweep>', 'shipped scenario name (see `simulate list`) or path to a .yaml file; or `list`, or `sweep`')
    .argument('[scenario]', 'with `sweep`: the scenario to sweep')
    .option('--param <path=values>', 'with `sweep`: dot path and comma-separated values, e.g. economics.reinvest01=0.1,0.3 (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[]);
  addRunFlags(sim).action(async (first: string, second: string | undefined, f: SweepFlags) => {
    if (first === 'list') {
      if (second !== undefined) throw new UsageError(`unexpected argument: ${second} (simulate list takes none)`);
      return listCommand(io, parseFormat(f.format));
    }
    if (first === 'sweep') {
      if (second === undefined) throw new UsageError('simulate sweep: missing <scenario>');
      return sweepCommand(second, f, io);
    }
    if (second !== undefined) throw new UsageError(`unexpected argument: ${second} (did you mean \`simulate sweep ${first}\`?)`);
    if (f.param.length > 0) throw new UsageError('--param is only for `simulate sweep`');
    return runCommand(first, f, io);
  });
}
