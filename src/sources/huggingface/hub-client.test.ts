import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecodeError, SourceError } from '../../domain/errors.js';
import { datasetPath } from '../files/datasets-path.js';
import { fetchHubModels, nextLink, retryAfterMs } from './hub-client.js';
import { downloadsByAuthor } from './distributions.js';
import { loadSampleModels, startTestHubServer, type CannedReply, type HubRequestLog, type SampleModel, type TestHubServer } from '../../../test/support/hub-server.js';

const samples: SampleModel[] = loadSampleModels();
let hub: TestHubServer;
let fault: ((req: HubRequestLog, i: number) => CannedReply | null) | null = null;

beforeAll(async () => {
  hub = await startTestHubServer(samples, (req, i) => fault?.(req, i) ?? null);
});
afterAll(async () => {
  await hub.close();
});

const noWait = { backoffMs: 1, token: null, env: {} };

/** Independent minimal reader: sum the downloads column of the major-labs CSV for one owner. */
function csvDownloads(owner: string): { n: number; sum: number } {
  const lines = readFileSync(datasetPath('ai/hf-hub-models/hf_models_major_labs_2025-10.csv'), 'utf8').trim().split('\n');
  const h = lines[0]!.split(',');
  let n = 0;
  let sum = 0;
  for (const l of lines.slice(1)) {
    const c = l.split(',');
    if (c[h.indexOf('owner')] !== owner) continue;
    n++;
    sum += Number(c[h.indexOf('downloads')] || 0);
  }
  return { n, sum };
}

describe('fetchHubModels against a loopback Hub serving the staged samples', () => {
  it('follows Link pagination, waits out one 429 with Retry-After: 1, returns every google model', async () => {
    const start = hub.requests.length;
    fault = (_r, i) => (i === start ? { status: 429, headers: { 'retry-after': '1' }, body: 'rate limited' } : null);
    const waits: number[] = [];
    const r = await fetchHubModels({ baseUrl: hub.baseUrl, author: 'google', sort: 'downloads', direction: -1, limit: 200, ...noWait, sleep: async (ms) => {
        waits.push(ms);
      } });
    fault = null;
    // PROVENANCE: google has 1,050 models in the major-labs sample, 30-day downloads ≈ 87.9M.
    const expected = csvDownloads('google');
    expect(expected.n).toBe(1050);
    expect(r.models).toHaveLength(1050);
    expect(r.models.reduce((s, m) => s + (m.downloads ?? 0), 0)).toBe(expected.sum);
    expect(expected.sum / 1e6).toBeCloseTo(87.9, 1);
    expect(r).toMatchObject({ pages: 6, retries: 1, requests: 7, complete: true });
    // Retry-After: 1 → one wait of 1000 ms (the shared retry loop honours it; the back-off would be 1 ms).
    expect(waits).toEqual([1000]);
    const d = r.models.map((m) => m.downloads ?? -1);
    expect(d.every((v, i) => i === 0 || d[i - 1]! >= v)).toBe(true);
    const params = new URL(hub.requests[start]!.url, 'http://x').searchParams;
    expect(Object.fromEntries(params)).toEqual({ author: 'google', sort: 'downloads', direction: '-1', limit: '200', full: 'true' });
  });

  it('decodes the wire fields: author, sha, dates, licence tag, pipeline tag', async () => {
    const r = await fetchHubModels({ baseUrl: hub.baseUrl, search: 'Meta-Llama-3-8B-Instruct', author: 'meta-llama', ...noWait });
    const m = r.models.find((x) => x.id === 'meta-llama/Meta-Llama-3-8B-Instruct')!;
    // CSV line 2: meta-llama,…,text-generation,llama3,2024-04-17T09:35:12+00:00,2025-06-18T23:49:51+00:00,917589,False,8afb486c…
    expect(m).toMatchObject({
      author: 'meta-llama', pipelineTag: 'text-generation', license: 'llama3', downloads: 917589, private: false,
      sha: '8afb486c1db24fe5011ec46dfbe5b5dccdb575c2', createdAtSec: Date.UTC(2024, 3, 17, 9, 35, 12) / 1000, lastModifiedSec: Date.UTC(2025, 5, 18, 23, 49, 51) / 1000,
    });
  });

  it('search + author over the search-open sample; downloads per author match the file', async () => {
    const r = await fetchHubModels({ baseUrl: hub.baseUrl, search: 'open', author: 'OpenMed', limit: 100, ...noWait });
    // awk over the search-open CSV: 475 OpenMed models (all ids contain "open" by construction of the sample).
    expect(r.models).toHaveLength(475);
    const s = downloadsByAuthor(r.models, 0).series;
    // awk: sum of downloads for author OpenMed = 5296104.
    expect([...s.entities]).toEqual(['OpenMed']);
    expect(s.weight[0]).toBe(5296104);
  });

  it('sends the bearer token only when configured (HF_TOKEN)', async () => {
    const start = hub.requests.length;
    await fetchHubModels({ baseUrl: hub.baseUrl, author: 'xai-org', backoffMs: 1, env: { HF_TOKEN: 'hf_test' } });
    expect(hub.requests[start]!.headers.authorization).toBe('Bearer hf_test');
    await fetchHubModels({ baseUrl: hub.baseUrl, author: 'xai-org', ...noWait });
    expect(hub.requests[start + 1]!.headers.authorization).toBeUndefined();
  });

  it('maxModels stops early and marks the result incomplete', async () => {
    const r = await fetchHubModels({ baseUrl: hub.baseUrl, author: 'Qwen', limit: 50, maxModels: 120, ...noWait });
    expect(r.models).toHaveLength(120);
    expect(r).toMatchObject({ pages: 3, complete: false });
  });

  it('gives up after bounded retries on persistent 429, in one line naming the URL', async () => {
    fault = () => ({ status: 429, headers: { 'retry-after': '1' } });
    const waits: number[] = [];
    const err = await fetchHubModels({ baseUrl: hub.baseUrl, author: 'google', retries: 2, ...noWait, sleep: async (ms) => void waits.push(ms) }).catch((e: unknown) => e);
    fault = null;
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toMatch(new RegExp(`^Hugging Face Hub ${hub.baseUrl}/api/models\\?\\S+ failed after 3 attempt\\(s\\): HTTP 429 Too Many Requests$`));
    expect(waits).toEqual([1000, 1000]);
  });

  it('a Retry-After longer than allowed fails at once instead of retrying early', async () => {
    const start = hub.requests.length;
    fault = () => ({ status: 503, headers: { 'retry-after': '3600' } });
    const err = await fetchHubModels({ baseUrl: hub.baseUrl, author: 'google', ...noWait, maxRetryAfterMs: 60_000 }).catch((e: unknown) => e);
    fault = null;
    expect((err as Error).message).toMatch(/failed after 1 attempt\(s\): HTTP 503 Service Unavailable, asked to wait 3600 s \(more than the 60 s allowed\); try later$/);
    expect(hub.requests.length - start).toBe(1);
  });

  it('HTTP errors, non-JSON and wrongly typed fields are typed errors naming the URL', async () => {
    fault = () => ({ status: 401, body: '{"error":"Invalid credentials"}' });
    await expect(fetchHubModels({ baseUrl: hub.baseUrl, ...noWait })).rejects.toThrow(/HTTP 401 \(check HF_TOKEN\)/);
    fault = () => ({ status: 200, body: '[{"id": "a/b", "downloads": 3}, {"id": "a/c"' });
    await expect(fetchHubModels({ baseUrl: hub.baseUrl, ...noWait })).rejects.toThrow(DecodeError);
    fault = () => ({ status: 200, body: '[{"id": "a/b", "downloads": "many"}]' });
    const err = await fetchHubModels({ baseUrl: hub.baseUrl, ...noWait }).catch((e: unknown) => e);
    expect((err as DecodeError).position).toMatchObject({ field: '[0].downloads' });
    expect((err as DecodeError).position.input).toContain(`${hub.baseUrl}/api/models?`);
    fault = () => ({ status: 200, body: '{"error": "not a list"}' });
    await expect(fetchHubModels({ baseUrl: hub.baseUrl, ...noWait })).rejects.toThrow(/expected a JSON array of models/);
    fault = null;
  });
});

describe('header parsing', () => {
  it('Link rel="next" among several links, relative targets resolved', () => {
    expect(nextLink('<https://h/a?p=1>; rel="prev", <https://h/a?p=3>; rel="next"', 'https://h/a?p=2')).toBe('https://h/a?p=3');
    expect(nextLink('</api/models?cursor=x>; rel="next"', 'https://huggingface.co/api/models')).toBe('https://huggingface.co/api/models?cursor=x');
    expect(nextLink('<https://h/a>; rel="last"', 'https://h/')).toBeNull();
    expect(nextLink(null, 'https://h/')).toBeNull();
  });

  it('Retry-After as seconds or HTTP date', () => {
    expect(retryAfterMs('1', 0)).toBe(1000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.UTC(2015, 9, 21, 7, 27, 30))).toBe(30_000);
    expect(retryAfterMs('soon', 0)).toBeNull();
  });
});
