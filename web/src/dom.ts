/**
 * @module A tiny element builder: `h('a', { href, class: 'x', onclick }, 'text', child)`. Text is
 * always set as text (never parsed as HTML), so data from the API cannot inject markup.
 */
export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replace every child of `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

/** A table with a header row; cells are text or nodes, `num` columns right-aligned. */
export function table(columns: readonly string[], rows: readonly Child[][], opts: { num?: readonly number[]; caption?: string } = {}): HTMLElement {
  const num = new Set(opts.num ?? []);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      opts.caption ? h('caption', { class: 'note' }, opts.caption) : null,
      h('thead', {}, h('tr', {}, ...columns.map((c, j) => h('th', { scope: 'col', class: num.has(j) ? 'num' : null }, c)))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((cell, j) => h('td', { class: num.has(j) ? 'num' : null }, cell))))),
    ),
  );
}

export function errorBox(message: string): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, message);
}
