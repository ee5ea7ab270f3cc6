/**
 * A LlamaIndex chat engine that remembers the user across conversations, with memzero's offline default (no keys,
 * no servers). Run: `pnpm --filter @memzero/core build && npx tsx examples/simple-chat-engine.ts`.
 * Swap `MockLLM` for a real LlamaIndex LLM (e.g. `@llamaindex/openai`) in an application.
 */
import { SimpleChatEngine } from '@llamaindex/core/chat-engine';
import { MockLLM } from '@llamaindex/core/llms/mock';
import { createMemory } from '@llamaindex/core/memory';
import { Memory } from '@memzero/core';
// In an application: import { Mem0ChatStore, mem0MemoryBlock } from '@memzero/llamaindex';
import { Mem0ChatStore, mem0MemoryBlock } from '../src/index.js';

const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
const llm = new MockLLM({ timeBetweenToken: 0, responseMessage: '(a model answer)' });

async function converse(userId: string, message: string): Promise<void> {
  const block = mem0MemoryBlock({ memory, userId, storeOnPut: false });
  const chatMemory = createMemory({ memoryBlocks: [block] });
  const engine = new SimpleChatEngine({ llm, memory: chatMemory });
  const sent = await chatMemory.getLLM(llm, [{ role: 'user', content: message }]);
  await engine.chat({ message });
  // Store this turn now rather than when LlamaIndex's short-term memory overflows.
  await block.storeLatestTurn(await chatMemory.get());
  console.log(`${userId}: ${message}`);
  console.log('  the model sees:', sent.map((entry) => `[${entry.role}] ${String(entry.content)}`).join('\n  '));
}

await converse('alice', 'I live in Berlin and I love jazz.');
await converse('alice', 'Any concert tips for the weekend?');

// The chat store keeps raw chat histories in the same engine (Upstash Redis in production).
const chatStore = new Mem0ChatStore({ memory, sessionPrefix: 'llamaindex:' });
chatStore.addMessage('alice-1', { role: 'user', content: 'hello' });
chatStore.addMessage('alice-1', { role: 'assistant', content: 'hi!' });
console.log('chat store:', await chatStore.getMessages('alice-1'));

await memory.close();
