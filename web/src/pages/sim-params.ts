/**
 * @module The Simulate page's parameter inputs: one number input per numeric parameter of the
 * scenario (from `/api/simulate/<scenario>/parameters`), set from the URL's `set` overrides, and
 * the overrides read back (only values that differ from the scenario file). `set` is the API's
 * parameter as it is: `path=value,path=value` (pure helpers tested in node).
 */
import type { ScenarioParameter } from '../api-types.js';
import { h } from '../dom.js';

/** `a.b=1,c=2` — the shape the URL accepts (the server validates paths and ranges). */
export const SET_PATTERN = /^[A-Za-z0-9_.-]+=[-+]?[0-9.]+([eE][-+]?\d+)?(,[A-Za-z0-9_.-]+=[-+]?[0-9.]+([eE][-+]?\d+)?)*$/;

/** `a=1,b=2` → Map(a → '1', b → '2'). */
export function parseSet(set: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of (set ?? '').split(',')) {
    const eq = item.indexOf('=');
    if (eq > 0) out.set(item.slice(0, eq), item.slice(eq + 1));
  }
  return out;
}

/** The overrides that differ from the file's values, in parameter order, as `set` text ('' = none). */
export function setText(params: readonly ScenarioParameter[], values: ReadonlyMap<string, string>): string {
  return params
    .filter((p) => values.has(p.path) && values.get(p.path)!.trim() !== '' && Number(values.get(p.path)) !== p.value)
    .map((p) => `${p.path}=${values.get(p.path)!.trim()}`)
    .join(',');
}

export function paramInputId(path: string): string {
  return `param-${path.replace(/[^A-Za-z0-9]/g, '-')}`;
}

/** Labelled inputs (inside a `.controls` fieldset) with the scenario's values, overrides applied. */
export function paramInputs(params: readonly ScenarioParameter[], overrides: ReadonlyMap<string, string>): HTMLElement {
  const labels = params.map((p) => {
    const id = paramInputId(p.path);
    const changed = overrides.has(p.path) && Number(overrides.get(p.path)) !== p.value;
    const input = h('input', {
      id,
      type: 'number',
      'data-path': p.path,
      'data-default': String(p.value),
      value: changed ? overrides.get(p.path) : String(p.value),
      step: p.integer ? 1 : 'any',
      min: p.min !== undefined && !p.minExclusive ? p.min : undefined,
      max: p.max !== undefined && !p.maxExclusive ? p.max : undefined,
      inputmode: 'decimal',
      class: changed ? 'changed' : undefined,
      title: `in the file: ${p.value}${p.min !== undefined || p.max !== undefined ? `; allowed ${p.minExclusive ? '(' : '['}${p.min ?? '−∞'}, ${p.max ?? '∞'}${p.maxExclusive ? ')' : ']'}` : ''}`,
    });
    return h('label', { for: id }, `${p.path}${p.unit ? ` (${p.unit})` : ''}`, input);
  });
  return h('fieldset', { class: 'controls', id: 'sim-params' }, h('legend', { class: 'note' }, 'Parameters (changed values are sent as set=path=value)'), ...labels);
}

/** Current values of the inputs of `root` by path. */
export function readInputs(root: ParentNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const input of root.querySelectorAll<HTMLInputElement>('input[data-path]')) out.set(input.dataset.path!, input.value);
  return out;
}
