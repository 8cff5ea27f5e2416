/**
 * @module Pool names: mempool's URL slug and the name normalisation used to match pool names
 * across rule sets (mempool / bitcoin-data pool names vs EDI entity and ownership-link names).
 */

/** mempool.space's slug: `name.replace(/[^a-z0-9]/gi, '').toLowerCase()` ("Foundry USA" → `foundryusa`). */
export function poolSlug(name: string): string {
  return name.replace(/[^a-z0-9]/gi, '').toLowerCase();
}

/**
 * Cross-source name key: lower case, every character other than a–z / 0–9 removed, then one
 * trailing "pool" removed when something remains. So "BTC.com" ~ "BTC.COM" (`btccom`),
 * "Huobi.pool" ~ "Huobi Pool" (`huobi`), "ULTIMUSPOOL" ~ "Ultimus Pool" (`ultimus`),
 * "AntPool" ~ "Antpool" (`ant`), while "Poolin" stays `poolin` and "Pool" stays `pool`.
 * Domain suffixes are NOT removed ("BTC.com" and "BTC.TOP" must stay apart), so
 * "Rawpool" ≁ "Rawpool.com" and "Titan" ≁ "Titan.io" (see docs/attribution.md).
 */
export function normalizePoolName(name: string): string {
  const key = poolSlug(name);
  return key.length > 4 && key.endsWith('pool') ? key.slice(0, -4) : key;
}
