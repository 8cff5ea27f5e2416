/**
 * @module The query behind `nakamoto bittensor subnets`: every subnet with a metagraph (the latest
 * ingested snapshot of each; the staged SN1 metagraph when the store holds none) ranked by the
 * concentration of its stake weight and of its miners' incentive across coldkeys, with the
 * subnet's share of emission from the latest all-subnet table.
 */
import { parseMetricList, type Metric } from '../../metrics/index.js';
import { prepareWeights } from '../../metrics/metric.js';
import type { ObservationSeries } from '../../domain/observations.js';
import type { Metagraph } from '../../decode/bittensor/metagraph.js';
import { storedMetagraph, storedSubnetRows } from '../snapshot-series.js';
import { loadDelegates, loadStagedMetagraph, loadStagedSubnets } from '../../sources/bittensor/load.js';
import { incentiveByColdkey, stakeByColdkey } from '../../sources/bittensor/distributions.js';
import { SNAPSHOT_DATASETS } from '../../sources/snapshots/read-snapshot-file.js';
import type { QueryContext, Row } from './context.js';

export interface BittensorSubnetsResult {
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
  readonly notes: readonly string[];
}

const iso = (sec: number): string => new Date(sec * 1000).toISOString().replace('.000Z', 'Z');

function valueOf(series: ObservationSeries, m: Metric): number | null {
  return m.compute(prepareWeights(series.weight));
}

export async function queryBittensorSubnets(q: { metric?: string }, ctx: QueryContext): Promise<BittensorSubnetsResult> {
  const metrics = parseMetricList(q.metric ?? 'nakamoto-coefficient');
  const notes: string[] = [];
  let metagraphs: Metagraph[] = [];
  const stored = ctx.store ? await ctx.store.readSnapshots(SNAPSHOT_DATASETS.metagraph) : [];
  if (stored.length > 0) {
    const latest = new Map<string, (typeof stored)[number]>();
    for (const s of stored) latest.set(s.subject, s);
    metagraphs = [...latest.values()].map(storedMetagraph);
    notes.push(`${metagraphs.length} subnet(s) with an ingested metagraph (${stored.length} snapshots in the store); each row is the subnet's latest snapshot`);
  } else {
    const { metagraph, file } = await loadStagedMetagraph(ctx.datasetsRoot, {});
    metagraphs = [metagraph];
    notes.push(`no metagraph in the store: the staged ${file} only (ingest more with nakamoto fetch bittensor --netuid all)`);
  }
  const storedTables = ctx.store ? await ctx.store.readSnapshots(SNAPSHOT_DATASETS.subnets) : [];
  const lastTable = storedTables[storedTables.length - 1];
  const table = lastTable
    ? { rows: storedSubnetRows(lastTable), timeSec: lastTable.timeSec, file: 'the store' }
    : await loadStagedSubnets(ctx.datasetsRoot);
  const emissionTotal = table.rows.filter((r) => r.netuid !== 0).reduce((a, r) => a + r.emissionTaoPerDay, 0);
  notes.push(`names and emission shares from the subnet table of ${iso(table.timeSec)} (${table.file}); emission share = the subnet's share of emission_tao_day over all subnets (an author estimate: shares only)`);
  const delegates = await loadDelegates(ctx.datasetsRoot);
  const rows: Row[] = metagraphs.map((m) => {
    const sub = table.rows.find((r) => r.netuid === m.netuid);
    const stake = stakeByColdkey(m, delegates, 'total').series;
    const incentive = incentiveByColdkey(m, delegates).series;
    const row: Row = {
      netuid: m.netuid,
      name: sub?.name ?? '',
      block: m.block,
      time: iso(m.timeSec),
      uids: m.rows.length,
      coldkeys: stake.entities.length,
      emission_share: sub && emissionTotal > 0 ? Number((sub.emissionTaoPerDay / emissionTotal).toFixed(6)) : null,
    };
    for (const x of metrics) {
      row[`stake_${x.id}`] = valueOf(stake, x);
      row[`incentive_${x.id}`] = valueOf(incentive, x);
    }
    return row;
  });
  // Most concentrated stake first (a small Nakamoto coefficient or a large HHI is concentrated).
  const first = metrics[0]!;
  const key = `stake_${first.id}`;
  const smallIsConcentrated = /nakamoto|tau-index|entropy|total-entities|active-entities/.test(first.id);
  rows.sort((a, b) => {
    const x = (a[key] as number | null) ?? Number.NaN;
    const y = (b[key] as number | null) ?? Number.NaN;
    return (smallIsConcentrated ? x - y : y - x) || (a.netuid as number) - (b.netuid as number);
  });
  rows.forEach((r, i) => (r.rank = i + 1));
  const columns = ['rank', 'netuid', 'name', 'block', 'time', 'uids', 'coldkeys', 'emission_share', ...metrics.flatMap((x) => [`stake_${x.id}`, `incentive_${x.id}`])];
  notes.push(`stake = stake weight per coldkey (alpha + 0.18 × root TAO); incentive = miners' incentive share per coldkey; ranked by stake ${first.id}, most concentrated first`);
  return { columns, rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))), notes };
}
