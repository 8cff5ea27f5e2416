import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../domain/errors.js';
import { decodeHubModel, decodeHubModelPage } from './hub-model.js';

describe('Hub API model objects', () => {
  // Synthetic object in the documented /api/models?full=true&config=true shape (field names as the Hub sends them).
  const full = {
    _id: '6623a1c0e0b5e1a8b1d1c0ff',
    id: 'someone/Llama-3-8B-GGUF',
    modelId: 'someone/Llama-3-8B-GGUF',
    author: 'someone',
    sha: 'abc123',
    lastModified: '2025-01-02T03:04:05.000Z',
    createdAt: '2024-12-31T23:59:59.000Z',
    private: false,
    gated: false,
    disabled: false,
    likes: 7,
    downloads: 1234,
    library_name: 'gguf',
    pipeline_tag: 'text-generation',
    tags: ['gguf', 'base_model:meta-llama/Meta-Llama-3-8B', 'base_model:quantized:meta-llama/Meta-Llama-3-8B', 'license:llama3'],
    config: { model_type: 'llama' },
    siblings: [{ rfilename: 'model.gguf' }],
  };

  it('reads every field the distributions need', () => {
    expect(decodeHubModel(full, 'page', 0)).toEqual({
      id: 'someone/Llama-3-8B-GGUF', author: 'someone', downloads: 1234, likes: 7,
      createdAtSec: Date.UTC(2024, 11, 31, 23, 59, 59) / 1000, lastModifiedSec: Date.UTC(2025, 0, 2, 3, 4, 5) / 1000,
      pipelineTag: 'text-generation', libraryName: 'gguf', license: 'llama3', private: false, sha: 'abc123', tags: full.tags,
      baseModels: [
        { id: 'meta-llama/Meta-Llama-3-8B', relation: 'unspecified' },
        { id: 'meta-llama/Meta-Llama-3-8B', relation: 'quantized' },
      ],
      modelType: 'llama',
    });
  });

  it('without full=true the author comes from the id namespace; absent fields are null', () => {
    const m = decodeHubModel({ id: 'org/x', downloads: 0, tags: [] }, 'page', 0);
    expect(m).toMatchObject({ author: 'org', downloads: 0, likes: null, sha: null, lastModifiedSec: null, license: null });
    expect(decodeHubModel({ id: 'gpt2' }, 'page', 0).author).toBeNull();
  });

  it('wrong types are DecodeErrors naming input, index and field', () => {
    const cases: [unknown, string][] = [
      [{ id: 'a/b', downloads: -1 }, '[3].downloads'],
      [{ id: 'a/b', downloads: 1.5 }, '[3].downloads'],
      [{ id: 'a/b', createdAt: 'yesterday' }, '[3].createdAt'],
      [{ id: 'a/b', tags: 'x' }, '[3].tags'],
      [{ id: 'a/b/c' }, '[3].id'],
      [{ downloads: 1 }, '[3].id'],
      [{ id: 'a/b', private: 'no' }, '[3].private'],
      ['a/b', '[3]'],
    ];
    for (const [raw, field] of cases) {
      try {
        decodeHubModel(raw, 'https://hub/api/models', 3);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(DecodeError);
        expect((e as DecodeError).position).toEqual({ input: 'https://hub/api/models', field });
      }
    }
    expect(() => decodeHubModelPage({ models: [] }, 'u')).toThrow(/expected a JSON array/);
  });
});
