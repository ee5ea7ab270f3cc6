import { ConfigurationError } from '../errors.js';
import type { CoordinationStore } from '../spec/coordination-store.js';
import type { Embedder, LanguageModel } from '../spec/models.js';
import type { VectorStore } from '../spec/vector-store.js';

type Options = Record<string, unknown>;
type OpenAIModule = typeof import('../models/openai/index.js');
type UpstashVectorModule = typeof import('../stores/upstash/vector-store.js');
type UpstashRedisModule = typeof import('../stores/upstash/redis-store.js');

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

/** A backend module that a `{ provider }` name loads: where it is, what it needs, and how to import it instead. */
interface BackendModule {
  /** This module's path to it (resolved at run time, next to this file). */
  path: string;
  /** The package's own subpath export, for when this file was bundled away from its siblings. */
  subpath: string;
  /** The optional package it imports. */
  requires: string;
  /** What to write instead of the name where names cannot be loaded. */
  instead: string;
}

const backends = {
  openai: {
    path: '../models/openai/index.js',
    subpath: '@memzero/core/providers/openai',
    requires: 'openai',
    instead: "import { createOpenAILanguageModel, createOpenAIEmbedder } from '@memzero/core/providers/openai'",
  },
  upstashVector: {
    path: '../stores/upstash/vector-store.js',
    subpath: '@memzero/core/stores/upstash-vector',
    requires: '@upstash/vector',
    instead: "import { createUpstashVectorStore } from '@memzero/core/stores/upstash-vector'",
  },
  upstashRedis: {
    path: '../stores/upstash/redis-store.js',
    subpath: '@memzero/core/stores/upstash-redis',
    requires: '@upstash/redis',
    instead: "import { createUpstashRedisStore } from '@memzero/core/stores/upstash-redis'",
  },
} satisfies Record<string, BackendModule>;

/**
 * An import that bundlers leave alone: the specifier is a parameter (esbuild, Rollup and Vite skip non-literal
 * imports) and the comments tell webpack and Turbopack (Next.js) to keep it as a native `import()`. So choosing a
 * backend by name never makes a bundler resolve or inline an SDK (`openai`, `@upstash/*`) an app does not use.
 */
function importAtRunTime(specifier: string): Promise<unknown> {
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ specifier);
}

/** The name in a "cannot find package/module 'x'" error (Node, Vite, Bun), if there is one. */
function missingName(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : '';
  return /Cannot find (?:package|module) ['"]([^'"]+)['"]/i.exec(message)?.[1];
}

/**
 * Loads a backend module by name: next to this file (unbundled: Node, Bun, Deno, test runners), then through the
 * package's subpath (a bundled server whose `node_modules` are there at run time).
 *
 * @throws ConfigurationError naming the package to install when the module's optional dependency is missing, and
 *   the import to use instead where modules cannot be loaded by name (edge runtimes, Workers, browser bundles).
 */
async function loadBackend<T>(backend: BackendModule, setting: string): Promise<T> {
  let lastError: unknown;
  for (const specifier of [backend.path, backend.subpath]) {
    try {
      return (await importAtRunTime(specifier)) as T;
    } catch (error) {
      const missing = missingName(error);
      if (missing === backend.requires || missing?.startsWith(`${backend.requires}/`)) {
        throw new ConfigurationError(
          `${setting} needs the optional package ${backend.requires}, which is not installed: npm install ${backend.requires}`,
          { cause: error },
        );
      }
      lastError = error;
    }
  }
  throw new ConfigurationError(
    `${setting} cannot be loaded by name in this runtime or bundle; ${backend.instead} and pass the instance it creates`,
    { cause: lastError },
  );
}

async function openAIOptions(provider: string, option: string, config: Options, setting: string | undefined) {
  const preset = openAIProviderNames[provider];
  if (!preset) throw unknownProvider(option, provider);
  const openai = await loadBackend<OpenAIModule>(backends.openai, setting ?? `${option}.provider "${provider}"`);
  return { openai, options: openai.openAIOptionsFromMem0Config(config, preset as never) };
}

/** `setting` names what asked for the model in errors. @default `llm.provider "<provider>"` */
export async function loadLanguageModel(provider: string, config: Options, setting?: string): Promise<LanguageModel> {
  const { openai, options } = await openAIOptions(provider, 'llm', config, setting);
  return openai.createOpenAILanguageModel(options);
}

/** `setting` names what asked for the embedder in errors. @default `embedder.provider "<provider>"` */
export async function loadEmbedder(provider: string, config: Options, setting?: string): Promise<Embedder> {
  const { openai, options } = await openAIOptions(provider, 'embedder', config, setting);
  return openai.createOpenAIEmbedder(options);
}

export async function loadVectorStore(provider: string, options: Options): Promise<VectorStore> {
  if (provider === 'upstash' || provider === 'upstash-vector' || provider === 'upstash_vector') {
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
