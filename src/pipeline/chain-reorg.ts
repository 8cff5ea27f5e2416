/**
 * @module Reorg handling for the chain sync: find the highest stored block that is still on the
 * source's best chain (walking stored hashes down, comparing with the source's hash at each
 * height), and roll the store back to it — blocks, coinbases, attributions, labels and block
 * times above it go in one transaction, so no metric can see the abandoned branch.
 */
import { SourceError } from '../domain/errors.js';
import type { BlockSource, ChainTip } from '../sources/bitcoin/block-source.js';
import type { Store } from '../store/store.js';

export interface ReorgCheck {
  /** Highest stored height still on the source's chain (-1: none), null when the store has no chain. */
  readonly forkHeight: number | null;
  /** Stored blocks deleted (0 when the stored tip is on the source's chain). */
  readonly rolledBack: number;
  readonly labelsDeleted: number;
  /** The store is ahead of the source (e.g. a node still syncing) on the same chain. */
  readonly sourceBehind: boolean;
}

const STEP = 64;

/**
 * Compare the store's chain with the source's best chain and roll back what was abandoned.
 * A disagreement deeper than `maxDepth` stored blocks (a different network, or a wrong --db) is a
 * SourceError and nothing is deleted.
 */
export async function reconcileReorg(store: Store, source: BlockSource, tip: ChainTip, maxDepth = 100): Promise<ReorgCheck> {
  const top = await store.chainTip();
  if (top === null) return { forkHeight: null, rolledBack: 0, labelsDeleted: 0, sourceBehind: false };
  const start = Math.min(top.height, tip.height);
  let cursor = start;
  let fork = -1;
  let compared = 0;
  search: for (;;) {
    const stored = await store.chainHashesBelow(cursor, STEP);
    if (stored.length === 0) break;
    const remote = await source.hashesAt(stored.map((s) => s.height));
    for (let i = 0; i < stored.length; i++) {
      if (remote[i] === stored[i]!.hash) {
        fork = stored[i]!.height;
        break search;
      }
      // maxDepth abandoned blocks are rolled back; one more mismatch is a deeper disagreement.
      if (++compared > maxDepth) {
        throw new SourceError(
          `${source.name}: none of the ${compared} highest stored blocks (heights ${stored[i]!.height}–${start}) is on the source's chain: ` +
            `a different network, or a reorg deeper than ${maxDepth} blocks; nothing was deleted (use another --db, or --max-reorg-depth)`,
        );
      }
    }
    cursor = stored[stored.length - 1]!.height - 1;
  }
  if (fork === top.height) return { forkHeight: fork, rolledBack: 0, labelsDeleted: 0, sourceBehind: false };
  if (fork === start && top.height > tip.height) return { forkHeight: fork, rolledBack: 0, labelsDeleted: 0, sourceBehind: true };
  const { blocks, labels } = await store.rollbackChain(fork);
  return { forkHeight: fork, rolledBack: blocks, labelsDeleted: labels, sourceBehind: false };
}
