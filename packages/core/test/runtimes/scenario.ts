// Bundled by web-runtimes.test.ts and run inside Vercel's edge-runtime and Cloudflare's workerd (no nodejs_compat):
// the package as an app gets it (built dist/, through the exports map), no Node built-ins available.
import { ConfigurationError, Memory } from '@memzero/core';
import { createUpstashRedisStore } from '@memzero/core/stores/upstash-redis';
import { createUpstashVectorStore } from '@memzero/core/stores/upstash-vector';

export interface ScenarioOptions {
  upstash?: { vectorUrl: string; vectorToken: string; redisUrl: string; redisToken: string; namespace: string };
}

export interface ScenarioReport {
  runtime: { process: string; buffer: string };
  offline: boolean;
  added: string[];
  updated: string[];
  found: string[];
  all: string[];
  history: string[];
  byName?: { code: string; message: string };
}

/** add, add (an update), search, getAll and history on one Memory; by default fully offline. */
export async function runScenario(options: ScenarioOptions): Promise<ScenarioReport> {
  const upstash = options.upstash;
  const memory = upstash
    ? new Memory({
        embedder: { provider: 'lexical' },
        vectorStore: createUpstashVectorStore({
          url: upstash.vectorUrl,
          token: upstash.vectorToken,
          namespace: upstash.namespace,
          redis: { url: upstash.redisUrl, token: upstash.redisToken },
        }),
        historyStore: createUpstashRedisStore({
          url: upstash.redisUrl,
          token: upstash.redisToken,
          keyPrefix: `${upstash.namespace}:`,
        }),
      })
    : new Memory();
  const added = await memory.add(
    [
      { role: 'user', content: "I'm Alice, I live in Paris and I love sushi." },
      { role: 'assistant', content: 'Nice to meet you, Alice!' },
    ],
    { userId: 'alice' },
  );
  const updated = await memory.add('I moved to Berlin!', { userId: 'alice' });
  const found = await memory.search('Where does she live?', { userId: 'alice', limit: 3 });
  const all = await memory.getAll({ userId: 'alice' });
  const moved = updated.results.find((event) => event.event === 'UPDATE');
  const history = moved?.id ? await memory.history(moved.id) : [];
  const report: ScenarioReport = {
    runtime: { process: typeof globalThis.process, buffer: typeof (globalThis as { Buffer?: unknown }).Buffer },
    offline: (await memory.describe()).offline,
    added: added.results.map((event) => `${event.event} ${event.memory}`),
    updated: updated.results.map((event) => `${event.event} ${event.memory}`),
    found: found.results.map((hit) => hit.memory),
    all: all.results.map((record) => record.memory).sort(),
    history: history.map((entry) => `${entry.event} ${entry.newMemory ?? ''}`.trim()),
  };
  if (upstash) {
    // A backend chosen by name cannot be imported in a bundle: a typed error that says what to import instead.
    try {
      await new Memory({ vectorStore: { provider: 'upstash', config: {} } }).describe();
    } catch (error) {
      if (ConfigurationError.isInstance(error)) report.byName = { code: error.code, message: error.message };
      else throw error;
    }
  }
  return report;
}
