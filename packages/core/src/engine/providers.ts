import { ConfigurationError } from '../errors.js';
import type { CoordinationStore } from '../spec/coordination-store.js';
import type { Embedder, LanguageModel } from '../spec/models.js';
import type { VectorStore } from '../spec/vector-store.js';

type Options = Record<string, unknown>;

/** Mem0 provider names for OpenAI-compatible endpoints, mapped to memzero's presets. */
export const openAIProviderNames: Readonly<Record<string, string>> = {
  openai: 'openai',
  azure: 'azure',
  azure_openai: 'azure',
  groq: 'groq',
  together: 'together',
  deepseek: 'deepseek',
  xai: 'xai',
  ollama: 'ollama',
  lmstudio: 'lmstudio',
  vllm: 'vllm',
  litellm: 'litellm',
};

// Each backend is loaded only when configured, so the core never loads an SDK a user does not use.
async function openAIOptions(provider: string, option: string, config: Options) {
  const preset = openAIProviderNames[provider];
  if (!preset) throw unknownProvider(option, provider);
  const openai = await import('../models/openai/index.js');
  return { openai, options: openai.openAIOptionsFromMem0Config(config, preset as never) };
}

export async function loadLanguageModel(provider: string, config: Options): Promise<LanguageModel> {
  const { openai, options } = await openAIOptions(provider, 'llm', config);
  return openai.createOpenAILanguageModel(options);
}

export async function loadEmbedder(provider: string, config: Options): Promise<Embedder> {
  const { openai, options } = await openAIOptions(provider, 'embedder', config);
  return openai.createOpenAIEmbedder(options);
}

export async function loadVectorStore(provider: string, options: Options): Promise<VectorStore> {
  if (provider === 'upstash' || provider === 'upstash-vector' || provider === 'upstash_vector') {
    const { createUpstashVectorStore } = await import('../stores/upstash/vector-store.js');
    return createUpstashVectorStore(options);
  }
  throw unknownProvider('vectorStore', provider);
}

export async function loadCoordinationStore(provider: string, options: Options): Promise<CoordinationStore> {
  if (provider === 'upstash-redis' || provider === 'upstash') {
    const { createUpstashRedisStore } = await import('../stores/upstash/redis-store.js');
    return createUpstashRedisStore(options);
  }
  throw unknownProvider('historyStore', provider);
}

function unknownProvider(option: string, provider: string): ConfigurationError {
  const known: Record<string, string> = {
    llm: ['rules', ...Object.keys(openAIProviderNames)].join(', '),
    embedder: ['lexical', ...Object.keys(openAIProviderNames)].join(', '),
    vectorStore: 'in-memory, upstash',
    historyStore: 'in-memory, upstash-redis',
  };
  return new ConfigurationError(
    `${option}.provider ${JSON.stringify(provider.slice(0, 40))} is not supported; use one of: ${known[option]}, or pass a ready instance`,
  );
}
