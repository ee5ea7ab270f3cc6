import { AzureOpenAI, OpenAI } from 'openai';
import { ConfigurationError, safeCause } from '../../errors.js';
import { environmentVariable } from '../../runtime/environment.js';
import { type OpenAIPreset, type OpenAIPresetName, openAIPresets } from './presets.js';

/** Connection options shared by the OpenAI language model and embedder. */
export interface OpenAIClientOptions {
  /** A named OpenAI-compatible endpoint: sets the base URL, key variable and defaults. @default 'openai' */
  preset?: OpenAIPresetName;
  /** @default the preset's key variable (`OPENAI_API_KEY`, `GROQ_API_KEY`, ...); local presets need none */
  apiKey?: string;
  /** Overrides the preset's base URL. @default the preset's (OpenAI: `OPENAI_BASE_URL` or the SDK default) */
  baseURL?: string;
  /** @default `OPENAI_ORG_ID` (read by the SDK) */
  organization?: string;
  /** Extra headers sent with every request. @default none */
  headers?: Record<string, string>;
  /** Per-request timeout in milliseconds (reasoning models can take minutes). @default 120000 */
  timeout?: number;
  /** Retries of 408/409/429/5xx and connection errors, with exponential backoff (honours `retry-after`). @default 2 */
  maxRetries?: number;
  /** Azure OpenAI resource endpoint, e.g. `https://my-resource.openai.azure.com`. @default `AZURE_OPENAI_ENDPOINT` */
  endpoint?: string;
  /** Azure deployment name; also used as the model name. @default none */
  deployment?: string;
  /** Azure API version, e.g. `2024-10-21`. @default `OPENAI_API_VERSION` */
  apiVersion?: string;
  /** A ready client (for proxies, custom fetch, Entra ID auth); the connection options above are then ignored. @default none */
  client?: OpenAI;
}

/** A configured SDK client plus what the provider needs to know about its endpoint. */
export interface ResolvedOpenAIClient {
  client: OpenAI;
  presetName: OpenAIPresetName;
  preset: OpenAIPreset;
  /** Origin of the base URL, without credentials, for error messages. */
  origin: string;
}

/**
 * Builds the `openai` SDK client for a preset. Throws `ConfigurationError` when a hosted endpoint has no key, so
 * the problem shows at construction, not at the first `add`.
 */
export function createOpenAIClient(options: OpenAIClientOptions): ResolvedOpenAIClient {
  const presetName = options.preset ?? 'openai';
  const preset = openAIPresets[presetName];
  if (preset === undefined) {
    throw new ConfigurationError(
      `unknown OpenAI preset ${JSON.stringify(String(presetName))}; use one of ${Object.keys(openAIPresets).join(', ')}`,
    );
  }
  if (options.client !== undefined) {
    return { client: options.client, presetName, preset, origin: originOf(options.client.baseURL) };
  }
  const apiKey = options.apiKey ?? readEnv(preset.apiKeyEnv);
  if (apiKey === undefined && preset.requiresApiKey) {
    throw new ConfigurationError(
      `${presetName}: no API key; pass apiKey or set ${preset.apiKeyEnv} (or use the offline default: new Memory() without keys)`,
    );
  }
  const common = {
    // Local servers accept any key, but the SDK refuses to run without one.
    apiKey: apiKey ?? `${presetName}-no-key`,
    timeout: options.timeout ?? 120_000,
    maxRetries: options.maxRetries ?? 2,
    ...(options.organization === undefined ? {} : { organization: options.organization }),
    ...(options.headers === undefined ? {} : { defaultHeaders: options.headers }),
  };
  let client: OpenAI;
  try {
    if (presetName === 'azure') {
      const endpoint = options.endpoint ?? readEnv('AZURE_OPENAI_ENDPOINT');
      const apiVersion = options.apiVersion ?? readEnv('OPENAI_API_VERSION');
      if (options.baseURL === undefined && endpoint === undefined) {
        throw new ConfigurationError('azure: pass endpoint (https://<resource>.openai.azure.com) or baseURL');
      }
      if (apiVersion === undefined) {
        throw new ConfigurationError('azure: pass apiVersion (e.g. 2024-10-21) or set OPENAI_API_VERSION');
      }
      client = new AzureOpenAI({
        ...common,
        apiVersion,
        ...(options.baseURL === undefined ? { endpoint } : { baseURL: options.baseURL }),
        ...(options.deployment === undefined ? {} : { deployment: options.deployment }),
      });
    } else {
      const baseURL = options.baseURL ?? preset.baseURL;
      client = new OpenAI({ ...common, ...(baseURL === undefined ? {} : { baseURL }) });
    }
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    // The SDK's own messages name options, never the key, but keep ours independent of them.
    throw new ConfigurationError(`${presetName}: the openai SDK rejected the client options; check baseURL/endpoint`, {
      cause: safeCause(error),
    });
  }
  return { client, presetName, preset, origin: originOf(client.baseURL) };
}

function readEnv(name: string): string | undefined {
  const value = environmentVariable(name)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function originOf(baseURL: string): string {
  try {
    return new URL(baseURL).origin;
  } catch {
    return 'the configured base URL';
  }
}
