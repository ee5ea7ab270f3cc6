/**
 * A Mastra agent that remembers each user across threads, with memzero's offline default (no keys, no servers).
 * Run: `pnpm --filter @memzero/core build && npx tsx examples/agent.ts`.
 * In an application, use a real model (e.g. `openai('gpt-4.1-mini')`) instead of the mock below.
 */
import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import { InMemoryStore } from '@mastra/core/storage';
import { Memory } from '@memzero/core';
import { MockLanguageModelV4 } from 'ai/test';
// In an application: import { Mem0Memory } from '@memzero/mastra/memory';
import { Mem0Memory } from '../src/memory.js';

const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });

// A stand-in model that answers with the memories it was given, to show what the agent sees.
const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};
const model = new MockLanguageModelV4({
  doGenerate: async ({ prompt }) => {
    const system = prompt.flatMap((message) => (message.role === 'system' ? [message.content] : [])).join('\n');
    const memories = system.match(/<memzero-memories>[\s\S]*<\/memzero-memories>/)?.[0] ?? '(no memories)';
    return {
      content: [{ type: 'text', text: `What I remember:\n${memories}` }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage,
      warnings: [],
    };
  },
});

const agent = new Agent({
  id: 'concierge',
  name: 'concierge',
  instructions: 'You are a helpful concierge.',
  model: model as unknown as MastraModelConfig, // type skew between ai@7 and Mastra's pinned provider types only
  // Mastra's thread memory (any Mastra storage, e.g. UpstashStore) plus memzero's facts, processors and tools.
  memory: new Mem0Memory({ storage: new InMemoryStore(), mem0: { memory } }),
});

await agent.generate('I live in Berlin and I love jazz.', { memory: { thread: 'monday', resource: 'alice' } });
const answer = await agent.generate('Any concert tips?', { memory: { thread: 'friday', resource: 'alice' } });
console.log('alice, new thread:\n' + answer.text);
const stranger = await agent.generate('Any concert tips?', { memory: { thread: 'other', resource: 'bob' } });
console.log('bob:\n' + stranger.text);

await memory.close();
