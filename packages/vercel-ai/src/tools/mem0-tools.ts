import type { MemoryEventType, ScopeKey } from '@memzero/core';
import { checkAdapterOptions, defaultRecallLimit, defaultRecallThreshold, resolveScope } from '@memzero/core';
import type { Tool, ToolExecutionOptions } from 'ai';
import { z } from 'zod';
import type { MemoryScopeOptions } from '../spec/scope-options.js';

/**
 * Per-call scope of the memory tools, passed by the AI SDK 7 tool context:
 * `generateText({ tools, toolsContext: mem0ToolsContext({ userId }) })`. It overrides the fixed scope field by field.
 */
export type MemoryToolContext = { [Key in ScopeKey]?: string };

/**
 * An executable AI SDK tool with an optional memory tool context (optional, so `toolsContext` is only needed when
 * the scope is not fixed).
 */
export type Mem0Tool<Input, Output> = Tool<Input, Output, MemoryToolContext | undefined> & {
  execute: (input: Input, options: ToolExecutionOptions<MemoryToolContext | undefined>) => Promise<Output>;
};

/** One memory as the tools return it to the model. */
export interface MemoryToolItem {
  id: string;
  memory: string;
}

/** The four memory tools; a `ToolSet`, so it can be spread into `tools`. */
export type Mem0Tools = {
  searchMemories: Mem0Tool<
    { query: string; limit?: number | undefined },
    { memories: Array<MemoryToolItem & { score: number }> }
  >;
  addMemory: Mem0Tool<{ memory: string }, { events: Array<{ event: MemoryEventType; id?: string; memory: string }> }>;
  updateMemory: Mem0Tool<{ id: string; memory: string }, MemoryToolItem>;
  deleteMemory: Mem0Tool<{ id: string }, { deleted: string[] }>;
};

export interface Mem0ToolsOptions extends MemoryScopeOptions {
  /** Most memories `searchMemories` returns (the model may ask for fewer). @default 5 */
  limit?: number;
  /** Minimum relevance score of a returned memory, in [0, 1]. @default 0.1 (core's `defaultRecallThreshold`) */
  threshold?: number;
  /** Passed to `memory.add` by `addMemory`; `false` stores the text verbatim. @default true */
  infer?: boolean;
}

const contextSchema = z
  .object({
    userId: z.string().optional(),
    agentId: z.string().optional(),
    runId: z.string().optional(),
    appId: z.string().optional(),
  })
  .optional();

/**
 * Memory tools for agents: `searchMemories`, `addMemory`, `updateMemory`, `deleteMemory`. The scope comes from the
 * options (fixed) and/or the tool context (per call), never from the model's input, so a model cannot read or
 * change another user's memories; update and delete only reach memories inside that scope. A call without any
 * scope fails with `MissingScopeError`, which the AI SDK reports to the model as a tool error.
 */
export function mem0Tools(options: Mem0ToolsOptions): Mem0Tools {
  checkAdapterOptions('mem0Tools', options, {
    methods: ['search', 'add', 'update', 'delete'],
    example: 'mem0Tools({ memory: new Memory() })',
  });
  const { memory } = options;
  const maxResults = options.limit ?? defaultRecallLimit;
  const scopeOf = (context: MemoryToolContext | undefined) =>
    resolveScope('mem0Tools (options or toolsContext)', [context, options]);

  // Plain tool objects rather than `tool()` (an identity helper): `tool()` requires an object context, which would make
  // `toolsContext` mandatory even when the scope is fixed.
  return {
    searchMemories: {
      contextSchema,
      description: 'Search long-term memory for facts about the user that help answer the current request.',
      inputSchema: z.object({
        query: z.string().min(1).describe('What to look for, in natural language.'),
        limit: z.number().int().min(1).max(50).optional().describe('How many memories to return.'),
      }),
      execute: async ({ query, limit }, { context, abortSignal }) => {
        const result = await memory.search(query, {
          ...scopeOf(context),
          limit: Math.min(limit ?? maxResults, maxResults),
          threshold: options.threshold ?? defaultRecallThreshold,
          ...(abortSignal === undefined ? {} : { signal: abortSignal }),
        });
        return { memories: result.results.map((hit) => ({ id: hit.id, memory: hit.memory, score: hit.score })) };
      },
    },
    addMemory: {
      contextSchema,
      description: 'Remember a new fact or preference about the user for future conversations.',
      inputSchema: z.object({ memory: z.string().min(1).describe('The fact to remember, as one sentence.') }),
      execute: async ({ memory: text }, { context, abortSignal }) => {
        const result = await memory.add([{ role: 'user', content: text }], {
          ...scopeOf(context),
          ...(options.infer === undefined ? {} : { infer: options.infer }),
          ...(abortSignal === undefined ? {} : { signal: abortSignal }),
        });
        return {
          events: result.results.map((event) => ({
            event: event.event,
            memory: event.memory,
            ...(event.id === undefined ? {} : { id: event.id }),
          })),
        };
      },
    },
    updateMemory: {
      contextSchema,
      description: 'Correct an existing memory. Use an id returned by searchMemories.',
      inputSchema: z.object({
        id: z.string().min(1).describe('The id of the memory to change.'),
        memory: z.string().min(1).describe('The corrected text.'),
      }),
      execute: async ({ id, memory: text }, { context }) => {
        const record = await memory.update(id, text, scopeOf(context));
        return { id: record.id, memory: record.memory };
      },
    },
    deleteMemory: {
      contextSchema,
      description: 'Forget a memory that is wrong or that the user asked to forget. Use an id from searchMemories.',
      inputSchema: z.object({ id: z.string().min(1).describe('The id of the memory to forget.') }),
      execute: async ({ id }, { context }) => memory.delete(id, scopeOf(context)),
    },
  };
}

/**
 * The `toolsContext` for {@link mem0Tools}: the same scope for each of the four tools (the AI SDK keys tool context by
 * tool name). Spread it into a larger `toolsContext` when other tools need context too.
 */
export function mem0ToolsContext(scope: MemoryToolContext): Record<keyof Mem0Tools, MemoryToolContext> {
  return { searchMemories: scope, addMemory: scope, updateMemory: scope, deleteMemory: scope };
}
