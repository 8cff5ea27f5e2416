/**
 * `npm run robustness`: the four robustness figures at full scale (run on demand; minutes on two
 * cores). Options: `--only fuzz,http,kill,reorg`, `--seed N`. Exit code 1 when a figure misses
 * its bar (an untyped exception, a hang, a 5xx, memory not back to baseline, a lost or duplicated
 * block, a trace of a reorg). The test suite runs the same code at small scale
 * (test/robustness/robustness.test.ts).
 *
 * 1. ≥ 1,000,000 mutated inputs across every parser: 0 untyped exceptions, 0 hangs.
 * 2. ≥ 10,000 hostile HTTP requests on 127.0.0.1: 0 responses 5xx, memory back to its baseline.
 * 3. 100 SIGKILLs at random moments of ingest: 0 blocks lost or duplicated.
 * 4. Reorgs to depth 100 leave no trace.
 */
import { fuzzAll } from '../test/robustness/fuzz.js';
import { hostileHttp } from '../test/robustness/hostile-http.js';
import { killDuringIngest } from '../test/robustness/kill-ingest.js';
import { reorgsLeaveNoTrace } from '../test/robustness/reorgs.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = new Set((opt('only') ?? 'fuzz,http,kill,reorg').split(','));
const seed = Number(opt('seed') ?? 1);
const fmt = (n: number) => n.toLocaleString('en-US');
const log = (s: string) => process.stdout.write(`${s}\n`);
let failed = false;
const verdict = (ok: boolean) => {
  if (!ok) failed = true;
  return ok ? 'PASS' : 'FAIL';
};

if (only.has('fuzz')) {
  log(`## 1. Mutated inputs across every parser (seed ${seed})`);
  const rows = await fuzzAll({ total: 1_030_000, seed, onTarget: (t) => log(`   ${t.name}: ${fmt(t.inputs)} inputs, ${fmt(t.ok)} parsed, ${fmt(t.typed)} typed errors, ${t.untyped} untyped, ${t.hangs.length} hangs, slowest ${t.maxMs.toFixed(0)} ms, ${t.seconds.toFixed(0)} s${t.examples.length ? `\n      e.g. input ${t.examples[0]!.index}: ${t.examples[0]!.error}` : ''}`) });
  const total = rows.reduce((a, r) => a + r.inputs, 0);
  const untyped = rows.reduce((a, r) => a + r.untyped, 0);
  const hangs = rows.reduce((a, r) => a + r.hangs.length, 0);
  const groups = [...new Set(rows.map((r) => r.group))].join(', ');
  log(`   => ${fmt(total)} mutated inputs (${groups}): ${untyped} untyped exceptions, ${hangs} hangs, slowest input ${Math.max(...rows.map((r) => r.maxMs)).toFixed(0)} ms  ${verdict(total >= 1_000_000 && untyped === 0 && hangs === 0)}\n`);
}

if (only.has('http')) {
  log('## 2. Hostile HTTP requests on 127.0.0.1');
  const r = await hostileHttp({ count: 10_000, warmup: 1_000, seed });
  const five = r.byClass['5xx'] ?? 0;
  const grew = r.memory.afterHeapMb - r.memory.baselineHeapMb;
  const memOk = grew <= Math.max(5, r.memory.baselineHeapMb * 0.1);
  log(`   by status: ${Object.entries(r.byClass).sort().map(([k, v]) => `${k} ${fmt(v)}`).join(', ')} (${r.seconds.toFixed(0)} s)`);
  for (const x of r.fiveXx) log(`   5xx: ${x}`);
  for (const x of r.dropped.slice(0, 5)) log(`   no response: ${x}`);
  log(`   server heap after GC: baseline ${r.memory.baselineHeapMb} MB → after ${r.memory.afterHeapMb} MB; RSS ${r.memory.baselineRssMb} → ${r.memory.afterRssMb} MB`);
  log(`   => ${fmt(r.requests)} hostile requests: ${five} responses 5xx, heap ${grew >= 0 ? '+' : ''}${grew.toFixed(1)} MB vs baseline  ${verdict(r.requests >= 10_000 && five === 0 && memOk)}\n`);
}

if (only.has('kill')) {
  log('## 3. SIGKILL at random moments of ingest');
  const r = await killDuringIngest({ kills: 100, oldRows: 40_000, newRows: 100_000, seed, onKill: (k, s) => k % 10 === 0 && log(`   kill ${k}: ${s}`) });
  log(`   states after the kills (per label source): ${Object.entries(r.states).map(([k, v]) => `${k} ${v}`).join(', ')}; ${r.attempts} runs for ${r.kills} kills; ${fmt(r.rowsNew)} labels in the full input (${r.seconds.toFixed(0)} s)`);
  for (const m of r.mismatches) log(`   ${m}`);
  log(`   => ${r.kills} SIGKILLs during ingest: ${r.blocksLost} blocks lost, ${r.blocksDuplicated} duplicated, ${r.mismatches.length} mismatches  ${verdict(r.kills >= 100 && r.blocksLost === 0 && r.blocksDuplicated === 0 && r.mismatches.length === 0)}\n`);
}

if (only.has('reorg')) {
  log('## 4. Reorgs');
  const depths = [1, 2, 3, 6, 10, 25, 50, 75, 99, 100];
  const r = await reorgsLeaveNoTrace({ depths, limit: 100 });
  for (const t of r.traces) log(`   ${t}`);
  log(`   => reorgs of depth ${depths.join(', ')}: ${r.traces.length} traces left; depth 101 refused with nothing deleted: ${r.deeperThanLimitRefused ? 'yes' : 'no'} (${r.seconds.toFixed(0)} s)  ${verdict(r.traces.length === 0 && r.deeperThanLimitRefused)}\n`);
}

process.exitCode = failed ? 1 : 0;
