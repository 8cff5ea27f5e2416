/**
 * Every parser of untrusted input, each with seeds taken from the real datasets (small slices, so a
 * million inputs fit in minutes) and a mutator: raw blocks (fast and full decoders), stratum job
 * coinbases (coinbase1 + extranonces + coinbase2 of recorded pool jobs, read by the coinbase reader),
 * SCALE runtime-API payloads (neurons, subnet state; shrunk from the recorded finney answers), CSV
 * (the shared reader, the per-block dataset reader, the Epoch, metagraph, subnets and Hub readers),
 * JSON snapshots (metagraph snapshot, subnets, delegates, Hub pages, block headers, CBECI miners,
 * pool display names) and the scenario YAML. A parser passes when every input returns or throws a
 * typed AppError.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { decodeBlock } from '../../src/decode/bitcoin/block.js';
import { ByteReader } from '../../src/decode/bitcoin/byte-reader.js';
import { decodeCoinbaseBlock, readCoinbaseTransaction } from '../../src/decode/bitcoin/coinbase.js';
import { MAINNET } from '../../src/decode/bitcoin/address.js';
import { decodeHeader } from '../../src/decode/bittensor/header.js';
import { parseDelegates } from '../../src/decode/bittensor/delegates.js';
import { formatMetagraphCsv, parseMetagraphCsv } from '../../src/decode/bittensor/metagraph-csv.js';
import { decodeNeuronsLite } from '../../src/decode/bittensor/neuron-lite.js';
import { hexToBytes, ScaleReader } from '../../src/decode/bittensor/scale-reader.js';
import { formatMetagraphSnapshot, parseMetagraphSnapshot } from '../../src/decode/bittensor/snapshot-json.js';
import { decodeSubnetState } from '../../src/decode/bittensor/subnet-state.js';
import { parseSubnetsCsv, parseSubnetsJson } from '../../src/decode/bittensor/subnets.js';
import { loadRecording, recordedStateCall, BLOCK, BLOCK_HASH, METAGRAPH_CSV_PATH } from '../support/bittensor-recording.js';
import { parseCsv, scannerFromText } from '../../src/decode/csv/csv.js';
import { decodeModels } from '../../src/decode/epoch-ai/models.js';
import { decodeGpuClusters } from '../../src/decode/epoch-ai/clusters.js';
import { decodeHubModelPage } from '../../src/decode/huggingface/hub-model.js';
import { parseHubSampleCsv } from '../../src/decode/huggingface/samples.js';
import { parseScenario } from '../../src/simulate/scenario-load.js';
import { parseCbeciMinersJson, parseHardwareFile } from '../../src/sources/datasets/asic-hardware.js';
import { readPerBlockAttribution } from '../../src/sources/datasets/block-labels.js';
import { datasetPath, PROJECT_ROOT } from '../../src/sources/files/datasets-path.js';
import type { Rng } from '../../src/random/prng.js';
import { mutateBytes, mutateText, mutateValue } from './mutate.js';

export type Group = 'blocks' | 'stratum jobs' | 'SCALE' | 'CSV' | 'JSON snapshots' | 'scenario YAML';

export interface FuzzTarget {
  readonly name: string;
  readonly group: Group;
  /**
   * Share of the run's inputs, relative to the other targets (thousands in the 1,030,000-input run):
   * set by cost per input, so the full run takes minutes (scenario YAML is the slowest parser by far).
   */
  readonly weight: number;
  /** Loads seeds (once per worker) and returns the input generator and the parser call. */
  prepare(): { generate(rng: Rng): unknown; parse(input: unknown): unknown };
}

const pick = <T>(xs: readonly T[], rng: Rng): T => xs[rng.int(xs.length)]!;
const head = (text: string, lines: number) => text.split('\n').slice(0, lines).join('\n') + '\n';
const gzHead = (rel: string, lines: number) => execFileSync('sh', ['-c', `gzip -dc '${datasetPath(rel)}' | head -n ${lines}`], { encoding: 'utf8' });
const text = (rel: string) => readFileSync(datasetPath(rel), 'utf8');

function bytesTarget(name: string, group: Group, weight: number, seeds: () => Uint8Array[], parse: (b: Uint8Array) => unknown): FuzzTarget {
  return {
    name,
    group,
    weight,
    prepare() {
      const s = seeds();
      return { generate: (rng) => mutateBytes(pick(s, rng), rng), parse: (b) => parse(b as Uint8Array) };
    },
  };
}

type Parse = (t: string) => unknown;

/**
 * Text targets: each seed comes with its parser. Inputs mutate the seed's text; with `structured`,
 * half of them mutate the parsed value instead (then written back as text).
 */
function textTarget(name: string, group: Group, weight: number, seeds: () => (readonly [string, Parse])[], structured?: { read(t: string): unknown; write(v: unknown): string }): FuzzTarget {
  return {
    name,
    group,
    weight,
    prepare() {
      const s = seeds();
      const values = structured ? s.map(([t]) => structured.read(t)) : [];
      return {
        generate: (rng) => {
          const i = rng.int(s.length);
          const t = structured && rng.int(2) === 0 ? structured.write(mutateValue(values[i], rng)) : mutateText(s[i]![0], rng);
          return [i, t] as const;
        },
        parse: (input) => {
          const [i, t] = input as readonly [number, string];
          return s[i]![1](t);
        },
      };
    },
  };
}

const json = { read: (t: string) => JSON.parse(t) as unknown, write: (v: unknown) => JSON.stringify(v) };
const yaml = { read: (t: string) => parseYaml(t) as unknown, write: (v: unknown) => stringifyYaml(v) };

/** The real blocks, cut after their coinbase (all the fast path reads). */
function blockPrefixes(): Uint8Array[] {
  const dir = datasetPath('bitcoin/raw-blocks');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.bin'))
    .map((f) => {
      const b = readFileSync(join(dir, f));
      return Uint8Array.from(b.subarray(0, decodeCoinbaseBlock(b).coinbaseEnd));
    });
}

function smallBlocks(): Uint8Array[] {
  return ['block_000000_genesis.bin', 'block_542213.bin'].map((f) => Uint8Array.from(readFileSync(datasetPath(`bitcoin/raw-blocks/${f}`))));
}

/** Coinbase transactions of the recorded stratum jobs: coinbase1 + extranonce1 + zero extranonce2 + coinbase2. */
function stratumCoinbases(): Uint8Array[] {
  const doc = JSON.parse(text('bitcoin/stratum-jobs-2025-04/tx01_ws_stratum_jobs.json')) as { stratumJobs: Record<string, { coinbase1: string; extraNonce: string; extraNonce2Size: number; coinbase2: string }> };
  return Object.values(doc.stratumJobs).map((j) => Uint8Array.from(Buffer.from(j.coinbase1 + j.extraNonce + '00'.repeat(j.extraNonce2Size) + j.coinbase2, 'hex')));
}

const STRATUM_HEADER = decodeCoinbaseBlock(readFileSync(datasetPath('bitcoin/raw-blocks/block_702861.bin'))).header;

function compactByte(n: number): number {
  if (n >= 64) throw new Error('shrink keeps fewer than 64 items');
  return n << 2;
}

/** The recorded neurons-lite answer cut to its first `keep` neurons (length prefix rewritten). */
function shrinkNeurons(bytes: Uint8Array, keep: number): Uint8Array {
  const r = new ScaleReader(bytes, 'shrink');
  r.vecLength('neurons', 1);
  const start = r.pos;
  const ends: number[] = [];
  // Walk neuron by neuron with the real decoder on growing prefixes is costly; instead decode once and
  // find each neuron's end by re-decoding a one-neuron vector at each candidate start.
  let at = start;
  for (let k = 0; k < keep; k++) {
    let lo = at + 1;
    for (;;) {
      const probe = new Uint8Array(1 + lo - at);
      probe[0] = compactByte(1);
      probe.set(bytes.subarray(at, lo), 1);
      try {
        decodeNeuronsLite(probe, 'probe');
        break;
      } catch {
        lo++;
      }
    }
    ends.push(lo);
    at = lo;
  }
  const out = new Uint8Array(1 + at - start);
  out[0] = compactByte(keep);
  out.set(bytes.subarray(start, at), 1);
  return out;
}

/** The recorded subnet state with every per-UID vector cut to its first `keep` entries. */
function shrinkSubnetState(bytes: Uint8Array, keep: number): Uint8Array {
  const r = new ScaleReader(bytes, 'shrink');
  const out: number[] = [];
  const copy = (from: number, to: number) => {
    for (let i = from; i < to; i++) out.push(bytes[i]!);
  };
  r.u8('Option');
  r.compact('netuid');
  copy(0, r.pos);
  const vec = (item: () => void) => {
    const n = r.vecLength('vec', 1);
    const k = Math.min(n, keep);
    out.push(compactByte(k));
    const from = r.pos;
    let to = from;
    for (let i = 0; i < n; i++) {
      item();
      if (i === k - 1) to = r.pos;
    }
    copy(from, to);
  };
  const account = () => void r.take(32, 'account');
  const bool = () => void r.u8('bool');
  const compact = () => void r.compact('compact');
  vec(account);
  vec(account);
  vec(bool);
  vec(bool);
  for (let f = 0; f < 12; f++) vec(compact);
  const n = r.vecLength('emission_history', 1);
  out.push(compactByte(Math.min(n, keep)));
  for (let s = 0; s < n; s++) {
    if (s < keep) vec(compact);
    else {
      const m = r.vecLength('inner', 1);
      for (let i = 0; i < m; i++) r.compact('c');
    }
  }
  return Uint8Array.from(out);
}

function epochHead(rel: string, maxLines: number): string {
  const all = text(rel).split('\n');
  for (let n = maxLines; n > 1; n--) {
    const t = all.slice(0, n).join('\n') + '\n';
    try {
      parseCsv(t, rel);
      return t;
    } catch {
      // a quoted field spans the cut: try one line less
    }
  }
  throw new Error(`no parseable head of ${rel}`);
}

export const TARGETS: readonly FuzzTarget[] = [
  bytesTarget('block, coinbase fast path (5 real blocks)', 'blocks', 300, blockPrefixes, (b) => decodeCoinbaseBlock(b, { input: 'fuzz' })),
  bytesTarget('block, full decode (genesis, 542,213)', 'blocks', 100, smallBlocks, (b) => decodeBlock(b, { input: 'fuzz' })),
  bytesTarget('stratum job coinbase (15 recorded pool jobs)', 'stratum jobs', 200, stratumCoinbases, (b) => readCoinbaseTransaction(new ByteReader(b, 'fuzz'), STRATUM_HEADER, MAINNET, true)),
  bytesTarget('SCALE neurons-lite (recorded, 2 neurons)', 'SCALE', 80, () => [shrinkNeurons(hexToBytes(recordedStateCall('NeuronInfoRuntimeApi_get_neurons_lite'), 'nl'), 2)], (b) => decodeNeuronsLite(b, 'fuzz')),
  bytesTarget('SCALE subnet state (recorded, 3 UIDs)', 'SCALE', 40, () => [shrinkSubnetState(hexToBytes(recordedStateCall('SubnetInfoRuntimeApi_get_subnet_state'), 'ss'), 3)], (b) => decodeSubnetState(b, 'fuzz')),
  textTarget('CSV, shared reader (per-block, CBECI, coinbase heads)', 'CSV', 50, () => {
    const p: Parse = (t) => parseCsv(t, 'fuzz.csv');
    return [[gzHead('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz', 30), p], [head(text('bitcoin/cbeci-mining-map/cbeci_mining_countries_2019-09_2022-01.csv'), 20), p], [head(text('bitcoin/coinbases/mainnet_coinbases_h0-599_2009.csv'), 6), p]];
  }),
  textTarget('CSV, per-block dataset reader (ingest)', 'CSV', 100, () => [[gzHead('bitcoin/per-block-pool-attribution-2020-2026/blocks_pool_attribution.csv.gz', 30), (t) => readPerBlockAttribution(scannerFromText(t, 'fuzz.csv'), false)]]),
  textTarget('CSV, Epoch tables (models, GPU clusters)', 'CSV', 15, () => [
    [epochHead('ai/epoch-ai-models/frontier_ai_models.csv', 6), (t) => decodeModels(parseCsv(t, 'fuzz.csv'), 'frontier')],
    [epochHead('ai/epoch-compute-infrastructure/gpu_clusters.csv', 6), (t) => decodeGpuClusters(parseCsv(t, 'fuzz.csv'))],
  ]),
  textTarget('CSV, metagraph (recorded subnet 1, 4 rows)', 'CSV', 50, () => [[formatMetagraphCsv(parseMetagraphCsv(readFileSync(METAGRAPH_CSV_PATH, 'utf8'), 'sn1.csv').slice(0, 4)), (t) => parseMetagraphCsv(t, 'fuzz.csv')]]),
  textTarget('CSV, subnets, Hub samples, ASIC hardware', 'CSV', 30, () => [
    [head(text('ai/bittensor-subnets/subnets_snapshot_2026-04-11.csv'), 5), (t) => parseSubnetsCsv(t, 'fuzz.csv')],
    [head(text('ai/hf-hub-models/hf_models_major_labs_2025-10.csv'), 6), (t) => parseHubSampleCsv(t, 'fuzz.csv')],
    [head(text('bitcoin/asic-hardware/asic_models_normalized.csv'), 8), (t) => parseHardwareFile(t, 'fuzz.csv')],
  ]),
  textTarget(
    'JSON, metagraph snapshot (3 rows)',
    'JSON snapshots',
    20,
    () => [[formatMetagraphSnapshot({ netuid: 1, block: BLOCK, blockHash: BLOCK_HASH, timeSec: 1762787544, rows: parseMetagraphCsv(readFileSync(METAGRAPH_CSV_PATH, 'utf8'), 'sn1.csv').slice(0, 3), source: 'ws://node', fetchedAtSec: 1762787600 }), (t) => parseMetagraphSnapshot(t, 'fuzz.json')]],
    json,
  ),
  textTarget('JSON, subnets, delegates, CBECI miners (3 entries each)', 'JSON snapshots', 20, () => [
    [JSON.stringify((JSON.parse(text('ai/bittensor-subnets/subnets_snapshot_2026-04-11.json')) as unknown[]).slice(0, 3)), (t) => parseSubnetsJson(t, 'fuzz.json')],
    [JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text('ai/bittensor-delegates/delegates.json')) as object).slice(0, 3))), (t) => parseDelegates(t, 'fuzz.json')],
    [JSON.stringify((JSON.parse(text('bitcoin/asic-hardware/cbeci_miners_2021-02.json')) as unknown[]).slice(0, 3)), (t) => parseCbeciMinersJson(t, 'fuzz.json')],
  ], json),
  // Decoders that take an already parsed JSON value (the transport parsed it): the input is that value.
  {
    name: 'JSON values, block header and Hub model page',
    group: 'JSON snapshots',
    weight: 20,
    prepare() {
      const header = (loadRecording().chain_getHeader![JSON.stringify([BLOCK_HASH])] as { result: unknown }).result;
      const t = parseCsv(head(text('ai/hf-hub-models/hf_models_major_labs_2025-10.csv'), 4), 'hub');
      const hub = t.rows.map((r) => ({ id: r[1], author: r[0], pipeline_tag: r[3], createdAt: r[5], lastModified: r[6], downloads: Number(r[7]), private: false, sha: r[9] }));
      const seeds: (readonly [unknown, (v: unknown) => unknown])[] = [
        [header, (v) => decodeHeader(v, 'fuzz.json')],
        [hub, (v) => decodeHubModelPage(v, 'fuzz.json')],
      ];
      return {
        generate: (rng) => {
          const i = rng.int(seeds.length);
          return [i, mutateValue(seeds[i]![0], rng)] as const;
        },
        parse: (input) => {
          const [i, v] = input as readonly [number, unknown];
          return seeds[i]![1](v);
        },
      };
    },
  },
  textTarget('scenario YAML (the 10 shipped scenarios)', 'scenario YAML', 5, () => readdirSync(join(PROJECT_ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => [readFileSync(join(PROJECT_ROOT, 'scenarios', f), 'utf8'), (t: string) => parseScenario(t, 'fuzz.yaml')] as const), yaml),
];
