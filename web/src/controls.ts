/**
 * @module Form controls bound to URL parameters: a labelled select, date or number input per
 * parameter. A change calls `onChange({ name: value })` (the page writes it to the URL, which
 * updates the view); `sync(values)` sets the controls from the URL (back/forward, reload).
 */
import { h } from './dom.js';
import type { ParamValues } from './url-state.js';

export type Field =
  | { readonly kind: 'select'; readonly name: string; readonly label: string; readonly options: readonly (readonly [value: string, label: string])[] }
  | { readonly kind: 'date'; readonly name: string; readonly label: string; readonly min?: string; readonly max?: string }
  | { readonly kind: 'number'; readonly name: string; readonly label: string; readonly min: number; readonly max: number; readonly step: number | 'any' };

export interface ControlBar {
  readonly el: HTMLElement;
  sync(values: ParamValues): void;
}

export function controlBar(legend: string, fields: readonly Field[], onChange: (changes: ParamValues) => void): ControlBar {
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const labels = fields.map((f) => {
    const id = `ctl-${f.name}`;
    let input: HTMLInputElement | HTMLSelectElement;
    if (f.kind === 'select') {
      input = h('select', { id, name: f.name }, ...f.options.map(([v, l]) => h('option', { value: v }, l)));
    } else if (f.kind === 'date') {
      input = h('input', { id, name: f.name, type: 'date', min: f.min, max: f.max });
    } else {
      input = h('input', { id, name: f.name, type: 'number', min: f.min, max: f.max, step: f.step, inputmode: 'decimal' });
    }
    input.addEventListener('change', () => {
      if (input instanceof HTMLInputElement && !input.checkValidity()) {
        input.reportValidity();
        return;
      }
      onChange({ [f.name]: input.value });
    });
    inputs.set(f.name, input);
    return h('label', { for: id }, f.label, input);
  });
  const el = h('fieldset', { class: 'controls' }, h('legend', { class: 'note' }, legend), ...labels);
  return {
    el,
    sync(values) {
      for (const [name, input] of inputs) {
        const v = values[name] ?? '';
        if (input.value !== v) input.value = v;
      }
    },
  };
}

/** Replace a select's options (e.g. levels that depend on the distribution) keeping its value when possible. */
export function setOptions(select: HTMLSelectElement, options: readonly (readonly [string, string])[]): void {
  const v = select.value;
  select.replaceChildren(...options.map(([value, label]) => h('option', { value }, label)));
  if (options.some(([value]) => value === v)) select.value = v;
}
