import type { BaseMessage } from '@langchain/core/messages';
import { SystemMessage } from '@langchain/core/messages';
import type { Memory, RecallOptions, Scope, StorageOptions } from '@memzero/core';
import {
  BackgroundWrites,
  checkAdapterOptions,
  conversationOption,
  hasMemoryBlock,
  injectMemoryBlock,
  recallMemories,
  resolveScope,
  stripMemoryBlock,
  turnMessages,
} from '@memzero/core';
import { createMiddleware } from 'langchain';
import { z } from 'zod';

/**
 * Options of {@link mem0Middleware}, in the vocabulary all memzero adapters share (`RecallOptions`,
 * `StorageOptions`). Scope fields set here are fixed; the ones left open come from the agent's runtime context
 * (`agent.invoke(input, { context: { userId } })`), then from `configurable`.
 */
export interface Mem0MiddlewareOptions extends Scope, RecallOptions, StorageOptions {
  /** The memzero engine. */
  memory: Pick<Memory, 'search' | 'add'>;
  /** Name of the middleware in the agent. @default 'Mem0Memory' */
  name?: string;
}

/** The agent middleware, plus access to its background storage. */
export type Mem0Middleware = MiddlewareOf & {
  /** Resolves when every turn stored so far has been written (or has failed and been reported). */
  flush(): Promise<void>;
  /** How many turns are still being stored. */
  pending(): number;
};

/**
 * The runtime context fields the middleware reads. Declared because the agent hands each middleware only the
 * context its schema describes (`afterAgent` would otherwise see `{}`).
 */
// The values are checked by core's `resolveScope` (a typed `ValidationError`), not by zod (a raw `ZodError`).
const scopeContextSchema = z.object({
  userId: z.unknown().optional(),
  agentId: z.unknown().optional(),
  runId: z.unknown().optional(),
  appId: z.unknown().optional(),
  user_id: z.unknown().optional(),
  agent_id: z.unknown().optional(),
  run_id: z.unknown().optional(),
  app_id: z.unknown().optional(),
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
 *   search runs once per human message). A failed search is reported and the model answers without memories;
 * - after the agent finishes, stores the turn (the latest human message and the final AI answer) in the
 *   background, with the LangGraph `thread_id` as the conversation (`conversationId`: turns of one thread share
 *   neighbour context across calls; the scope is unchanged). Storage never delays or fails the answer
 *   (`awaitStorage: true` waits instead; `flush()` waits for background writes).
 *
 * Throws `ConfigurationError` at once when `memory` is missing, and `ValidationError` for invalid options.
 */
export function mem0Middleware(options: Mem0MiddlewareOptions): Mem0Middleware {
  checkAdapterOptions('mem0Middleware', options, {
    methods: ['search', 'add'],
    example: 'mem0Middleware({ memory: new Memory() })',
  });
  const { memory } = options;
  const writes = new BackgroundWrites('@memzero/langchain', options);
  const blocks = new WeakMap<BaseMessage, Map<string, Promise<string>>>();

  async function memoryBlock(query: BaseMessage, scope: Scope, signal: AbortSignal | undefined): Promise<string> {
    const cacheKey = JSON.stringify(scope);
    let byScope = blocks.get(query);
    const cached = byScope?.get(cacheKey);
    if (cached) return cached;
    const pending = recallMemories(memory, query.text, scope, options, signal).then(({ block }) => block);
    if (!byScope) {
      byScope = new Map();
      blocks.set(query, byScope);
    }
    byScope.set(cacheKey, pending);
    pending.catch(() => byScope?.delete(cacheKey));
    return pending;
  }

  const middleware = createMiddleware({
    name: options.name ?? 'Mem0Memory',
    contextSchema: scopeContextSchema,
    wrapModelCall: async (request, handler) => {
      if (options.retrieve === false) return handler(request);
      const query = latestHumanMessage(request.messages);
      if (!query || query.text.trim().length === 0) return handler(request);
      const runtime = request.runtime as RuntimeLike;
      const scope = resolveScope('mem0Middleware', [options, runtime.context, runtime.configurable]);
      let block: string;
      try {
        block = await memoryBlock(query, scope, runtime.signal);
      } catch (error) {
        if (runtime.signal?.aborted === true) throw error;
        writes.report(error, 'retrieve', scope);
        return handler(request);
      }
      if (block.length === 0) return handler(request);
      return handler({ ...request, systemMessage: withMemoryBlock(request.systemMessage, block) });
    },
    afterAgent: async (state, runtime) => {
      const messages = (state as { messages: BaseMessage[] }).messages;
      const human = latestHumanMessage(messages);
      if (!human) return undefined;
      const turn = turnMessages([human.text], latestAnswerText(messages, human), options.store ?? 'turn');
      if (turn.length === 0) return undefined;
      const { context, configurable, signal } = runtime as RuntimeLike;
      const scope = resolveScope('mem0Middleware', [options, context, configurable]);
      await writes.store(scope, () =>
        memory.add(turn, {
          ...scope,
          ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
          ...(options.infer === undefined ? {} : { infer: options.infer }),
          // The LangGraph thread is the conversation (neighbour context across turns), never the scope.
          ...conversationOption((configurable as { thread_id?: unknown } | undefined)?.thread_id),
          // A background write outlives the run, so the run's abort signal only applies when the run waits for it.
          ...(options.awaitStorage === true && signal !== undefined ? { signal } : {}),
        }),
      );
      return undefined;
    },
  });
  return Object.assign(middleware, { flush: () => writes.flush(), pending: () => writes.pending() });
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
