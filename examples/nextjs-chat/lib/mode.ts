/** Which model and which store this deployment uses, decided from the environment alone. */
export interface AppMode {
  /** `openai`: a real model (OPENAI_API_KEY is set). `scripted`: a small local model that needs no key. */
  model: 'openai' | 'scripted';
  /** `upstash`: Upstash Vector + Redis (all four UPSTASH_* variables set). `embedded`: SQLite file in the app folder. */
  store: 'upstash' | 'embedded';
  /** The chat and memory API this mode's client calls: Upstash mode runs on the Edge runtime. */
  apiBase: '/api' | '/api/edge';
}

const upstashVariables = [
  'UPSTASH_VECTOR_REST_URL',
  'UPSTASH_VECTOR_REST_TOKEN',
  'UPSTASH_REDIS_REST_URL',
  'UPSTASH_REDIS_REST_TOKEN',
] as const;

function environment(name: string): string | undefined {
  const value = globalThis.process?.env?.[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function appMode(): AppMode {
  const store = upstashVariables.every((name) => environment(name) !== undefined) ? 'upstash' : 'embedded';
  return {
    model: environment('OPENAI_API_KEY') === undefined ? 'scripted' : 'openai',
    store,
    apiBase: store === 'upstash' ? '/api/edge' : '/api',
  };
}

/** One plain sentence for the page. */
export function describeMode(mode: AppMode): string {
  const model =
    mode.model === 'openai'
      ? 'OpenAI model (OPENAI_API_KEY is set)'
      : 'offline scripted model (no OPENAI_API_KEY: it repeats what memory recalls, it does not reason)';
  const store =
    mode.store === 'upstash'
      ? 'Upstash Vector + Redis, chat on the Edge runtime'
      : 'embedded SQLite store in .memzero/ (no UPSTASH_* variables)';
  return `Model: ${model}. Memory: ${store}.`;
}
