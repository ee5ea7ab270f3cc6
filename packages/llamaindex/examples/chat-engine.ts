/**
 * A LlamaIndex chat engine that remembers the user across conversations, with memzero's offline default (no keys,
 * no servers) and LlamaIndex's MockLLM standing in for a real model.
 * Run: `pnpm build && pnpm --filter @memzero/llamaindex example`. The README shows this file as it runs.
 */
import { SimpleChatEngine } from '@llamaindex/core/chat-engine';
import { MockLLM } from '@llamaindex/core/llms/mock';
import { Memory } from '@memzero/core';
import { Mem0Memory } from '@memzero/llamaindex';

const memory = new Memory(); // offline default; with OPENAI_API_KEY set it extracts and embeds with OpenAI
const llm = new MockLLM({ timeBetweenToken: 0, responseMessage: 'Noted!' }); // e.g. new OpenAI({ model: 'gpt-4.1-mini' })

async function chat(userId: string, message: string): Promise<void> {
  // One LlamaIndex memory per conversation: short-term messages, plus memzero's memories of this user.
  const chatMemory = new Mem0Memory({ memory, userId });
  const sent = await chatMemory.getLLM(llm, [{ role: 'user', content: message }]); // what the model will see
  await new SimpleChatEngine({ llm, memory: chatMemory }).chat({ message });
  await chatMemory.flush(); // each turn is stored in the background; wait for it before the next conversation
  console.log(`${userId}: ${message}`);
  for (const entry of sent) console.log(`  [${entry.role}] ${String(entry.content).replaceAll('\n', '\n  ')}`);
}

await chat('alice', 'I live in Berlin and I love jazz.');
await chat('alice', 'Any jazz concerts near where I live?'); // a new conversation: memzero remembers
await chat('bob', 'Any jazz concerts near where I live?'); // another user: nothing to remember
