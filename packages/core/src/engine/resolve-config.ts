import { createLexicalEmbedder } from '../embedders/lexical-embedder.js';
import { ConfigurationError } from '../errors.js';
import { createModelExtractor } from '../extraction/model-extractor.js';
import { createRuleExtractor } from '../extraction/rules/index.js';
import type { CoordinationStore } from '../spec/coordination-store.js';
import type { Extractor } from '../spec/extractor.js';
import type { Embedder, LanguageModel } from '../spec/models.js';
import type { VectorStore } from '../spec/vector-store.js';
import { createInMemoryCoordinationStore } from '../stores/in-memory/coordination-store.js';
import { createInMemoryVectorStore } from '../stores/in-memory/vector-store.js';
import type { EngineContext } from './engine-context.js';
import type { MemoryConfig, ProviderConfig } from './memory-config.js';
import { loadCoordinationStore, loadEmbedder, loadLanguageModel, loadVectorStore } from './providers.js';
import { meterStore } from './usage.js';

/** Turns a config (instances, `{ provider, config }` shapes, environment) into an engine context. */
export async function resolveConfig(config: MemoryConfig): Promise<EngineContext> {
  const hasOpenAIKey = Boolean(process.env.OPENAI_API_KEY);
  const extractor = config.extractor ?? (await resolveExtractor(config.llm, hasOpenAIKey));
  const embedder = await resolveEmbedder(config.embedder, hasOpenAIKey);
  const vectorStore = await resolveVectorStore(config.vectorStore, config.path);
  const coordination = await resolveCoordinationStore(config.historyStore, config.path, vectorStore);
  const now = config.now ?? (() => new Date());
  let last = 0;
  const context: EngineContext = {
    extractor,
    embedder,
    vectorStore: meterStore(vectorStore),
    coordination: meterStore(coordination),
    settings: {
      conflictCandidates: config.conflictCandidates ?? 10,
      recentWriteTtlMs: config.recentWriteTtlMs ?? 120_000,
      denseWeight: config.search?.denseWeight ?? (embedder.name === 'lexical' ? 0.2 : 0.5),
      lexicalSaturation: config.search?.lexicalSaturation ?? 6,
      candidateMultiplier: config.search?.candidateMultiplier ?? 4,
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
  };
  if (config.reranker) context.reranker = config.reranker;
  return context;
}

function optionalSetting<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function isProviderConfig(value: unknown): value is ProviderConfig {
  return typeof value === 'object' && value !== null && typeof (value as ProviderConfig).provider === 'string';
}

function providerOptions(value: ProviderConfig): Record<string, unknown> {
  return value.config ?? {};
}

async function resolveExtractor(llm: MemoryConfig['llm'], hasOpenAIKey: boolean): Promise<Extractor> {
  if (llm === undefined) {
    return hasOpenAIKey ? createModelExtractor(await loadLanguageModel('openai', {})) : createRuleExtractor();
  }
  if (isProviderConfig(llm)) {
    if (llm.provider === 'rules') return createRuleExtractor(providerOptions(llm));
    return createModelExtractor(await loadLanguageModel(llm.provider, providerOptions(llm)));
  }
  if (typeof (llm as LanguageModel).generate === 'function') return createModelExtractor(llm as LanguageModel);
  throw new ConfigurationError('llm must be a LanguageModel (with generate) or { provider, config }');
}

async function resolveEmbedder(embedder: MemoryConfig['embedder'], hasOpenAIKey: boolean): Promise<Embedder> {
  if (embedder === undefined) return hasOpenAIKey ? loadEmbedder('openai', {}) : createLexicalEmbedder();
  if (isProviderConfig(embedder)) {
    if (embedder.provider === 'lexical') return createLexicalEmbedder(providerOptions(embedder));
    return loadEmbedder(embedder.provider, providerOptions(embedder));
  }
  if (typeof (embedder as Embedder).embed === 'function') return embedder as Embedder;
  throw new ConfigurationError('embedder must be an Embedder (with embed) or { provider, config }');
}

async function resolveVectorStore(store: MemoryConfig['vectorStore'], path: string | undefined): Promise<VectorStore> {
  if (store === undefined) return createInMemoryVectorStore(path === undefined ? {} : { path });
  if (isProviderConfig(store)) {
    if (store.provider === 'in-memory' || store.provider === 'memory') {
      return createInMemoryVectorStore({ ...(path === undefined ? {} : { path }), ...providerOptions(store) });
    }
    return loadVectorStore(store.provider, providerOptions(store));
  }
  if (typeof (store as VectorStore).query === 'function') return store as VectorStore;
  throw new ConfigurationError('vectorStore must be a VectorStore or { provider, config }');
}

async function resolveCoordinationStore(
  store: MemoryConfig['historyStore'],
  path: string | undefined,
  vectorStore: VectorStore,
): Promise<CoordinationStore> {
  if (store === undefined) {
    // A shared vector index needs a shared coordination store; pick Upstash Redis when it is configured.
    if (vectorStore.name.startsWith('upstash') && process.env.UPSTASH_REDIS_REST_URL) {
      return loadCoordinationStore('upstash-redis', {});
    }
    return createInMemoryCoordinationStore(path === undefined ? {} : { path });
  }
  if (isProviderConfig(store)) {
    if (store.provider === 'in-memory' || store.provider === 'memory') {
      return createInMemoryCoordinationStore({ ...(path === undefined ? {} : { path }), ...providerOptions(store) });
    }
    return loadCoordinationStore(store.provider, providerOptions(store));
  }
  if (typeof (store as CoordinationStore).withLock === 'function') return store as CoordinationStore;
  throw new ConfigurationError('historyStore must be a CoordinationStore or { provider, config }');
}
