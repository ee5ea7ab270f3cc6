import type { CoordinationStore } from '../spec/coordination-store.js';
import type { Extractor } from '../spec/extractor.js';
import type { Embedder, LanguageModel, Reranker } from '../spec/models.js';
import type { Warning } from '../spec/results.js';
import type { VectorStore } from '../spec/vector-store.js';

/** Mem0's `{ provider, config }` shape. */
export interface ProviderConfig {
  /** e.g. `openai`, `groq`, `ollama`, `rules`, `lexical`, `in-memory`, `sqlite`, `upstash`, `upstash-redis`. */
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
  /**
   * A directory for the durable embedded store: one SQLite database (`memzero.db`, through `node:sqlite`, Node >=
   * 22.13) for every store setting left out (or set to `{ provider: 'sqlite' }`). Several processes and instances
   * may share it. Without it, memories live in this process only.
   * @default not persisted
   */
  path?: string;
  /** Replaces the default extraction instructions (Mem0's `customPrompt`). */
  customPrompt?: string;
  /** Appended to the extraction instructions. */
  customInstructions?: string;
  /**
   * IANA time zone of the application's users (e.g. `Asia/Shanghai`), so a date means the same on every server:
   * "today" for the extractor's relative dates ("tomorrow") is the calendar day there, and dates written without
   * an offset (`expirationDate`, `timestamp`, date filters such as `created_at: { gte: '2026-12-01' }`) are read
   * there, never in the server's own zone. Each call can pass its own. @default 'UTC'
   */
  timeZone?: string;
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
  /**
   * How many query embeddings are kept (least recently used first out), so a search and the `add` of the same
   * message embed it once. `0` disables the cache. Entries hold one vector each (1,536 numbers with OpenAI's small
   * model). @default 256
   */
  queryEmbeddingCache?: number;
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
