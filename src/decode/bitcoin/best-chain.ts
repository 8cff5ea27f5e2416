/**
 * @module Best-chain selection over headers stored in any order (as in Bitcoin Core's blk files):
 * link each header to its parent by prev-hash from a root (genesis, or a block of known height),
 * sum the work (GetBlockProof) along each branch, and take the tip with the most cumulative work —
 * not the longest branch. Ties go to the tip seen first in input order (Core keeps the first
 * block it received). Everything reachable but off the best chain is "stale"; blocks whose
 * ancestry never reaches the root are "unconnected".
 */
import { workFromBits } from './header.js';

export interface ChainHeader {
  readonly hash: string;
  readonly prevHash: string;
  readonly bits: number;
}

/** A block whose height is known: the chain starts there. */
export interface ChainStart {
  readonly hash: string;
  readonly height: number;
}

export interface ChainBlock<E> {
  readonly entry: E;
  readonly height: number;
  /** Work summed from the root (inclusive) to this block. */
  readonly chainWork: bigint;
}

export interface BestChain<E> {
  /** Root to tip, heights consecutive. Empty when no root is present. */
  readonly best: readonly ChainBlock<E>[];
  /** Reachable from the root but not on the best chain, by height then input order. */
  readonly stale: readonly ChainBlock<E>[];
  /** Not reachable from the root (parent missing), in input order. */
  readonly unconnected: readonly E[];
  /** Second and later entries with an already-seen hash, in input order. */
  readonly duplicates: readonly E[];
}

export const NULL_HASH = '0'.repeat(64);

interface Node<E> {
  readonly entry: E;
  readonly order: number;
  height: number;
  chainWork: bigint;
  parent: Node<E> | null;
  reached: boolean;
}

/**
 * Without `start`, roots are the headers whose prev-hash is all zeros (a genesis block, height 0).
 * With `start`, the root is the block with `start.hash` at `start.height` if present; otherwise
 * every block whose parent is `start.hash` is a root at `start.height + 1`.
 */
export function selectBestChain<E extends ChainHeader>(entries: readonly E[], start?: ChainStart): BestChain<E> {
  const byHash = new Map<string, Node<E>>();
  const children = new Map<string, Node<E>[]>();
  const duplicates: E[] = [];
  entries.forEach((entry, order) => {
    if (byHash.has(entry.hash)) {
      duplicates.push(entry);
      return;
    }
    const node: Node<E> = { entry, order, height: -1, chainWork: 0n, parent: null, reached: false };
    byHash.set(entry.hash, node);
    const siblings = children.get(entry.prevHash);
    if (siblings) siblings.push(node);
    else children.set(entry.prevHash, [node]);
  });

  const roots: { node: Node<E>; height: number }[] = [];
  if (start === undefined) {
    for (const n of children.get(NULL_HASH) ?? []) roots.push({ node: n, height: 0 });
  } else {
    const own = byHash.get(start.hash);
    if (own) roots.push({ node: own, height: start.height });
    else for (const n of children.get(start.hash) ?? []) roots.push({ node: n, height: start.height + 1 });
  }

  let tip: Node<E> | null = null;
  const stack: Node<E>[] = [];
  for (const { node, height } of roots) {
    node.height = height;
    node.chainWork = workFromBits(node.entry.bits);
    node.reached = true;
    stack.push(node);
  }
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (tip === null || node.chainWork > tip.chainWork || (node.chainWork === tip.chainWork && node.order < tip.order)) tip = node;
    for (const child of children.get(node.entry.hash) ?? []) {
      if (child.reached) continue;
      child.reached = true;
      child.parent = node;
      child.height = node.height + 1;
      child.chainWork = node.chainWork + workFromBits(child.entry.bits);
      stack.push(child);
    }
  }

  const onBest = new Set<Node<E>>();
  const best: ChainBlock<E>[] = [];
  for (let n = tip; n !== null; n = n.parent) {
    onBest.add(n);
    best.push({ entry: n.entry, height: n.height, chainWork: n.chainWork });
  }
  best.reverse();

  const staleNodes: Node<E>[] = [];
  const unconnected: E[] = [];
  for (const n of byHash.values()) {
    if (!n.reached) unconnected.push(n.entry);
    else if (!onBest.has(n)) staleNodes.push(n);
  }
  staleNodes.sort((a, b) => a.height - b.height || a.order - b.order);
  const stale = staleNodes.map((n) => ({ entry: n.entry, height: n.height, chainWork: n.chainWork }));
  return { best, stale, unconnected, duplicates };
}
