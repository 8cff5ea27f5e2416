/**
 * @module A chart on the page: a <figure> with a caption, the Plot output sized to its container
 * (redrawn when the width changes, e.g. a phone turned sideways) and the same numbers as a table
 * in a <details> for screen readers and copying.
 */
import { h, replace, table, type Child } from '../dom.js';

export interface ChartData {
  readonly columns: readonly string[];
  readonly rows: readonly Child[][];
  readonly num?: readonly number[];
}

export interface ChartFrame {
  readonly el: HTMLElement;
  /** Draw with `draw(width)`; `data` fills the accessible table. */
  show(draw: (width: number) => Element, data: ChartData, description?: string): void;
  /** A message instead of a chart (no data, or an error). */
  message(node: Child): void;
}

const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => {
  for (const e of entries) (e.target as HTMLElement & { redraw?: () => void }).redraw?.();
});

export function chartFrame(title: string, id: string): ChartFrame {
  const body = h('div', { class: 'chart-body' }) as HTMLElement & { redraw?: () => void };
  const desc = h('p', { class: 'note' });
  const details = h('details', { class: 'data' });
  const el = h('figure', { class: 'chart', id, 'data-chart': id }, h('figcaption', {}, title), body, desc, details);
  let lastWidth = 0;
  return {
    el,
    show(draw, data, description) {
      const width = () => Math.max(280, Math.floor(body.clientWidth || el.clientWidth || 640));
      const paint = () => {
        lastWidth = width();
        const chart = draw(lastWidth);
        chart.setAttribute('role', 'img');
        chart.setAttribute('aria-label', `${title}${description ? `: ${description}` : ''}`);
        replace(body, chart);
      };
      body.redraw = () => {
        if (Math.abs(width() - lastWidth) > 24) paint();
      };
      paint();
      observer?.observe(body);
      replace(desc, description ?? '');
      replace(details, h('summary', {}, 'Data table'), table(data.columns, data.rows, { num: data.num }));
    },
    message(node) {
      body.redraw = undefined;
      replace(body, typeof node === 'string' ? h('p', { class: 'status' }, node) : node);
      replace(desc);
      replace(details);
    },
  };
}
