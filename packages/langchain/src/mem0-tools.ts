import { type StructuredToolInterface, tool } from '@langchain/core/tools';
import type { FilterInput, Memory, Scope } from '@memzero/core';
import {
  checkAdapterOptions,
  defaultRecallLimit,
  defaultRecallThreshold,
  NotFoundError,
  resolveScope,
} from '@memzero/core';
import { z } from 'zod';

/**
 * Options of {@link mem0Tools}. Scope fields set here are fixed; the ones left open come from the run's runtime
 * context (`createAgent` `context`), then from `configurable`. The model never chooses the scope.
 */
export interface Mem0ToolsOptions extends Scope {
  /** The memzero engine. */
  memory: Memory;
  /** Most memories the search tool returns (the model may ask for fewer). @default 5 */
  limit?: number;
  /** Minimum relevance score of a returned memory, in [0, 1]. @default 0.1 (core's `defaultRecallThreshold`) */
  threshold?: number;
  /** Mem0 filter DSL applied to every search, inside the scope. @default undefined */
  filters?: FilterInput;
  /** Metadata stored with memories the add tool writes. @default undefined */
  metadata?: Record<string, unknown>;
}

/** The memory tools, by name. Pass `Object.values(tools)` to `createAgent({ tools })`. */
export interface Mem0Tools {
  searchMemories: StructuredToolInterface;
  addMemory: StructuredToolInterface;
  updateMemory: StructuredToolInterface;
  deleteMemory: StructuredToolInterface;
}

interface RuntimeLike {
  context?: unknown;
  configurable?: unknown;
}

/**
 * LangChain tools that let a model search, add, update and delete the memories of the current scope. Results are
 * JSON strings for the model. Update and delete are scoped, so a model cannot touch another user's memory by id.
 */
export function mem0Tools(options: Mem0ToolsOptions): Mem0Tools {
  checkAdapterOptions('mem0Tools', options, {
    methods: ['search', 'add', 'update', 'delete', 'get'],
    example: 'mem0Tools({ memory: new Memory() })',
  });
  const { memory } = options;
  const scopeOf = (runtime: unknown, name: string): Scope => {
    const { context, configurable } = (runtime ?? {}) as RuntimeLike;
    return resolveScope(name, [options, context, configurable]);
  };

  const searchMemories = tool(
    async ({ query, limit }, runtime) => {
      const { results } = await memory.search(query, {
        ...scopeOf(runtime, 'search_memories'),
        limit: Math.min(limit ?? options.limit ?? defaultRecallLimit, options.limit ?? defaultRecallLimit),
        threshold: options.threshold ?? defaultRecallThreshold,
        filters: options.filters,
      });
      return JSON.stringify(results.map((hit) => ({ id: hit.id, memory: hit.memory, score: hit.score })));
    },
    {
      name: 'search_memories',
      description: 'Search long-term memories about the user. Returns the most relevant memories with their ids.',
      schema: z.object({
        query: z.string().min(1).describe('What to look for, in natural language.'),
        limit: z.number().int().min(1).max(50).optional().describe('How many memories to return.'),
      }),
    },
  );

  const addMemory = tool(
    async ({ text }, runtime) => {
      const result = await memory.add([{ role: 'user', content: text }], {
        ...scopeOf(runtime, 'add_memory'),
        metadata: options.metadata,
      });
      return JSON.stringify(
        result.results.map((event) => ({ event: event.event, id: event.id, memory: event.memory })),
      );
    },
    {
      name: 'add_memory',
      description:
        'Remember something about the user for later conversations. Facts are extracted, deduplicated and merged ' +
        'with what is already known.',
      schema: z.object({ text: z.string().min(1).describe('What to remember, as a short statement.') }),
    },
  );

  const updateMemory = tool(
    async ({ id, text }, runtime) => {
      try {
        const record = await memory.update(id, text, scopeOf(runtime, 'update_memory'));
        return JSON.stringify({ id: record.id, memory: record.memory });
      } catch (error) {
        if (NotFoundError.isInstance(error) && error.code === 'not_found') return notFound;
        throw error;
      }
    },
    {
      name: 'update_memory',
      description: 'Replace the text of a memory, by the id search_memories returned.',
      schema: z.object({
        id: z.string().min(1).describe('The memory id.'),
        text: z.string().min(1).describe('The new text of the memory.'),
      }),
    },
  );

  const deleteMemory = tool(
    async ({ id }, runtime) => {
      const scope = scopeOf(runtime, 'delete_memory');
      if ((await memory.get(id, scope)) === null) return notFound;
      const { deleted } = await memory.delete(id, scope);
      return JSON.stringify({ deleted });
    },
    {
      name: 'delete_memory',
      description: 'Forget a memory, by the id search_memories returned.',
      schema: z.object({ id: z.string().min(1).describe('The memory id.') }),
    },
  );

  return { searchMemories, addMemory, updateMemory, deleteMemory };
}

const notFound = JSON.stringify({ error: 'No memory with this id for the current user. Search first to get ids.' });
