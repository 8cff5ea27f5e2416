/**
 * @module The MCP tools as data. Each tool IS an HTTP route of the API under another name: it
 * shares the route's zod input schema (so an agent's arguments are validated exactly as query
 * parameters are, with the same messages) and its handler (which calls the query layer in
 * src/pipeline/queries, as the CLI does). Adding a tool = adding its route to the API and one
 * entry here.
 */
export interface ToolEntry {
  /** MCP tool name (snake_case, stable: agents and configurations refer to it). */
  readonly name: string;
  /** The OpenAPI path of the HTTP route whose schema and handler the tool shares, e.g. `/api/pools`. */
  readonly route: string;
  /** Display name (default: the name with spaces). */
  readonly title?: string;
  /** What an agent should know beyond the route's summary: when to use the tool, what to pass. */
  readonly hint?: string;
  /** Where the method is documented (in provenance and the description). */
  readonly docs: string;
}

export const TOOLS: readonly ToolEntry[] = [
  { name: 'list_distributions', title: 'List distributions', route: '/api/distributions', docs: 'docs/distributions.md', hint: 'Start here: the ids to pass as `distribution`, with their levels, coverage and caveats.' },
  { name: 'metrics', title: 'Concentration metrics per window', route: '/api/metrics/{distribution}', docs: 'docs/metrics.md', hint: 'Pass ci=true for posterior intervals (block-sampled data such as bitcoin/pools). Prefer long windows (1y) or a from/to range to keep answers short.' },
  { name: 'explain_metric', title: 'Explain a metric', route: '/api/metric-definitions', docs: 'docs/metrics.md', hint: 'Use before quoting a metric: it gives the exact formula and convention (e.g. ≥ vs > 50% for the Nakamoto coefficient).' },
  { name: 'hashrate', title: 'Hash rate per window', route: '/api/hashrate', docs: 'docs/hashrate.md' },
  { name: 'pools', title: 'Pool ranking in a window', route: '/api/pools', docs: 'docs/attribution.md', hint: 'level=entity merges pools under common ownership (EDI links).' },
  { name: 'compare', title: 'Compare distributions', route: '/api/compare', docs: 'docs/distributions.md' },
  { name: 'claims', title: 'Claims with evidence', route: '/api/claims', docs: 'docs/claims.md' },
  { name: 'attack_double_spend', title: 'Double-spend probability', route: '/api/attack/double-spend', docs: 'docs/attack-economics.md' },
  { name: 'attack_selfish_mining', title: 'Selfish-mining revenue', route: '/api/attack/selfish-mining', docs: 'docs/attack-economics.md' },
  { name: 'attack_cost', title: 'Attack cost', route: '/api/attack/cost', docs: 'docs/attack-economics.md' },
  { name: 'attack_coalitions', title: 'Coalitions above attack thresholds', route: '/api/attack/coalitions/{distribution}', docs: 'docs/attack-economics.md' },
  { name: 'list_scenarios', title: 'List simulation scenarios', route: '/api/simulate', docs: 'docs/simulation.md' },
  { name: 'scenario_parameters', title: 'Scenario parameters', route: '/api/simulate/{scenario}/parameters', docs: 'docs/simulation.md', hint: 'The paths to change with simulate `set`.' },
  { name: 'simulate', title: 'Simulate a scenario (bounded)', route: '/api/simulate/{scenario}', docs: 'docs/simulation.md' },
  { name: 'contrast', title: 'Is Bitcoin mining centralising while AI decentralises?', route: '/api/contrast', docs: 'docs/contrast.md', hint: 'The main answer: every Bitcoin level and AI lens side by side (latest with intervals, HHI trend with its test) and the verdicts with evidence.' },
  { name: 'groups', title: 'Template families (who builds the blocks)', route: '/api/groups', docs: 'docs/control.md', hint: 'Pools whose blocks share coinbase fingerprints beyond chance, with per-link evidence, owners beside, majority counts by pool and by family, and agreement with the stratum jobs.' },
  { name: 'attribution_quality', title: 'Attribution quality', route: '/api/attribution/quality', docs: 'docs/control.md' },
  { name: 'bittensor_subnets', title: 'Bittensor subnets by concentration', route: '/api/bittensor/subnets', docs: 'docs/ai-bittensor.md' },
  { name: 'economics', title: 'Mining economics per window', route: '/api/economics', docs: 'docs/economics.md', hint: 'Fees, fee share, empty blocks, hash value (sats/TH/s/day) and hash price (USD/TH/s/day) with the hash-rate interval; byPool=true per pool.' },
];
