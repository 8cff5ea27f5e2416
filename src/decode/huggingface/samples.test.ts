import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { datasetPath } from '../../sources/files/datasets-path.js';
import { parseHubSampleCsv, parseLineage } from './samples.js';
import { decodeErrorOf } from '../../../test/support/decode-error.js';

const read = (rel: string): string => {
  const b = readFileSync(datasetPath(rel));
  return (rel.endsWith('.gz') ? gunzipSync(b) : b).toString('utf8');
};
const majorText = read('ai/hf-hub-models/hf_models_major_labs_2025-10.csv');
const searchText = read('ai/hf-hub-models/hf_models_search_open_2025-10.csv.gz');

describe('Hub samples', () => {
  it('major-labs: 2,028 models of 7 organisations with PROVENANCE counts', () => {
    const { shape, models } = parseHubSampleCsv(majorText, 'major.csv');
    expect(shape).toBe('major-labs');
    expect(models).toHaveLength(2028);
    const count = (a: string): number => models.filter((m) => m.author === a).length;
    expect([count('google'), count('microsoft'), count('Qwen'), count('deepseek-ai'), count('meta-llama'), count('mistralai'), count('xai-org')]).toEqual([1050, 427, 362, 78, 70, 39, 2]);
  });

  it('search-open: 20,070 models, 4,642 authors, 14,254 with downloads (PROVENANCE)', () => {
    const { shape, models } = parseHubSampleCsv(searchText, 'search.csv');
    expect(shape).toBe('search-open');
    expect(models).toHaveLength(20070);
    expect(new Set(models.map((m) => m.author)).size).toBe(4642);
    expect(models.filter((m) => m.downloads !== null)).toHaveLength(14254);
  });

  it('bad rows name file, line and column', () => {
    const lines = majorText.split('\n');
    const edit = (i: number, col: number, v: string): string => {
      const c = lines[i]!.split(',');
      c[col] = v;
      return [...lines.slice(0, i), c.join(','), ...lines.slice(i + 1)].join('\n');
    };
    expect(decodeErrorOf(() => parseHubSampleCsv(edit(4, 7, 'lots'), 'm.csv')).position).toEqual({ input: 'm.csv', line: 5, field: 'downloads' });
    expect(decodeErrorOf(() => parseHubSampleCsv(edit(4, 5, '2024-13-01'), 'm.csv')).position.field).toBe('created_at');
    expect(decodeErrorOf(() => parseHubSampleCsv(edit(4, 0, 'google'), 'm.csv')).reason).toMatch(/not the namespace/);
    expect(decodeErrorOf(() => parseHubSampleCsv(edit(4, 1, lines[2]!.split(',')[1]!), 'm.csv')).reason).toMatch(/duplicate model id .* \(first at line 3\)/);
    expect(decodeErrorOf(() => parseHubSampleCsv(majorText.replace('repo_id', 'repo'), 'm.csv')).reason).toMatch(/unknown Hub sample shape/);
    expect(decodeErrorOf(() => parseHubSampleCsv(majorText.slice(0, 5000), 'm.csv')).reason).toMatch(/expected 10 fields/);
  });
});

describe('lineage graph', () => {
  const nodes = read('ai/hf-hub-models/hf_llm_lineage_nodes_2025-06.csv.gz');
  const edges = read('ai/hf-hub-models/hf_llm_lineage_edges_2025-06.csv.gz');

  it('29,075 models and 28,155 edges (PROVENANCE)', () => {
    const g = parseLineage(nodes, 'n.csv', edges, 'e.csv');
    expect(g.nodes.size).toBe(29075);
    expect(g.edges).toHaveLength(28155);
  });

  it('an edge to an unknown model, an unknown type or a changed column is an error', () => {
    const h = 'source,target,edge\n';
    const n = 'id,type,owner,architecture\na/x,base,a,llama\nb/y,finetuned,b,llama\n';
    expect(() => parseLineage(n, 'n.csv', h + 'a/x,c/z,finetuned\n', 'e.csv')).toThrow(/e\.csv:2 \[target\]: unknown model "c\/z"/);
    expect(() => parseLineage(n, 'n.csv', h + 'a/x,b/y,distilled\n', 'e.csv')).toThrow(/unknown edge type "distilled"/);
    expect(() => parseLineage(n.replace('finetuned', 'cloned'), 'n.csv', h, 'e.csv')).toThrow(/n\.csv:3 \[type\]/);
    expect(() => parseLineage(n.replace('owner', 'org'), 'n.csv', h, 'e.csv')).toThrow(/missing column "owner"/);
  });
});
