/**
 * @module Test support: the staged recording of finney JSON-RPC responses at block 6852690 and
 * the metagraph CSV decoded from it (ai/bittensor-metagraph, read in place, never copied).
 */
import { readFileSync } from 'node:fs';
import { datasetPath } from '../../src/sources/files/datasets-path.js';

export const BLOCK = 6852690;
export const BLOCK_HASH = '0xdb13c066e2c63969f140164fb3bfe7a0aaa7b71407fc0fe525d68e57329ef9d0';
export const RECORDING_PATH = datasetPath(`ai/bittensor-metagraph/recorded_jsonrpc_block${BLOCK}.json`);
export const METAGRAPH_CSV_PATH = datasetPath('ai/bittensor-metagraph/sn1_metagraph_block6852690_2025-11-10.csv');

export type RecordingFile = Record<string, Record<string, unknown>>;

let cached: RecordingFile | null = null;
export function loadRecording(): RecordingFile {
  cached ??= JSON.parse(readFileSync(RECORDING_PATH, 'utf8')) as RecordingFile;
  return cached;
}

/** The recorded `result` for a runtime-API call on netuid 1 at the recorded block. */
export function recordedStateCall(api: string): string {
  const key = JSON.stringify([api, '0100', BLOCK_HASH]).replace(/","/g, '", "');
  const resp = loadRecording().state_call![key] as { result: string } | undefined;
  if (!resp) throw new Error(`no recorded state_call ${api}`);
  return resp.result;
}
