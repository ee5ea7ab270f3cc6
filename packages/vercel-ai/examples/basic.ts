/**
 * withMem0 end to end, offline: the real memzero engine on its embedded default (rule-based extraction, lexical
 * embedder, in-process stores) and a stand-in model from `ai/test` that answers from the memories it is given.
 * Swap the stand-in for a real model, e.g. `openai('gpt-4.1-mini')`, and nothing else changes.
 *
 * Run: pnpm --filter @memzero/vercel-ai example
 */
import type { LanguageModelV4CallOptions, LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { Memory } from '@memzero/core';
import { generateText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { withMem0 } from '../src/index.js';

/** Replies with the memory lines of its system prompt, to show what the model was given. */
function standInModel(): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    doGenerate: async (options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> => {
      const system = options.prompt.find((message) => message.role === 'system');
      const known = system?.role === 'system' ? system.content.split('\n').filter((line) => line.startsWith('- ')) : [];
      const text = known.length > 0 ? `From memory:\n${known.join('\n')}` : 'Nice to meet you!';
      return {
        content: [{ type: 'text', text }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: 0, text: 0, reasoning: 0 },
        },
        warnings: [],
      };
    },
  });
}

const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
const model = withMem0(standInModel(), { memory, userId: 'alice' });

const first = await generateText({ model, prompt: 'Hi! I live in Berlin and I am vegetarian.' });
console.log('conversation 1 >', first.text);
await model.flush(); // storing runs in the background; serverless handlers pass `waitUntil` instead

const second = await generateText({ model, prompt: 'What should I cook tonight in my city, given my diet?' });
console.log('conversation 2 >', second.text);
console.log('memories used  >', JSON.stringify(second.providerMetadata?.memzero));

await memory.close();
