import { ConfigurationError } from '../errors.js';
import type { CoordinationStore } from '../spec/coordination-store.js';
import type { Embedder, LanguageModel } from '../spec/models.js';
import type { VectorStore } from '../spec/vector-store.js';

type Options = Record<string, unknown>;
type OpenAIModule = typeof import('../models/openai/index.js');
type UpstashVectorModule = typeof import('../stores/upstash/vector-store.js');
type UpstashRedisModule = typeof import('../stores/upstash/redis-store.js');

/** The by-name loader, a chunk of its own: offline apps never load it. */
const loader = () => import('./load-backend.js');

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

async function openAIOptions(provider: string, option: 'llm' | 'embedder', config: Options, byKey: boolean) {
  const preset = openAIProviderNames[provider];
  if (!preset) throw unknownProvider(option, provider);
  const { backends, defaultByKey, loadBackend } = await loader();
  const setting = byKey ? defaultByKey(option) : `${option}.provider "${provider}"`;
  const openai = await loadBackend<OpenAIModule>(backends.openai, setting);
  return { openai, options: openai.openAIOptionsFromMem0Config(config, preset as never) };
}

/** `byKey`: the default model, chosen because OPENAI_API_KEY is set (errors then say so). */
export async function loadLanguageModel(provider: string, config: Options, byKey = false): Promise<LanguageModel> {
  const { openai, options } = await openAIOptions(provider, 'llm', config, byKey);
  return openai.createOpenAILanguageModel(options);
}

/** `byKey`: the default embedder, chosen because OPENAI_API_KEY is set (errors then say so). */
export async function loadEmbedder(provider: string, config: Options, byKey = false): Promise<Embedder> {
  const { openai, options } = await openAIOptions(provider, 'embedder', config, byKey);
  return openai.createOpenAIEmbedder(options);
}

export async function loadVectorStore(provider: string, options: Options): Promise<VectorStore> {
  if (provider === 'upstash' || provider === 'upstash-vector' || provider === 'upstash_vector') {
    const { backends, loadBackend } = await loader();
    const upstash = await loadBackend<UpstashVectorModule>(
      backends.upstashVector,
      `vectorStore.provider "${provider}"`,
    );
    return upstash.createUpstashVectorStore(options);
  }
  throw unknownProvider('vectorStore', provider);
}

export async function loadCoordinationStore(provider: string, options: Options): Promise<CoordinationStore> {
  if (provider === 'upstash-redis' || provider === 'upstash') {
    const { backends, loadBackend } = await loader();
    const upstash = await loadBackend<UpstashRedisModule>(backends.upstashRedis, `historyStore.provider "${provider}"`);
    return upstash.createUpstashRedisStore(options);
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
