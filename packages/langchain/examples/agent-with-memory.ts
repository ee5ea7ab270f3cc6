/**
 * A LangChain agent that remembers users across threads, fully offline: memzero's embedded default (rule-based
 * extraction, lexical embeddings, in-process stores) and LangChain's scripted fake model.
 * Run: `pnpm build && pnpm --filter @memzero/langchain example`. The README shows this file as it runs.
 */
import { Memory } from '@memzero/core';
import { Mem0Retriever, mem0Middleware } from '@memzero/langchain';
import { AIMessage, createAgent, fakeModel } from 'langchain';

const memory = new Memory(); // offline default; with OPENAI_API_KEY set it extracts and embeds with OpenAI
const middleware = mem0Middleware({ memory });
// A stand-in for 'openai:gpt-4.1-mini' that answers from a script.
const model = fakeModel().respond(new AIMessage('Got it!')).respond(new AIMessage('You live in Berlin.'));
const agent = createAgent({ model, systemPrompt: 'You are a helpful assistant.', middleware: [middleware] });

const context = { userId: 'alice' }; // whose memories: set per run, never by the model
await agent.invoke({ messages: [{ role: 'user', content: 'I live in Berlin and I love jazz.' }] }, { context });
await middleware.flush(); // storage runs in the background; wait for it before the next turn

// A new thread: the agent has no history, only memzero's memories.
await agent.invoke({ messages: [{ role: 'user', content: 'Any jazz concerts near where I live?' }] }, { context });
console.log('the model was told:\n' + model.calls[1]?.messages[0]?.text);

const documents = await new Mem0Retriever({ memory, userId: 'alice' }).invoke('where does alice live');
console.log('retriever:', documents.map((document) => document.pageContent).join(', '));
