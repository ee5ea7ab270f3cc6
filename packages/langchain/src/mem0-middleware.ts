import type { BaseMessage } from '@langchain/core/messages';
import { SystemMessage } from '@langchain/core/messages';
import type { FilterInput, Memory, Scope } from '@memzero/core';
import { hasMemoryBlock, injectMemoryBlock, renderMemoryBlock, resolveScope, stripMemoryBlock } from '@memzero/core';
import { createMiddleware } from 'langchain';
import { z } from 'zod';

/**
 * Options of {@link createMem0Middleware}. Scope fields set here are fixed; the ones left open come from the agent's
 * runtime context (`agent.invoke(input, { context: { userId } })`), then from `configurable`.
 */
export interface Mem0MiddlewareOptions extends Scope {
  /** The memzero engine. */
  memory: Memory;
  /** How many memories to inject. @default 5 */
  limit?: number;
  /** Minimum relevance score of an injected memory, in [0, 1]. @default 0 */
  threshold?: number;
  /** Mem0 filter DSL applied to the search, inside the scope. @default undefined */
  filters?: FilterInput;
  /** Store the user's message and the final answer once the agent finishes. @default true */
  storeTurns?: boolean;
  /** Metadata stored with the memories extracted from a turn. @default undefined */
  metadata?: Record<string, unknown>;
  /** Heading line of the injected block. @default core's renderMemoryBlock heading */
  heading?: string;
  /** Cap on the injected block's size. @default 2000 */
  maxCharacters?: number;
  /** Name of the middleware in the agent. @default 'Mem0Memory' */
  name?: string;
}

/**
 * The runtime context fields the middleware reads. Declared because the agent hands each middleware only the
 * context its schema describes (`afterAgent` would otherwise see `{}`).
 */
const scopeContextSchema = z.object({
  userId: z.string().optional(),
  agentId: z.string().optional(),
  runId: z.string().optional(),
  appId: z.string().optional(),
  user_id: z.string().optional(),
  agent_id: z.string().optional(),
  run_id: z.string().optional(),
  app_id: z.string().optional(),
});

type MiddlewareOf = ReturnType<typeof createMiddleware<undefined, typeof scopeContextSchema>>;

interface RuntimeLike {
  context?: unknown;
  configurable?: unknown;
  signal?: AbortSignal;
}

/** The text of the latest human message, or `undefined` when there is none. */
function latestHumanMessage(messages: readonly BaseMessage[]): BaseMessage | undefined {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message?.type === 'human') return message;
  }
  return undefined;
}

/**
 * The text of the last AI message after `human` that has text. AI messages that only call tools (empty content)
 * and tool results are skipped, so a turn that ends on a tool (`returnDirect`) still stores what the user said.
 */
function latestAnswerText(messages: readonly BaseMessage[], human: BaseMessage): string {
  for (let index = messages.length - 1; index >= 0 && messages[index] !== human; index -= 1) {
    const message = messages[index];
    if (message?.type === 'ai' && message.text.trim().length > 0) return message.text.trim();
  }
  return '';
}

/**
 * Agent middleware for LangChain's `createAgent`:
 * - before every model call, searches memories with the latest human message as the query and puts them in the
 *   system message as core's marked memory block (replacing, never stacking, across the calls of a tool loop; the
 *   search runs once per human message);
 * - after the agent finishes, stores the turn (the latest human message and the final AI answer) with `add`.
 */
export function createMem0Middleware(options: Mem0MiddlewareOptions): MiddlewareOf {
  const { memory } = options;
  const blocks = new WeakMap<BaseMessage, Map<string, Promise<string>>>();

  async function memoryBlock(query: BaseMessage, scope: Scope, signal: AbortSignal | undefined): Promise<string> {
    const cacheKey = JSON.stringify(scope);
    let byScope = blocks.get(query);
    const cached = byScope?.get(cacheKey);
    if (cached) return cached;
    const pending = memory
      .search(query.text, {
        ...scope,
        limit: options.limit ?? 5,
        threshold: options.threshold,
        filters: options.filters,
        signal,
      })
      .then((result) =>
        renderMemoryBlock(result.results, { heading: options.heading, maxCharacters: options.maxCharacters }),
      );
    if (!byScope) {
      byScope = new Map();
      blocks.set(query, byScope);
    }
    byScope.set(cacheKey, pending);
    pending.catch(() => byScope?.delete(cacheKey));
    return pending;
  }

  return createMiddleware({
    name: options.name ?? 'Mem0Memory',
    contextSchema: scopeContextSchema,
    wrapModelCall: async (request, handler) => {
      const query = latestHumanMessage(request.messages);
      if (!query || query.text.trim().length === 0) return handler(request);
      const runtime = request.runtime as RuntimeLike;
      const scope = resolveScope('createMem0Middleware', [options, runtime.context, runtime.configurable]);
      const block = await memoryBlock(query, scope, runtime.signal);
      if (block.length === 0) return handler(request);
      return handler({ ...request, systemMessage: withMemoryBlock(request.systemMessage, block) });
    },
    afterAgent: async (state, runtime) => {
      if (options.storeTurns === false) return undefined;
      const messages = (state as { messages: BaseMessage[] }).messages;
      const human = latestHumanMessage(messages);
      if (!human) return undefined;
      const userText = human.text.trim();
      const answerText = latestAnswerText(messages, human);
      if (userText.length === 0) return undefined;
      const { context, configurable, signal } = runtime as RuntimeLike;
      const scope = resolveScope('createMem0Middleware', [options, context, configurable]);
      const turn: Array<{ role: 'user' | 'assistant'; content: string }> = [{ role: 'user', content: userText }];
      if (answerText.length > 0) turn.push({ role: 'assistant', content: answerText });
      await memory.add(turn, { ...scope, metadata: options.metadata, signal });
      return undefined;
    },
  });
}

/**
 * The system message with the memory block in place. String content goes through core's `injectMemoryBlock`;
 * content blocks (what `createAgent` builds from `systemPrompt`) keep every non-memory block, cache-control markers
 * included, and get the block as the last one.
 */
function withMemoryBlock(systemMessage: SystemMessage | undefined, block: string): SystemMessage {
  const content = systemMessage?.content ?? '';
  if (typeof content === 'string') return new SystemMessage(injectMemoryBlock(content, block));
  // The block is removed from the part that holds it (the part goes when nothing else is left in it), so a system
  // prompt that merely mentions the markers, or shares a part with the block, is kept intact.
  const kept = content.flatMap((part) => {
    if (part.type !== 'text' || typeof part.text !== 'string' || !hasMemoryBlock(part.text)) return [part];
    const text = stripMemoryBlock(part.text);
    return text.length > 0 ? [{ ...part, text }] : [];
  });
  if (block.length === 0) return new SystemMessage({ content: kept });
  // Providers that flatten text blocks join them without a separator: keep the block a paragraph of its own.
  const text = kept.length > 0 ? `\n\n${block}` : block;
  return new SystemMessage({ content: [...kept, { type: 'text', text }] });
}
