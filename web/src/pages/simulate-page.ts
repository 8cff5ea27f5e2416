/**
 * @module Simulate: pick a shipped scenario, set the replicates and the seed, change its numeric
 * parameters, run, and see each metric's path (mean over replicates with the 5–95 % band) for
 * every simulated distribution, and the other recorded series. Changed parameters go into the URL
 * as `set=path=value,…` (shareable). A scenario in the URL runs on load (results depend only on the
 * seed and the parameters).
 */
import { getJson } from '../api.js';
import type { ScenarioInfo, ScenarioParametersResult, SimBand, SimulationResult } from '../api-types.js';
import { chartFrame } from '../charts/frame.js';
import { simChart, simTable, type BandsBySeries } from '../charts/sim-chart.js';
import { controlBar, setOptions } from '../controls.js';
import { h, replace } from '../dom.js';
import type { Page, PageContext } from '../router.js';
import { WHOLE, type ParamSpecs } from '../url-state.js';
import { guarded, heading } from './sections.js';
import { paramInputs, parseSet, readInputs, SET_PATTERN, setText } from './sim-params.js';

export const SIMULATE_SPECS: ParamSpecs = {
  scenario: { pattern: /^[a-z0-9-]+$/ },
  runs: { default: '4', pattern: /^[1-8]$/ },
  seed: { default: '1', pattern: WHOLE },
  set: { pattern: SET_PATTERN },
};

/** metric id → series → band (from `metrics: { distribution: { metric: band } }`). */
export function byMetric(metrics: Record<string, Record<string, SimBand>>): Map<string, Record<string, SimBand>> {
  const out = new Map<string, Record<string, SimBand>>();
  for (const [dist, ms] of Object.entries(metrics)) for (const [m, band] of Object.entries(ms)) out.set(m, { ...(out.get(m) ?? {}), [dist]: band });
  return out;
}

export function createSimulatePage(ctx: PageContext): Page {
  const controls = controlBar('Scenario', [
    { kind: 'select', name: 'scenario', label: 'Scenario', options: [] },
    { kind: 'number', name: 'runs', label: 'Replicates (1–8)', min: 1, max: 8, step: 1 },
    { kind: 'number', name: 'seed', label: 'Seed', min: 0, max: 999_999_999, step: 1 },
  ], () => undefined);
  const run = h('button', { type: 'submit', class: 'primary', id: 'run' }, 'Run');
  const params = h('div', { id: 'sim-params-box' });
  const form = h('form', { id: 'simulate-form' }, controls.el, params, run);
  // Parameters shown for this scenario (null: not loaded yet).
  let shown: ScenarioParametersResult | null = null;
  const showParams = async (scenario: string, set: string | undefined, signal?: AbortSignal) => {
    if (shown?.scenario === scenario && (set ?? '') === setText(shown.parameters, readInputs(params))) return;
    await guarded(params, async () => {
      const r = await getJson<ScenarioParametersResult>(`/api/simulate/${scenario}/parameters`, {}, signal);
      shown = r;
      replace(params, paramInputs(r.parameters, parseSet(set)));
    });
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = (n: string) => form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name=${n}]`)!.value;
    const set = shown?.scenario === value('scenario') ? setText(shown.parameters, readInputs(params)) : '';
    ctx.setParams({ scenario: value('scenario'), runs: value('runs'), seed: value('seed'), set });
  });
  const description = h('p', { class: 'note', id: 'scenario-description' });
  const results = h('div', { id: 'sim-results' });
  ctx.root.append(...heading('Simulate', 'Seeded simulations of mining and AI markets (docs/simulation.md). The server runs at most 8 replicates per request.'), form, description, results);
  let scenarios: ScenarioInfo[] | null = null;
  const select = controls.el.querySelector<HTMLSelectElement>('select[name=scenario]')!;
  select.addEventListener('change', () => {
    replace(description, scenarios?.find((s) => s.name === select.value)?.description ?? '');
    void showParams(select.value, undefined);
  });

  return {
    specs: SIMULATE_SPECS,
    async update(v, signal) {
      scenarios ??= (await getJson<{ scenarios: ScenarioInfo[] }>('/api/simulate', {}, signal)).scenarios;
      setOptions(select, scenarios.map((s) => [s.name, `${s.name} (${s.model})`]));
      controls.sync({ ...v, scenario: v.scenario ?? select.value });
      const chosen = scenarios.find((s) => s.name === (v.scenario ?? select.value));
      replace(description, chosen?.description ?? '');
      await showParams(v.scenario ?? select.value, v.set, signal);
      if (!v.scenario) return replace(results, h('p', { class: 'status' }, 'Pick a scenario and press Run.'));
      replace(results, h('p', { class: 'status', role: 'status' }, `Running ${v.scenario} (${v.runs} replicates, seed ${v.seed}${v.set ? `, ${v.set}` : ''})…`));
      run.disabled = true;
      try {
        await guarded(results, async () => {
          const r = await getJson<SimulationResult>(`/api/simulate/${v.scenario}`, { runs: v.runs, seed: v.seed, set: v.set }, signal);
          const frames: HTMLElement[] = [];
          const draws: (() => void)[] = [];
          for (const [metric, bands] of byMetric(r.metrics as Record<string, Record<string, SimBand>>)) {
            const f = chartFrame(metric, `sim-${metric}`);
            frames.push(h('div', { class: 'card' }, f.el));
            draws.push(() => f.show((w) => simChart(r.steps, bands, metric, w), simTable(r.steps, bands, metric), `mean of ${r.runs} replicates; band 5–95 %`));
          }
          const series = Object.entries(r.series as Record<string, SimBand>);
          const seriesFrames = series.map(([name, band]) => {
            const f = chartFrame(name, `sim-series-${name}`);
            const bands: BandsBySeries = { [name]: band };
            draws.push(() => f.show((w) => simChart(r.steps, bands, name, w), simTable(r.steps, bands, name), `mean of ${r.runs} replicates; band 5–95 %`));
            return h('div', { class: 'card' }, f.el);
          });
          replace(
            results,
            h('p', { class: 'note', id: 'sim-summary' }, `${r.scenario} (${r.model}), ${r.runs} replicates, seed ${r.seed}, ${r.steps.length} step(s), ${overridesText(r.provenance)}.`, v.set ? null : h('span', {}, ' Same as ', h('code', {}, `nakamoto simulate ${r.scenario} --runs ${r.runs} --seed ${r.seed}`), '.')),
            h('h2', {}, 'Metrics'),
            h('section', { class: 'grid', id: 'sim-metrics' }, ...frames),
            series.length ? h('h2', {}, 'Other series') : null,
            h('section', { class: 'grid' }, ...seriesFrames),
          );
          // Drawn once in the page, so each chart takes its container's width.
          for (const draw of draws) draw();
        });
      } finally {
        run.disabled = false;
      }
    },
  };
}

function overridesText(p: SimulationResult['provenance']): string {
  const entries = Object.entries(p.overrides);
  return entries.length ? `parameters of ${p.scenarioFile} changed: ${entries.map(([k, x]) => `${k} = ${String(x)}`).join(', ')}` : `parameters as in ${p.scenarioFile}`;
}
