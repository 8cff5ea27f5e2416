/**
 * @module The chain half of the Store port, shared by every backend: each backend keeps its chain
 * SQL in a repository with this shape, and its store class extends `ChainDelegatingStore` instead
 * of forwarding each method by hand.
 */
import type { ChainAttributionRecord, ChainBlockRecord, ChainWriteMeta, ChainWriteSummary, StoredChainBlocks, StoredChainLabel } from './store.js';

export interface ChainRepository {
  tip(): Promise<{ height: number; hash: string } | null>;
  hashesBelow(atOrBelow: number, limit: number): Promise<{ height: number; hash: string }[]>;
  hashes(fromHeight: number, toHeight: number): Promise<{ height: number; hash: string }[]>;
  lackingEconomics(fromHeight: number, toHeight: number): Promise<number[]>;
  writeBatch(blocks: readonly ChainBlockRecord[], attributions: readonly ChainAttributionRecord[], meta: ChainWriteMeta): Promise<ChainWriteSummary>;
  writeAttributions(attributions: readonly ChainAttributionRecord[], meta: ChainWriteMeta): Promise<ChainWriteSummary>;
  rollback(aboveHeight: number): Promise<{ blocks: number; labels: number }>;
  readLabels(source: string, exceptVersion?: string): Promise<StoredChainLabel[]>;
  readBlocks(): Promise<StoredChainBlocks>;
  saveRuleSnapshot(version: string, kind: string, snapshot: string): Promise<void>;
  readRuleSnapshot(version: string): Promise<{ kind: string; snapshot: string } | null>;
}

export abstract class ChainDelegatingStore {
  protected abstract readonly chain: ChainRepository;

  chainTip(): Promise<{ height: number; hash: string } | null> {
    return this.chain.tip();
  }

  chainHashesBelow(atOrBelow: number, limit: number): Promise<{ height: number; hash: string }[]> {
    return this.chain.hashesBelow(atOrBelow, limit);
  }

  chainHashes(fromHeight: number, toHeight: number): Promise<{ height: number; hash: string }[]> {
    return this.chain.hashes(fromHeight, toHeight);
  }

  chainHeightsLackingEconomics(fromHeight: number, toHeight: number): Promise<number[]> {
    return this.chain.lackingEconomics(fromHeight, toHeight);
  }

  writeChainBatch(blocks: readonly ChainBlockRecord[], attributions: readonly ChainAttributionRecord[], meta: ChainWriteMeta): Promise<ChainWriteSummary> {
    return this.chain.writeBatch(blocks, attributions, meta);
  }

  writeChainAttributions(attributions: readonly ChainAttributionRecord[], meta: ChainWriteMeta): Promise<ChainWriteSummary> {
    return this.chain.writeAttributions(attributions, meta);
  }

  rollbackChain(aboveHeight: number): Promise<{ blocks: number; labels: number }> {
    return this.chain.rollback(aboveHeight);
  }

  readChainLabels(source: string, exceptVersion?: string): Promise<StoredChainLabel[]> {
    return this.chain.readLabels(source, exceptVersion);
  }

  readChainBlocks(): Promise<StoredChainBlocks> {
    return this.chain.readBlocks();
  }

  saveRuleSnapshot(version: string, kind: string, snapshot: string): Promise<void> {
    return this.chain.saveRuleSnapshot(version, kind, snapshot);
  }

  readRuleSnapshot(version: string): Promise<{ kind: string; snapshot: string } | null> {
    return this.chain.readRuleSnapshot(version);
  }
}
