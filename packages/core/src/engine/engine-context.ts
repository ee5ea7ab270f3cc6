import type { CoordinationStore } from '../spec/coordination-store.js';
import type { Extractor } from '../spec/extractor.js';
import type { Embedder, Reranker } from '../spec/models.js';
import type { VectorStore } from '../spec/vector-store.js';

/** Everything an engine operation needs, resolved from the config once. */
export interface EngineContext {
  extractor: Extractor;
  embedder: Embedder;
  /** Metered inside `withUsage`: every call counts in that call's usage. */
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
    /** Query embeddings kept; 0 disables the cache. */
    queryEmbeddingCache: number;
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
  /** Why these models run, in one sentence (which defaults were taken, and whether OPENAI_API_KEY chose them). */
  modelChoice: string;
}
