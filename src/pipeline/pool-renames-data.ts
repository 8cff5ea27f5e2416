/**
 * @module Pool renames (attribute/pool-renames.ts) from the staged pool-list history, loaded once per datasets root.
 */
import { join } from 'node:path';
import { renameClasses } from '../attribute/pool-renames.js';
import { readCsv, requireColumns } from '../sources/files/csv.js';

export const POOL_HISTORY_FILE = 'bitcoin/pool-definitions-history-2014-2025/pool_tags_addresses_history.csv';

const cache = new Map<string, Promise<ReadonlyMap<string, string>>>();

export function loadPoolRenames(root: string): Promise<ReadonlyMap<string, string>> {
  let p = cache.get(root);
  if (!p) {
    p = (async () => {
      const t = await readCsv(join(root, POOL_HISTORY_FILE));
      const c = requireColumns(t, ['kind', 'key', 'pool_name', 'first_seen', 'removed_or_renamed_at']);
      return renameClasses(t.rows.map((r) => ({ kind: r[c.kind]!, key: r[c.key]!, poolName: r[c.pool_name]!, firstSeen: r[c.first_seen]!, removedOrRenamedAt: r[c.removed_or_renamed_at] ?? '' })));
    })();
    p.catch(() => cache.delete(root));
    cache.set(root, p);
  }
  return p;
}
