import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetsRoot } from '../files/datasets-path.js';
import { parseLineage } from '../../decode/huggingface/samples.js';
import { loadHfDerivativesByBaseOrg, loadHfDownloadsByAuthor, loadHfModelsByAuthor } from './load.js';
import { derivativesByBaseOrg } from './distributions.js';

const root = datasetsRoot();
const weightOf = (s: { entities: readonly string[]; entity: Int32Array; weight: Float64Array }, label: string): number => {
  const k = s.entities.indexOf(label);
  return k < 0 ? NaN : s.weight[s.entity.indexOf(k)]!;
};

describe('hf/downloads-by-author and hf/models-by-author', () => {
  it('major-labs downloads per lab match PROVENANCE (Qwen 89.1M, google 87.9M, microsoft 32.0M, …)', async () => {
    const { series, snapshotTimeSec } = await loadHfDownloadsByAuthor(root, { sample: 'major-labs' });
    expect(series.kind).toBe('stock');
    const m = (a: string): number => Math.round(weightOf(series, a) / 1e5) / 10;
    expect([m('Qwen'), m('google'), m('microsoft'), m('meta-llama'), m('deepseek-ai'), m('mistralai')]).toEqual([89.1, 87.9, 32.0, 27.3, 9.2, 4.3]);
    // Latest last_modified in the file (sort | tail): 2025-10-10T23:41:31+00:00.
    expect(snapshotTimeSec).toBe(Date.UTC(2025, 9, 10, 23, 41, 31) / 1000);
  });

  it('search-open by default: openai leads with 51,016,630 downloads (awk sum over author = openai)', async () => {
    const { series, notes } = await loadHfDownloadsByAuthor(root);
    expect(weightOf(series, 'openai')).toBe(51016630);
    expect(notes.join('\n')).toMatch(/5816 without a download count left out/);
  });

  it('models-by-author counts: mradermacher 993 in search-open (awk uniq -c)', async () => {
    const { series } = await loadHfModelsByAuthor(root);
    expect(weightOf(series, 'mradermacher')).toBe(993);
    expect(series.weight.reduce((s, w) => s + w, 0)).toBe(20070);
    await expect(loadHfModelsByAuthor(root, { sample: 'all' as never })).rejects.toThrow(/invalid Hugging Face sample/);
  });
});

describe('hf/derivatives-by-base-org', () => {
  it('hand-built graph: a quantisation of a merge of two bases is split 1/2 each', () => {
    const nodes = 'id,type,owner,architecture\na/A,base,a,llama\nb/B,base,b,llama\nc/C,finetuned,c,llama\nd/D,merged,d,llama\ne/E,quantized,e,llama\nf/F,finetuned,f,llama\n';
    const edges = 'source,target,edge\na/A,c/C,finetuned\na/A,d/D,merged\nb/B,d/D,merged\nd/D,e/E,quantized\nf/F,f/F,finetuned\n';
    const g = parseLineage(nodes, 'n', edges, 'e');
    // Roots: C → {A}: a += 1. E → D → {A, B}: a += 1/2, b += 1/2. F names itself: own root, f += 1. D (merge) not counted.
    const root = derivativesByBaseOrg(g, 0).series;
    expect(Object.fromEntries(root.entities.map((e) => [e, weightOf(root, e)]))).toEqual({ a: 1.5, b: 0.5, f: 1 });
    // Parent attribution: C → a, E → d (the merger), F → f; every other namespace in the graph is a zero.
    const parent = derivativesByBaseOrg(g, 0, { attribution: 'parent' }).series;
    expect(Object.fromEntries(parent.entities.map((e) => [e, weightOf(parent, e)]))).toEqual({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 1 });
  });

  it('property: on any DAG (with self-loops) the credit totals the counted derivatives and goes to root owners only', () => {
    const types = ['base', 'finetuned', 'quantized', 'merged', 'adapter'] as const;
    const graphArb = fc.array(fc.record({ type: fc.constantFrom(...types), owner: fc.constantFrom('a', 'b', 'c', 'd'), parents: fc.uniqueArray(fc.nat(40), { maxLength: 3 }), self: fc.boolean() }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(graphArb, (spec) => {
        const nodeLines = spec.map((n, i) => `${n.owner}/m${i},${n.type},${n.owner},x`);
        const edgeLines: string[] = [];
        spec.forEach((n, i) => {
          for (const p of n.parents) if (p < i) edgeLines.push(`${spec[p]!.owner}/m${p},${n.owner}/m${i},finetuned`);
          if (n.self) edgeLines.push(`${n.owner}/m${i},${n.owner}/m${i},finetuned`);
        });
        const g = parseLineage(`id,type,owner,architecture\n${nodeLines.join('\n')}\n`, 'n', `source,target,edge\n${edgeLines.join('\n')}\n`, 'e');
        const s = derivativesByBaseOrg(g, 0).series;
        const counted = spec.filter((n) => n.type === 'finetuned' || n.type === 'quantized').length;
        expect(s.weight.reduce((x, w) => x + w, 0)).toBeCloseTo(counted, 9);
        const rootOwners = new Set<string>(spec.filter((n, i) => !n.parents.some((p) => p < i)).map((n) => n.owner));
        expect(s.entities.every((e) => rootOwners.has(e))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('staged graph: weights total the 13,083 fine-tunes + 11,321 quantisations; meta-llama and Qwen lead', async () => {
    const { series, notes, snapshotTimeSec } = await loadHfDerivativesByBaseOrg(root);
    // awk on the node types: finetuned 13083, quantized 11321.
    expect(series.weight.reduce((s, w) => s + w, 0)).toBeCloseTo(24404, 6);
    // Independent Python computation (set-based recursion over edges without self-loops):
    // meta-llama 5218.717, Qwen 3859.588, unsloth 3489.989, google 752.
    expect(weightOf(series, 'meta-llama')).toBeCloseTo(5218.717, 3);
    expect(weightOf(series, 'Qwen')).toBeCloseTo(3859.588, 3);
    expect(weightOf(series, 'unsloth')).toBeCloseTo(3489.989, 3);
    expect(weightOf(series, 'google')).toBe(752);
    expect(notes.join('\n')).toMatch(/45 self-referencing base_model links ignored/);
    expect(snapshotTimeSec).toBe(Date.UTC(2025, 5, 11) / 1000);
  });

});
