/**
 * Issue #11 figures over all 276k staged blocks: reading and joining the scriptSig, attribution and
 * header files; fingerprints (layout key + template version) of every block; template families for
 * each calendar year and the monthly assignment behind `--level template` (target: fingerprints +
 * families under 5 s).
 */
import { templateFamilies } from '../src/analysis/template-families.js';
import { layoutKeys, loadTemplateBlocks } from '../src/pipeline/template-blocks.js';
import { templateAssignment } from '../src/pipeline/template-level.js';
import { readCoinbaseScriptSigs, coinbaseScriptSigPath } from '../src/sources/datasets/coinbase-scriptsig.js';
import { datasetsRoot } from '../src/sources/files/datasets-path.js';

export async function run(log: (line: string) => void): Promise<void> {
  let t = performance.now();
  const blocks = await loadTemplateBlocks(datasetsRoot());
  log(`read + join scriptSigs, attribution and headers: ${blocks.heights.length} blocks in ${((performance.now() - t) / 1000).toFixed(2)} s (I/O and parsing, once per process)`);
  const sigs = await readCoinbaseScriptSigs(coinbaseScriptSigPath());
  const version = new Float64Array(sigs.heights.length).fill(536870912);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    layoutKeys(sigs.scriptSigHex, version);
    times.push((performance.now() - t) / 1000);
  }
  const fp = Math.min(...times);
  log(`fingerprints: ${sigs.heights.length} scriptSigs in ${fp.toFixed(2)} s (best of 3)`);
  t = performance.now();
  let fams = 0;
  for (let y = 2020; y <= 2025; y++) fams += templateFamilies(blocks, Date.UTC(y, 0, 1) / 1000, Date.UTC(y + 1, 0, 1) / 1000).families.length;
  const yearly = (performance.now() - t) / 1000;
  log(`families, 6 calendar years: ${fams} families in ${yearly.toFixed(2)} s`);
  t = performance.now();
  const { windows } = templateAssignment(blocks);
  const monthly = (performance.now() - t) / 1000;
  log(`families, monthly assignment (${windows.length} windows of 91 days): ${monthly.toFixed(2)} s`);
  log(`fingerprints + yearly + monthly families: ${(fp + yearly + monthly).toFixed(2)} s (target < 5 s)`);
}
