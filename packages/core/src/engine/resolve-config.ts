import { createLexicalEmbedder } from '../embedders/lexical-embedder.js';
import { ConfigurationError } from '../errors.js';
import { createRuleExtractor } from '../extraction/rules/index.js';
import { environmentVariable } from '../runtime/environment.js';
import type { CoordinationStore } from '../spec/coordination-store.js';
import type { Extractor } from '../spec/extractor.js';
import type { Embedder, LanguageModel } from '../spec/models.js';
import type { VectorStore } from '../spec/vector-store.js';
import { createInMemoryCoordinationStore } from '../stores/in-memory/coordination-store.js';
import { createInMemoryVectorStore } from '../stores/in-memory/vector-store.js';
import type { EngineContext } from './engine-context.js';
import type { MemoryConfig, ProviderConfig } from './memory-config.js';
import { loadCoordinationStore, loadEmbedder, loadLanguageModel, loadVectorStore } from './providers.js';

/** Turns a config (instances, `{ provider, config }` shapes, environment) into an engine context. */
export async function resolveConfig(config: MemoryConfig): Promise<EngineContext> {
  const hasOpenAIKey = Boolean(environmentVariable('OPENAI_API_KEY'));
  const extractor = config.extractor ?? (await resolveExtractor(config.llm, hasOpenAIKey));
  const embedder = await resolveEmbedder(config.embedder, hasOpenAIKey);
  const wantsVectors = wantsSqlite(config.vectorStore, config.path);
  const chosenVectorStore = wantsVectors ? undefined : await resolveVectorStore(config.vectorStore);
  // A shared vector index needs a shared coordination store; pick Upstash Redis when it is configured.
  const useRedis =
    config.historyStore === undefined &&
    chosenVectorStore?.name.startsWith('upstash') === true &&
    Boolean(environmentVariable('UPSTASH_REDIS_REST_URL'));
  const durable = await resolveDurableStores(
    config,
    wantsVectors,
    !useRedis && wantsSqlite(config.historyStore, config.path),
  );
  const vectorStore = durable.vectorStore ?? chosenVectorStore!;
  const coordination =
    durable.historyStore ??
    (useRedis ? await loadCoordinationStore('upstash-redis', {}) : await resolveCoordinationStore(config.historyStore));
  const now = config.now ?? (() => new Date());
  let last = 0;
  const context: EngineContext = {
    extractor,
    embedder,
    vectorStore,
    coordination,
    settings: {
      conflictCandidates: config.conflictCandidates ?? 10,
      recentWriteTtlMs: config.recentWriteTtlMs ?? 120_000,
      denseWeight: config.search?.denseWeight ?? (embedder.name === 'lexical' ? 0.2 : 0.5),
      lexicalSaturation: config.search?.lexicalSaturation ?? 6,
      candidateMultiplier: config.search?.candidateMultiplier ?? 4,
      queryEmbeddingCache: config.queryEmbeddingCache ?? 256,
      ...optionalSetting('customPrompt', config.customPrompt ?? config.customFactExtractionPrompt),
      ...optionalSetting('decisionPrompt', config.customUpdateMemoryPrompt),
      ...(config.customInstructions === undefined ? {} : { customInstructions: config.customInstructions }),
    },
    clock() {
      last = Math.max(now().getTime(), last + 1);
      return new Date(last);
    },
    queryEmbeddings: new Map(),
    offline: extractor.name === 'rules' && embedder.name === 'lexical',
    modelChoice: describeModelChoice(config, hasOpenAIKey),
  };
  if (config.reranker) context.reranker = config.reranker;
  return context;
}

/**
 * Which models the defaults picked and why. The default switches on OPENAI_API_KEY alone, and vectors of the offline
 * lexical embedder (512 dimensions) and OpenAI's (1536) cannot share a store, so `describe()` says which one runs.
 */
function describeModelChoice(config: MemoryConfig, hasOpenAIKey: boolean): string {
  const defaults = [
    config.llm === undefined && config.extractor === undefined ? 'llm' : '',
    config.embedder === undefined ? 'embedder' : '',
  ]
    .filter((part) => part.length > 0)
    .join(' and ');
  if (defaults.length === 0) return 'llm and embedder as configured';
  return hasOpenAIKey
    ? `${defaults}: OpenAI, because OPENAI_API_KEY is set (pass llm/embedder to choose; unset it for the offline default)`
    : `${defaults}: offline default (rule-based extractor, lexical embedder with 512 dimensions), because OPENAI_API_KEY is not set`;
}

function optionalSetting<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/**
 * The model extractor loads only when a model is configured: with zod (which validates model output) it is about
 * half of what an offline app would load, and bundlers put it in a chunk of its own.
 */
async function createModelExtractor(model: LanguageModel): Promise<Extractor> {
  return (await import('../extraction/model-extractor.js')).createModelExtractor(model);
}

function isProviderConfig(value: unknown): value is ProviderConfig {
  return typeof value === 'object' && value !== null && typeof (value as ProviderConfig).provider === 'string';
}

function providerOptions(value: ProviderConfig): Record<string, unknown> {
  return value.config ?? {};
}

async function resolveExtractor(llm: MemoryConfig['llm'], hasOpenAIKey: boolean): Promise<Extractor> {
  if (llm === undefined) {
    return hasOpenAIKey ? createModelExtractor(await loadLanguageModel('openai', {}, true)) : createRuleExtractor();
  }
  if (isProviderConfig(llm)) {
    if (llm.provider === 'rules') return createRuleExtractor(providerOptions(llm));
    return createModelExtractor(await loadLanguageModel(llm.provider, providerOptions(llm)));
  }
  if (typeof (llm as LanguageModel).generate === 'function') return createModelExtractor(llm as LanguageModel);
  throw new ConfigurationError('llm must be a LanguageModel (with generate) or { provider, config }');
}

async function resolveEmbedder(embedder: MemoryConfig['embedder'], hasOpenAIKey: boolean): Promise<Embedder> {
  if (embedder === undefined) return hasOpenAIKey ? loadEmbedder('openai', {}, true) : createLexicalEmbedder();
  if (isProviderConfig(embedder)) {
    if (embedder.provider === 'lexical') return createLexicalEmbedder(providerOptions(embedder));
    return loadEmbedder(embedder.provider, providerOptions(embedder));
  }
  if (typeof (embedder as Embedder).embed === 'function') return embedder as Embedder;
  throw new ConfigurationError('embedder must be an Embedder (with embed) or { provider, config }');
}

/** Whether a store setting asks for the SQLite store: left out while `path` is set, or `{ provider: 'sqlite' }`. */
function wantsSqlite(store: unknown, path: string | undefined): boolean {
  return store === undefined ? path !== undefined : isProviderConfig(store) && store.provider === 'sqlite';
}

/**
 * The SQLite stores, for the settings that ask for them (one database, one connection): `path` (or a `sqlite`
 * provider's `config.path`) names the directory. Loaded through a runtime import, so a bundle of the main entry
 * never contains `node:sqlite`.
 */
async function resolveDurableStores(
  config: MemoryConfig,
  wantsVectors: boolean,
  wantsHistory: boolean,
): Promise<{ vectorStore?: VectorStore; historyStore?: CoordinationStore }> {
  if (!wantsVectors && !wantsHistory) return {};
  const settings = [config.vectorStore, config.historyStore].filter(isProviderConfig).map(providerOptions);
  const path = config.path ?? settings.map((options) => options.path).find((value) => value !== undefined);
  if (typeof path !== 'string') {
    throw new ConfigurationError(
      "the sqlite store needs a directory: pass path, or { provider: 'sqlite', config: { path } }",
    );
  }
  // Loaded only for a durable config: the in-memory default does not bundle the SQLite loader.
  const { loadSqliteStores } = await import('./load-sqlite-stores.js');
  const stores = await loadSqliteStores({ ...Object.assign({}, ...settings), path });
  if (!wantsVectors) await stores.vectorStore.close?.();
  if (!wantsHistory) await stores.historyStore.close?.();
  return {
    ...(wantsVectors ? { vectorStore: stores.vectorStore } : {}),
    ...(wantsHistory ? { historyStore: stores.historyStore } : {}),
  };
}

async function resolveVectorStore(store: MemoryConfig['vectorStore']): Promise<VectorStore> {
  if (store === undefined) return createInMemoryVectorStore();
  if (isProviderConfig(store)) {
    if (store.provider === 'in-memory' || store.provider === 'memory') {
      return createInMemoryVectorStore(providerOptions(store));
    }
    return loadVectorStore(store.provider, providerOptions(store));
  }
  if (typeof (store as VectorStore).query === 'function') return store as VectorStore;
  throw new ConfigurationError('vectorStore must be a VectorStore or { provider, config }');
}

async function resolveCoordinationStore(store: MemoryConfig['historyStore']): Promise<CoordinationStore> {
  if (store === undefined) return createInMemoryCoordinationStore();
  if (isProviderConfig(store)) {
    if (store.provider === 'in-memory' || store.provider === 'memory') return createInMemoryCoordinationStore();
    return loadCoordinationStore(store.provider, providerOptions(store));
  }
  if (typeof (store as CoordinationStore).withLock === 'function') return store as CoordinationStore;
  throw new ConfigurationError('historyStore must be a CoordinationStore or { provider, config }');
}
