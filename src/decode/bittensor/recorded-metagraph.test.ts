import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { datasetPath } from '../../sources/files/datasets-path.js';
import { parseMetagraphCsv } from './metagraph-csv.js';
import { decodeRecordedMetagraphs } from './recorded-metagraph.js';

const REC = datasetPath('ai/bittensor-metagraph/recorded_jsonrpc_block6852690.json');
const CSV = datasetPath('ai/bittensor-metagraph/sn1_metagraph_block6852690_2025-11-10.csv');
const recording = () => JSON.parse(readFileSync(REC, 'utf8')) as { state_call: Record<string, unknown>; chain_getHeader: Record<string, unknown> };

describe('metagraphs from a recording of JSON-RPC responses', () => {
  it('decodes SN1 at block 6852690, dated by its header, equal to the staged CSV row for row', () => {
    const [m, ...rest] = decodeRecordedMetagraphs(recording(), 'rec.json');
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ netuid: 1, block: 6852690, timeSec: Date.UTC(2025, 10, 10, 15, 12, 24) / 1000 });
    expect(m!.rows).toEqual(parseMetagraphCsv(readFileSync(CSV, 'utf8'), CSV));
  });

  it('fails naming the call: a truncated response, a missing header, an error response', () => {
    const cut = recording();
    const key = Object.keys(cut.state_call).find((k) => k.includes('get_neurons_lite'))!;
    cut.state_call[key] = { result: (cut.state_call[key] as { result: string }).result.slice(0, 1000) };
    expect(() => decodeRecordedMetagraphs(cut, 'rec.json')).toThrow(DecodeError);
    expect(() => decodeRecordedMetagraphs(cut, 'rec.json')).toThrow(/rec\.json.*get_neurons_lite/);
    const noHeader = recording();
    noHeader.chain_getHeader = { '[null]': noHeader.chain_getHeader['[null]'] };
    expect(() => decodeRecordedMetagraphs(noHeader, 'rec.json')).toThrow(/no header recorded .*cannot date the snapshot/);
    const err = recording();
    const ss = Object.keys(err.state_call).find((k) => k.includes('get_subnet_state'))!;
    err.state_call[ss] = { error: { code: -32000, message: 'boom' } };
    expect(() => decodeRecordedMetagraphs(err, 'rec.json')).toThrow(/recorded response is an error/);
    expect(() => decodeRecordedMetagraphs({ foo: 1 }, 'rec.json')).toThrow(/not a JSON-RPC recording/);
  });
});
