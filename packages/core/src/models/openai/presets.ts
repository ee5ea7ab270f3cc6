/** OpenAI-compatible endpoints memzero knows by name. */
export type OpenAIPresetName =
  | 'openai'
  | 'azure'
  | 'groq'
  | 'together'
  | 'deepseek'
  | 'xai'
  | 'ollama'
  | 'lmstudio'
  | 'vllm'
  | 'litellm';

/**
 * How memzero asks for JSON. `auto`: `json_schema` when the request carries a schema, else `json_object`.
 * `off` sends no `response_format` (for servers that reject it); the answer is still extracted and validated.
 */
export type JsonMode = 'auto' | 'json_schema' | 'json_object' | 'off';

/** Defaults for one OpenAI-compatible endpoint. */
export interface OpenAIPreset {
  /** `undefined` for OpenAI (the SDK default, or `OPENAI_BASE_URL`) and Azure (built from the endpoint). */
  baseURL?: string;
  /** Environment variable read when no `apiKey` is given. */
  apiKeyEnv: string;
  /** Local servers accept any key; a placeholder is sent when none is set. */
  requiresApiKey: boolean;
  /** Model used when none is given; absent where the served models are the user's choice. */
  defaultModel?: string;
  defaultEmbeddingModel?: string;
  /** What the server supports for JSON output. */
  jsonMode: JsonMode;
  /** OpenAI's reasoning models reject `max_tokens`; most compatible servers only know it. */
  maxTokensParameter: 'max_tokens' | 'max_completion_tokens';
}

/**
 * Base URLs and key variables of the OpenAI-compatible endpoints. Override any of them with the provider options
 * (`baseURL`, `apiKey`, `model`, `jsonMode`).
 */
export const openAIPresets: Readonly<Record<OpenAIPresetName, OpenAIPreset>> = {
  openai: {
    apiKeyEnv: 'OPENAI_API_KEY',
    requiresApiKey: true,
    defaultModel: 'gpt-4.1-mini',
    defaultEmbeddingModel: 'text-embedding-3-small',
    jsonMode: 'auto',
    maxTokensParameter: 'max_completion_tokens',
  },
  azure: {
    apiKeyEnv: 'AZURE_OPENAI_API_KEY',
    requiresApiKey: true,
    jsonMode: 'auto',
    maxTokensParameter: 'max_completion_tokens',
  },
  groq: {
    baseURL: 'https://api.groq.com/openai/v1',
    apiKeyEnv: 'GROQ_API_KEY',
    requiresApiKey: true,
    defaultModel: 'llama-3.3-70b-versatile',
    // json_schema is limited to a few Groq models; json_object works on all.
    jsonMode: 'json_object',
    maxTokensParameter: 'max_tokens',
  },
  together: {
    baseURL: 'https://api.together.xyz/v1',
    apiKeyEnv: 'TOGETHER_API_KEY',
    requiresApiKey: true,
    defaultModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    defaultEmbeddingModel: 'BAAI/bge-base-en-v1.5',
    jsonMode: 'json_object',
    maxTokensParameter: 'max_tokens',
  },
  deepseek: {
    baseURL: 'https://api.deepseek.com/v1',
    apiKeyEnv: 'DEEPSEEK_API_KEY',
    requiresApiKey: true,
    defaultModel: 'deepseek-chat',
    // DeepSeek supports json_object, not json_schema.
    jsonMode: 'json_object',
    maxTokensParameter: 'max_tokens',
  },
  xai: {
    baseURL: 'https://api.x.ai/v1',
    apiKeyEnv: 'XAI_API_KEY',
    requiresApiKey: true,
    defaultModel: 'grok-3-mini',
    jsonMode: 'auto',
    maxTokensParameter: 'max_tokens',
  },
  ollama: {
    baseURL: 'http://localhost:11434/v1',
    apiKeyEnv: 'OLLAMA_API_KEY',
    requiresApiKey: false,
    defaultModel: 'llama3.1',
    defaultEmbeddingModel: 'nomic-embed-text',
    jsonMode: 'auto',
    maxTokensParameter: 'max_tokens',
  },
  lmstudio: {
    baseURL: 'http://localhost:1234/v1',
    apiKeyEnv: 'LM_STUDIO_API_KEY',
    requiresApiKey: false,
    // LM Studio rejects `json_object`; it accepts `json_schema` only.
    jsonMode: 'json_schema',
    maxTokensParameter: 'max_tokens',
  },
  vllm: {
    baseURL: 'http://localhost:8000/v1',
    apiKeyEnv: 'VLLM_API_KEY',
    requiresApiKey: false,
    jsonMode: 'auto',
    maxTokensParameter: 'max_tokens',
  },
  litellm: {
    baseURL: 'http://localhost:4000/v1',
    apiKeyEnv: 'LITELLM_API_KEY',
    requiresApiKey: false,
    jsonMode: 'json_object',
    maxTokensParameter: 'max_tokens',
  },
};
