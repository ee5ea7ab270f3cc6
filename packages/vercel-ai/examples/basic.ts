/**
 * withMem0 end to end, offline: the real memzero engine on its embedded default (rule-based extraction, lexical
 * embedder, in-process stores) and a stand-in model from `ai/test` that answers with the memories it was given.
 * Run: `pnpm build && pnpm --filter @memzero/vercel-ai example`. The README shows this file as it runs.
 */
import { Memory } from '@memzero/core';
import { withMem0 } from '@memzero/vercel-ai';
import { generateText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';

// A stand-in for `openai('gpt-4.1-mini')`: it replies with the memory lines of its system prompt.
const standIn = new MockLanguageModelV4({
  doGenerate: async ({ prompt }) => {
    const system = prompt.find((message) => message.role === 'system');
    const known = system?.role === 'system' ? system.content.split('\n').filter((line) => line.startsWith('- ')) : [];
    return {
      content: [{ type: 'text', text: known.length > 0 ? `I remember:\n${known.join('\n')}` : 'Nice to meet you!' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: 0, text: 0, reasoning: 0 },
      },
      warnings: [],
    };
  },
});

const memory = new Memory(); // offline default; with OPENAI_API_KEY set it extracts and embeds with OpenAI
const model = withMem0(standIn, { memory, userId: 'alice' });

const first = await generateText({ model, prompt: 'Hi! I live in Berlin and I am vegetarian.' });
console.log('turn 1 >', first.text);
await model.flush(); // storage runs in the background; wait for it before the next turn (serverless: waitUntil)

const second = await generateText({ model, prompt: 'Any vegetarian restaurants near where I live?' });
console.log('turn 2 >', second.text);
