import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { datasetPath } from '../../sources/files/datasets-path.js';
import { formatHubModelsSnapshot, parseHubModelsSnapshot, querySubject } from './models-snapshot.js';
import { parseHubSampleCsv } from './samples.js';

describe('Hub model snapshot (nakamoto/hf-models@1)', () => {
  it('round-trips every model of the real major-labs sample exactly', () => {
    const path = datasetPath('ai/hf-hub-models/hf_models_major_labs_2025-10.csv');
    const { models } = parseHubSampleCsv(readFileSync(path, 'utf8'), path);
    const text = formatHubModelsSnapshot({ query: { author: 'Qwen' }, source: 'https://huggingface.co/api/models?author=Qwen', fetchedAtSec: 1_760_000_000, complete: true, models });
    const back = parseHubModelsSnapshot(JSON.parse(text), 'snap.json');
    expect(back.models).toEqual(models);
    expect(back).toMatchObject({ query: { author: 'Qwen' }, fetchedAtSec: 1_760_000_000, complete: true });
  });

  it('round-trips the search-open sample too (licences, no private flags)', () => {
    const path = datasetPath('ai/hf-hub-models/hf_models_search_open_2025-10.csv.gz');
    const { models } = parseHubSampleCsv(gunzipSync(readFileSync(path)).toString('utf8'), path);
    const back = parseHubModelsSnapshot(JSON.parse(formatHubModelsSnapshot({ query: { search: 'open' }, source: 'x', fetchedAtSec: 1, complete: false, models: models.slice(0, 2000) })), 's');
    expect(back.models).toEqual(models.slice(0, 2000));
  });

  it('a snapshot without a time, or with a duplicate model, is rejected naming the key', () => {
    const doc = JSON.parse(formatHubModelsSnapshot({ query: {}, source: 'x', fetchedAtSec: 1, complete: true, models: [] })) as Record<string, unknown>;
    expect(() => parseHubModelsSnapshot({ ...doc, fetchedAt: null }, 'f.json')).toThrow(/f\.json \[fetchedAt\]: snapshot without a time/);
    expect(() => parseHubModelsSnapshot({ ...doc, models: [{ id: 'a/b' }, { id: 'a/b' }] }, 'f.json')).toThrow(/\[models\[1\]\.id\]: duplicate model id a\/b/);
    expect(querySubject({ search: 'open', author: 'x' })).toBe('author:x+search:open');
  });
});
