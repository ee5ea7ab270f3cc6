import { ConfigurationError } from '../errors.js';
import type { Warning } from '../spec/results.js';
import { isTimeZone } from '../spec/time-zone.js';
import type { MemoryConfig } from './memory-config.js';
import { openAIProviderNames } from './providers.js';

/** Every key of {@link MemoryConfig}; typed so that a new config key fails to compile until it is listed here. */
const configKeys: Record<keyof Required<MemoryConfig>, true> = {
  llm: true,
  extractor: true,
  embedder: true,
  vectorStore: true,
  historyStore: true,
  reranker: true,
  path: true,
  customPrompt: true,
  customInstructions: true,
  customFactExtractionPrompt: true,
  customUpdateMemoryPrompt: true,
  conflictCandidates: true,
  recentWriteTtlMs: true,
  search: true,
  timeZone: true,
  queryEmbeddingCache: true,
  now: true,
  onWarning: true,
  version: true,
};

/**
 * Mem0 config keys memzero does not support. The rule: a key is an error when ignoring it would silently drop
 * something the caller asked to get back (graph relations), a warning when it only tunes behaviour that memzero
 * handles its own way, so a config copied from Mem0 still runs and says what differs.
 */
const mem0Keys: Readonly<Record<string, { error?: true; message: string; when?: (value: unknown) => boolean }>> = {
  enableGraph: {
    error: true,
    when: (value) => value === true,
    message: 'graph memory is not supported: memzero stores facts, not relations; remove enableGraph',
  },
  graphStore: { message: 'graph memory is not supported; graphStore is ignored' },
  customCategories: { message: 'memories are not categorised; customCategories is ignored (use metadata)' },
  disableHistory: {
    when: (value) => value === true,
    message: 'history is always kept (it is how nothing gets lost); delete(id, { purge: true }) removes it',
  },
  historyDbPath: { message: 'historyDbPath is ignored; set path (a directory) to persist memories and history' },
  includes: { message: 'includes is ignored; use customInstructions to say what to remember' },
  excludes: { message: 'excludes is ignored; use customInstructions to say what not to remember' },
  asyncMode: { message: 'asyncMode is ignored: add always completes before it resolves' },
};

/** Mem0's snake_case spellings: the camelCase name memzero reads. */
const snakeCaseKeys: Readonly<Record<string, string>> = {
  vector_store: 'vectorStore',
  history_store: 'historyStore',
  history_db_path: 'historyDbPath',
  graph_store: 'graphStore',
  enable_graph: 'enableGraph',
  custom_categories: 'customCategories',
  custom_fact_extraction_prompt: 'customFactExtractionPrompt',
  custom_update_memory_prompt: 'customUpdateMemoryPrompt',
  custom_instructions: 'customInstructions',
  disable_history: 'disableHistory',
  async_mode: 'asyncMode',
};

const builtIn = {
  llm: ['rules', ...Object.keys(openAIProviderNames)],
  embedder: ['lexical', ...Object.keys(openAIProviderNames)],
  vectorStore: ['in-memory', 'memory', 'upstash', 'upstash-vector', 'upstash_vector'],
  historyStore: ['in-memory', 'memory', 'upstash-redis', 'upstash'],
} as const;

const bridges = {
  llm: 'createAiSdkLanguageModel(model) from @memzero/vercel-ai (any AI SDK provider) or createLangChainLanguageModel(chatModel) from @memzero/langchain',
  embedder:
    'createAiSdkEmbedder(model) from @memzero/vercel-ai (any AI SDK provider) or createLangChainEmbedder(embeddings) from @memzero/langchain',
};

/**
 * Checks a config synchronously, in the `Memory` constructor, so a config that cannot work fails where it is
 * written rather than at the first call: unknown keys, unsupported providers (with the bridge to use instead), and
 * values of the wrong kind throw `ConfigurationError`; Mem0 keys memzero ignores are returned as
 * `unsupported_option` warnings. Messages name keys and providers only, never values (they may hold keys).
 */
export function checkConfig(config: unknown): Warning[] {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ConfigurationError('the Memory config must be an object, e.g. new Memory({ vectorStore: ... })');
  }
  const warnings: Warning[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || Object.hasOwn(configKeys, key)) continue;
    const camel = snakeCaseKeys[key];
    if (camel !== undefined && Object.hasOwn(configKeys, camel)) {
      throw new ConfigurationError(
        `config key ${key} is spelled ${camel} in memzero (camelCase, as Mem0's TypeScript SDK)`,
      );
    }
    const mem0 = mem0Keys[camel ?? key];
    if (mem0 === undefined) {
      throw new ConfigurationError(
        `unknown config key ${JSON.stringify(key.slice(0, 40))}; known keys: ${Object.keys(configKeys).join(', ')}`,
      );
    }
    if (mem0.when && !mem0.when(value)) continue;
    if (mem0.error) throw new ConfigurationError(mem0.message);
    warnings.push({ code: 'unsupported_option', message: mem0.message });
  }
  const settings = config as MemoryConfig;
  if (settings.timeZone !== undefined && !isTimeZone(settings.timeZone)) {
    throw new ConfigurationError('timeZone must be an IANA time zone name such as "UTC" or "Europe/Berlin"');
  }
  const cacheSize = settings.queryEmbeddingCache;
  if (cacheSize !== undefined && (!Number.isInteger(cacheSize) || cacheSize < 0 || cacheSize > 1_000_000)) {
    throw new ConfigurationError('queryEmbeddingCache must be a whole number from 0 (no cache) to 1000000');
  }
  checkComponent('llm', settings.llm, 'generate', builtIn.llm, bridges.llm);
  checkComponent('embedder', settings.embedder, 'embed', builtIn.embedder, bridges.embedder);
  checkComponent('vectorStore', settings.vectorStore, 'query', builtIn.vectorStore, 'a VectorStore instance');
  checkComponent(
    'historyStore',
    settings.historyStore,
    'withLock',
    builtIn.historyStore,
    'a CoordinationStore instance',
  );
  checkComponent('extractor', settings.extractor, 'extract', [], 'an Extractor instance');
  checkComponent(
    'reranker',
    settings.reranker,
    'rerank',
    [],
    'a Reranker instance ({ name, rerank(query, documents) })',
  );
  return warnings;
}

function checkComponent(
  option: string,
  value: unknown,
  method: string,
  providers: readonly string[],
  instead: string,
): void {
  if (value === undefined) return;
  if (typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[method] === 'function') {
    return;
  }
  const provider = (value as { provider?: unknown } | null)?.provider;
  if (typeof provider !== 'string') {
    const shape = providers.length > 0 ? `{ provider, config } or ${instead}` : instead;
    throw new ConfigurationError(`${option} must be ${shape}`);
  }
  if (providers.includes(provider)) return;
  const name = JSON.stringify(provider.slice(0, 40));
  if (providers.length === 0) {
    throw new ConfigurationError(`${option}: { provider: ${name} } is not built in; pass ${instead}`);
  }
  throw new ConfigurationError(
    `${option}.provider ${name} is not built in (built in: ${providers.join(', ')}); pass ${instead} instead`,
  );
}
