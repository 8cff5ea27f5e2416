import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sameTemplateGroups } from '../../analysis/template-evidence.js';
import { DecodeError } from '../../domain/errors.js';
import { datasetPath } from '../files/datasets-path.js';
import { parseStratumJobs, readStratumJobs } from './stratum-jobs.js';
import { parseCoinbaseScriptSigs } from './coinbase-scriptsig.js';

const FILE = datasetPath('bitcoin/stratum-jobs-2025-04/tx01_ws_stratum_jobs.json');

describe('stratum jobs (mempool WebSocket state)', () => {
  it('reads the 15 real jobs and groups identical templates as PROVENANCE.md states', async () => {
    const f = await readStratumJobs(FILE);
    expect(f.format).toBe('mempool-ws');
    expect(f.jobs).toHaveLength(15);
    expect(new Set(f.jobs.map((j) => j.height))).toEqual(new Set([890448]));
    const groups = sameTemplateGroups(f.jobs).map((g) => g.pools);
    // mempool ids: ULTIMUSPOOL 2, Braiins 43, AntPool 44, Poolin 94, Binance 105, Mining Squared 161 | Luxor 4, SECPOOL 141.
    expect(groups[0]).toEqual(['105', '161', '2', '43', '44', '94']);
    expect(groups[1]).toEqual(['141', '4']);
    expect(groups.slice(2).every((g) => g.length === 1)).toBe(true);
    expect(groups).toHaveLength(9);
  });

  it('takes each pool’s latest job at a height', () => {
    const base = { height: 1, prevHash: 'a'.repeat(64) };
    const g = sameTemplateGroups([
      { ...base, pool: 'x', merkleBranches: ['1'], receivedSec: 1 },
      { ...base, pool: 'x', merkleBranches: ['2'], receivedSec: 2 },
      { ...base, pool: 'y', merkleBranches: ['2'], receivedSec: 1 },
    ]);
    expect(g.map((t) => t.pools)).toEqual([['x', 'y']]);
  });

  it('bad input: truncated JSON, a job without branches, malformed branch or scriptsig hex — one line naming file and line/key', () => {
    const text = readFileSync(FILE, 'utf8');
    expect(() => parseStratumJobs(text.slice(0, 5000), 'jobs.json')).toThrow(DecodeError);
    expect(() => parseStratumJobs(text.slice(0, 5000), 'jobs.json')).toThrow(/^jobs\.json(:\d+)?: invalid JSON \(truncated or malformed\)/);
    const data = JSON.parse(text) as { stratumJobs: Record<string, Record<string, unknown>> };
    const noBranches = structuredClone(data);
    delete noBranches.stratumJobs['44']!.merkleBranches;
    expect(() => parseStratumJobs(JSON.stringify(noBranches), 'jobs.json')).toThrow('jobs.json [stratumJobs.44.merkleBranches]: merkle branches missing: expected a list of 64-hex strings');
    const badBranch = structuredClone(data);
    (badBranch.stratumJobs['2']!.merkleBranches as string[])[3] = 'zz';
    expect(() => parseStratumJobs(JSON.stringify(badBranch), 'jobs.json')).toThrow('jobs.json [stratumJobs.2.merkleBranches[3]]: malformed merkle branch: expected 64 hex digits');
    const badHex = structuredClone(data);
    badHex.stratumJobs['4']!.scriptsig = '0350960';
    expect(() => parseStratumJobs(JSON.stringify(badHex), 'jobs.json')).toThrow('jobs.json [stratumJobs.4.scriptsig]: malformed hex');
    expect(() => parseStratumJobs('{"other": 1}', 'x.json')).toThrow('x.json [stratumJobs]: missing key');
  });
});

describe('stratum jobs (stratum-observer job_updates CSV)', () => {
  const header = 'id,timestamp,pool_name,coinbase_tag,prev_hash,merkle_branches,height,output_sum,header_version,header_bits,header_time,extranonce1,extranonce2_size,clean_jobs';
  const prev = 'ab'.repeat(32);
  const b1 = '11'.repeat(32);
  const b2 = '22'.repeat(32);
  it('reads JSON-list and comma-list branches and groups by template', () => {
    const csv = [
      header,
      `1,2024-09-16 10:00:00,AntPool,/AntPool/,${prev},"[""${b1}"",""${b2}""]",861000,312500000,536870912,386089497,1726480800,00,8,true`,
      `2,2024-09-16 10:00:01,Binance,/binance/,${prev},"${b1},${b2}",861000,312500000,536870912,386089497,1726480800,00,8,true`,
      `3,2024-09-16 10:00:02,Foundry,/Foundry/,${prev},"${b2} ${b1}",861000,312500000,536870912,386089497,1726480800,00,8,true`,
    ].join('\n');
    const f = parseStratumJobs(csv, 'jobs.csv');
    expect(f.format).toBe('job-updates-csv');
    expect(f.jobs[0]!.receivedSec).toBe(Date.UTC(2024, 8, 16, 10) / 1000);
    expect(sameTemplateGroups(f.jobs).map((g) => g.pools)).toEqual([['AntPool', 'Binance'], ['Foundry']]);
  });
  it('bad input names line and column', () => {
    const bad = [header, `1,2024-09-16 10:00:00,AntPool,/AntPool/,${prev},"[""${b1}"", ""zz""]",861000,1,536870912,1,1,00,8,true`].join('\n');
    expect(() => parseStratumJobs(bad, 'jobs.csv')).toThrow('jobs.csv:2 [merkle_branches[1]]: malformed merkle branch: expected 64 hex digits');
    const noHeight = [header, `1,2024-09-16 10:00:00,AntPool,/AntPool/,${prev},[],x,1,536870912,1,1,00,8,true`].join('\n');
    expect(() => parseStratumJobs(noHeight, 'jobs.csv')).toThrow('jobs.csv:2 [height]: invalid height: "x"');
  });
});

describe('coinbase scriptSig file', () => {
  const head = 'id\thash\tcoinbase_data_hex\n';
  const h = '00'.repeat(32);
  it('parses rows and rejects malformed hex, bad heights and a wrong header with file:line [column]', () => {
    const ok = parseCoinbaseScriptSigs(`${head}610546\t${h}\t03f25009\n610547\t${h}\t03F35009\n`, 'cb.tsv');
    expect([...ok.heights]).toEqual([610546, 610547]);
    expect(ok.scriptSigHex).toEqual(['03f25009', '03f35009']);
    expect(() => parseCoinbaseScriptSigs(`${head}610546\t${h}\t03f2500\n`, 'cb.tsv')).toThrow('cb.tsv:2 [coinbase_data_hex]: malformed hex: expected an even number of hex digits');
    expect(() => parseCoinbaseScriptSigs(`${head}610546\t${h}\t03g25009\n`, 'cb.tsv')).toThrow('cb.tsv:2 [coinbase_data_hex]: malformed hex');
    expect(() => parseCoinbaseScriptSigs(`${head}610546\t${h}\t03\n610546\t${h}\t03\n`, 'cb.tsv')).toThrow('cb.tsv:3 [id]: heights must ascend: 610546 after 610546');
    expect(() => parseCoinbaseScriptSigs(`${head}61x\t${h}\t03\n`, 'cb.tsv')).toThrow('cb.tsv:2 [id]: invalid block height: "61x"');
    expect(() => parseCoinbaseScriptSigs(`${head}1\t${h}\n`, 'cb.tsv')).toThrow('cb.tsv:2: expected 3 tab-separated fields');
    expect(() => parseCoinbaseScriptSigs('height,hash\n', 'cb.tsv')).toThrow(/^cb\.tsv:1: expected the header/);
  });
});
