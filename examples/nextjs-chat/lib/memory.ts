import { openai } from '@ai-sdk/openai';
import { Memory } from '@memzero/core';
import { createUpstashRedisStore } from '@memzero/core/stores/upstash-redis';
import { createUpstashVectorStore } from '@memzero/core/stores/upstash-vector';
import { type Mem0LanguageModel, withMem0 } from '@memzero/vercel-ai';
import { type AppMode, appMode } from './mode';
import { createScriptedModel } from './scripted-model';

interface AppMemory {
  mode: AppMode;
  memory: Memory;
  /** The chat model with memory; the user is set per request through `providerOptions.memzero`. */
  model: Mem0LanguageModel;
}

// One engine per server process (kept on globalThis so that `next dev` reloads do not open a second one).
const holder = globalThis as typeof globalThis & { __memzeroApp?: AppMemory };

function createMemory(mode: AppMode): Memory {
  if (mode.store === 'upstash') {
    // The stores read the four UPSTASH_* variables themselves. Factories, not provider names: names load modules at
    // run time, which edge bundles cannot do.
    return new Memory({ vectorStore: createUpstashVectorStore(), historyStore: createUpstashRedisStore() });
  }
  // Embedded: one SQLite database in the app's folder (MEMZERO_PATH overrides it). With OPENAI_API_KEY the engine also extracts and embeds with
  // OpenAI; without it, it uses its offline rule extractor and lexical embedder.
  return new Memory({ path: process.env.MEMZERO_PATH ?? '.memzero' });
}

/** The process's engine and memory-wrapped chat model, created on first use. */
export function appMemory(): AppMemory {
  if (holder.__memzeroApp) return holder.__memzeroApp;
  const mode = appMode();
  const memory = createMemory(mode);
  const base = mode.model === 'openai' ? openai('gpt-4.1-mini') : createScriptedModel();
  // Storage runs after the answer; each route hands the promise to `after()` so it survives the response.
  const model = withMem0(base, { memory, limit: 5 });
  holder.__memzeroApp = { mode, memory, model };
  return holder.__memzeroApp;
}
