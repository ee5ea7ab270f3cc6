import type { CoordinationStore } from '../spec/coordination-store.js';
import type { Extractor } from '../spec/extractor.js';
import type { Embedder, Reranker } from '../spec/models.js';
import type { VectorStore } from '../spec/vector-store.js';

/** Everything an engine operation needs, resolved from the config once. */
export interface EngineContext {
  extractor: Extractor;
  embedder: Embedder;
  /** Metered: every call counts in the current call's usage. */
  vectorStore: VectorStore;
  /** Metered like `vectorStore`. */
  coordination: CoordinationStore;
  reranker?: Reranker;
  settings: {
    conflictCandidates: number;
    recentWriteTtlMs: number;
    denseWeight: number;
    lexicalSaturation: number;
    candidateMultiplier: number;
    customPrompt?: string;
    customInstructions?: string;
    /** Replaces the decision instructions (Mem0's `customUpdateMemoryPrompt`). */
    decisionPrompt?: string;
  };
  /** Strictly increasing timestamps, so records written in one call keep their order. */
  clock(): Date;
  /** Recently embedded queries, most recent last (see `embedTexts`). */
  queryEmbeddings: Map<string, number[]>;
  /** True when no model and no network is involved. */
  offline: boolean;
}
