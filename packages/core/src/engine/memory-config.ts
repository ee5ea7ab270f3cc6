import type { CoordinationStore } from '../spec/coordination-store.js';
import type { Extractor } from '../spec/extractor.js';
import type { Embedder, LanguageModel, Reranker } from '../spec/models.js';
import type { Warning } from '../spec/results.js';
import type { VectorStore } from '../spec/vector-store.js';

/** Mem0's `{ provider, config }` shape. */
export interface ProviderConfig {
  /** e.g. `openai`, `groq`, `ollama`, `rules`, `lexical`, `in-memory`, `upstash`, `upstash-redis`. */
  provider: string;
  config?: Record<string, unknown>;
}

/** How search blends its signals into one score. */
export interface SearchSettings {
  /**
   * Weight of the dense signal; the lexical signal gets the rest. The offline lexical embedder adds little that
   * BM25 does not already see, so it gets less weight.
   * @default 0.5, or 0.2 with the lexical embedder
   */
  denseWeight?: number;
  /**
   * BM25 scores are mapped to [0, 1) by `1 - exp(-score / lexicalSaturation)`, a fixed curve (not relative to the
   * best hit), so scores stay comparable across queries. @default 6
   */
  lexicalSaturation?: number;
  /** Candidates fetched per signal, as a multiple of `limit` (at least 40). @default 4 */
  candidateMultiplier?: number;
}

export interface MemoryConfig {
  /**
   * The language model that extracts facts and resolves conflicts: a ready {@link LanguageModel}, or a provider
   * config. `{ provider: 'rules' }` is the offline rule-based extractor.
   * @default OpenAI when OPENAI_API_KEY is set, otherwise the rule-based extractor
   */
  llm?: LanguageModel | ProviderConfig;
  /** Overrides `llm` with a ready extractor. */
  extractor?: Extractor;
  /**
   * @default OpenAI `text-embedding-3-small` when OPENAI_API_KEY is set, otherwise the local lexical embedder
   */
  embedder?: Embedder | ProviderConfig;
  /** The search index: `in-memory`, `upstash` (also spelled `upstash-vector` / `upstash_vector`). @default in-memory */
  vectorStore?: VectorStore | ProviderConfig;
  /** History, outbox, locks, recent writes, chat messages (Mem0's name). @default in-memory */
  historyStore?: CoordinationStore | ProviderConfig;
  /** Re-scores search results. Optional. */
  reranker?: Reranker;
  /** A directory where the embedded stores persist (survives restarts). @default not persisted */
  path?: string;
  /** Replaces the default extraction instructions (Mem0's `customPrompt`). */
  customPrompt?: string;
  /** Appended to the extraction instructions. */
  customInstructions?: string;
  /** Mem0's name for `customPrompt` (replaces the fact-extraction instructions); `customPrompt` wins if both are set. */
  customFactExtractionPrompt?: string;
  /**
   * Mem0's custom update prompt: replaces the instructions for deciding ADD / UPDATE / DELETE / NONE against the
   * existing memories (the answer format is still appended, and Mem0's `{"memory": [...]}` answers are accepted).
   */
  customUpdateMemoryPrompt?: string;
  /** Existing memories shown to the extractor per `add`. @default 10 */
  conflictCandidates?: number;
  /**
   * How long written ids are remembered for read-after-write, covering search indexes that lag behind writes.
   * @default 120000
   */
  recentWriteTtlMs?: number;
  search?: SearchSettings;
  /** The clock, for tests. @default () => new Date() */
  now?: () => Date;
  /**
   * Receives configuration warnings (code `unsupported_option`: a Mem0 key memzero ignores), once, in the
   * constructor. They are also on `memory.configWarnings` and in `describe()`. Messages name keys, never values.
   * @default logs each with console.warn, prefixed `[memzero]`
   */
  onWarning?: (warning: Warning) => void;
  /** Mem0's config version (`'v1.1'`); accepted and ignored, there is one memzero format. */
  version?: string;
}
