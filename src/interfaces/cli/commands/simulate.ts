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
import { parseParamValue, sweep, type ParamValue, type SweepPoint } from '../../../simulate/sweep.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows, type OutputFormat, type Row } from '../output.js';
import { createProgress } from '../progress.js';
import { FORMAT_HELP_WITH_PARQUET, OUTPUT_HELP, parseOutput, writeParquetOutput, type OutputChoice } from '../parquet-option.js';
import { parseNumberParam } from '../../../pipeline/queries/query-params.js';

/** Means and quantiles are real numbers even when every value happens to be whole. */
const BAND_TYPES = { mean: 'DOUBLE', p05: 'DOUBLE', p95: 'DOUBLE' } as const;

interface RunFlags {
  runs: string;
  seed: string;
  threads?: string;
  format: string;
  output?: string;
  every: string;
}

function whole(text: string, what: string, min: number, max: number): number {
  return parseNumberParam(what, text, { min, ...(max === Number.MAX_SAFE_INTEGER ? {} : { max }), integer: true });
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
    .option('--format <format>', FORMAT_HELP_WITH_PARQUET, 'table')
    .option('--output <file>', OUTPUT_HELP)
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
  const out = parseOutput(f, io);
  const format: OutputFormat = out.format;
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
  if (out.parquet) return writeParquetOutput(io, out.parquet, summaryRows(s, pickSteps(s.steps.length, every)), SUMMARY_COLUMNS, { provenance: { scenario: scenario.name, model: scenario.model, description: scenario.description, runs: o.runs, seed: o.seed, method: 'docs/simulation.md' }, types: BAND_TYPES });
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
  queue?: string;
  resume?: string;
  blockSize?: string;
}

/** The sweep table: one row per point, distribution and metric at the final step (local and queued sweeps alike). */
async function printSweep(io: CliIo, out: OutputChoice, scenarioName: string, paths: readonly string[], points: readonly SweepPoint[], runs: number, seed: number): Promise<void> {
  const format = out.format;
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
  if (out.parquet) return writeParquetOutput(io, out.parquet, rows, columns, { provenance: { scenario: scenarioName, parameters: paths, runs, seed, method: 'docs/simulation.md' }, types: BAND_TYPES });
  if (format === 'table') io.stdout(`# sweep of ${scenarioName}: ${points.length} points × ${runs} runs, seed ${seed}; final step, mean and 5–95 % band\n`);
  io.stdout(renderRows(rows, columns, format));
}

async function sweepCommand(name: string | undefined, f: SweepFlags, io: CliIo): Promise<void> {
  const out = parseOutput(f, io);
  if (f.queue !== undefined || f.resume !== undefined) return queuedSweep(name, f, out, io);
  if (f.blockSize !== undefined) throw new UsageError('--block-size is only for a sweep on a queue (--queue)');
  if (name === undefined) throw new UsageError('simulate sweep: missing <scenario>');
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
  await printSweep(io, out, scenario.name, Object.keys(params), points, o.runs, o.seed);
}

/** `--queue redis://…`: jobs on BullMQ, run by `nakamoto worker` processes anywhere; `--resume ID` waits for a submitted sweep. */
async function queuedSweep(name: string | undefined, f: SweepFlags, out: OutputChoice, io: CliIo): Promise<void> {
  if (f.queue === undefined) throw new UsageError('--resume needs --queue redis://HOST:PORT (the Redis the sweep was submitted to)');
  // Loaded on demand: BullMQ and ioredis take ~0.8 s to import, which no other command should pay.
  const { checkReachable, parseQueueUrl } = await import('../../../pipeline/sweep-queue/connection.js');
  const { awaitSweep, submitSweep } = await import('../../../pipeline/sweep-queue/submit.js');
  const address = parseQueueUrl(f.queue);
  let id = f.resume;
  if (id !== undefined && (name !== undefined || f.param.length > 0)) throw new UsageError('--resume takes the sweep from Redis: give no <scenario> or --param');
  if (f.threads !== undefined) throw new UsageError('--threads is for local runs; with --queue each worker sets its own (`nakamoto worker --concurrency K`)');
  await checkReachable(address);
  if (id === undefined) {
    if (name === undefined) throw new UsageError('simulate sweep: missing <scenario>');
    const params = parseParams(f.param);
    const runs = whole(f.runs, '--runs', 1, 100_000);
    const seed = whole(f.seed, '--seed', 0, Number.MAX_SAFE_INTEGER);
    const blockSize = f.blockSize === undefined ? Math.min(runs, 10) : whole(f.blockSize, '--block-size', 1, 100_000);
    const scenario = await loadScenario(name, io.cwd);
    const submitted = await submitSweep(address, scenario, params, { runs, seed, blockSize, env: io.env });
    id = submitted.id;
    io.stderr(`nakamoto: sweep ${id}: ${submitted.spec.points.length} points × ${runs} runs in ${submitted.jobs} jobs on ${address.display}; run \`nakamoto worker --queue ${address.display}\` on any machine; if this process stops, \`--resume ${id}\` waits again\n`);
  } else io.stderr(`nakamoto: resuming sweep ${id} on ${address.display}\n`);
  const progress = createProgress(io, 'runs');
  let outcome;
  try {
    outcome = await awaitSweep(address, id, {
      resubmit: f.resume !== undefined,
      onProgress: (d, t) => progress.update(d, t, `sweep ${id}`),
      onWorkers: (n) => n === 0 && io.stderr(`nakamoto: no worker is connected yet; the sweep waits for \`nakamoto worker --queue ${address.display}\`\n`),
    });
  } finally {
    progress.stop();
  }
  const { spec, points } = outcome;
  await printSweep(io, out, spec.scenario, spec.paths, points, spec.runs, spec.seed);
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
    .option('--param <path=values>', 'with `sweep`: dot path and comma-separated values, e.g. economics.reinvest01=0.1,0.3 (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--queue <redis-url>', 'with `sweep`: run the jobs on `nakamoto worker` processes through BullMQ on this Redis (redis://HOST:PORT); results equal the local sweep')
    .option('--resume <sweep-id>', 'with `sweep --queue`: wait again for a sweep submitted earlier (after the submitting process stopped)')
    .option('--block-size <n>', 'with `sweep --queue`: replicates per job (default min(runs, 10))');
  addRunFlags(sim).action(async (first: string, second: string | undefined, f: SweepFlags) => {
    if (first === 'list') {
      if (second !== undefined) throw new UsageError(`unexpected argument: ${second} (simulate list takes none)`);
      return listCommand(io, parseFormat(f.format));
    }
    if (first === 'sweep') {
      return sweepCommand(second, f, io);
    }
    if (second !== undefined) throw new UsageError(`unexpected argument: ${second} (did you mean \`simulate sweep ${first}\`?)`);
    if (f.param.length > 0) throw new UsageError('--param is only for `simulate sweep`');
    for (const [flag, v] of [['--queue', f.queue], ['--resume', f.resume], ['--block-size', f.blockSize]] as const) if (v !== undefined) throw new UsageError(`${flag} is only for \`simulate sweep\``);
    return runCommand(first, f, io);
  });
}
