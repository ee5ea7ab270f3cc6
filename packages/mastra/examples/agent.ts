/**
 * A Mastra agent that remembers each user across threads, with memzero's offline default (no keys, no servers) and a
 * stand-in model from `ai/test` that answers with the memories it was given.
 * Run: `pnpm build && pnpm --filter @memzero/mastra example`. The README shows this file as it runs.
 */
import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import { InMemoryStore } from '@mastra/core/storage';
import { Memory } from '@memzero/core';
import { Mem0Memory } from '@memzero/mastra/memory';
import { MockLanguageModelV4 } from 'ai/test';

const memory = new Memory(); // offline default; with OPENAI_API_KEY set it extracts and embeds with OpenAI

// A stand-in for 'openai/gpt-4.1-mini': it replies with the memory lines of its system prompt.
const model = new MockLanguageModelV4({
  doGenerate: async ({ prompt }) => {
    const system = prompt.flatMap((message) => (message.role === 'system' ? [message.content] : [])).join('\n');
    const known = system.split('\n').filter((line) => line.startsWith('- '));
    return {
      content: [{ type: 'text', text: known.length > 0 ? `I remember:\n${known.join('\n')}` : 'Nice to meet you!' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 1, text: 1, reasoning: undefined },
      },
      warnings: [],
    };
  },
});

// Mastra's thread memory (any Mastra storage, e.g. UpstashStore) plus memzero's facts, processors and tools.
const threads = new Mem0Memory({ storage: new InMemoryStore(), mem0: { memory } });
const agent = new Agent({
  id: 'concierge',
  name: 'concierge',
  instructions: 'You are a helpful concierge.',
  model: model as unknown as MastraModelConfig, // type skew between ai@7 and Mastra's pinned provider types only
  memory: threads,
});

const first = await agent.generate('I live in Berlin and I love jazz.', {
  memory: { thread: 'mon', resource: 'alice' },
});
console.log('alice, thread 1 >', first.text);
await threads.flush(); // storage runs in the background; wait for it before the next turn

const second = await agent.generate('Any jazz concerts near where I live?', {
  memory: { thread: 'fri', resource: 'alice' },
});
console.log('alice, thread 2 >', second.text);
const stranger = await agent.generate('Any jazz concerts near where I live?', {
  memory: { thread: 'sat', resource: 'bob' },
});
console.log('bob >', stranger.text);
