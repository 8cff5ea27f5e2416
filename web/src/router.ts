/**
 * @module Client-side routing with the History API: a route is a path pattern and a page factory.
 * Links marked `data-nav` (and any same-origin link inside <main>) navigate without a reload;
 * back/forward restore the view. A page is created once per path and then only updated when its
 * query parameters change, so controls keep their focus. `main[data-status]` tells when a view
 * is loading, ready or failed (the browser tests wait on it).
 */
import { errorBox, h } from './dom.js';
import { isAbort, errorText } from './api.js';
import { readParams, searchOf, type ParamSpecs, type ParamValues } from './url-state.js';

export interface PageContext {
  readonly root: HTMLElement;
  /** Captures of the route pattern (decoded). */
  readonly match: readonly string[];
  /** Change query parameters (merged into the current ones); pushes a history entry unless replace. */
  setParams(changes: ParamValues, opts?: { replace?: boolean }): void;
  navigate(href: string): void;
  /** Replace the current URL (no new history entry) and render it, e.g. a slug link to the canonical page. */
  redirect(href: string): void;
}

export interface Page {
  readonly specs: ParamSpecs;
  /** Render for these parameter values; `signal` aborts when they change again or the page is left. */
  update(values: ParamValues, signal: AbortSignal): Promise<void>;
}

export interface Route {
  readonly pattern: RegExp;
  /** Nav entry to highlight. */
  readonly section: string;
  readonly title: string;
  create(ctx: PageContext): Page;
}

export function startRouter(routes: readonly Route[], root: HTMLElement, nav: HTMLElement): void {
  let current: { route: Route; key: string; page: Page; values: ParamValues } | null = null;
  let controller: AbortController | null = null;
  let first = true;

  const render = async () => {
    const { pathname, search } = window.location;
    const found = routes.map((r) => ({ r, m: r.pattern.exec(pathname) })).find((x) => x.m);
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    for (const a of nav.querySelectorAll('a[data-section]')) {
      if (found && a.getAttribute('data-section') === found.r.section) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    if (!found) {
      current = null;
      document.title = 'Not found · Nakamoto Observatory';
      root.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, `There is no page at ${pathname}. `, h('a', { href: '/', 'data-nav': true }, 'Back to the overview')));
      root.dataset.status = 'ready';
      return;
    }
    const match = found.m!.slice(1).map((s) => decodeURIComponent(s ?? ''));
    const key = `${found.r.pattern.source}|${match.join('|')}`;
    if (!current || current.key !== key) {
      root.replaceChildren();
      const ctx: PageContext = {
        root,
        match,
        setParams: (changes, opts) => {
          const values = { ...(current?.values ?? {}), ...changes };
          const url = window.location.pathname + searchOf(values, current!.page.specs);
          if (url !== window.location.pathname + window.location.search) {
            if (opts?.replace) history.replaceState(null, '', url);
            else history.pushState(null, '', url);
          }
          void render();
        },
        navigate: (href) => {
          history.pushState(null, '', href);
          void render();
        },
        redirect: (href) => {
          history.replaceState(null, '', href);
          void render();
        },
      };
      current = { route: found.r, key, page: found.r.create(ctx), values: {} };
      document.title = `${found.r.title} · Nakamoto Observatory`;
      if (!first) root.focus({ preventScroll: true });
    }
    first = false;
    const { values, invalid } = readParams(search, current.page.specs);
    current.values = values;
    const canonical = window.location.pathname + searchOf(values, current.page.specs);
    if (invalid.length) history.replaceState(null, '', canonical);
    root.dataset.status = 'loading';
    root.setAttribute('aria-busy', 'true');
    try {
      await current.page.update(values, signal);
      if (signal.aborted) return;
      if (invalid.length) root.prepend(h('p', { class: 'note', role: 'status' }, `Ignored invalid link parameter(s): ${invalid.join(', ')} (defaults used).`));
      root.dataset.status = 'ready';
    } catch (err) {
      if (isAbort(err) || signal.aborted) return;
      root.append(errorBox(errorText(err)));
      root.dataset.status = 'error';
    } finally {
      if (!signal.aborted) root.removeAttribute('aria-busy');
    }
  };

  document.addEventListener('click', (ev) => {
    const a = (ev.target as Element | null)?.closest?.('a');
    if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    if (!a.hasAttribute('data-nav') && !root.contains(a)) return;
    const url = new URL(a.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/') || /\.(json|html|svg|csv)$/.test(url.pathname) || a.target) return;
    ev.preventDefault();
    if (url.pathname + url.search === window.location.pathname + window.location.search) return;
    history.pushState(null, '', url.pathname + url.search);
    void render();
  });
  window.addEventListener('popstate', () => void render());
  void render();
}
