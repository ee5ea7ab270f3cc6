import { ConfigurationError } from '../../errors.js';
import type { OpenAIEmbedderOptions } from './openai-embedder.js';
import type { OpenAILanguageModelOptions } from './openai-language-model.js';
import type { OpenAIPresetName } from './presets.js';

/** Options for both factories, as read from a Mem0-style `config` object. */
export type OpenAIProviderOptions = OpenAILanguageModelOptions & OpenAIEmbedderOptions;

/** Mem0 spellings (Python snake_case and TS camelCase) of each option, first match wins. */
const aliases: Record<string, readonly string[]> = {
  apiKey: ['apiKey', 'api_key'],
  model: ['model'],
  baseURL: [
    'baseURL',
    'baseUrl',
    'base_url',
    'openaiBaseUrl',
    'openai_base_url',
    'ollamaBaseUrl',
    'ollama_base_url',
    'lmstudioBaseUrl',
    'lmstudio_base_url',
    'vllmBaseUrl',
    'vllm_base_url',
    'url',
  ],
  dimensions: ['dimensions', 'embeddingDims', 'embedding_dims'],
  maxOutputTokens: ['maxOutputTokens', 'maxTokens', 'max_tokens'],
  organization: ['organization'],
  timeout: ['timeout'],
  maxRetries: ['maxRetries', 'max_retries'],
  headers: ['headers', 'defaultHeaders', 'default_headers'],
  jsonMode: ['jsonMode'],
  endpoint: ['endpoint', 'azureEndpoint', 'azure_endpoint'],
  deployment: ['deployment', 'azureDeployment', 'azure_deployment'],
  apiVersion: ['apiVersion', 'api_version'],
};

const numeric = new Set(['dimensions', 'maxOutputTokens', 'timeout', 'maxRetries']);

/**
 * Reads a Mem0 `{ provider, config }` config for an OpenAI-compatible provider into memzero options, so a Mem0
 * config works unchanged: `api_key`, `openai_base_url`, `ollama_base_url`, `embedding_dims`, `max_tokens`, Azure's
 * `azure_kwargs` (Python) or `modelProperties` (TS), and the camelCase forms. Options Mem0 has and memzero does not
 * use (`temperature`, `top_p`, `enable_vision`, ...) are ignored; a known option of the wrong type is a
 * `ConfigurationError` naming it. An Ollama URL without a path (`http://localhost:11434`) gets `/v1`.
 */
export function openAIOptionsFromMem0Config(
  config: Record<string, unknown>,
  preset: OpenAIPresetName = 'openai',
): OpenAIProviderOptions {
  const sources = [
    config,
    asRecord(config.azure_kwargs),
    asRecord(config.azureKwargs),
    asRecord(config.modelProperties),
  ];
  const options: Record<string, unknown> = { preset };
  for (const [option, names] of Object.entries(aliases)) {
    const found = findValue(sources, names);
    if (found === undefined) continue;
    const [name, value] = found;
    const expected = numeric.has(option) ? 'number' : option === 'headers' ? 'object' : 'string';
    if (typeof value !== expected || value === null || (expected === 'number' && !Number.isFinite(value))) {
      throw new ConfigurationError(`config.${name} must be a ${expected}`);
    }
    options[option] = value;
  }
  if (preset === 'ollama' && typeof options.baseURL === 'string') options.baseURL = withV1(options.baseURL);
  return options as OpenAIProviderOptions;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function findValue(sources: Record<string, unknown>[], names: readonly string[]): [string, unknown] | undefined {
  for (const source of sources) {
    for (const name of names) if (source[name] !== undefined && source[name] !== null) return [name, source[name]];
  }
  return undefined;
}

function withV1(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname === '/' || parsed.pathname === '' ? `${parsed.origin}/v1` : url;
  } catch {
    return url;
  }
}
