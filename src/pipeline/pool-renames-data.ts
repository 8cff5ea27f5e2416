/**
 * @module The staged pool-list history (loaded once per datasets root) and the pool renames it shows (attribute/pool-renames.ts).
 */
import { join } from 'node:path';
import { renameClasses, type HistorySpan } from '../attribute/pool-renames.js';
import { readCsv, requireColumns } from '../sources/files/csv.js';

export const POOL_HISTORY_FILE = 'bitcoin/pool-definitions-history-2014-2025/pool_tags_addresses_history.csv';

const cache = new Map<string, Promise<readonly HistorySpan[]>>();

/** The history's spans (tags and addresses with their names and dates). */
export function loadPoolHistory(root: string): Promise<readonly HistorySpan[]> {
  let p = cache.get(root);
  if (!p) {
    p = (async () => {
      const t = await readCsv(join(root, POOL_HISTORY_FILE));
      const c = requireColumns(t, ['kind', 'key', 'pool_name', 'first_seen', 'removed_or_renamed_at']);
      return t.rows.map((r) => ({ kind: r[c.kind]!, key: r[c.key]!, poolName: r[c.pool_name]!, firstSeen: r[c.first_seen]!, removedOrRenamedAt: r[c.removed_or_renamed_at] ?? '' }));
    })();
    p.catch(() => cache.delete(root));
    cache.set(root, p);
  }
  return p;
}

export async function loadPoolRenames(root: string): Promise<ReadonlyMap<string, string>> {
  return renameClasses(await loadPoolHistory(root));
}
