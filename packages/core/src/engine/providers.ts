import { ConfigurationError } from '../errors.js';
import type { CoordinationStore } from '../spec/coordination-store.js';
import type { Embedder, LanguageModel } from '../spec/models.js';
import type { VectorStore } from '../spec/vector-store.js';

/** OpenAI-compatible providers reached through the `openai` SDK with a base-URL preset. */
export const openAIPresets = [
  'openai',
  'azure',
  'azure_openai',
  'groq',
  'together',
  'deepseek',
  'xai',
  'ollama',
  'lmstudio',
  'vllm',
  'litellm',
] as const;

type Options = Record<string, unknown>;

interface OpenAIModule {
  createOpenAILanguageModel(options: Options): LanguageModel;
  createOpenAIEmbedder(options: Options): Embedder;
}

// Each backend is loaded only when configured, so the core never loads an SDK a user does not use.
async function loadOpenAI(): Promise<OpenAIModule> {
  return (await import('../models/openai/index.js')) as unknown as OpenAIModule;
}

function presetOptions(provider: string, options: Options): Options {
  const preset = provider === 'azure_openai' ? 'azure' : provider;
  return provider === 'openai' ? options : { preset, ...options };
}

export async function loadLanguageModel(provider: string, options: Options): Promise<LanguageModel> {
  if (!(openAIPresets as readonly string[]).includes(provider)) throw unknownProvider('llm', provider);
  return (await loadOpenAI()).createOpenAILanguageModel(presetOptions(provider, options));
}

export async function loadEmbedder(provider: string, options: Options): Promise<Embedder> {
  if (!(openAIPresets as readonly string[]).includes(provider)) throw unknownProvider('embedder', provider);
  return (await loadOpenAI()).createOpenAIEmbedder(presetOptions(provider, options));
}

export async function loadVectorStore(provider: string, options: Options): Promise<VectorStore> {
  if (provider === 'upstash' || provider === 'upstash-vector') {
    const module = (await import(upstashVectorModule)) as { createUpstashVectorStore(options: Options): VectorStore };
    return module.createUpstashVectorStore(options);
  }
  throw unknownProvider('vectorStore', provider);
}

export async function loadCoordinationStore(provider: string, options: Options): Promise<CoordinationStore> {
  if (provider === 'upstash-redis' || provider === 'upstash') {
    const module = (await import(upstashRedisModule)) as {
      createUpstashRedisStore(options: Options): CoordinationStore;
    };
    return module.createUpstashRedisStore(options);
  }
  throw unknownProvider('historyStore', provider);
}

const upstashVectorModule = '../stores/upstash/vector-store.js';
const upstashRedisModule = '../stores/upstash/redis-store.js';

function unknownProvider(option: string, provider: string): ConfigurationError {
  const known: Record<string, string> = {
    llm: ['rules', ...openAIPresets].join(', '),
    embedder: ['lexical', ...openAIPresets].join(', '),
    vectorStore: 'in-memory, upstash',
    historyStore: 'in-memory, upstash-redis',
  };
  return new ConfigurationError(
    `${option}.provider ${JSON.stringify(provider.slice(0, 40))} is not supported; use one of: ${known[option]}, or pass a ready instance`,
  );
}
