/**
 * The layout keeps its own rules (conventions/architecture.md), checked on every `npm test` from the
 * import graph of src/ (TypeScript's own import scanner, type-only imports included):
 * 1. The pure stages (domain, decode, attribute, aggregate, metrics, analysis, simulate, random)
 *    import nothing from sources, store, pipeline, interfaces or the package entry, and no I/O
 *    module (file system, processes, network servers and clients, database drivers).
 * 2. The store takes its types from the domain: it imports only store and domain modules.
 * 3. The domain imports only the domain.
 * 4. No import cycles anywhere in src/.
 * Test files (`*.test.ts`) are outside the rules; test support (servers, block builders' data,
 * arbitraries) lives in test/support, outside src/.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/sources/files/datasets-path.js';

const SRC = join(PROJECT_ROOT, 'src');
const PURE = ['domain', 'decode', 'attribute', 'aggregate', 'metrics', 'analysis', 'simulate', 'random'];
const EDGES = ['sources', 'store', 'pipeline', 'interfaces', 'index.ts'];
const IO = /^(node:)?(fs|fs\/promises|child_process|http|https|http2|dgram|tls|readline)$|^(pg|ws|fastify|@fastify\/.*|@duckdb\/.*|piscina-never)$/;

const isTestSupport = (p: string) => p.endsWith('.test.ts');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (p.endsWith('.ts') && !isTestSupport(p)) out.push(p);
  }
  return out;
}

interface Edge {
  readonly from: string;
  /** Absolute .ts path for a relative import, else the bare specifier. */
  readonly to: string;
}

function importsOf(file: string): Edge[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName }) => {
    if (!fileName.startsWith('.')) return { from: file, to: fileName };
    let to = resolve(dirname(file), fileName).replace(/\.js$/, '.ts');
    if (!existsSync(to) && existsSync(join(to, 'index.ts'))) to = join(to, 'index.ts');
    return { from: file, to };
  });
}

const files = sourceFiles(SRC);
const edges = files.flatMap(importsOf);
const stage = (p: string) => relative(SRC, p).split(sep)[0]!;
const rel = (p: string) => (p.startsWith('/') ? relative(PROJECT_ROOT, p) : p);
const show = (e: Edge) => `${rel(e.from)} → ${rel(e.to)}`;

describe('dependency rules of src/', () => {
  it('reads the graph (sanity: hundreds of modules, imports resolved to files)', () => {
    expect(files.length).toBeGreaterThan(200);
    const unresolved = edges.filter((e) => e.to.startsWith('/') && !existsSync(e.to));
    expect(unresolved.map(show)).toEqual([]);
  });

  it('pure stages import no edge (sources, store, pipeline, interfaces) and no I/O module', () => {
    const bad = edges.filter((e) => PURE.includes(stage(e.from)) && (e.to.startsWith('/') ? EDGES.includes(stage(e.to)) : IO.test(e.to)));
    expect(bad.map(show)).toEqual([]);
  });

  it('the store imports only store and domain modules', () => {
    const bad = edges.filter((e) => stage(e.from) === 'store' && e.to.startsWith('/') && !['store', 'domain'].includes(stage(e.to)));
    expect(bad.map(show)).toEqual([]);
  });

  it('the domain imports only the domain', () => {
    const bad = edges.filter((e) => stage(e.from) === 'domain' && e.to.startsWith('/') && stage(e.to) !== 'domain');
    expect(bad.map(show)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(files, edges).map((c) => c.map(rel).join(' → '))).toEqual([]);
  });

  it('the checks catch what they forbid (a cycle and a layer breach in a made-up graph)', () => {
    const a = join(SRC, 'metrics/a.ts');
    const b = join(SRC, 'metrics/b.ts');
    const s = join(SRC, 'store/s.ts');
    expect(cycles([a, b, s], [{ from: a, to: b }, { from: b, to: a }, { from: a, to: s }])).toHaveLength(1);
    expect(EDGES.includes(stage(s)) && PURE.includes(stage(a))).toBe(true);
  });
});

/** Strongly connected components with more than one module (Tarjan), or a module importing itself. */
function cycles(nodes: readonly string[], es: readonly Edge[]): string[][] {
  const out = new Map<string, string[]>();
  for (const e of es) if (nodes.includes(e.to)) (out.get(e.from) ?? out.set(e.from, []).get(e.from)!).push(e.to);
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of out.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || (out.get(v) ?? []).includes(v)) found.push(c.reverse());
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return found;
}
