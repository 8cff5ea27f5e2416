/**
 * @module The three attack calculators as result panels: each calls its /api/attack/… endpoint
 * (the query functions behind `nakamoto attack …`), shows the numbers with the CLI's table
 * formatting (full precision in `data-value`) and the exact CLI command that prints them.
 */
import { getJson } from '../api.js';
import type { AttackCost, DoubleSpendResult, SelfishMiningResult } from '../api-types.js';
import { h, replace, type Child } from '../dom.js';
import { cliNumber } from '../format.js';

export interface AttackInputs {
  readonly q: string;
  readonly z: string;
  readonly target: string;
  readonly gamma: string;
  readonly optimal: boolean;
  readonly hashrate: string;
  readonly eff: string;
  readonly elec: string;
  readonly price: string;
  readonly fees: string;
  readonly hours: string;
}

type Value = number | boolean | null | undefined;

/** One result line: label, the CLI-formatted value, and the raw value for checking. */
function line(label: string, value: Value, key: string): Child[] {
  const text = value === null || value === undefined ? 'never' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : cliNumber(value);
  return [h('dt', {}, label), h('dd', { 'data-key': key, 'data-value': value === undefined ? null : JSON.stringify(value) }, text)];
}

function cli(args: string): HTMLElement {
  return h('p', { class: 'cli' }, 'Same numbers: ', h('code', { 'data-cli': true }, `nakamoto ${args}`));
}

/** Shares below 0.5 feed selfish mining as they are; above, α is capped at 0.5 (the model's range). */
export function alphaOf(q: string): string {
  return Number(q) > 0.5 ? '0.5' : q;
}

export async function doubleSpend(out: HTMLElement, i: AttackInputs, signal: AbortSignal): Promise<void> {
  const r = await getJson<DoubleSpendResult>('/api/attack/double-spend', { q: i.q, z: i.z, target: i.target }, signal);
  replace(
    out,
    h(
      'dl',
      {},
      ...line(`P(success), Nakamoto §11`, r.nakamoto, 'nakamoto'),
      ...line('P(success), exact', r.exact, 'exact'),
      ...line(`confirmations for P < ${i.target}, Nakamoto`, r.confirmations?.nakamoto, 'confirmations-nakamoto'),
      ...line(`confirmations for P < ${i.target}, exact`, r.confirmations?.exact, 'confirmations-exact'),
    ),
    cli(`attack double-spend --q ${i.q} --z ${i.z} --target ${i.target}`),
  );
}

export async function selfishMining(out: HTMLElement, i: AttackInputs, signal: AbortSignal): Promise<void> {
  const alpha = alphaOf(i.q);
  const r = await getJson<SelfishMiningResult>('/api/attack/selfish-mining', { alpha, gamma: i.gamma, optimal: i.optimal ? 'true' : undefined }, signal);
  replace(
    out,
    alpha !== i.q ? h('p', { class: 'note' }, `α is capped at 0.5 (the model's range); the share is ${i.q}.`) : null,
    h(
      'dl',
      {},
      ...line('relative revenue, honest', r.alpha, 'honest'),
      ...line('relative revenue, Eyal–Sirer SM1', r.relativeRevenue, 'relativeRevenue'),
      ...line('profit threshold (SM1)', r.threshold, 'threshold'),
      ...line('SM1 profitable', r.profitable, 'profitable'),
      ...(r.optimalRelativeRevenue !== undefined
        ? [...line(`relative revenue, optimal (MDP, T=${r.truncation})`, r.optimalRelativeRevenue, 'optimalRelativeRevenue'), ...line('profit threshold (optimal)', r.optimalThreshold, 'optimalThreshold')]
        : []),
    ),
    cli(`attack selfish-mining --alpha ${alpha} --gamma ${i.gamma}${i.optimal ? ' --optimal' : ''}`),
  );
}

const COST_LABELS: readonly (readonly [keyof AttackCost, string])[] = [
  ['attackerHashrateEhs', 'attacker hash rate (EH/s)'],
  ['powerMw', 'power (MW)'],
  ['costPerHourUsd', 'cost per hour (USD)'],
  ['subsidyBtc', 'subsidy per block (BTC)'],
  ['rewardPerBlockBtc', 'reward per block (BTC)'],
  ['attackerBlocksPerHour', 'attacker blocks per hour'],
  ['rewardsPerHourUsd', 'rewards per hour (USD)'],
  ['networkRewardsPerHourUsd', 'network rewards per hour (USD)'],
  ['costToRewardRatio', 'cost / rewards'],
  ['totalCostUsd', 'total cost (USD)'],
  ['totalRewardsUsd', 'total rewards (USD)'],
  ['netCostUsd', 'net cost (USD)'],
];

export async function attackCost(out: HTMLElement, i: AttackInputs, signal: AbortSignal): Promise<void> {
  const q = { hashrateEhs: i.hashrate, share: i.q, efficiencyJTh: i.eff, electricityUsdKwh: i.elec, btcPriceUsd: i.price, feesBtcPerBlock: i.fees, durationHours: i.hours };
  const r = await getJson<AttackCost>('/api/attack/cost', q, signal);
  replace(
    out,
    h('dl', {}, ...COST_LABELS.flatMap(([k, label]) => line(label, r[k] as Value, k))),
    cli(`attack cost --hashrate-ehs ${i.hashrate} --share ${i.q} --efficiency-j-th ${i.eff} --electricity-usd-kwh ${i.elec} --btc-price-usd ${i.price} --fees-btc-per-block ${i.fees} --duration-hours ${i.hours}`),
  );
}
