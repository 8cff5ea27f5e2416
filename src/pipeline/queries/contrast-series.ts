/**
 * @module THE LIST of series the contrast report (`nakamoto report`, `GET /api/contrast`, the
 * dashboard home page) puts side by side. Adding a series is one entry here: e.g. Bitcoin at
 * template-family level is `{ key: 'btc-templates', world: 'bitcoin', lens: 'template families',
 * distribution: 'bitcoin/pools', level: 'template', … }`, Hugging Face trending authors is
 * `{ key: 'hf-trending', world: 'ai', lens: 'HF trending authors', distribution: 'hf/trending-authors', … }`.
 * `axis` says which side of the "AI stays more distributed" comparison a series is on: control
 * (who decides: pools, owners, organisations, stakers) or country.
 */
import type { ContrastSeriesSpec } from '../../analysis/contrast/series-summary.js';
import type { Axis } from '../../analysis/contrast/verdicts.js';

export interface ContrastEntry extends ContrastSeriesSpec {
  readonly axis: Axis;
}

export const CONTRAST_SERIES: readonly ContrastEntry[] = [
  {
    key: 'btc-pools', world: 'bitcoin', lens: 'mining pools', distribution: 'bitcoin/pools', axis: 'control',
    trendWindow: '1m', latestDays: 30, recentWindows: 24, sampled: true, publisher: 'block attribution (mempool.space pool rules)',
  },
  {
    key: 'btc-owners', world: 'bitcoin', lens: 'pool owners', distribution: 'bitcoin/pools', level: 'entity', axis: 'control',
    trendWindow: '1m', latestDays: 30, recentWindows: 24, sampled: true, publisher: 'block attribution + dated ownership links',
    caveat: 'pools merged by dated, sourced ownership links (docs/attribution.md); proxy pools mining on others’ templates are not merged at this level',
  },
  {
    key: 'btc-templates', world: 'bitcoin', lens: 'template families', distribution: 'bitcoin/pools', level: 'template', axis: 'control',
    trendWindow: '1m', latestDays: 30, recentWindows: 24, sampled: true, dataTo: '2025-03-08',
    publisher: 'block attribution + template families from coinbase fingerprints (Blockchair scriptSigs, docs/control.md)',
    caveat: 'pools whose blocks share coinbase-layout and version fingerprints beyond chance are one family; the fingerprint identifies template-building software, not one server (stratum jobs of 2025-04-01 disagree for Luxor); ends 2025-03-08 with the scriptSig data',
  },
  {
    key: 'btc-countries', world: 'bitcoin', lens: 'hash rate by country (CBECI)', distribution: 'bitcoin/hashrate-by-country', axis: 'country',
    trendWindow: '1m', sampled: false, publisher: 'Cambridge CBECI mining map (pool IP geolocation)',
    caveat: 'CBECI stopped in January 2022; later country figures (2024–2025, other publishers) are in the geography section, not joined to this series',
  },
  {
    key: 'ai-chip-owners', world: 'ai', lens: 'AI chip owners (Epoch)', distribution: 'ai/compute-owners', axis: 'control',
    trendWindow: '1q', sampled: false, publisher: 'Epoch AI (AI chip owners, H100-equivalents)',
  },
  {
    key: 'ai-frontier', world: 'ai', lens: 'frontier models by organisation', distribution: 'ai/frontier-models', axis: 'control',
    trendWindow: '1y', trendFrom: '2017-01-01', sampled: false, publisher: 'Epoch AI (frontier models)',
    caveat: 'few models per year: one model moves a share by several points',
  },
  {
    key: 'ai-notable', world: 'ai', lens: 'notable models by organisation', distribution: 'ai/notable-models', axis: 'control',
    trendWindow: '1y', trendFrom: '2015-01-01', sampled: false, publisher: 'Epoch AI (notable models)',
  },
  {
    key: 'ai-clusters-owner', world: 'ai', lens: 'GPU cluster capacity by owner', distribution: 'ai/clusters-by-owner', axis: 'control',
    trendWindow: '1y', trendFrom: '2018-01-01', sampled: false, publisher: 'Epoch AI (GPU clusters, operational capacity)',
    caveat: 'Epoch’s cluster list covers an estimated 10–20% of AI compute',
  },
  {
    key: 'ai-clusters-country', world: 'ai', lens: 'GPU cluster capacity by country', distribution: 'ai/clusters-by-country', axis: 'country',
    trendWindow: '1y', trendFrom: '2018-01-01', sampled: false, publisher: 'Epoch AI (GPU clusters, operational capacity)',
    caveat: 'Epoch’s cluster list covers an estimated 10–20% of AI compute',
  },
  {
    key: 'tao-stake', world: 'ai', lens: 'Bittensor stake (SN1 coldkeys)', distribution: 'bittensor/stake', axis: 'control',
    trendWindow: '1q', sampled: false, publisher: 'Bittensor chain state (one archive snapshot)',
    caveat: 'one subnet (SN1), one block: a snapshot, not a trend',
  },
  {
    key: 'tao-emission', world: 'ai', lens: 'Bittensor emission by subnet', distribution: 'bittensor/subnet-emission', axis: 'control',
    trendWindow: '1q', sampled: false, publisher: 'Bittensor chain state (one snapshot)',
  },
  {
    key: 'hf-downloads', world: 'ai', lens: 'Hugging Face downloads by author', distribution: 'hf/downloads-by-author', axis: 'control',
    trendWindow: '1q', sampled: false, publisher: 'Hugging Face Hub API (one search sample)',
    caveat: '"open" models: a search sample of the Hub (the most-downloaded models returned by the API), not the whole Hub — shares are of the sample',
  },
  {
    key: 'hf-trending', world: 'ai', lens: 'Hugging Face trending authors', distribution: 'hf/trending-authors', axis: 'control',
    trendWindow: '1m', latestDays: 30, sampled: false, publisher: 'Hugging Face trending page (256 snapshots of the top 10, 2026-03 → 2026-08)',
    caveat: 'share of trending top-10 slots (attention), not of downloads or compute; six months only',
  },
];
