/**
 * `nakamoto economics` in-process (commander + captureIo): formats, the price line, one-line
 * errors; and its hash rate against `nakamoto hashrate` (the same estimator on other inputs: the
 * embedded daily counts with the difficulty-epochs file).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { datasetPath } from '../../../sources/files/datasets-path.js';
import { captureIo } from '../io.js';
import { register } from './economics.js';
import { register as registerHashrate } from './hashrate.js';

const env = { NAKAMOTO_DB: join(mkdtempSync(join(tmpdir(), 'nk-econ-')), 'absent.duckdb') };

async function run(args: string[]) {
  const io = captureIo(env);
  const program = new Command('nakamoto').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  register(program, io);
  registerHashrate(program, io);
  await program.parseAsync(['node', 'nakamoto', ...args]);
  return io;
}

describe('nakamoto economics', () => {
  it('table: provenance, notes, the price used and the method above the rows', async () => {
    const io = await run(['economics', '--window', '1m', '--at', '2024-05-31']);
    const out = io.out();
    expect(out).toMatch(/^# Mining economics per window/);
    expect(out).toContain("# USD figures use Blockchair's daily BTC/USD");
    expect(out).toContain('# note: 27 block time(s) corrected by +1 h');
    expect(out).toMatch(/2024-05-01 +4410 +0 +27 /);
  });
  it('csv to stdout, header on stderr; json has the price', async () => {
    const io = await run(['economics', '--window', '1m', '--at', '2024-05-31', '--format', 'csv', '--price', 'monthly']);
    expect(io.out().split('\n')[0]).toBe('window_start,window_end,blocks,missing_blocks,empty_blocks,fees_btc,subsidy_btc,reward_btc,fees_usd,reward_usd,fee_share,mean_weight_use,hashrate_ehs,hashrate_lo_ehs,hashrate_hi_ehs,hash_value_sats,hash_value_lo_sats,hash_value_hi_sats,hash_price_usd,hash_price_lo_usd,hash_price_hi_usd');
    expect(io.err()).toContain('btc-usd-monthly.csv');
    const j = JSON.parse((await run(['economics', '--window', '1y', '--at', '2024-12-31', '--format', 'json'])).out()) as { price: string; rows: Record<string, number>[] };
    expect(j.price).toMatch(/Blockchair/);
    expect(j.rows[0]!.empty_blocks).toBe(168);
  });
  it('its hash rate agrees with `nakamoto hashrate` on the same month (same estimator, independent block counts and difficulty)', async () => {
    const e = JSON.parse((await run(['economics', '--window', '1m', '--at', '2024-05-31', '--format', 'json'])).out()) as { rows: Record<string, number>[] };
    const h = JSON.parse((await run(['hashrate', '--window', '1m', '--at', '2024-05-31', '--format', 'json'])).out()) as { rows: Record<string, number>[] };
    expect(h.rows[0]!.blocks).toBe(e.rows[0]!.blocks);
    expect(e.rows[0]!.hashrate_ehs! / h.rows[0]!.hashrate_ehs!).toBeCloseTo(1, 5);
    expect(e.rows[0]!.hashrate_lo_ehs! / h.rows[0]!.lo_ehs!).toBeCloseTo(1, 5);
  });
  it('--blocks reads another Blockchair dump: the original 2024-04-20 daily file gives the staged figures for that day', async () => {
    const sample = datasetPath('bitcoin/blockchair-blocks-2020-2025/original_daily_samples/blockchair_bitcoin_blocks_20240420.tsv.gz');
    const own = JSON.parse((await run(['economics', '--window', '1d', '--at', '2024-04-20', '--blocks', sample, '--format', 'json'])).out()) as { rows: Record<string, number>[] };
    const staged = JSON.parse((await run(['economics', '--window', '1d', '--at', '2024-04-20', '--format', 'json'])).out()) as { rows: Record<string, number>[] };
    expect(own.rows).toEqual(staged.rows);
  });

  it('a bad blocks file: one line naming file, line and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nk-econ-'));
    const text = gunzipSync(readFileSync(datasetPath('bitcoin/blockchair-blocks-2020-2025/original_daily_samples/blockchair_bitcoin_blocks_20240420.tsv.gz'))).toString('utf8').split('\n');
    const cols = text[0]!.split('\t');
    const row = text[3]!.split('\t');
    row[cols.indexOf('fee_total')] = '-1';
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, [text[0], text[1], text[2], row.join('\t')].join('\n'));
    await expect(run(['economics', '--blocks', bad])).rejects.toThrow(`${bad}:4 [fee_total]: negative amount: -1`);
    writeFileSync(bad, [text[0], text[1], text[2], text[2]].join('\n'));
    await expect(run(['economics', '--blocks', bad])).rejects.toThrow(/bad\.tsv:4 \[id\]: duplicate height 840000/);
  });

  it('--level template: the title and rows are per template family; json states the level', async () => {
    const j = JSON.parse((await run(['economics', '--window', '1m', '--at', '2024-05-31', '--by-pool', '--level', 'template', '--format', 'json'])).out()) as { title: string; level: string; rows: { pool: string }[] };
    expect(j.title).toBe('Mining economics per template family');
    expect(j.level).toBe('template');
    expect(j.rows.every((r) => r.pool.endsWith(' family') || r.pool === 'unknown')).toBe(true);
  });

  it('bad input: one line naming the flag or file', async () => {
    await expect(run(['economics', '--window', '144b'])).rejects.toThrow('invalid --window: economics uses time windows (1d, 1w, 1m, 1y …), not block counts');
    await expect(run(['economics', '--price', 'spot'])).rejects.toThrow('invalid --price: spot (expected one of blockchair, monthly)');
    await expect(run(['economics', '--by-pool', '--level', 'family'])).rejects.toThrow('invalid --level: family (expected pool, owner (alias entity) or template)');
    await expect(run(['economics', '--level', 'template'])).rejects.toThrow('invalid --level: template groups pools: use it with byPool (--by-pool)');
    const dir = mkdtempSync(join(tmpdir(), 'nk-econ-'));
    const bad = join(dir, 'luck.csv');
    writeFileSync(bad, 'day,pool,hashrate_ehs\n2024-05-01,AntPool,abc\n');
    await expect(run(['economics', '--by-pool', '--pool-hashrates', bad])).rejects.toThrow(`${bad}:2 [hashrate_ehs]: not a number: "abc"`);
    await expect(run(['economics', '--pool-hashrates', join(dir, 'ok.csv')])).rejects.toThrow(/no such file/);
  });
});
