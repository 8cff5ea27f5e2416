/**
 * The MCP server end to end with the SDK's own client, over both transports: stdio against the
 * real `nakamoto mcp` process (spawned as an MCP client would), and streamable HTTP against the
 * real `nakamoto serve` server on 127.0.0.1 with a random port. Every tool is listed and called;
 * its `data` must equal the HTTP API's answer to `provenance.request`, and a few values are checked
 * against independent computations (Nakamoto's formula, HHI from the pool shares). Bad arguments
 * are tool errors (isError) with the HTTP API's messages, and the server keeps answering.
 */
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDoubleSpend } from '../../pipeline/queries/attack-query.js';
import { queryMetrics } from '../../pipeline/queries/metrics-query.js';
import { datasetsRoot, PROJECT_ROOT } from '../../sources/files/datasets-path.js';
import { createApp } from '../http/app.js';
import { startServer, type RunningServer } from '../http/server.js';
import type { ToolAnswer } from './tool-result.js';
import { TOOLS } from './tools.js';

/** One call per tool, cheap arguments; JSON types as an agent sends them. A new tool needs a case here. */
const CASES: Record<string, Record<string, unknown>> = {
  list_distributions: {},
  metrics: { distribution: 'bitcoin/pools', window: '1y', metrics: 'nakamoto-coefficient,hhi', ci: true, draws: 200, seed: 3 },
  explain_metric: { metric: 'tau-index=0.66' },
  hashrate: { window: '1y', from: '2024-01-01', to: '2026-01-01' },
  pools: { window: '30d', at: '2025-12-31' },
  compare: { distributions: 'bitcoin/pools,ai/compute-owners', metric: 'hhi', ci: false },
  claims: { only: 'us-overtook-china-mining' },
  attack_double_spend: { q: 0.1, z: 6, target: 0.001 },
  attack_selfish_mining: { alpha: 0.3, gamma: 0.5, optimal: true, truncation: 20 },
  attack_cost: { share: 0.51, efficiencyJTh: 20, electricityUsdKwh: 0.05, btcPriceUsd: 100000 },
  attack_coalitions: { distribution: 'bitcoin/pools', window: '30d', ci: true, draws: 200 },
  list_scenarios: {},
  scenario_parameters: { scenario: 'selfish-mining' },
  simulate: { scenario: 'selfish-mining', runs: 2, seed: 7, set: ['gamma01=0.25'] },
  economics: { window: '1m', at: '2024-05-31' },
  contrast: {},
  groups: { window: '66d', at: '2025-03-07' },
  attribution_quality: { window: '1y' },
  bittensor_subnets: { metric: 'nakamoto-coefficient,hhi' },
};

/** Bad arguments and the tool error each must give (the HTTP API's 400/404 messages). */
const BAD: readonly { tool: string; args: Record<string, unknown>; message: string | RegExp }[] = [
  { tool: 'attack_double_spend', args: { q: 1.5, z: 6 }, message: 'invalid q: 1.5 (expected a number in [0, 1])' },
  { tool: 'attack_double_spend', args: { q: 0.1 }, message: 'missing argument: z (confirmations)' },
  { tool: 'attack_double_spend', args: { q: 0.1, z: 6, zz: 1 }, message: 'unknown argument: zz (known: q, z, target, rule)' },
  { tool: 'metrics', args: { window: '1y' }, message: /^missing argument: distribution \(/ },
  { tool: 'metrics', args: { distribution: 'nope/none' }, message: /^invalid distribution: nope\/none \(known: bitcoin\/pools, / },
  { tool: 'metrics', args: { distribution: 'bitcoin/pools', window: '30x' }, message: /^invalid window: 30x/ },
  { tool: 'metrics', args: { distribution: 'bitcoin/pools', ci: { yes: 1 } }, message: 'invalid ci: {"yes":1} (expected a string, number or boolean)' },
  { tool: 'explain_metric', args: { metric: 'tau-index=1.5' }, message: 'invalid tau-index threshold: 1.5 (expected 0 < t ≤ 1)' },
  { tool: 'simulate', args: { scenario: 'selfish-mining', runs: 50 }, message: 'invalid runs: 50 (expected an integer in [1, 8])' },
  { tool: 'simulate', args: { scenario: 'no-such-scenario' }, message: /no-such-scenario/ },
];

const text = (r: CallToolResult) => (r.content[0] as { type: 'text'; text: string }).text;

async function callOk(client: Client, name: string, args: Record<string, unknown>): Promise<ToolAnswer & { text: string }> {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (r.isError) throw new Error(`${name}: ${text(r)}`);
  return { ...(r.structuredContent as unknown as ToolAnswer), text: text(r) };
}

/** Nakamoto (2008) §11, written out again: P = 1 − Σₖ₌₀..z Poisson(k; zq/p)·(1 − (q/p)^(z−k)). */
function nakamotoCatchUp(q: number, z: number): number {
  const p = 1 - q;
  const lambda = (z * q) / p;
  let sum = 0;
  let poisson = Math.exp(-lambda);
  for (let k = 0; k <= z; k++) {
    if (k > 0) poisson *= lambda / k;
    sum += poisson * (1 - (q / p) ** (z - k));
  }
  return 1 - sum;
}

/** The checks every transport must pass; `httpAnswer` gives the HTTP API's JSON for a request line. */
function suite(name: string, client: () => Client, httpAnswer: (request: string) => Promise<unknown>) {
  describe(name, () => {
    it('lists every tool of the tool list, each with an object input schema naming its path parameters', async () => {
      const { tools } = await client().listTools();
      expect(tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
      const metrics = tools.find((t) => t.name === 'metrics')!;
      expect(metrics.inputSchema.required).toEqual(['distribution']);
      expect(metrics.inputSchema.properties).toMatchObject({ ci: { type: 'boolean' }, draws: { type: 'integer', minimum: 100, maximum: 10_000 } });
      expect(tools.every((t) => t.annotations?.readOnlyHint === true && t.description!.includes('GET /api/'))).toBe(true);
    });

    it('calls every tool: data equals the HTTP API answer to provenance.request, with provenance and a text rendering', async () => {
      expect(Object.keys(CASES).sort()).toEqual(TOOLS.map((t) => t.name).sort());
      for (const t of TOOLS) {
        const a = await callOk(client(), t.name, CASES[t.name]!);
        expect(a.provenance.tool, t.name).toBe(t.name);
        expect(a.provenance.method).toBe(t.docs);
        expect(a.provenance.request.startsWith('GET /api/'), t.name).toBe(true);
        expect(a.data, t.name).toEqual(await httpAnswer(a.provenance.request));
        expect(a.text.split('\n')[0]).toContain(a.provenance.request);
      }
    });

    it('metrics: the query layer answer, intervals around each value, and provenance naming the data', async () => {
      const a = await callOk(client(), 'metrics', CASES.metrics!);
      expect(a.provenance.request).toBe('GET /api/metrics/bitcoin/pools?window=1y&metrics=nakamoto-coefficient,hhi&ci=true&draws=200&seed=3');
      const direct = await queryMetrics({ distribution: 'bitcoin/pools', window: '1y', metrics: 'nakamoto-coefficient,hhi', ci: true, draws: '200', seed: '3' }, { store: null, datasetsRoot: datasetsRoot() });
      expect(a.data).toEqual(JSON.parse(JSON.stringify(direct)));
      const rows = (a.data as { rows: Record<string, number>[] }).rows;
      expect(rows.length).toBeGreaterThan(3);
      for (const r of rows) expect(r.hhi_lo! <= r.hhi! && r.hhi! <= r.hhi_hi!).toBe(true);
      expect(a.provenance.sources[0]).toMatch(/^bitcoin\/pools \(default, level pool\): embedded default/);
      expect(a.provenance.dataVersion).toMatch(/^[0-9a-f]{64}$/);
      expect(a.text).toMatch(/window_start +window_end +blocks +nakamoto-coefficient/);
    });

    it('attack_double_spend agrees with Nakamoto’s formula written out independently; calculators read no data', async () => {
      const a = await callOk(client(), 'attack_double_spend', { q: 0.1, z: 6 });
      const d = a.data as { nakamoto: number; exact: number };
      expect(d.nakamoto).toBeCloseTo(nakamotoCatchUp(0.1, 6), 12);
      expect(d).toEqual(queryDoubleSpend({ q: '0.1', z: '6' }));
      expect(a.provenance.dataVersion).toBeNull();
      expect(a.provenance.sources).toEqual([]);
    });

    it('pools and metrics agree: the HHI of the pool shares is the metrics tool’s HHI for the same window', async () => {
      const pools = (await callOk(client(), 'pools', { window: '30d', at: '2025-12-31' })).data as { blocks: number; pools: { blocks: number; share: number }[] };
      expect(pools.pools.reduce((s, p) => s + p.blocks, 0)).toBe(pools.blocks);
      const m = (await callOk(client(), 'metrics', { distribution: 'bitcoin/pools', window: '30d', at: '2025-12-31', metrics: 'hhi' })).data as { rows: { hhi: number; blocks: number }[] };
      expect(m.rows).toHaveLength(1);
      expect(m.rows[0]!.blocks).toBe(pools.blocks);
      expect(m.rows[0]!.hhi).toBeCloseTo(pools.pools.reduce((s, p) => s + (100 * p.blocks / pools.blocks) ** 2, 0), 9);
    });

    it('bad arguments are tool errors with the HTTP API’s messages; an unknown tool is a protocol error; the server keeps answering', async () => {
      for (const b of BAD) {
        const r = (await client().callTool({ name: b.tool, arguments: b.args })) as CallToolResult;
        expect(r.isError, JSON.stringify(b)).toBe(true);
        expect(r.structuredContent).toBeUndefined();
        if (typeof b.message === 'string') expect(text(r)).toBe(b.message);
        else expect(text(r)).toMatch(b.message);
      }
      await expect(client().callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/unknown tool: no_such_tool/);
      const after = await callOk(client(), 'attack_double_spend', { q: 0.25, z: 2 });
      expect((after.data as { nakamoto: number }).nakamoto).toBeCloseTo(nakamotoCatchUp(0.25, 2), 12);
    });
  });
}

// ---- HTTP: the real server on 127.0.0.1, random port ----
let server: RunningServer;
let httpClient: Client;
// ---- stdio: the real CLI process; its answers are compared with the HTTP API in this process ----
let app: FastifyInstance;
let stdioClient: Client;
let stdioTransport: StdioClientTransport;
let stderr = '';

beforeAll(async () => {
  server = await startServer({ host: '127.0.0.1', port: 0, store: null, datasetsRoot: datasetsRoot() });
  httpClient = new Client({ name: 'nakamoto-test', version: '1' });
  await httpClient.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
  app = await createApp({ store: null, datasetsRoot: datasetsRoot() });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && k !== 'NAKAMOTO_DB' && k !== 'DATABASE_URL')) as Record<string, string>;
  stdioTransport = new StdioClientTransport({ command: process.execPath, args: [join(PROJECT_ROOT, 'bin/nakamoto.js'), 'mcp'], env: { ...env, NAKAMOTO_DATASETS: datasetsRoot(), NAKAMOTO_DB: '/nonexistent/absent.duckdb' }, stderr: 'pipe' });
  stdioTransport.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  stdioClient = new Client({ name: 'nakamoto-test', version: '1' });
  await stdioClient.connect(stdioTransport);
});

afterAll(async () => {
  await httpClient?.close();
  await server?.close();
  await stdioClient?.close();
  await app?.close();
});

suite(
  'MCP over streamable HTTP (/mcp on nakamoto serve)',
  () => httpClient,
  async (request) => {
    const r = await fetch(server.url + request.slice('GET '.length));
    expect(r.status).toBe(200);
    return r.json();
  },
);

suite(
  'MCP over stdio (the nakamoto mcp process)',
  () => stdioClient,
  async (request) => {
    const r = await app.inject({ url: request.slice('GET '.length) });
    expect(r.statusCode).toBe(200);
    return r.json();
  },
);

describe('the stdio process', () => {
  it('announces itself on stderr only (stdout carries the protocol), still runs after the bad calls, and exits when stdin closes', async () => {
    expect(stderr).toContain('nakamoto: MCP server on stdio over the embedded default and shared datasets');
    const pid = stdioTransport.pid!;
    expect(() => process.kill(pid, 0)).not.toThrow();
    const { tools } = await stdioClient.listTools();
    expect(tools).toHaveLength(TOOLS.length);
  });
});

describe('nakamoto mcp fed by a pipe', () => {
  it('skips a malformed line, answers every request even when stdin closes right after the last one, and exits 0', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/nakamoto.js'), 'mcp'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NAKAMOTO_DB: '/nonexistent/absent.duckdb' } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const lines = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'pipe', version: '1' } } },
      'this is not JSON',
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'attack_double_spend', arguments: { q: 0.3, z: 10 } } },
      { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'attack_double_spend', arguments: { q: 'x', z: 10 } } },
    ];
    child.stdin.end(lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    // Requests run concurrently: answers come in any order, each with its id.
    const answers = out.trim().split('\n').map((l) => JSON.parse(l) as { id: number; result: CallToolResult }).sort((a, b) => a.id - b.id);
    expect(answers.map((a) => a.id)).toEqual([1, 2, 3]);
    expect((answers[1]!.result.structuredContent as unknown as ToolAnswer).data).toEqual(queryDoubleSpend({ q: '0.3', z: '10' }));
    expect(answers[2]!.result).toMatchObject({ isError: true, content: [{ type: 'text', text: 'invalid q: x (expected a number in [0, 1])' }] });
  });
});
