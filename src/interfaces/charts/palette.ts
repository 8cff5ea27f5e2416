/**
 * @module One colour per entity, everywhere: the report's SVG charts and the dashboard's charts take
 * their colours from here, so a pool (or lab, country, series) has the same colour in every chart
 * that shows it, whatever its rank there.
 *
 * - `PALETTE`: 20 colours — Observable's 10-colour categorical scheme (Plot's default) with its grey
 *   replaced by dark gold, then ten further distinct colours. Grey is kept for `Other`.
 * - `FIXED`: the well-known entities (largest Bitcoin pools, AI labs and chip owners, mining
 *   countries; also the contrast's series and the distribution ids) with a fixed palette slot each, distinct within each group; aliases of one entity
 *   (e.g. `USA`, `United States`, `United States of America`) share the slot.
 * - Any other name: a slot from a hash of the name (FNV-1a, 32-bit, mod 20).
 * - Within one chart (`chartColors`) no two names share a colour while there are at most 20 of them:
 *   names are taken fixed-first (in `FIXED` order) then the rest by code point; each gets its own slot
 *   unless an earlier name has it, and those displaced then take the next free slot. So a name keeps
 *   its own colour in every chart where no other name asks for the same slot, and the result depends
 *   only on the set of names, not their order or rank.
 * - `Other` is always `OTHER_COLOR`.
 * docs/dashboard.md ("Colours") documents the same rules.
 */

export const PALETTE: readonly string[] = [
  '#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#b8860b',
  '#17becf', '#8c564b', '#e377c2', '#bcbd22', '#1b9e77', '#7570b3', '#d95f02', '#66a61e', '#e6ab02', '#a6761d',
];
/** The catch-all `Other` (grey, readable on light and dark backgrounds; no entity gets it). */
export const OTHER_COLOR = '#8b949e';
export const OTHER = 'Other';

/** Fixed palette slots: each inner list is one entity and its aliases. Slots are distinct within a group. */
const FIXED_GROUPS: readonly (readonly [slot: number, names: readonly string[]])[][] = [
  // Bitcoin pools (the report's 12 largest of 2020–2026 by average monthly share).
  [
    [0, ['Foundry USA', 'Foundry USA family']],
    [1, ['AntPool', 'AntPool family']],
    [2, ['F2Pool', 'F2Pool family']],
    [3, ['ViaBTC', 'ViaBTC family']],
    [4, ['Binance Pool']],
    [5, ['Poolin']],
    [6, ['BTC.com']],
    [7, ['Braiins Pool', 'SlushPool']],
    [8, ['MARA Pool', 'MARA']],
    [9, ['SpiderPool']],
    [10, ['Luxor']],
    [11, ['SECPOOL']],
    [12, ['OCEAN']],
    [13, ['SBI Crypto']],
  ],
  // AI labs and compute owners (Epoch AI, Hugging Face).
  [
    [0, ['Google', 'Google DeepMind', 'google']],
    [1, ['OpenAI', 'openai']],
    [2, ['Meta', 'Meta AI', 'meta-llama', 'facebook']],
    [3, ['Microsoft', 'microsoft']],
    [4, ['Amazon', 'Amazon Web Services']],
    [5, ['xAI']],
    [6, ['Anthropic']],
    [7, ['Oracle']],
    [8, ['Tesla']],
    [9, ['Alibaba', 'Qwen']],
    [10, ['CoreWeave']],
    [11, ['DeepSeek', 'deepseek-ai']],
  ],
  // Mining and compute countries.
  [
    [0, ['United States', 'United States of America', 'USA']],
    [1, ['China', 'Mainland China']],
    [2, ['Kazakhstan']],
    [3, ['Russia', 'Russian Federation']],
    [4, ['Malaysia']],
    [5, ['Canada']],
    [6, ['Germany', 'Germany *']],
    [7, ['Iran', 'Iran, Islamic Rep.', 'Iran (Islamic Republic of)']],
    [8, ['Ireland', 'Ireland *']],
    [9, ['Norway']],
  ],
  // The contrast's series (report and home page), in CONTRAST_SERIES order.
  [
    'Bitcoin · mining pools', 'Bitcoin · pool owners', 'Bitcoin · template families', 'Bitcoin · hash rate by country (CBECI)',
    'AI · AI chip owners (Epoch)', 'AI · frontier models by organisation', 'AI · notable models by organisation', 'AI · GPU cluster capacity by owner',
    'AI · GPU cluster capacity by country', 'AI · Bittensor stake (SN1 coldkeys)', 'AI · Bittensor emission by subnet', 'AI · Hugging Face downloads by author',
    'AI · Hugging Face trending authors', 'Bitcoin · hash rate by country (Hashrate Index (Luxor) 2025-07)',
  ].map((n, i) => [i, [n]] as const),
  // Distribution ids (compare charts), the most compared first.
  [
    'bitcoin/pools', 'ai/compute-owners', 'ai/clusters-by-owner', 'bitcoin/hashrate-by-country', 'ai/frontier-models', 'ai/notable-models', 'ai/clusters-by-country',
    'bittensor/stake', 'bittensor/subnet-emission', 'hf/downloads-by-author', 'hf/trending-authors', 'ai/training-compute', 'bitcoin/power-by-country',
    'ai/power-by-owner', 'ai/power-by-country', 'bitcoin/fees-by-pool', 'bitcoin/revenue-by-pool', 'bitcoin/empty-blocks-by-pool', 'bittensor/incentive', 'hf/models-by-author',
  ].map((n, i) => [i, [n]] as const),
];

/** Name → [fixed slot, rank in the fixed list] (the rank orders fixed names when two compete for one slot). */
const FIXED = new Map<string, readonly [number, number]>();
let rank = 0;
for (const group of FIXED_GROUPS) {
  for (const [slot, names] of group) {
    for (const n of names) FIXED.set(n, [slot, rank]);
    rank++;
  }
}

/** The fixed names (documentation and tests). */
export const FIXED_NAMES: readonly string[] = [...FIXED.keys()];

/** FNV-1a over the UTF-16 code units, 32-bit. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The palette slot a name asks for: its fixed slot, else its hash. */
export function preferredSlot(name: string): number {
  return FIXED.get(name)?.[0] ?? fnv1a(name) % PALETTE.length;
}

/** A name's own colour (what it gets in any chart where no other name already holds that slot). */
export function entityColor(name: string): string {
  return name === OTHER ? OTHER_COLOR : PALETTE[preferredSlot(name)]!;
}

/** Colours for the names of one chart, in the given order: distinct up to `PALETTE.length` names, `Other` grey. */
export function chartColors(names: readonly string[]): string[] {
  const distinct = [...new Set(names)].filter((n) => n !== OTHER);
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const fixed = distinct.filter((n) => FIXED.has(n)).sort((a, b) => FIXED.get(a)![1] - FIXED.get(b)![1] || byCodePoint(a, b));
  const rest = distinct.filter((n) => !FIXED.has(n)).sort(byCodePoint);
  const taken = new Set<number>();
  const slotOf = new Map<string, number>();
  const displaced: string[] = [];
  // First every name on its own slot (first come in priority order), then the displaced ones on the next free slot,
  // so a displaced name never takes the slot of a name that asked for it.
  for (const n of [...fixed, ...rest]) {
    const slot = preferredSlot(n);
    if (taken.has(slot)) {
      displaced.push(n);
      continue;
    }
    taken.add(slot);
    slotOf.set(n, slot);
  }
  for (const n of displaced) {
    let slot = preferredSlot(n);
    if (taken.size < PALETTE.length) while (taken.has(slot)) slot = (slot + 1) % PALETTE.length;
    taken.add(slot);
    slotOf.set(n, slot);
  }
  return names.map((n) => (n === OTHER ? OTHER_COLOR : PALETTE[slotOf.get(n)!]!));
}

/** The line colour of a single-metric chart (the same metric has the same colour in the report and the dashboard). */
export function metricColor(metric: string): string {
  if (metric === 'hhi') return PALETTE[2]!;
  if (metric.startsWith('concentration-ratio')) return PALETTE[4]!;
  return PALETTE[0]!;
}

/** `2024-01-01` → Date at UTC midnight (Plot treats Dates on a UTC time scale). */
export function utcDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
