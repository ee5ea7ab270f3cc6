/**
 * A LangChain agent that remembers users across threads, fully offline: memzero's embedded default (rule-based
 * extraction, lexical embeddings, in-process stores) and LangChain's scripted fake model.
 *
 * Run: `node examples/agent-with-memory.ts` after building @memzero/core and this package (`pnpm build`).
 */
import { Memory } from '@memzero/core';
import { mem0Middleware, Mem0Retriever } from '@memzero/langchain';
import { AIMessage, createAgent, fakeModel } from 'langchain';

const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
const model = fakeModel().respond(new AIMessage('Got it!')).respond(new AIMessage('You live in Berlin.'));
const agent = createAgent({
  model,
  systemPrompt: 'You are a helpful assistant.',
  middleware: [mem0Middleware({ memory })],
});

await agent.invoke({ messages: [{ role: 'user', content: 'I live in Berlin' }] }, { context: { userId: 'alice' } });
await agent.invoke({ messages: [{ role: 'user', content: 'Where do I live?' }] }, { context: { userId: 'alice' } });

console.log('System message of the second call:\n', model.calls[1]?.messages[0]?.text);
const documents = await new Mem0Retriever({ memory, userId: 'alice' }).invoke('where does alice live');
console.log(
  'Retrieved:',
  documents.map((document) => [document.pageContent, document.metadata.score]),
);
