import { createTool, type ToolExecutionContext } from '@mastra/core/tools';
import type { Memory, Scope } from '@memzero/core';
import { checkAdapterOptions, defaultRecallLimit, defaultRecallThreshold, MissingScopeError } from '@memzero/core';
import { z } from 'zod';
import { type Mem0ScopeOptions, readMastraContext, resolveScope } from './resolve-scope.js';

export interface Mem0ToolsOptions extends Mem0ScopeOptions {
  /** The memzero engine (`new Memory()` from `@memzero/core`). */
  memory: Pick<Memory, 'search' | 'add' | 'update' | 'delete'>;
  /** Most memories `searchMemories` returns (the model may ask for fewer). @default 5 */
  limit?: number;
  /** Minimum relevance score of a returned memory, in [0, 1]. @default 0.1 (core's `defaultRecallThreshold`) */
  threshold?: number;
}

/** The tools `mem0Tools` returns, keyed by tool id (a type literal, so it fits Mastra's `tools` record). */
export type Mem0Tools = {
  searchMemories: ReturnType<typeof searchMemoriesTool>;
  addMemory: ReturnType<typeof addMemoryTool>;
  updateMemory: ReturnType<typeof updateMemoryTool>;
  deleteMemory: ReturnType<typeof deleteMemoryTool>;
};

/**
 * Memory tools for a Mastra agent: `searchMemories`, `addMemory`, `updateMemory`, `deleteMemory`. Every call is
 * scoped to the agent's resource (and thread, with `scope: 'thread'`), so the model can only read and change the
 * memories of the user it is talking to; a call without a resource fails with `MissingScopeError`.
 */
export function mem0Tools(options: Mem0ToolsOptions): Mem0Tools {
  checkAdapterOptions('mem0Tools', options, {
    methods: ['search', 'add', 'update', 'delete'],
    example: 'mem0Tools({ memory: new Memory() })',
  });
  return {
    searchMemories: searchMemoriesTool(options),
    addMemory: addMemoryTool(options),
    updateMemory: updateMemoryTool(options),
    deleteMemory: deleteMemoryTool(options),
  };
}

function searchMemoriesTool(options: Mem0ToolsOptions) {
  return createTool({
    id: 'searchMemories',
    description: 'Search long-term memories about the user (preferences, facts, plans) relevant to a query.',
    inputSchema: z.object({
      query: z.string().min(1).describe('What to look for, in natural language.'),
      limit: z.number().int().min(1).max(50).optional().describe('How many memories to return.'),
    }),
    outputSchema: z.object({
      memories: z.array(z.object({ id: z.string(), memory: z.string(), score: z.number() })),
    }),
    execute: async (input, context) => {
      const { scope } = scopeOf('searchMemories', context, options);
      const cap = options.limit ?? defaultRecallLimit;
      const limit = Math.min(input.limit ?? cap, cap);
      const threshold = options.threshold ?? defaultRecallThreshold;
      const { results } = await options.memory.search(input.query, { ...scope, limit, threshold });
      return { memories: results.map((hit) => ({ id: hit.id, memory: hit.memory, score: hit.score })) };
    },
  });
}

function addMemoryTool(options: Mem0ToolsOptions) {
  return createTool({
    id: 'addMemory',
    description: 'Remember something about the user for future conversations. Facts are deduplicated and merged.',
    inputSchema: z.object({ text: z.string().min(1).describe('What to remember, as the user would say it.') }),
    outputSchema: z.object({
      events: z.array(
        z.object({ event: z.enum(['ADD', 'UPDATE', 'DELETE', 'NONE']), id: z.string().nullable(), memory: z.string() }),
      ),
    }),
    execute: async (input, context) => {
      const { scope, threadId } = scopeOf('addMemory', context, options);
      const metadata = threadId === undefined ? {} : { metadata: { threadId } };
      const { results } = await options.memory.add(input.text, { ...scope, ...metadata });
      return { events: results.map((event) => ({ event: event.event, id: event.id ?? null, memory: event.memory })) };
    },
  });
}

function updateMemoryTool(options: Mem0ToolsOptions) {
  return createTool({
    id: 'updateMemory',
    description: 'Replace the text of one memory, by the id that searchMemories returned.',
    inputSchema: z.object({ id: z.string().min(1), text: z.string().min(1) }),
    outputSchema: z.object({ id: z.string(), memory: z.string() }),
    execute: async (input, context) => {
      const { scope } = scopeOf('updateMemory', context, options);
      const record = await options.memory.update(input.id, input.text, scope);
      return { id: record.id, memory: record.memory };
    },
  });
}

function deleteMemoryTool(options: Mem0ToolsOptions) {
  return createTool({
    id: 'deleteMemory',
    description: 'Forget one memory, by the id that searchMemories returned.',
    inputSchema: z.object({ id: z.string().min(1) }),
    outputSchema: z.object({ deleted: z.array(z.string()) }),
    execute: async (input, context) => {
      const { scope } = scopeOf('deleteMemory', context, options);
      const { deleted } = await options.memory.delete(input.id, scope);
      return { deleted };
    },
  });
}

/** The scope of a tool call, from the agent's resource and thread; throws when there is none. */
function scopeOf(
  operation: string,
  context: ToolExecutionContext,
  options: Mem0ScopeOptions,
): { scope: Scope; threadId?: string } {
  const run = readMastraContext(context.requestContext, {
    resourceId: context.agent?.resourceId,
    threadId: context.agent?.threadId,
  });
  const scope = resolveScope(run, options);
  if (scope === undefined) throw new MissingScopeError(`${operation} (call the agent with memory: { resource })`);
  return run.threadId === undefined ? { scope } : { scope, threadId: run.threadId };
}
