import { ConfigurationError } from '../errors.js';
import { importAtRunTime } from '../runtime/import-at-run-time.js';

// Loaded on demand by providers.ts (only when a backend is named), so offline bundles do not carry it.

/** A backend module that a `{ provider }` name loads: where it is, what it needs, and how to import it instead. */
export interface BackendModule {
  /** This module's path to it (resolved at run time, next to this file). */
  path: string;
  /** The package's own subpath export, for when this file was bundled away from its siblings. */
  subpath: string;
  /** The optional package it imports. */
  requires: string;
  /** What to write instead of the name where names cannot be loaded. */
  instead: string;
}

export const backends = {
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
export async function loadBackend<T>(backend: BackendModule, setting: string): Promise<T> {
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

/** How errors name a model chosen because OPENAI_API_KEY is set, and how to stay offline instead. */
export function defaultByKey(option: 'llm' | 'embedder'): string {
  const offline = option === 'llm' ? 'rules' : 'lexical';
  return `the default ${option} (OpenAI, because OPENAI_API_KEY is set; ${option}: { provider: '${offline}' } stays offline)`;
}
